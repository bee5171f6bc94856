"""Running the app with uvicorn: in the foreground for `kg serve`, in a thread for tests and benchmarks."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from kg.errors import UsageError
from kg.services import web as web_services
from kg.web.app import LOOPBACK, create_app
from kg.store import Location
from kg.web.protocol import Limits


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(host: str, port: int, store: Location | None, limits: Limits, workers_log: bool = True,
                texts: Path | None = None) -> uvicorn.Server:
    """A uvicorn server for the app over the (prepared) store; the host header is checked on loopback."""
    root = web_services.prepare(store)
    # Host names are checked on IPv4 loopback (Starlette's check cannot read an IPv6 Host header).
    guard = LOOPBACK if is_loopback(host) and ":" not in host else None
    app = create_app(root, limits, allowed_hosts=guard, texts=texts)
    config = uvicorn.Config(app, host=host, port=port, log_level="info" if workers_log else "warning",
                            access_log=workers_log, lifespan="off", server_header=False)
    return uvicorn.Server(config)


def serve(host: str, port: int, store: Location | None, limits: Limits, texts: Path | None = None) -> None:
    """Run until interrupted (Ctrl-C)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a port in TIME_WAIT is free
            probe.bind((host.strip("[]"), port))
            probe.listen()
    except OSError as ex:
        raise UsageError(f"cannot listen on {host}:{port}: {ex.strerror}") from None
    if texts is not None and not texts.is_dir():
        raise UsageError(f"--texts: {texts} is not a directory")
    make_server(host, port, store, limits, texts=texts).run()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextmanager
def running(store: Location | None, limits: Limits | None = None, host: str = "127.0.0.1",
            texts: Path | None = None) -> Iterator[str]:
    """A server on a free loopback port in a thread, for tests and benchmarks; yields its base URL."""
    port = free_port(host)
    server = make_server(host, port, store, limits or Limits(), workers_log=False, texts=texts)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)

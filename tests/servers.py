"""Real SPARQL servers for the tests, each started on loopback in a temporary folder and stopped after.

Oxigraph's server comes from the PyPI package `oxigraph` (a test dependency, so its binary sits beside
the venv's python); Virtuoso Open Source from Debian's `virtuoso-opensource` (`virtuoso-t`). A missing
server skips its tests with what is missing, unless KG_REQUIRE_SERVERS is set (as CI does), where it
fails them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # the account of a fresh Virtuoso database


@dataclass
class Server:
    name: str
    query_url: str
    update_url: str
    env: dict[str, str]  # what kg needs in its environment to write (credentials)
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(what: str) -> None:
    message = f"{what}; KG_REQUIRE_SERVERS is set, so this is a failure" if os.environ.get("KG_REQUIRE_SERVERS") \
        else what
    (pytest.fail if os.environ.get("KG_REQUIRE_SERVERS") else pytest.skip)(message)


def _wait(server: Server, seconds: float) -> Server:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"{server.name} exited at start ({server.process.returncode}): "
                        f"{server.log.read_text(errors='replace')[-600:]}")
        try:
            r = httpx.post(server.query_url, data={"query": "ASK {}"}, timeout=2,
                           headers={"Accept": "application/sparql-results+json"})
            if r.status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.stop()
    pytest.fail(f"{server.name} did not answer within {seconds:.0f} s: {server.log.read_text(errors='replace')[-600:]}")


def start_oxigraph(folder: Path) -> Server:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        found = shutil.which("oxigraph")
        if not found:
            missing("Oxigraph's server not found (pip install oxigraph, a test dependency of kg)")
        binary = Path(found)
    port, log = free_port(), folder / "oxigraph.log"
    process = subprocess.Popen([str(binary), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    return _wait(Server("oxigraph", f"{base}/query", f"{base}/update", {}, process, log), 30)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 85000
MaxDirtyBuffers = 65000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {query_seconds}
"""


def start_virtuoso(folder: Path, max_rows: int = 10_000_000, max_query_seconds: int = 120) -> Server:
    binary = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
    if not Path(binary).is_file():
        missing("Virtuoso not found (Debian: apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=free_port(), http=http, max_rows=max_rows,
                                       query_seconds=max_query_seconds), encoding="utf-8")
    log = folder / "out.log"
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=log.open("wb"),
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    env = {"KG_STORE_USER": VIRTUOSO_USER, "KG_STORE_PASSWORD": VIRTUOSO_PASSWORD}
    return _wait(Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth", env, process, log), 90)

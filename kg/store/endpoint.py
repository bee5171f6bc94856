"""Talking to a SPARQL 1.1 server over HTTP: queries, updates, credentials and one-line errors.

The query endpoint gets the SPARQL 1.1 Protocol's form-encoded POST; the update endpoint gets
`application/sparql-update`. Credentials come from the environment only (KG_STORE_USER,
KG_STORE_PASSWORD), never the command line; the scheme (Basic or Digest, as Virtuoso's /sparql-auth
asks) is the one the server's first 401 names. Every failure is a StoreError of one line naming the
URL and, where there was one, the HTTP status: nothing above this module sees an HTTP library.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from typing import Any

import httpx

from kg.errors import StoreError

DEFAULT_TIMEOUT = 30.0
UPLOAD_TIMEOUT = 600.0
"""Seconds a server may take over one upload batch or one update (a bulk load is slower than a query)."""


class EndpointError(StoreError):
    """The server answered with an HTTP error (status is set) or not at all (status is None)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def is_url(location: object) -> bool:
    return isinstance(location, str) and re.match(r"(?i)https?://", location) is not None


def check_url(url: str, what: str = "--store") -> str:
    """The URL as given, if it is one a client can send requests to; a one-line error otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as ex:
        raise StoreError(f"{url!r} is not a usable URL ({ex})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise StoreError(f"{url!r} is not an http or https URL of a SPARQL endpoint")
    if parsed.userinfo:
        raise StoreError(f"{what}: put credentials in KG_STORE_USER and KG_STORE_PASSWORD, not in the URL")
    return url


def _snippet(response: httpx.Response) -> str:
    """The first words of an error body, markup removed, on one line."""
    text = response.text if response.content else ""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text[:160] + ("…" if len(text) > 160 else "")


@dataclass
class Endpoint:
    """One SPARQL server: where to query, where to update, and how long to wait."""

    query_url: str
    update_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    graph_store_url: str | None = None  # a Graph Store Protocol endpoint that takes N-Quads (Oxigraph's /store)
    _client: httpx.Client | None = field(default=None, repr=False)
    _auth: httpx.Auth | None = field(default=None, repr=False)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(follow_redirects=False, trust_env=False)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def query(self, text: str, accept: str, default_graph: str | None = None) -> httpx.Response:
        """POST a query (SPARQL 1.1 Protocol, form-encoded); the response when the server answered 200."""
        form = {"query": text}
        if default_graph:
            form["default-graph-uri"] = default_graph
        return self._send(self.query_url, self.timeout, data=form, headers={"Accept": accept})

    def update(self, text: str, timeout: float = UPLOAD_TIMEOUT) -> None:
        """POST a SPARQL update to the update endpoint (the query URL's /update if none was given)."""
        self._send(self.writable_url, timeout, content=text.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def post_quads(self, nquads: bytes, timeout: float = UPLOAD_TIMEOUT) -> None:
        """POST N-Quads to the Graph Store Protocol endpoint (adds them, each quad into its own graph)."""
        assert self.graph_store_url
        self._send(self.graph_store_url, timeout, content=nquads, headers={"Content-Type": "application/n-quads"})

    @property
    def writable_url(self) -> str:
        """The update endpoint: the one given, else /update beside a /query endpoint (Oxigraph, Fuseki),
        else the query URL itself (servers that take both at one address)."""
        if self.update_url:
            return self.update_url
        return re.sub(r"/query$", "/update", self.query_url)

    def _send(self, url: str, timeout: float, **kwargs: Any) -> httpx.Response:
        response = self._post(url, timeout, self._auth, **kwargs)
        if response.status_code == 401 and self._auth is None:
            self._auth = _credentials(url, response)
            response = self._post(url, timeout, self._auth, **kwargs)
            if response.status_code == 401:
                raise EndpointError(f"{url}: HTTP 401: the server refused the credentials in KG_STORE_USER and "
                                    "KG_STORE_PASSWORD", 401)
        if response.status_code >= 400:
            detail = _snippet(response)
            raise EndpointError(f"{url}: HTTP {response.status_code} {response.reason_phrase}"
                                + (f": {detail}" if detail else ""), response.status_code)
        if response.status_code >= 300:
            where = response.headers.get("location", "elsewhere")
            raise EndpointError(f"{url}: HTTP {response.status_code}: the server sends requests to {where}; "
                                "give that URL instead", response.status_code)
        return response

    def _post(self, url: str, timeout: float, auth: httpx.Auth | None, **kwargs: Any) -> httpx.Response:
        try:
            return self.client.post(url, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    auth=auth or httpx.USE_CLIENT_DEFAULT, **kwargs)
        except httpx.TimeoutException:
            raise EndpointError(f"{url}: no answer within {timeout:g} s; the server is slow or busy "
                                "(allow more with --timeout or KG_QUERY_TIMEOUT)") from None
        except httpx.HTTPError as ex:
            reason = str(ex).splitlines()[0] if str(ex) else type(ex).__name__
            raise EndpointError(f"{url}: cannot reach the server ({reason}); is it running?") from None


def _credentials(url: str, challenge: httpx.Response) -> httpx.Auth:
    """The credentials from the environment, in the scheme the server's 401 asked for."""
    user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
    if not user or password is None:
        raise EndpointError(f"{url}: HTTP 401: the server wants credentials; set KG_STORE_USER and "
                            "KG_STORE_PASSWORD", 401)
    scheme = challenge.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
    if scheme == "digest":
        return httpx.DigestAuth(user, password)
    return httpx.BasicAuth(user, password)

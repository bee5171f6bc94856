"""The Starlette application: read-only pages over kg.services, each also as JSON, and /sparql.

Every page is a GET route that calls one service function and renders its records, either through a
Jinja2 template (autoescaped) or as JSON (`.json` suffix or `Accept: application/json`). The only
POST is /sparql, which runs read-only queries. Responses carry a Content-Security-Policy that allows
scripts and styles from /static only, so nothing in the data can run as script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg import services
from kg.ask.resolve import NameNotFound, AmbiguousName
from kg.errors import KGError, StoreError
from kg.store import Location
from kg.services import web as web_services
from kg.web import protocol, views

HERE = Path(str(resources.files("kg"))) / "web"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}
LOOPBACK = ["127.0.0.1", "localhost"]
EVENT_ROWS = 1000
"""Most events one HTML page lists; the CSV and JSON downloads hold every event the filters match."""
EVENT_FILTERS = ("type", "actor", "target", "place", "since", "until")


class Pages:
    def __init__(self, store: Location, limits: protocol.Limits, texts: Path | None = None):
        self.store = store
        self.texts = texts
        self.limits = limits
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                               autoescape=select_autoescape(["html"]))
        self.env.filters["term"] = views.term
        self.env.globals.update(views.GLOBALS)

    # --- rendering -------------------------------------------------------------------------------

    def reply(self, request: Request, template: str, data: Any, status: int = 200, **extra: Any) -> Response:
        if request.path_params.get("fmt") not in (None, "json"):
            return self.problem(request, 404, "no such page (add .json for JSON)")
        if wants_json(request):
            return JSONResponse(data, status_code=status, headers=headers())
        html = self.env.get_template(template).render(data=data, request=request, **extra)
        return HTMLResponse(html, status_code=status, headers=headers())

    def problem(self, request: Request, status: int, message: str) -> Response:
        data = {"error": message, "status": status}
        if wants_json(request):
            return JSONResponse(data, status_code=status, headers=headers())
        html = self.env.get_template("error.html").render(data=data, request=request)
        return HTMLResponse(html, status_code=status, headers=headers())

    async def call(self, func: Callable[[], Any]) -> Any:
        """A service call, in a worker thread: the store is synchronous and the event loop must not wait."""
        return await run_in_threadpool(func)

    # --- pages -----------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        data = await self.call(partial(web_services.overview, self.store))
        return self.reply(request, "home.html", data)

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "")
        data: dict[str, Any] = {"query": q, "resolved": None, "message": None, "results": []}
        if q.strip():
            answer = await self.call(partial(web_services.search, q, 10, self.store))
            data["results"] = answer.records
            try:
                res = await self.call(partial(web_services.resolve, q, self.store))
                data["resolved"] = {"entity": res.entity.as_json(), "how": res.how}
            except (NameNotFound, AmbiguousName) as ex:
                data["message"] = str(ex)
            if request.query_params.get("go") and data["resolved"] and not wants_json(request):
                return RedirectResponse(f"/entity/{data['resolved']['entity']['id']}", 303)
        return self.reply(request, "search.html", data)

    async def entity(self, request: Request) -> Response:
        entity_id = request.path_params["id"]
        data = await self.call(partial(web_services.entity_page, entity_id, self.store, self.texts))
        return self.reply(request, "entity.html", data)

    async def events(self, request: Request) -> Response:
        filters = {k: request.query_params.get(k, "").strip() for k in EVENT_FILTERS}
        try:
            answer = await self.call(partial(web_services.events, **filters, store=self.store))
            records, message = answer.records, None
            resolved = [{"query": r.query, "entity": r.entity.as_json()} for r in answer.resolved]
        except KGError as ex:
            records, message, resolved = [], str(ex), []
        status = 400 if message else 200
        if request.path_params.get("fmt") == "csv":  # every event the filters select, as the table lists them
            if message:
                return self.problem(request, 400, message)
            return Response(views.events_csv(records), headers=headers(
                {"content-type": "text/csv; charset=utf-8",
                 "content-disposition": 'attachment; filename="kg-events.csv"'}))
        data = {"filters": filters, "events": records, "resolved": resolved, "error": message}
        query = request.url.query
        shown = records[:EVENT_ROWS]
        return self.reply(request, "events.html", data, status, query=query, shown=shown,
                          timeline=views.timeline(shown))

    async def graph(self, request: Request) -> Response:
        focus = request.query_params.get("focus", "")
        if not focus.strip():
            return self.problem(request, 400, "give an entity to draw: /graph?focus=NAME&depth=2")
        try:
            depth = int(request.query_params.get("depth", "2"))
        except ValueError:
            return self.problem(request, 400, "depth must be a whole number")
        html, _ = await self.call(partial(web_services.graph_page, focus, depth, self.store))
        return HTMLResponse(html, headers=headers({"content-security-policy": inline_csp(html)}))

    async def sparql(self, request: Request) -> Response:
        try:
            text = await protocol.read_query(request)
            if text is None:
                return await self.sparql_page(request)
            return await protocol.answer(request, text, self.limits, self.store)
        except protocol.ProtocolError as ex:
            return with_headers(protocol.error(ex))

    async def sparql_page(self, request: Request) -> Response:
        named = [{"name": q.name, "description": q.description, "text": q.text,
                  "params": [{"name": p.name, "type": p.type, "optional": p.optional} for p in q.params.values()]}
                 for q in services.named_queries()]
        return self.reply(request, "sparql.html", {"queries": named, "limits": self.limits.__dict__})

    async def named_query(self, request: Request) -> Response:
        name = request.path_params["name"]
        if request.path_params["fmt"] != "json":
            return self.problem(request, 404, "no such page (named queries answer as /query/NAME.json)")
        params = [f"{k}={v}" for k, v in request.query_params.items() if v.strip()]
        answer = await self.call(partial(services.query, name, params, self.store))
        return JSONResponse({"query": name, "rows": answer.records,
                             "resolved": [{"query": r.query, "entity": r.entity.as_json()} for r in answer.resolved]},
                            headers=headers())


async def no_icon(request: Request) -> Response:
    """Browsers ask for an icon even for JSON pages: answer "none" rather than log a 404."""
    return Response(status_code=204, headers=headers())


def wants_json(request: Request) -> bool:
    fmt = request.path_params.get("fmt")
    if fmt is not None:
        return fmt == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"content-security-policy": CSP, **SECURITY, **(extra or {})}


def with_headers(response: Response) -> Response:
    for k, v in headers().items():
        response.headers.setdefault(k, v)
    return response


def inline_csp(html: str) -> str:
    """A policy for the graph page, which inlines its scripts: allow exactly those scripts, by hash."""
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return (f"default-src 'none'; script-src {' '.join(hashes)}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def create_app(store: Location, limits: protocol.Limits | None = None, allowed_hosts: list[str] | None = None,
               texts: Path | None = None) -> Starlette:
    """The app over a prepared store. allowed_hosts guards a loopback server against DNS rebinding;
    texts is a folder of the source texts, to quote the span each fact rests on."""
    pages = Pages(store, limits or protocol.Limits(), texts)

    async def on_error(request: Request, ex: Exception) -> Response:
        if isinstance(ex, web_services.NotFound):
            return pages.problem(request, 404, str(ex))
        if isinstance(ex, StoreError):  # the store went missing under the server: not the user's doing
            return pages.problem(request, 503, str(ex))
        return pages.problem(request, 400, str(ex))

    async def not_found(request: Request, ex: Exception) -> Response:
        status = getattr(ex, "status_code", 404)
        return pages.problem(request, status, "no such page" if status == 404 else str(getattr(ex, "detail", ex)))

    routes = [
        Route("/", pages.home), Route("/index.{fmt:str}", pages.home),
        Route("/search", pages.search), Route("/search.{fmt:str}", pages.search),
        Route("/entity/{id:str}.{fmt:str}", pages.entity), Route("/entity/{id:str}", pages.entity),
        Route("/events", pages.events), Route("/events.{fmt:str}", pages.events),
        Route("/graph", pages.graph),
        Route("/favicon.ico", no_icon),
        Route("/sparql", pages.sparql, methods=["GET", "POST"]),
        Route("/sparql.{fmt:str}", pages.sparql_page),
        Route("/query/{name:str}.{fmt:str}", pages.named_query),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={KGError: on_error, 404: not_found, 405: not_found})


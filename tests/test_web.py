"""`kg serve` over HTTP: a real server on a loopback port, its pages as JSON, the SPARQL 1.1 Protocol
endpoint queried by rdflib's SPARQLStore client, and the error paths and limits."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.client import HTTPResponse
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.cli import cli
from kg.web.protocol import Limits
from kg.web.server import free_port, running

ID = "https://w3id.org/kg-armed-actors/id/"
MEMBERS = "SELECT ?g ?u WHERE { ?g kg:memberOf ?u }"


@pytest.fixture(scope="module")
def server(built_store: Path) -> Iterator[str]:
    with running(built_store) as url:
        yield url


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as ex:
        return ex.code, {k.lower(): v for k, v in ex.headers.items()}, ex.read()


def get_json(url: str) -> dict:
    status, headers, body = http(url)
    assert status == 200, body
    assert headers["content-type"].startswith("application/json")
    return json.loads(body)


def kg_json(store: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def q(text: str) -> str:
    return urllib.parse.quote(text)


# --- pages as JSON: the same answers as the CLI --------------------------------------------------

def test_the_entity_page_answers_what_kg_show_and_who_backs_answer(server: str, built_store: Path) -> None:
    page = get_json(f"{server}/entity/harakat-hezbollah-al-nujaba.json")
    (card,) = kg_json(built_store, "show", "Nujaba")
    assert page["entity"] == card["entity"] and page["relations"] == card["relations"]
    assert page["aliases"] == card["aliases"] and "حركة حزب الله النجباء" in page["aliases"]
    assert page["figures"] == card["figures"]
    assert page["backed_by"] == kg_json(built_store, "who-backs", "Nujaba")
    (iran,) = page["backed_by"]
    assert [(l["subject"]["id"], l["predicate"], l["object"]["id"]) for l in iran["links"]] == [
        ("harakat-hezbollah-al-nujaba", "memberOf", "islamic-resistance-in-iraq"),
        ("islamic-resistance-in-iraq", "armedBy", "iran")]
    # The second link is only alleged, the first reported: the alleged one is the weakest.
    assert iran["weakest_link"]["index"] == 1 and iran["strength"] == "alleged"
    assert {s["stance"] for s in iran["links"][1]["sources"]} == {"alleged"}
    by_accept = http(f"{server}/entity/harakat-hezbollah-al-nujaba", headers={"Accept": "application/json"})
    assert by_accept[0] == 200 and json.loads(by_accept[2]) == page


def test_the_entity_page_lists_the_events_kg_timeline_lists(server: str, built_store: Path) -> None:
    page = get_json(f"{server}/entity/kataib-hezbollah.json")
    timeline = kg_json(built_store, "timeline", "Kataib Hezbollah")
    assert [e["event"]["id"] for e in page["timeline"]] == [e["event"]["id"] for e in timeline]
    assert len(timeline) >= 5 and page["timeline"] == timeline


def test_the_entity_page_in_html_shows_the_chain_with_its_sources(server: str) -> None:
    status, headers, body = http(f"{server}/entity/harakat-hezbollah-al-nujaba")
    html = body.decode()
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    backers = html[html.index('id="backers"'):html.index('id="relations"')]
    assert ">Iran</a>" in backers and "Islamic Resistance in Iraq" in backers and "The National" in backers
    assert backers.count('class="link weakest"') == 1 and "weakest link" in backers
    assert "As strong as its weakest link" in backers


@pytest.mark.seeds
def test_with_the_report_texts_each_fact_quotes_its_span(built_store: Path, seeds_dir: Path, tmp_path: Path) -> None:
    from kg.kb.sources import read_text
    from kg.services.build import load

    kb = load()
    claim = next(c for c in kb.claims if f"{c.source}/{c.id}" == "national-2024-01-21/nujaba-in-iri")
    report = kb.sources[claim.source]
    with running(built_store, texts=seeds_dir) as url:
        page = get_json(f"{url}/entity/harakat-hezbollah-al-nujaba.json")
        (source,) = page["backed_by"][0]["links"][0]["sources"]
        assert source["quote"] == read_text(seeds_dir / report.file)[claim.span[0]:claim.span[1]]
        assert "nujaba" in source["quote"].lower()
        assert '<q class="quote">' in http(f"{url}/entity/harakat-hezbollah-al-nujaba")[2].decode()
    # A text that is not the version the claims were written against is not quoted from.
    altered = tmp_path / "texts"
    altered.mkdir()
    for path in seeds_dir.glob("*.txt"):
        (altered / path.name).write_bytes(path.read_bytes() + (b" " if path.name == report.file else b""))
    with running(built_store, texts=altered) as url:
        page = get_json(f"{url}/entity/harakat-hezbollah-al-nujaba.json")
        assert "quote" not in page["backed_by"][0]["links"][0]["sources"][0]
        quoted = get_json(f"{url}/entity/kataib-hezbollah.json")["relations"]
        assert any("quote" in s for r in quoted for s in r["sources"])  # the other reports still are


def test_search_uses_the_cli_name_resolution(server: str, built_store: Path) -> None:
    for text, expected in (("Kata'ib Hizballah", "kataib-hezbollah"), ("كتائب حزب الله", "kataib-hezbollah"),
                           ("KH", "kataib-hezbollah"), ("Nujabba", "harakat-hezbollah-al-nujaba")):
        page = get_json(f"{server}/search.json?q={q(text)}")
        assert page["resolved"]["entity"]["id"] == expected, text
    page = get_json(f"{server}/search.json?q=hezbollah")
    assert [r["entity"]["id"] for r in page["results"]] == [
        r["entity"]["id"] for r in kg_json(built_store, "search", "hezbollah")]
    assert page["resolved"] is None and "could mean several entities" in page["message"]
    status, headers, _ = http(f"{server}/search?q=Nujaba&go=1")  # urllib follows the redirect
    assert status == 200
    assert get_json(f"{server}/search.json?q=")["results"] == []


def test_events_filter_like_kg_events_and_the_csv_holds_exactly_the_rows_shown(server: str, built_store: Path) -> None:
    query = "type=strike&target=" + q("Kataib Hezbollah")
    page = get_json(f"{server}/events.json?{query}")
    cli_events = kg_json(built_store, "events", "--type", "strike", "--target", "Kataib Hezbollah")
    assert [e["event"]["id"] for e in page["events"]] == [e["event"]["id"] for e in cli_events]
    assert len(page["events"]) >= 2 and all(e["type"] == "strike" for e in page["events"])
    status, headers, body = http(f"{server}/events.csv?{query}")
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["id"] for r in rows] == [e["event"]["id"] for e in page["events"]]
    html = http(f"{server}/events?{query}")[2].decode()
    assert html.count('<tr><td class="date">') == len(rows)
    assert f'href="/events.csv?{query}"'.replace("&", "&amp;") in html
    window = get_json(f"{server}/events.json?since=2024-01-20&until=2024-01-21")
    assert {e["event"]["id"] for e in window["events"]} == {
        e["event"]["id"] for e in kg_json(built_store, "events", "--since", "2024-01-20", "--until", "2024-01-21")}


def test_a_long_event_list_is_cut_on_the_page_but_not_in_the_downloads(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.web import app

    monkeypatch.setattr(app, "EVENT_ROWS", 5)
    total = len(get_json(f"{server}/events.json")["events"])
    html = http(f"{server}/events")[2].decode()
    shown = html.count("<circle ") + html.count('class="window"')  # a dot per dated event, a bar per window
    assert total > 5 and html.count('<tr><td class="date">') == 5 and shown == 5
    assert f"<strong>{total}</strong> events (the first 5 listed: narrow the filters, or download them all)" in html
    assert len(http(f"{server}/events.csv")[2].decode().splitlines()) == total + 1


def test_bad_filters_and_unknown_pages_answer_with_a_clear_error(server: str) -> None:
    status, _, body = http(f"{server}/events.json?actor=Nobody+At+All")
    assert status == 400 and "no entity called 'Nobody At All'" in json.loads(body)["error"]
    status, _, body = http(f"{server}/events?since=yesterday")
    assert status == 400 and "is not a date" in body.decode()
    assert http(f"{server}/events.csv?since=yesterday")[0] == 400
    status, _, body = http(f"{server}/entity/no-such-entity.json")
    assert status == 404 and json.loads(body) == {"error": "no entity with the id 'no-such-entity'", "status": 404}
    assert http(f"{server}/entity/iran.xml")[0] == 404
    assert http(f"{server}/nowhere")[0] == 404
    status, _, body = http(f"{server}/graph?focus=Hezbollah")
    assert status == 400 and "could mean several entities" in body.decode()
    assert http(f"{server}/graph?focus=Nujaba&depth=9")[0] == 400
    status, _, body = http(f"{server}/query/who_backs.json")
    assert status == 400 and "needs --param group" in json.loads(body)["error"]


def test_the_sparql_page_offers_every_named_query(server: str, built_store: Path) -> None:
    from kg import services

    page = get_json(f"{server}/sparql.json")
    assert [q["name"] for q in page["queries"]] == [q.name for q in services.named_queries()]
    who = next(q for q in page["queries"] if q["name"] == "who_backs")
    assert who["params"] == [{"name": "group", "type": "entity", "optional": False}]
    html = http(f"{server}/sparql")[2].decode()
    assert html.count('<form class="named"') == len(page["queries"])
    rows = get_json(f"{server}/query/who_backs.json?group=Nujaba")["rows"]
    assert [r["backer"]["id"] for r in rows] == ["iran"]


def test_no_page_takes_writes_and_every_page_sends_a_content_security_policy(server: str) -> None:
    for path in ("/", "/search?q=iran", "/entity/iran", "/events", "/sparql", "/graph?focus=Nujaba"):
        for method in ("POST", "PUT", "DELETE", "PATCH") if path != "/sparql" else ("PUT", "DELETE", "PATCH"):
            assert http(server + path, data=b"x=1", method=method)[0] == 405, (method, path)
        status, headers, body = http(server + path)
        assert status == 200, path
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        html = body.decode()
        assert not re.search(r"\son[a-z]+\s*=", html.replace(html[html.find("<script>"):html.rfind("</script>")], "")
                             if path.startswith("/graph") else html), path
        if not path.startswith("/graph"):
            assert "<script>" not in html and "src=\"http" not in html and "href=\"http" not in html, path


def test_concurrent_first_visits_get_the_same_pages_as_one_at_a_time(server: str, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kg import services

    ids = [e["entity"]["id"] for e in get_json(f"{server}/search.json?q=a")["results"]][:4]
    ids += ["kataib-hezbollah", "iran", "harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq"]
    expected = {i: get_json(f"{server}/entity/{i}.json") for i in ids}
    fresh = tmp_path / "store"
    services.build(store=fresh)  # a store no page has been made from yet
    with running(fresh) as url, ThreadPoolExecutor(16) as pool:
        got = list(pool.map(lambda i: (i, http(f"{url}/entity/{i}.json")), ids * 2))
    for i, (status, _, body) in got:
        assert status == 200 and json.loads(body) == expected[i], i


def test_the_server_answers_only_to_loopback_host_names(server: str) -> None:
    assert http(server + "/", headers={"Host": "attacker.example"})[0] == 400


# --- the SPARQL 1.1 Protocol ---------------------------------------------------------------------

def test_a_sparql_client_gets_the_same_answers_as_kg_sparql(server: str, built_store: Path) -> None:
    store = SPARQLStore(f"{server}/sparql", returnFormat="json")
    text = "PREFIX kg: <https://w3id.org/kg-armed-actors/ns#> " + MEMBERS
    rows = [(str(r.g), str(r.u)) for r in store.query(text)]
    cli_rows = [(ID + r["g"]["id"], ID + r["u"]["id"]) for r in kg_json(built_store, "sparql", text)]
    assert sorted(rows) == sorted(cli_rows) and len(rows) >= 5
    assert ((ID + "harakat-hezbollah-al-nujaba", ID + "islamic-resistance-in-iraq")) in rows
    assert store.query(text.replace(MEMBERS, "ASK { ?g kg:memberOf ?u }")).askAnswer is True
    graph = store.query(text.replace(MEMBERS, "CONSTRUCT { ?g kg:memberOf ?u } WHERE { ?g kg:memberOf ?u }")).graph
    assert {(str(s), str(o)) for s, _, o in graph} == set(rows)
    xml_store = SPARQLStore(f"{server}/sparql", returnFormat="xml", method="POST")
    assert sorted((str(r.g), str(r.u)) for r in xml_store.query(text)) == sorted(rows)


def test_get_form_post_and_direct_post_give_one_answer_in_every_format(server: str) -> None:
    expected = None
    for fmt, media, parse in (("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
                              ("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
                              ("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV)):
        answers = [http(f"{server}/sparql?query={q(MEMBERS)}", headers={"Accept": media}),
                   http(f"{server}/sparql", data=urllib.parse.urlencode({"query": MEMBERS}).encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": media}),
                   http(f"{server}/sparql?format={fmt}", data=MEMBERS.encode(),
                        headers={"Content-Type": "application/sparql-query"})]
        for status, headers, body in answers:
            assert status == 200 and headers["content-type"].startswith(media), (fmt, body)
            rows = sorted((s["g"].value, s["u"].value) for s in ox.parse_query_results(body, parse))
            expected = expected or rows
            assert rows == expected and len(rows) >= 5
    status, headers, body = http(f"{server}/sparql?query={q(MEMBERS)}&format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == "g,u" and len(body.decode().splitlines()) == len(expected) + 1
    construct = "CONSTRUCT { ?g kg:memberOf ?u } WHERE { ?g kg:memberOf ?u }"
    for media, rdf_format in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                              ("application/ld+json", "json-ld")):
        status, headers, body = http(f"{server}/sparql?query={q(construct)}", headers={"Accept": media})
        assert status == 200 and headers["content-type"].startswith(media)
        graph = rdflib.Graph().parse(data=body, format=rdf_format)
        assert sorted((str(s), str(o)) for s, _, o in graph) == sorted(set(expected))
    in_graph = f"SELECT ?claim WHERE {{ GRAPH ?claim {{ <{ID}harakat-hezbollah-al-nujaba> kg:memberOf ?u }} }}"
    status, _, body = http(f"{server}/sparql?query={q(in_graph)}&format=json")
    claims = [b["claim"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert status == 200 and claims == ["https://w3id.org/kg-armed-actors/claim/national-2024-01-21/nujaba-in-iri"]
    status, _, body = http(f"{server}/sparql?query={q('ASK { ?g kg:memberOf ?u }')}",
                           headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and b"<boolean>true</boolean>" in body


def test_updates_service_and_bad_queries_are_refused_with_the_right_status(server: str) -> None:
    insert = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    status, _, body = http(f"{server}/sparql", data=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and body.decode() == "Error: this endpoint is read-only: SPARQL updates are refused\n"
    status, _, _ = http(f"{server}/sparql", data=urllib.parse.urlencode({"update": insert}).encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    for update in (insert, "LOAD <http://example.org/data.ttl>", "DROP ALL"):
        status, _, body = http(f"{server}/sparql?query={q(update)}")
        assert status == 400 and "read-only" in body.decode(), update
    status, _, body = http(f"{server}/sparql?query={q('SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')}")
    assert status == 403 and "SERVICE" in body.decode()
    status, _, body = http(f"{server}/sparql?query={q('SELECT ?x WHERE { ?x ')}")
    assert status == 400 and body.decode().startswith("Error: SPARQL syntax error") and body.count(b"\n") == 1
    status, headers, _ = http(f"{server}/sparql?query={q(MEMBERS)}", headers={"Accept": "image/png"})
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"  # the default
    assert http(f"{server}/sparql?query={q(MEMBERS)}&format=turtle")[0] == 406
    assert http(f"{server}/sparql", data=b"query", headers={"Content-Type": "text/plain"})[0] == 415
    # A body declared longer than 1 MB is refused before any of it is read (so none is sent here).
    host, port = urllib.parse.urlsplit(server).hostname, urllib.parse.urlsplit(server).port
    with socket.create_connection((host, port), timeout=30) as raw:
        raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 1000001\r\n\r\n")
        reply = HTTPResponse(raw)
        reply.begin()
        assert reply.status == 413 and reply.read() == b"Error: the query is longer than 1000000 bytes\n"
    assert http(f"{server}/sparql", data=b"x=1", headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    # Nothing was written: the graph still holds no triple from the refused update.
    assert http(f"{server}/sparql?query={q('ASK { <http://x/a> ?p ?o }')}&format=json")[2] == b'{"head":{},"boolean":false}'


def test_the_row_and_time_limits_are_answered_with_a_clear_error(built_store: Path) -> None:
    with running(built_store, Limits(timeout=30, row_limit=3)) as url:
        status, _, body = http(f"{url}/sparql?query={q(MEMBERS)}")
        assert status == 413
        assert body.decode() == ("Error: the result has more than 3 rows, this server's limit; "
                                 "add a LIMIT or narrow the query\n")
        assert http(f"{url}/sparql?query={q(MEMBERS + ' LIMIT 3')}")[0] == 200
    with running(built_store, Limits(timeout=0.3, row_limit=10**9)) as url:
        slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        status, _, body = http(f"{url}/sparql?query={q(slow)}")
        assert status == 503 and "time limit" in body.decode() and "0.3 s" in body.decode()
        assert time.monotonic() - started < 20


# --- the command ---------------------------------------------------------------------------------

def test_kg_serve_runs_the_app_on_loopback_until_stopped(built_store: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--store", str(built_store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            try:
                status, _, body = http(f"http://127.0.0.1:{port}/entity/iran.json")
                break
            except urllib.error.URLError:
                assert proc.poll() is None, proc.stderr.read()  # type: ignore[union-attr]
                time.sleep(0.1)
        assert status == 200 and json.loads(body)["entity"]["label"] == "Iran"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"kg serve: http://127.0.0.1:{port}/" in err


def test_kg_serve_says_when_the_port_is_taken(built_store: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--store", str(built_store)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "kg serve --port 9000" in help_text and "loopback" in help_text


def test_who_backs_imports_no_web_framework(built_store: Path) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", "who-backs", "Nujaba",
                             "--store", str(built_store)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "kg" in imported and not imported & {"starlette", "uvicorn", "anyio", "h11"}

"""kg sparql / kg query: standard SPARQL over the union graph, read-only, no network, bounded in time and rows."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg import services
from kg.cli import cli
from kg.store import open_store, queries

KG = "https://w3id.org/kg-armed-actors/ns#"
ID = "https://w3id.org/kg-armed-actors/id/"
README_EXAMPLE = "SELECT ?g ?u WHERE { ?g kg:memberOf ?u }"
# Every triple of the store joined with every other: far more work than any time limit allows.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def kg(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--store", str(store)])


def kg_process(store: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args, "--store", str(store)], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1", **env})


def triple_count(store: Path) -> int:
    return int(services.sparql_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                     store=store).rows[0]["n"].value)


# --- standard SPARQL -------------------------------------------------------------------------------

def test_the_readme_example_returns_each_pair_once_with_predefined_prefixes(built_store: Path) -> None:
    result = services.sparql_query(README_EXAMPLE, store=built_store)
    pairs = [(r["g"].value, r["u"].value) for r in result.rows]
    assert len(pairs) == len(set(pairs))
    assert (ID + "kataib-hezbollah", ID + "islamic-resistance-in-iraq") in pairs
    # The same fact is stated by several claims; the union default graph still holds it once.
    claims = services.sparql_query(
        "SELECT ?claim WHERE { GRAPH ?claim { id:kataib-hezbollah kg:backedBy id:iran } }".replace(
            "id:kataib-hezbollah", f"<{ID}kataib-hezbollah>").replace("id:iran", f"<{ID}iran>"), store=built_store)
    assert len(claims.rows) == 3
    once = services.sparql_query(f"SELECT ?b WHERE {{ <{ID}kataib-hezbollah> kg:backedBy ?b }}", store=built_store)
    assert [r["b"].value for r in once.rows] == [ID + "iran"]


def test_a_query_s_own_prefix_declaration_wins_over_the_predefined_one(built_store: Path) -> None:
    result = services.sparql_query("PREFIX kg: <http://example.org/nothing#> SELECT ?g WHERE { ?g kg:memberOf ?u }",
                                   store=built_store)
    assert result.rows == []


def test_ask_construct_and_describe_in_their_formats(built_store: Path) -> None:
    ask = kg(built_store, "sparql", "ASK { ?g kg:memberOf ?u }")
    assert ask.exit_code == 0 and ask.stdout == "yes\n"
    doc = json.loads(kg(built_store, "sparql", "ASK { ?g kg:memberOf kg:Nothing }", "--format", "sparql-json").stdout)
    assert doc == {"head": {}, "boolean": False}

    turtle = kg(built_store, "sparql", "CONSTRUCT WHERE { ?g kg:memberOf ?u }")
    assert turtle.exit_code == 0 and "@prefix kg: <https://w3id.org/kg-armed-actors/ns#>" in turtle.stdout
    parsed = set(ox.parse(turtle.stdout.encode(), format=ox.RdfFormat.TURTLE))
    pairs = services.sparql_query(README_EXAMPLE, store=built_store).rows
    assert {(t.subject.value, t.object.value) for t in parsed} == {(r["g"].value, r["u"].value) for r in pairs}
    nt = kg(built_store, "sparql", f"DESCRIBE <{ID}iran>", "--format", "ntriples")
    described = list(ox.parse(nt.stdout.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert described and all(t.subject.value == ID + "iran" for t in described)
    assert ox.Literal("Iran", language="en") in {t.object for t in described}
    wrong = kg(built_store, "sparql", "CONSTRUCT WHERE { ?g kg:memberOf ?u }", "--format", "csv")
    assert wrong.exit_code == 2 and "turtle" in wrong.output


def test_w3c_results_formats_read_back_as_the_same_rows(built_store: Path) -> None:
    rows = services.sparql_query(README_EXAMPLE, store=built_store).rows
    expected = sorted((r["g"], r["u"]) for r in rows)
    for fmt, parser in (("sparql-json", ox.QueryResultsFormat.JSON), ("sparql-xml", ox.QueryResultsFormat.XML),
                        ("tsv", ox.QueryResultsFormat.TSV)):
        out = kg(built_store, "sparql", README_EXAMPLE, "--format", fmt)
        assert out.exit_code == 0, out.output
        back = ox.parse_query_results(out.stdout_bytes, parser)
        assert sorted((s["g"], s["u"]) for s in back) == expected, fmt
    csv_bytes = kg(built_store, "sparql", README_EXAMPLE, "--format", "sparql-csv").stdout_bytes
    assert csv_bytes.startswith(b"g,u\r\n")
    assert f"{ID}kataib-hezbollah,{ID}islamic-resistance-in-iraq\r\n".encode() in csv_bytes


def test_table_shortens_iris_csv_keeps_them_json_names_entities(built_store: Path) -> None:
    q = f"SELECT ?p ?o WHERE {{ <{ID}kataib-hezbollah> ?p ?o FILTER(?p = kg:memberOf) }}"
    table = kg(built_store, "sparql", q)
    assert "kg:memberOf" in table.stdout and "islamic-resistance-in-iraq" in table.stdout and ID not in table.stdout
    csv_out = kg(built_store, "sparql", q, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "p,o" and f"{KG}memberOf,{ID}islamic-resistance-in-iraq" in csv_out
    records = json.loads(kg(built_store, "sparql", q, "--format", "json").stdout)
    assert {"p": "kg:memberOf", "o": {"id": "islamic-resistance-in-iraq", "label": "Islamic Resistance in Iraq",
                                      "class": "Coalition"}} in records
    lines = kg(built_store, "sparql", q, "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == records
    counted = json.loads(kg(built_store, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?g kg:memberOf ?u }",
                            "--format", "json").stdout)
    assert counted == [{"n": len(services.sparql_query(README_EXAMPLE, store=built_store).rows)}]


def test_control_characters_from_a_query_never_reach_the_terminal_raw(built_store: Path) -> None:
    out = kg(built_store, "sparql", 'SELECT ?x WHERE { BIND("a\\u001b]0;owned\\u0007b" AS ?x) }')
    assert out.exit_code == 0
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "a\\x1b]0;owned\\x07b" in out.stdout


# --- read-only, no network -------------------------------------------------------------------------

@pytest.mark.parametrize("update", ["DROP ALL", "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }",
                                    "LOAD <http://127.0.0.1:9/data.ttl>", "# note\nCLEAR DEFAULT"])
def test_updates_and_load_are_refused_and_change_nothing(built_store: Path, update: str) -> None:
    before = triple_count(built_store)
    result = kg(built_store, "sparql", update)
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "read-only" in result.output
    assert triple_count(built_store) == before


class Listener:
    """A loopback TCP server that records connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            self._held.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for c in self._held:
            c.close()
        self.sock.close()


@pytest.fixture
def listener() -> Listener:
    server = Listener()
    yield server
    server.close()


def test_service_is_refused_and_no_request_is_made(built_store: Path, listener: Listener) -> None:
    url = f"http://127.0.0.1:{listener.port}/sparql"
    for q in (f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ S\\u0045RVICE <{url}> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ ?x ?y ?z.SERVICE <{url}> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ ?x ?y 1SERVICE <{url}> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ ?x ?y 'z'SERVICE<{url}>{{ ?s ?p ?o }} }}"):
        result = kg(built_store, "sparql", q)
        assert result.exit_code == 1 and "SERVICE" in result.output and "--allow-service" in result.output
    time.sleep(0.5)
    assert listener.connections == 0


def test_allowed_service_reaches_the_server_and_still_stops_at_the_time_limit(built_store: Path,
                                                                               listener: Listener) -> None:
    url = f"http://127.0.0.1:{listener.port}/sparql"
    started = time.monotonic()
    proc = kg_process(built_store, "sparql", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                      "--allow-service", "--timeout", "1")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and err.startswith("Error: the query was stopped after its time limit of 1 s")
    assert time.monotonic() - started < 20
    assert listener.connections >= 1  # the listener sees requests, so the refusal above means something


# --- limits ----------------------------------------------------------------------------------------

def test_a_long_query_stops_at_the_time_limit_with_one_line(built_store: Path) -> None:
    started = time.monotonic()
    proc = kg_process(built_store, "sparql", CARTESIAN, KG_QUERY_TIMEOUT="0.5")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err == ("Error: the query was stopped after its time limit of 0.5 s; narrow it or add a LIMIT, "
                   "or allow more time with --timeout SECONDS (or KG_QUERY_TIMEOUT)\n")
    assert time.monotonic() - started < 15
    bad = kg(built_store, "sparql", README_EXAMPLE, "--timeout", "-1")
    assert bad.exit_code == 2


def test_ctrl_c_interrupts_a_running_query_at_once(built_store: Path) -> None:
    proc = kg_process(built_store, "sparql", CARTESIAN, "--timeout", "600")
    time.sleep(3)  # well into the query
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err


def test_the_table_shows_a_limited_number_of_rows_and_says_how_to_get_all(built_store: Path) -> None:
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    total = triple_count(built_store)
    distinct = len(services.sparql_query(q, store=built_store).rows)
    assert 1000 < distinct <= total
    default = kg(built_store, "sparql", q)
    assert default.stderr == (f"Showed the first 1000 of {distinct} rows ({distinct - 1000} not shown): "
                              "add --limit 0 for all, or a data format such as --format csv.\n")
    three = kg(built_store, "sparql", q, "--limit", "3", "--format", "csv")
    assert len(three.stdout.splitlines()) == 4 and "Showed the first 3 of" in three.stderr
    everything = kg(built_store, "sparql", q, "--format", "csv")
    assert len(everything.stdout.splitlines()) == distinct + 1 and everything.stderr == ""


# --- named queries and files -----------------------------------------------------------------------

def test_a_query_file_that_is_not_utf8_is_a_clean_error(built_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "latin1.rq"
    before = 'SELECT ?x WHERE { ?x skos:prefLabel "Kata'
    rq.write_bytes((before + '\xefb" }').encode("latin-1"))
    result = kg(built_store, "query", str(rq))
    assert result.exit_code == 1
    assert result.output == f"Error: {rq}: not UTF-8 text (byte {len(before)}); save the query as UTF-8\n"


HOSTILE = ['x" } ; DROP ALL ; #', "> } ; DROP ALL ; { <", "it's \"quoted\"\n} UNION { ?s ?p ?o }", "\\u0022 }"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_values(built_store: Path, tmp_path: Path, value: str) -> None:
    before = triple_count(built_store)
    rq = tmp_path / "echo.rq"
    rq.write_text("# Echo a value.\n# Parameters: ?name (string).\nSELECT ?name ?label WHERE {\n"
                  "  OPTIONAL { ?e skos:prefLabel ?label FILTER(STR(?label) = ?name) }\n}\n")
    result = kg(built_store, "query", str(rq), "--param", f"name={value}", "--format", "sparql-json")
    assert result.exit_code == 0, result.output
    (row,) = ox.parse_query_results(result.stdout_bytes, ox.QueryResultsFormat.JSON)
    assert row["name"] == ox.Literal(value) and row["label"] is None
    assert triple_count(built_store) == before
    with pytest.raises(ValueError):
        ox.NamedNode(ID + value)  # an IRI with such text cannot even be made


def test_values_blocks_narrow_the_query_and_bind_lists() -> None:
    text = "SELECT ?a WHERE { ?a ?p ?b }"
    bound = queries.bind(text, {"a": ox.NamedNode(ID + "iran"), "b": [ox.Literal("x\"y"), ox.Literal("z")]})
    assert bound == ('SELECT ?a WHERE { VALUES (?a ?b) { (<https://w3id.org/kg-armed-actors/id/iran> "x\\"y") '
                     '(<https://w3id.org/kg-armed-actors/id/iran> "z") }  ?a ?p ?b }')
    late = queries.bind("SELECT ?s WHERE { BIND(1 AS ?s) }", {"s": ox.Literal("1")})
    assert late.endswith('VALUES (?s) { ("1") }\n')
    with pytest.raises(queries.QueryError, match="names no variable"):
        queries.bind("SELECT ?a WHERE { ?a ?p \"?zz\" }", {"zz": ox.Literal("1")})
    with pytest.raises(queries.QueryError, match="IRI or a literal"):
        queries.values_block({"a": ox.BlankNode()})


def test_kg_query_binds_and_renders_through_the_same_runner(built_store: Path) -> None:
    records = json.loads(kg(built_store, "query", "who_backs", "--param", "group=Nujaba", "--format", "json").stdout)
    assert {r["backer"]["id"] for r in records} == {"iran"}
    assert {r["group"]["id"] for r in records} == {"harakat-hezbollah-al-nujaba"}
    by_stance = kg(built_store, "query", "claims_by_source", "--param", "stance=alleged", "--format", "csv")
    lines = by_stance.stdout.splitlines()
    assert by_stance.exit_code == 0 and lines[0] == "source,title,stance,claims" and len(lines) > 1
    assert all(line.split(",")[-2] == "alleged" for line in lines[1:])


def test_store_rows_are_oxigraph_terms(built_store: Path) -> None:
    rows = queries.run(open_store(built_store), queries.load_query("within"), {"outer": ox.NamedNode(ID + "drone")})
    assert rows and all(isinstance(r["inner"], ox.NamedNode) for r in rows)
    assert {"outer", "inner"} == set(rows[0]) and rows[0]["outer"] == ox.NamedNode(ID + "drone")


def test_w3c_and_rdf_formats_stream_every_row_and_stay_within_the_time_limit(built_store: Path) -> None:
    import io

    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    distinct = len(services.sparql_query(q, store=built_store).rows)
    out = io.BytesIO()
    result = services.sparql_query(q, store=built_store, out=out, out_format="tsv")
    assert result.kind == "select" and result.rows == [] and result.variables == ["s", "p", "o"]
    assert len(list(ox.parse_query_results(out.getvalue(), ox.QueryResultsFormat.TSV))) == distinct
    graph = io.BytesIO()
    services.sparql_query("CONSTRUCT WHERE { ?s kg:memberOf ?o }", store=built_store, out=graph, out_format="jsonld")
    assert len(list(ox.parse(graph.getvalue(), format=ox.RdfFormat.JSON_LD))) == len(
        services.sparql_query(README_EXAMPLE, store=built_store).rows)
    with pytest.raises(queries.QueryError, match="is a graph"):
        services.sparql_query("CONSTRUCT WHERE { ?s kg:memberOf ?o }", store=built_store, out=io.BytesIO(),
                              out_format="tsv")
    proc = kg_process(built_store, "sparql", CARTESIAN, "--format", "sparql-json", "--timeout", "0.5")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and err.startswith("Error: the query was stopped after its time limit of 0.5 s")

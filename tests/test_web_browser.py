"""`kg serve` in a real headless Chromium: an analyst searching, reading a page, filtering events,
downloading them, running a named query; and hostile text in the data never running as script."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import services
from kg.services import web as web_services
from kg.web.server import running

from browser import chromium

EVIL_LABEL = "<script>window.__pwned = 1</script>Hamas"
EVIL_ALIAS = '<img src=x onerror="window.__pwned = 2">'
EVIL_TITLE = '<a href="javascript:window.__pwned = 3">click</a> "quoted" & more'


@pytest.fixture(scope="module")
def server(built_store: Path) -> Iterator[str]:
    with running(built_store) as url:
        yield url


def wait_for(driver: Any, script: str, timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"never true: {script}")


def severe(driver: Any) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def shown_event_ids(driver: Any) -> list[str]:
    return driver.execute_script("""return Array.from(document.querySelectorAll('#events tbody tr'))
        .map(function (tr) { return tr.children[2].querySelector('a').getAttribute('href').split('/').pop(); });""")


def test_search_nujaba_open_its_page_and_see_iran_and_the_chain_with_sources(server: str) -> None:
    with chromium(loopback=True) as d:
        d.get(server + "/")
        d.find_element("id", "q").send_keys("Nujaba")
        wait_for(d, "var s = document.getElementById('suggestions'); return !s.hidden && s.children.length > 0")
        first = d.find_element("css selector", "#suggestions li a")
        assert first.text == "Harakat Hezbollah al-Nujaba"
        from selenium.webdriver.common.keys import Keys

        d.find_element("id", "q").send_keys(Keys.ARROW_DOWN)  # the keyboard way: down to it, Enter
        assert d.switch_to.active_element == first
        first.send_keys(Keys.ENTER)
        wait_for(d, "return location.pathname === '/entity/harakat-hezbollah-al-nujaba'")
        assert d.find_element("id", "label").text == "Harakat Hezbollah al-Nujaba"
        assert d.find_element("id", "class").text == "ArmedGroup"
        backers = d.find_element("id", "backers")
        assert backers.find_element("css selector", ".chain h3 a").text == "Iran"
        links = backers.find_elements("css selector", "ol.links > li")
        assert [l.find_element("css selector", ".pred").text for l in links] == ["memberOf", "armedBy"]
        assert "Islamic Resistance in Iraq" in links[0].text and "reported" in links[0].text
        assert "The National" in links[0].text and "The National" in links[1].text
        assert "alleged" in links[1].text and "weakest link" in links[1].text and "weakest link" not in links[0].text
        # The search form itself: an alias spelled another way resolves as on the command line.
        box = d.find_element("id", "q")
        box.clear()
        box.send_keys("Kata'ib Hizballah\n")
        wait_for(d, "return location.pathname === '/search'")
        assert d.find_element("id", "resolved").text.startswith("“Kata'ib Hizballah” is Kataib Hezbollah")
        assert severe(d) == []


def test_filter_events_and_download_exactly_the_rows_shown(server: str, built_store: Path, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    expected = [e["event"]["id"] for e in services.events(type="strike", actor="United States",
                                                            store=built_store).records]
    assert len(expected) >= 3
    with chromium(loopback=True) as d:
        d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
        d.get(server + "/events")
        everything = shown_event_ids(d)
        Select(d.find_element("name", "type")).select_by_value("strike")
        d.find_element("name", "actor").send_keys("United States")
        d.find_element("id", "apply").click()
        wait_for(d, "return location.search.indexOf('type=strike') >= 0")
        shown = shown_event_ids(d)
        assert shown == expected and len(shown) < len(everything)
        assert d.find_element("id", "count").text.startswith(f"{len(shown)} events")
        assert len(d.find_elements("css selector", "#timeline circle, #timeline line.window")) == len(shown)
        d.find_element("id", "csv").click()
        target = tmp_path / "kg-events.csv"
        for _ in range(100):
            if target.exists() and target.stat().st_size:
                break
            time.sleep(0.1)
        with target.open(encoding="utf-8") as handle:
            assert [row["id"] for row in csv.DictReader(handle)] == shown
        d.find_element("id", "json").click()
        wait_for(d, "return location.pathname === '/events.json'")
        assert [e["event"]["id"] for e in json.loads(d.find_element("tag name", "body").text)["events"]] == shown
        assert severe(d) == []


def test_run_a_named_query_and_a_query_of_ones_own(server: str) -> None:
    with chromium(loopback=True) as d:
        d.get(server + "/sparql")
        form = d.find_element("css selector", 'form.named[data-name="who_backs"]')
        form.find_element("name", "group").send_keys("Nujaba")
        form.find_element("css selector", "button[type=submit]").click()
        wait_for(d, "return document.getElementById('result-table')")
        table = d.find_element("id", "result-table").text
        assert "Iran" in table and "Islamic Resistance in Iraq" in table and "The National" in table
        assert d.find_element("id", "status").text == "1 row"
        editor = d.find_element("id", "query")
        editor.clear()
        editor.send_keys("SELECT ?umbrella WHERE { kg:x kg:y ?z . } ")
        editor.clear()
        editor.send_keys("SELECT DISTINCT ?group WHERE { ?group kg:memberOf ?u } ORDER BY ?group")
        d.find_element("id", "run").click()
        wait_for(d, "return document.getElementById('status').textContent.indexOf('rows') > 0")
        cells = [c.text for c in d.find_elements("css selector", "#result-table tbody td")]
        assert "harakat-hezbollah-al-nujaba" in cells and cells == sorted(cells)
        csv_link = d.find_element("css selector", "#output a.download").get_attribute("href")
        rows = d.execute_script("var x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
                                "return [x.status, x.responseText];", csv_link)
        assert rows[0] == 200 and rows[1].splitlines()[0] == "group" and len(rows[1].splitlines()) == len(cells) + 1
        assert severe(d) == []
        editor.clear()
        editor.send_keys("SELECT ?x WHERE {")
        d.find_element("id", "run").click()
        wait_for(d, "return document.getElementById('query-error')")
        assert d.find_element("id", "query-error").text.startswith("Error: SPARQL syntax error")


def test_the_graph_page_draws_under_the_servers_policy(server: str) -> None:
    with chromium(loopback=True) as d:
        d.get(server + "/entity/harakat-hezbollah-al-nujaba")
        d.find_element("link text", "graph of its neighbourhood").click()
        wait_for(d, "return !!window.kgGraph")
        ids = d.execute_script("return kgGraph.nodes.getIds()")
        assert {"harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq", "iran"} <= set(ids)
        assert severe(d) == []  # a script blocked by the Content-Security-Policy would be logged here


def test_hostile_text_in_the_data_shows_as_text_and_runs_nothing(tmp_path: Path, data_copy: Path) -> None:
    actors = data_copy / "entities" / "actors.yaml"
    before = actors.read_text(encoding="utf-8")
    hamas = "  label: Hamas\n  aliases: [Harakat al-Muqawama al-Islamiya]\n"
    assert hamas in before
    actors.write_text(before.replace(hamas, f"  label: {json.dumps(EVIL_LABEL)}\n  aliases: [{json.dumps(EVIL_ALIAS)}]\n"),
                      encoding="utf-8")
    sources = data_copy / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    title_at = text.index("  title: ", text.index("- id: wire-2024-01-23"))
    end = text.index("\n", title_at)
    sources.write_text(text[:title_at] + f"  title: {json.dumps(EVIL_TITLE)}" + text[end:], encoding="utf-8")
    store = tmp_path / "store"
    services.build(data_copy, store)
    assert web_services.entity_by_id("hamas", store).entity.label == EVIL_LABEL
    with running(store) as url, chromium(loopback=True) as d:
        d.get(url + "/entity/hamas")
        assert d.find_element("id", "label").text == EVIL_LABEL
        assert EVIL_ALIAS in d.find_element("id", "aliases").text
        d.get(url + "/entity/kataib-hezbollah")
        assert EVIL_TITLE in d.find_element("id", "relations").text
        assert d.find_elements("css selector", "#relations cite a, #relations img, #relations script") == []
        d.get(url + "/search?q=Hamas")
        box = d.find_element("id", "q")
        box.clear()
        box.send_keys("Hamas")
        wait_for(d, "var s = document.getElementById('suggestions'); return !s.hidden && s.children.length > 0")
        assert EVIL_LABEL in d.find_element("id", "suggestions").text
        d.get(url + "/sparql")
        editor = d.find_element("id", "query")
        editor.clear()
        editor.send_keys("SELECT ?name WHERE { ?e skos:prefLabel|skos:altLabel ?name FILTER(CONTAINS(?name, '<')) }")
        d.find_element("id", "run").click()
        wait_for(d, "return document.getElementById('result-table')")
        assert {EVIL_LABEL, EVIL_ALIAS} <= {c.text for c in d.find_elements("css selector", "#result-table td")}
        d.get(url + "/graph?focus=hamas&depth=1")
        wait_for(d, "return !!window.kgGraph")
        assert d.execute_script("return window.__pwned") is None
        assert severe(d) == []

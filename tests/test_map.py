"""`kg map` in a real headless Chromium, offline: events placed from the gazetteer claims, filters,
sources on click, and a hostile label shown as text."""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner

from kg import services
from kg.cli import cli

from browser import chromium
from test_viz import requests_from

EVIL = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>al-Asad'


def open_map(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    driver.get(page.resolve().as_uri())
    for _ in range(100):
        if driver.execute_script("return !!window.kgMap"):
            return
        time.sleep(0.1)
    raise AssertionError("the map never set up")


def test_the_map_places_events_filters_them_and_lists_their_sources_offline(tmp_path: Path, built_store: Path) -> None:
    page = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", "--store", str(built_store), "-o", str(page)])
    assert result.exit_code == 0, result.output
    placed = int(result.output.split("(")[1].split(" events")[0])
    every = services.events(store=built_store).records
    assert 10 < placed < len(every) and f"{len(every) - placed} without a place" in result.output
    with chromium() as driver:
        open_map(driver, page)
        assert driver.execute_script("return kgMap.circles.length") == placed
        assert driver.execute_script("return document.querySelectorAll('path.country').length") > 10
        cx = driver.execute_script("return +document.querySelector('circle[data-id=\"strike-2024-01-23-kh-facilities\"]').getAttribute('r')")
        assert cx > 7  # sized by the lowest toll reported (1)
        driver.execute_script("document.querySelector('circle[data-id=\"attack-2024-01-20-al-asad\"]')"
                              ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
        panel = driver.find_element("id", "details").text
        assert "Al-Asad Air Base (geo precision 2)" in panel and "The National" in panel and "reported" in panel
        driver.execute_script("var f = document.getElementById('from'); f.value = '2024-01-01';"
                              "f.dispatchEvent(new Event('change'))")
        january = driver.execute_script("return kgMap.filter()")
        assert 0 < january < placed
        assert driver.find_element("id", "counts").text.startswith(f"{january} of {placed} events shown")
        driver.execute_script("var b = document.querySelector('.kind[value=strike]'); b.checked = false;"
                              "b.dispatchEvent(new Event('change'))")
        assert driver.execute_script("return kgMap.filter()") < january
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        urls = requests_from(driver, page)
        assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls


def test_a_hostile_event_label_shows_as_text_on_the_map(tmp_path: Path, data_copy: Path) -> None:
    events = data_copy / "entities" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    at = text.index("- id: attack-2024-01-20-al-asad")
    label_at = text.index("  label: ", at)
    end = text.index("\n", label_at)
    events.write_text(text[:label_at] + f"  label: {json.dumps(EVIL)}" + text[end:], encoding="utf-8")
    store, page = tmp_path / "store", tmp_path / "map.html"
    services.build(data_copy, store)
    assert CliRunner().invoke(cli, ["map", "--store", str(store), "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    with chromium() as driver:
        open_map(driver, page)
        driver.execute_script("kgMap.show('attack-2024-01-20-al-asad')")
        panel = driver.find_element("id", "details")
        assert EVIL in panel.text
        assert panel.find_elements("css selector", "script, img") == []
        time.sleep(0.3)
        assert driver.execute_script("return window.__pwned") is None
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []

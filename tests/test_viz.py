"""The interactive page in a real headless Chromium, offline; its selection logic; the timeline picture."""

from __future__ import annotations

import json
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import services
from kg.cli import cli
from kg.errors import UsageError
from kg.network.projection import project
from kg.render.viz import MAX_NODES, build_page, select

from browser import chromium

EVIL_LABEL = "<script>window.__pwned = 1</script>Hamas"
EVIL_ALIAS = '<img src=x onerror="window.__pwned = 2">'
EVIL_TITLE = '<a href="javascript:window.__pwned = 3">click</a> "quoted" & more'


def open_page(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    driver.get(page.resolve().as_uri())
    for _ in range(100):
        if driver.execute_script("return !!window.kgGraph"):
            return
        time.sleep(0.1)
    raise AssertionError("the page never set up its graph")


def requests_from(driver, page: Path) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent" and \
                message["params"].get("documentURL") == page.resolve().as_uri():
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_page_draws_the_whole_graph_offline_without_errors(tmp_path: Path, built_store: Path) -> None:
    page = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["viz", "--store", str(built_store), "-o", str(page)])
    assert result.exit_code == 0, result.output
    net = project(services.open_graph(built_store))
    assert f"({net.number_of_nodes()} nodes, {net.number_of_edges()} edges)" in result.output
    with chromium() as driver:
        open_page(driver, page)
        time.sleep(1.5)  # let the layout settle before reading the canvas
        counts = driver.execute_script("return [kgGraph.nodes.length, kgGraph.edges.length]")
        assert counts == [net.number_of_nodes(), net.number_of_edges()]
        shown = driver.execute_script("var c = document.getElementById('counts'); return [c.dataset.nodes, c.dataset.edges]")
        assert shown == [str(net.number_of_nodes()), str(net.number_of_edges())]
        inked = driver.execute_script("""
            var c = document.querySelector('#network canvas'), ctx = c.getContext('2d');
            var px = ctx.getImageData(0, 0, c.width, c.height).data, n = 0;
            for (var i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
            return n;""")
        assert inked > 1000, "the canvas is blank"
        driver.execute_script("kgGraph.showNode('harakat-hezbollah-al-nujaba')")
        panel = driver.find_element("id", "details").text
        assert "Islamic Resistance in Iraq" in panel and "reported" in panel and "The National" in panel
        legend = driver.find_element("id", "legend").text
        assert "ArmedGroup (11)" in legend and "only alleged" in legend
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        urls = requests_from(driver, page)
        assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls


def test_text_from_the_data_shows_as_text_and_runs_nothing(tmp_path: Path, data_copy: Path) -> None:
    actors = data_copy / "entities" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "  label: Hamas\n  aliases: [", f"  label: {json.dumps(EVIL_LABEL)}\n  aliases: [{json.dumps(EVIL_ALIAS)}, ", 1),
        encoding="utf-8")
    sources = data_copy / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    entry = text.index("- id: wire-2024-01-23")
    title_at = text.index("  title: ", entry)
    end = text.index("\n", title_at)
    sources.write_text(text[:title_at] + f"  title: {json.dumps(EVIL_TITLE)}" + text[end:], encoding="utf-8")
    store, page = tmp_path / "store", tmp_path / "graph.html"
    services.build(data_copy, store)
    result = CliRunner().invoke(cli, ["viz", "--store", str(store), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and EVIL_ALIAS not in html  # escaped inside the JSON
    with chromium() as driver:
        open_page(driver, page)
        driver.execute_script("kgGraph.showNode('hamas')")
        panel = driver.find_element("id", "details")
        assert EVIL_LABEL in panel.text
        assert panel.find_elements("css selector", "script, img, a") == []
        driver.execute_script("kgGraph.showNode('strike-2024-01-23-kh-facilities')")
        assert EVIL_TITLE in driver.find_element("id", "details").text
        driver.find_element("id", "search").send_keys(EVIL_LABEL + "\n")
        time.sleep(0.3)
        assert driver.execute_script("return window.__pwned") is None
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


def test_focus_depth_classes_and_dates_select_the_part_to_draw() -> None:
    g = nx.MultiDiGraph()
    for n, cls, date in [("a", "ArmedGroup", None), ("u", "Coalition", None), ("s", "State", None),
                         ("old", "Attack", "2019-05-01"), ("new", "Attack", "2024-01"), ("far", "Place", None)]:
        g.add_node(n, label=n, cls=cls, **({"date": date} if date else {}))
    for u, v, p in [("a", "u", "memberOf"), ("u", "s", "backedBy"), ("old", "a", "perpetrator"),
                    ("new", "a", "perpetrator"), ("s", "far", "controls")]:
        g.add_edge(u, v, key=p, predicate=p, sources=[], stances=[])
    assert set(select(g, "a", depth=1)) == {"a", "u", "old", "new"}
    assert set(select(g, "a", depth=2)) == {"a", "u", "old", "new", "s"}
    assert set(select(g, classes={"ArmedGroup", "State"})) == {"a", "s"}
    # the events of the window, who took part, and their umbrellas; not the old attack, not the place
    assert set(select(g, since="2024-01-15")) == {"new", "a", "u"}
    assert set(select(g, until="2020")) == {"old", "a", "u"}


def test_a_graph_too_large_for_one_page_asks_for_a_focus() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from((str(i), {"label": str(i), "cls": "Place"}) for i in range(MAX_NODES + 1))
    with pytest.raises(UsageError, match="--focus"):
        build_page(g)


def test_viz_focus_and_bad_options(tmp_path: Path, built_store: Path) -> None:
    page = tmp_path / "nujaba.html"
    ok = CliRunner().invoke(cli, ["viz", "--focus", "Nujaba", "--depth", "1", "--store", str(built_store), "-o", str(page)])
    assert ok.exit_code == 0 and "(2 nodes, 1 edges)" in ok.output
    assert CliRunner().invoke(cli, ["viz", "--classes", "Militia", "--store", str(built_store)]).exit_code == 2
    lower = CliRunner().invoke(cli, ["viz", "--classes", "armedgroup,STATE", "--store", str(built_store), "-o", str(page)])
    wanted = sum(1 for _, d in project(services.open_graph(built_store)).nodes(data=True)
                 if d["cls"] in {"ArmedGroup", "State"})
    assert lower.exit_code == 0 and f"({wanted} nodes" in lower.output
    window = CliRunner().invoke(cli, ["viz", "--since", "2024-01", "--until", "2024-01", "--store", str(built_store),
                                      "-o", str(page)])
    every = project(services.open_graph(built_store))
    shown = int(window.output.split("(")[1].split(" nodes")[0])
    assert window.exit_code == 0 and shown < every.number_of_nodes() / 2


def test_the_layout_is_the_same_on_every_build(tmp_path: Path, built_store: Path) -> None:
    pages = [tmp_path / "a.html", tmp_path / "b.html"]
    for page in pages:
        assert CliRunner().invoke(cli, ["viz", "--store", str(built_store), "-o", str(page)]).exit_code == 0
    assert pages[0].read_text(encoding="utf-8") == pages[1].read_text(encoding="utf-8")
    assert '"physics": {"enabled": false}' in pages[0].read_text(encoding="utf-8")


def test_the_page_opens_on_the_actors_finds_names_like_the_cli_and_centres_a_focus(tmp_path: Path,
                                                                                   built_store: Path) -> None:
    page, focused = tmp_path / "graph.html", tmp_path / "kh.html"
    assert CliRunner().invoke(cli, ["viz", "--store", str(built_store), "-o", str(page)]).exit_code == 0
    assert CliRunner().invoke(cli, ["viz", "--focus", "KH", "--store", str(built_store), "-o", str(focused)]).exit_code == 0
    with chromium() as driver:
        open_page(driver, page)
        shown = driver.execute_script("return kgGraph.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; })")
        assert "kataib-hezbollah" in shown and "attack-2024-01-20-al-asad" not in shown
        driver.execute_script("kgGraph.showEvents(true)")
        assert "attack-2024-01-20-al-asad" in driver.execute_script(
            "return kgGraph.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; })")
        assert driver.execute_script("return kgGraph.find('Nujaba')") == ["harakat-hezbollah-al-nujaba"]
        assert driver.execute_script("return kgGraph.find(\"Kata'ib Hizballah\")") == ["kataib-hezbollah"]
        assert driver.execute_script("return kgGraph.find('KH')") == ["kataib-hezbollah"]
        for name in ("constructor", "__proto__", "toString"):
            assert driver.execute_script(f"return kgGraph.find('{name}')") == []
        box = driver.find_element("id", "search")
        box.send_keys("constructor\n")
        assert "No entity called that" in driver.find_element("id", "found").text
        box.clear()
        box.send_keys("nujaba\n")
        assert "Harakat Hezbollah al-Nujaba" in driver.find_element("id", "details").text
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        open_page(driver, focused)
        x, y, cx, cy = driver.execute_script("""
            var n = kgGraph.network, p = n.canvasToDOM(n.getPositions(['kataib-hezbollah'])['kataib-hezbollah']);
            var r = document.getElementById('network').getBoundingClientRect();
            return [p.x, p.y, r.width / 2, r.height / 2];""")
        assert abs(x - cx) < 5 and abs(y - cy) < 5
        assert driver.execute_script("return kgGraph.nodes.get('kataib-hezbollah').borderWidth") == 5
        assert "Kataib Hezbollah" in driver.find_element("id", "details").text
    assert CliRunner().invoke(cli, ["viz", "--focus", "Hezbollah", "--store", str(built_store)]).exit_code == 2


def test_timeline_plot_writes_a_png(tmp_path: Path, built_store: Path) -> None:
    import matplotlib.image

    out = tmp_path / "timeline.png"
    result = CliRunner().invoke(cli, ["timeline", "--plot", str(out), "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    assert "(25 events)" in result.output  # the 6 events known only by date bounds are not drawn
    image = matplotlib.image.imread(out)
    assert image.shape[0] > 300 and image.shape[1] > 800
    assert image[..., :3].std() > 0.05  # not a blank picture

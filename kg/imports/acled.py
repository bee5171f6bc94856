"""ACLED event tables (CSV, ACLED's own 31 columns) read row by row into checked rows.

Each row is read with the line it starts on and its character span in the file, so that an error names
the line and a claim built from the row points at exactly that row. Nothing here knows about entities:
kg/imports/events.py maps checked rows onto the knowledge base.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kg.errors import DataError
from kg.kb.model import Value

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp"]
REQUIRED = ["event_id_cnty", "event_date", "event_type", "actor1"]
XSD = "http://www.w3.org/2001/XMLSchema#"
_ROW_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}


class BadRow(ValueError):
    """One row that cannot be imported; str() is the reason."""


@dataclass(frozen=True)
class Row:
    line: int  # the line the record starts on (the header is line 1)
    span: tuple[int, int]  # character offsets of the record in the file: [start, end)
    id: str
    date: Value  # at the precision time_precision allows
    time_precision: int
    event_type: str
    sub_event_type: str
    actors1: list[str]  # actor1, then each associated actor
    actors2: list[str]
    inter1: str
    inter2: str
    country: str
    admin1: str
    location: str
    coordinates: tuple[str, str] | None  # latitude, longitude as written (decimal degrees)
    geo_precision: int | None
    fatalities: int | None  # None: not reported (blank), never 0
    source: str
    notes: str


def parse_acled_date(text: str) -> dt.date:
    """ACLED's `YYYY-MM-DD`, or its older `DD Month YYYY` ("07 January 2024")."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text):
            month = _MONTHS.get(m.group(2).lower())
            if month:
                return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        pass
    raise BadRow(f"event_date {text!r} is not a date (YYYY-MM-DD or DD Month YYYY)")


def dated(day: dt.date, precision: int) -> Value:
    """ACLED's time_precision as our date precision: 1 the day; 2 (within a week) and 3 (within a month)
    the month, since a week has no honest counterpart among day, month and year."""
    if precision == 1:
        return Value(day.isoformat(), XSD + "date")
    return Value(day.isoformat()[:7], XSD + "gYearMonth")


def _code(raw: str, column: str, allowed: range) -> int | None:
    if not raw.strip():
        return None
    if raw.strip().isdigit() and int(raw) in allowed:
        return int(raw)
    raise BadRow(f"{column} {raw!r} is not one of {', '.join(map(str, allowed))}")


def _coordinates(lat: str, lon: str) -> tuple[str, str] | None:
    if not lat.strip() and not lon.strip():
        return None
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        raise BadRow(f"latitude/longitude {lat!r}, {lon!r} are not numbers") from None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise BadRow(f"latitude/longitude {lat}, {lon} lie outside the globe")
    return lat.strip(), lon.strip()


def _actors(first: str, associated: str) -> list[str]:
    names = [first.strip(), *(a.strip() for a in associated.split(";"))]
    return list(dict.fromkeys(n for n in names if n))


def _fatalities(raw: str) -> int | None:
    if not raw.strip():
        return None
    if raw.strip().isdigit():
        return int(raw)
    raise BadRow(f"fatalities {raw!r} is not a whole number")


def check_row(raw: dict[str, str], line: int, span: tuple[int, int]) -> Row:
    row_id = raw["event_id_cnty"].strip()
    if not _ROW_ID.match(row_id):
        raise BadRow(f"event_id_cnty {row_id!r} is not an id (letters, digits, '_', '.', '-')")
    if not raw["event_type"].strip():
        raise BadRow("event_type is empty")
    if not raw["actor1"].strip():
        raise BadRow("actor1 is empty")
    precision = _code(raw.get("time_precision", ""), "time_precision", range(1, 4)) or 1
    return Row(
        line=line, span=span, id=row_id, date=dated(parse_acled_date(raw["event_date"]), precision),
        time_precision=precision, event_type=raw["event_type"].strip(),
        sub_event_type=raw.get("sub_event_type", "").strip(),
        actors1=_actors(raw["actor1"], raw.get("assoc_actor_1", "")),
        actors2=_actors(raw.get("actor2", ""), raw.get("assoc_actor_2", "")),
        inter1=raw.get("inter1", "").strip(), inter2=raw.get("inter2", "").strip(),
        country=raw.get("country", "").strip(), admin1=raw.get("admin1", "").strip(),
        location=raw.get("location", "").strip(),
        coordinates=_coordinates(raw.get("latitude", ""), raw.get("longitude", "")),
        geo_precision=_code(raw.get("geo_precision", ""), "geo_precision", range(1, 4)),
        fatalities=_fatalities(raw.get("fatalities", "")),
        source=raw.get("source", "").strip(), notes=raw.get("notes", "").strip(),
    )


class _Counted:
    """Lines of a text file, counting the characters handed out so far (csv pulls exactly one record)."""

    def __init__(self, handle: TextIO):
        self.handle = handle
        self.offset = 0
        self.lines = 0
        self.last = ""

    def __iter__(self) -> Iterator[str]:
        for line in self.handle:
            self.offset += len(line)
            self.lines += 1
            self.last = line
            yield line


def read_rows(path: Path) -> Iterator[Row | tuple[int, BadRow]]:
    """Every record of the file: a checked Row, or (line, BadRow) for one that is malformed.

    A missing required column or an unreadable file raises DataError: nothing can be imported then.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as ex:
        raise DataError([f"{path}: cannot read the file ({ex.strerror})"]) from None
    with handle:
        counted = _Counted(handle)
        reader = csv.reader(counted)
        try:
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise DataError([f"{path}:1: not an ACLED table: no column {', '.join(missing)} "
                                 f"(expected ACLED's columns: {', '.join(COLUMNS[:8])}, ...)"])
            seen: dict[str, int] = {}
            start, line = counted.offset, counted.lines + 1
            for fields in reader:
                end = counted.offset - (len(counted.last) - len(counted.last.rstrip("\r\n")))
                span = (start, end)
                start, line, first = counted.offset, counted.lines + 1, line
                if not any(f.strip() for f in fields):
                    continue  # a blank line
                try:
                    if len(fields) != len(header):
                        raise BadRow(f"expected {len(header)} fields, found {len(fields)}")
                    row = check_row(dict(zip(header, fields)), first, span)
                    if row.id in seen:
                        raise BadRow(f"event_id_cnty {row.id!r} repeats the row at line {seen[row.id]}")
                    seen[row.id] = first
                    yield row
                except BadRow as ex:
                    yield first, ex
        except UnicodeDecodeError as ex:
            raise DataError([f"{path}: not UTF-8 text ({ex.reason} at byte {ex.start})"]) from None
        except csv.Error as ex:
            raise DataError([f"{path}:{reader.line_num}: malformed CSV: {ex}"]) from None


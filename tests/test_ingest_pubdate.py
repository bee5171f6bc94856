"""The publication date a draft gets, on header furniture written for these tests (invented events).

Each rule of kg/ingest/meta.py and kg/ingest/headers.py has its own case: labelled lines that carry a
publication and an update date, yearless wire datelines and where their year comes from, timestamps
with times and zones, all-digit dates, press-release headers, and relative times that give no date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest.dates import Pub, find_dates, resolve
from kg.ingest.headers import segments
from kg.ingest.meta import detect

TITLE = "Gunmen ambush a supply convoy on the northern lake road"
BODY = "Gunmen fired on three trucks near a checkpoint, wounding a driver, police said.\n"
FILLER = "".join(f"Paragraph {n} of the report describes the scene at the checkpoint in more detail.\n"
                 for n in range(14))  # pushes a footer past the header's first lines


def page(*header: str, body: str = BODY) -> str:
    return "\n".join((TITLE, *header)) + "\n\n" + body


@pytest.mark.parametrize(("line", "published", "label"), [
    ("Published 3 March 2026 | Updated 4 March 2026", "2026-03-03", "'Published' label"),
    ("Published On 3 Mar 2026", "2026-03-03", "'Published On' label"),
    ("First published on Tue 3 Mar 2026 14.05 GMT Last modified on Wed 4 Mar 2026 09.10 GMT", "2026-03-03",
     "'First published on' label"),
    ("Updated: March 4, 2026 Posted: March 3, 2026", "2026-03-03", "'Posted' label"),
    ("Reposted 9 March 2026 · Originally published 2 March 2026", "2026-03-02", "'Originally published' label"),
    ("Last Update: 5 March 2026 · Filed at 14:05 GMT, 3 March 2026", "2026-03-03", "'Filed at' label"),
    # glued together, as text extracted from a page often is
    ("Updated 4 March 2026Published 3 March 2026", "2026-03-03", "'Published' label"),
    ("Wed 4 Mar 2026 09.10 GMTFirst published on Tue 3 Mar 2026 14.05 GMT", "2026-03-03", "'First published on' label"),
    ("UPDATE: 4 March 2026 | Lake TVPublished On 3 Mar 2026", "2026-03-03", "'Published On' label"),
])
def test_a_line_with_publication_and_update_dates_gives_the_publication(line: str, published: str, label: str) -> None:
    meta = detect(page("By Rana Example", line))
    assert meta.published == published
    assert meta.date_basis.startswith(f"the {label} (line 3 of the header) gives {published}")


def test_a_line_is_cut_into_labelled_segments() -> None:
    cut = segments("Published 3 March 2026 | Updated 4 March 2026")
    assert [(s.role, s.label, s.text.strip(" |")) for s in cut] == [
        ("published", "published", "3 March 2026"), ("updated", "updated", "4 March 2026")]
    # in a sentence, or inside a word, the same word is prose, not a label
    assert [s.role for s in segments("the group posted a video on 3 March 2026")] == ["plain"]
    assert [s.role for s in segments("Trucks outdated: 3 March 2026")] == ["plain"]


def test_a_label_word_opening_a_sentence_of_prose_is_not_a_label() -> None:
    lead = ("Posted on Telegram on March 3, 2026, the statement said the group had fired on the convoy and would "
            "fire again if the trucks came back.\n")
    meta = detect(page("March 5, 2026", body=lead))
    assert meta.published == "2026-03-05"
    # but a long line of glued header furniture keeps its labels
    glued = detect(page("Lake TV News World Live Rockets hit the base as the militia warns of more to come, and more "
                        "Published 12 May 2026 | Updated 13 May 2026 Share"))
    assert glued.published == "2026-05-12" and glued.date_basis.startswith("the 'Published' label")


def test_an_update_date_alone_stands_for_the_publication_and_says_so() -> None:
    meta = detect(page("Updated 4 March 2026 10:00 GMT", body="Gunmen fired on a convoy on Monday, police said.\n"))
    assert meta.published == "2026-03-04"  # AP and CNN pages print nothing else; the analyst can give --date
    assert meta.date_basis.startswith("the header gives only the 'Updated' date, 2026-03-04")
    # a dated header line later than the update cannot be the publication either: only its year is sure
    late = detect(page("Last updated 4 March 2026", "Filed 5 March 2026"))
    assert late.published == "2026" and late.date_basis == "no dateline; the latest year the text mentions is 2026"


def test_an_update_later_than_every_year_the_text_mentions_is_the_date_not_the_old_year() -> None:
    meta = detect(page("Updated 5:14 PM GMT+3, February 4, 2024",
                       body="ERBIL, Iraq (AP) — A drone strike on Sunday killed two, officials said. "
                            "It was the fourth such strike since 2022.\n"))
    assert meta.published == "2024-02-04"  # not 2022, the latest year the text mentions


@pytest.mark.parametrize(("header", "body", "published", "basis"), [
    # the year from a timestamp in the page's footer, far below the dateline (the day stays the dateline's)
    (("By Rana Example",), "TAL AFAR, March 3 (Northern Wire) - Gunmen fired on three trucks.\n" + FILLER
     + "Posted 2026-03-04 01:10\n", "2026-03-03", "the page's timestamp 2026-03-04 gives the year"),
    # the year from an update line: the latest October 14 not after it
    (("Updated Oct. 16, 2025, 8:05 a.m. ET",), "BAGHDAD, Oct. 14 (Lake Wire) - Gunmen fired on three trucks.\n",
     "2025-10-14", "the page's update date 2025-10-16"),
    (("Updated Jan. 2, 2026",), "MOSUL, Dec. 30 (Lake Wire) - Gunmen fired on three trucks.\n",
     "2025-12-30", "the page's update date 2026-01-02"),
    # the year from the latest year the body mentions
    ((), "Baghdad, 3 March: Gunmen fired on three trucks.\nThe group behind it formed in 2024.\n",
     "2024-03-03", "the latest year the text mentions is 2024"),
    # ... moved on a year by the weekday the lead names beside the dateline (6 January 2026 was a Tuesday)
    (("© 2025 Lake Wire",), "ERBIL, Jan. 6 (AP) — Tuesday's drone strike wounded three guards.\n"
     "A similar strike in 2025 failed.\n", "2025-01-06", "the latest year the text mentions is 2025"),  # not past ©
    ((), "ERBIL, Iraq, Jan. 6 (AP) — Tuesday's drone strike wounded three guards.\n"
         "A similar strike in 2025 failed.\n",
     "2026-01-06", "the lead's Tuesday puts Jan 6 in 2026"),
    # agencies after a comma, places with an article, a double hyphen
    (("Updated Feb. 5, 2026",), "AL-QAIM, Iraq, Feb. 3, (Lake Wire) -- Gunmen fired on three trucks.\n",
     "2026-02-03", "the page's update date 2026-02-05"),
    (("Updated Feb. 5, 2026",), "al-Qaim, Feb. 3 (Lake Wire) — Gunmen fired on three trucks.\n",
     "2026-02-03", "the page's update date 2026-02-05"),
    # a header line naming the weekday beside a yearless date (3 March 2026 was a Tuesday, 2025's a Monday)
    (("Tuesday, March 3",), "Gunmen fired on three trucks.\nThe group behind it formed in 2025.\n",
     "2026-03-03", "the lead's Tuesday puts Mar 3 in 2026"),
    (("Updated Feb. 5, 2026",), "NAJAF — Feb. 3 — Gunmen fired on three trucks.\n", "2026-02-03", "update date"),
    # a weekday inside the dateline itself
    ((), "BAGHDAD, Tuesday, March 3 (Lake Wire) - Gunmen fired on three trucks.\nThe road closed in 2025.\n",
     "2026-03-03", "the lead's Tuesday puts Mar 3 in 2026"),
    # a yearless "Published" label, its year from the update beside it
    (("Published March 3 | Updated March 4, 2026",), BODY, "2026-03-03", "the page's update date 2026-03-04"),
])
def test_a_yearless_dateline_takes_its_year_from_the_page(header: tuple[str, ...], body: str, published: str,
                                                          basis: str) -> None:
    meta = detect(page(*header, body=body))
    assert meta.published == published
    assert "gives" in meta.date_basis and "without a year" in meta.date_basis and basis in meta.date_basis


def test_a_copyright_notice_does_not_hide_a_publication_label_on_its_line() -> None:
    meta = detect(page("© 2027 Lake TV | Published 3 March 2026"))
    assert meta.published == "2026-03-03" and meta.date_basis.startswith("the 'Published' label")


def test_the_header_runs_past_its_first_lines_until_the_prose() -> None:
    nav = "".join(f"Menu item {n}\n" for n in range(14))
    meta = detect(nav + TITLE + "\nDecember 12, 2026 5:00 AM ET\n" + FILLER.replace(".\n", ", " * 30 + ".\n"))
    assert meta.published == "2026-12-12" and meta.date_basis == "the dateline (line 16 of the header) gives 2026-12-12"
    # deep in the header only a bare timestamp counts, not a date inside a line of words
    told = detect(nav + TITLE + "\nA look back at the siege of December 12, 2023 in pictures\n" + BODY)
    assert told.published == "2023"


def test_february_29_is_dated_only_in_leap_years() -> None:
    meta = detect(page("Updated March 1, 2025", body="BAGHDAD, Feb. 29 (Lake Wire) - Gunmen fired on trucks.\n"))
    assert meta.published == "2024-02-29" and "the latest Feb 29 not after it" in meta.date_basis
    # once crashed: the body's latest dated day on a February 29
    body = detect(page("© 2026 Lake Wire",
                       body="Gunmen fired on Feb. 29 and on Tuesday. A Thursday raid in 2023 failed.\n"))
    assert body.published == "2024-03-05"  # 29 Feb 2024 was a Thursday; the lead's Tuesday is the next one


def test_a_yearless_dateline_with_only_a_copyright_year_gets_no_date() -> None:
    meta = detect(page("© 2026 Lake Wire", body="BAGHDAD, Oct. 14 (Lake Wire) - Gunmen fired on three trucks.\n"))
    assert meta.published is None  # a copyright year bounds the date from above; it does not give it


def test_a_date_inside_the_lead_is_an_event_not_the_dateline() -> None:
    lead = ("BASRA, May 12 (Lake Wire) - Gunmen fired on three trucks on Tuesday in an ambush that recalled the "
            "one on Jan. 5, 2025, when the same road was cut for a week, police said.\n")
    meta = detect(page(body=lead))
    assert meta.published == "2026-05-12"  # not 2025-01-05; 12 May 2026 was a Tuesday
    assert "the lead's Tuesday" in meta.date_basis


def test_a_us_stamp_with_a_two_digit_year_is_read_month_first() -> None:
    meta = detect(page("By Rana Example", "03/18/26 06:12 PM ET"))
    assert meta.published == "2026-03-18", meta.date_basis


def test_a_paragraph_opening_with_an_older_date_does_not_make_the_header_a_timeline() -> None:
    # a press release: a bare date line, then prose whose second paragraph opens with the event's date
    text = ("MINISTRY OF EXAMPLES\n\nPress Releases\n\nMinistry names the financiers of a small militia\n\n"
            "June 17, 2026\n\nToday the ministry named three people who fund the Example Brigade, a militia "
            "that has fired on two bases this year.\n\nOn February 11, 2026, the brigade flew a drone at a "
            "base in the west, wounding two guards.\n")
    meta = detect(text)
    assert meta.published == "2026-06-17", meta.date_basis


@pytest.mark.parametrize("stamp", [
    "March 3, 2026 4:12 PM GMT+3", "Tue 3 Mar 2026 14.05 GMT", "2026-03-03 13:22", "03 Mar 2026, 09:41 AST",
    "March 3, 2026, 5:14 p.m. ET", "2026-03-03T13:22:00Z", "3rd March 2026", "Mar. 3, 2026", "3.3.2026",
    "03-03-2026", "Date: 03/03/2026", "03-Mar-2026 14:05",
    "March 3, 2026 4:12 PM GMT+3 Updated 2 hours ago", "March 3, 20264:12 PM GMT+3Updated 2 hours ago",  # glued
    "Issued on: 03/03/2026 - 14:05 Modified: 03/03/2026 - 16:40", "Tue, March 3, 2026 at 4:12 PM GMT+3",
    "03/03/26 06:12 PM ET",
])
def test_timestamps_with_times_and_zones_give_the_day(stamp: str) -> None:
    meta = detect(page("By Rana Example", stamp))
    assert meta.published == "2026-03-03"
    assert "reads two ways" not in meta.date_basis


@pytest.mark.parametrize(("stamp", "published"), [("Sept. 9, 2026", "2026-09-09"), ("Jan. 5, 2026", "2026-01-05")])
def test_abbreviated_months_with_dots(stamp: str, published: str) -> None:
    assert detect(page(stamp)).published == published


def test_all_digit_dates_read_day_first_unless_impossible_or_the_page_is_us_style() -> None:
    plain = detect(page("Date: 03/04/2026"))
    assert plain.published == "2026-04-03"
    assert "03/04/2026 reads two ways: read day-first" in plain.date_basis
    assert detect(page("Date: 04/13/2026")).published == "2026-04-13"  # no 13th month: month first
    us = detect(page("Date: 03/04/2026 10:15 a.m. EST", body="Gunmen fired on trucks on March 2, 2026.\n"))
    assert us.published == "2026-03-04"
    assert "read month-first" in us.date_basis and "US times" in us.date_basis
    zone = detect(page("Date: 03/04/2026 10:15 AM ET"))
    assert zone.published == "2026-03-04" and "read month-first, as the page gives US times" in zone.date_basis
    # another all-digit date on the page settles it
    told = detect(page("Date: 03/04/2026", body="A earlier ambush on 11/25/2025 closed the road.\n"))
    assert told.published == "2026-03-04" and "month-first" in told.date_basis


def test_a_labelled_or_bare_date_line_is_not_the_title() -> None:
    meta = detect("Published On 3 Mar 2026 by the Lake TV news desk\n" + TITLE + "\n\n" + BODY)
    assert meta.title == TITLE and meta.published == "2026-03-03"
    brief = detect("Lake Institute\nBrief | March 20, 2026\n" + TITLE + "\n\n" + BODY)
    assert brief.title == TITLE and brief.published == "2026-03-20"


def test_press_release_furniture_is_neither_title_nor_date() -> None:
    text = ("MINISTRY OF THE INTERIOR\nFOR IMMEDIATE RELEASE: statement number fourteen of the year\n"
            "Release No. 26-014\nForces seize a weapons depot near the lake road\nMarch 3, 2026\n\n"
            "Police seized rockets at a farm, the ministry said.\n")
    meta = detect(text)
    assert meta.title == "Forces seize a weapons depot near the lake road"
    assert meta.published == "2026-03-03"


@pytest.mark.parametrize(("stamp", "expected"), [
    ("Lake Agency | 12.01.2026 - Update : 12.01.2026 | 9.40 p.m.", "2026-01-12"),  # dots are day-first
    ("Published: 03.03.26, 18:12 | Updated: 03.03.26, 19:40", "2026-03-03"),
    ("Issued: 14 Apr 26 | 1905 gmt", "2026-04-14"),
    ("January, 05, 2026 - 15:42 | World news", "2026-01-05"),
    ("LAKE NEWS AGENCY | 22 NOV 2026", "2026-11-22"), ("NOVEMBER 22, 2026", "2026-11-22"),
    ("Date: 2026.11.22", "2026-11-22"),
])
def test_european_and_agency_stamps_give_the_date(stamp: str, expected: str) -> None:
    assert detect(TITLE + "\n\n" + stamp + "\n\n" + BODY).published == expected


@pytest.mark.parametrize("header", [
    "LAKE COUNTY HERALD\nHome > World > Middle East\nAnn Example, Omar Sample, and Ben Test\n",
    "Lake Herald | Iraq | Security\nEdition cutoff: 10:00 am ET\n",
])
def test_mastheads_section_paths_and_author_lists_are_not_the_title(header: str) -> None:
    meta = detect(header + TITLE + "\nMarch 3, 2026\n\n" + BODY)
    assert meta.title == TITLE


def test_a_dated_update_line_beats_its_author_list_and_cutoff_stamp_as_title() -> None:
    meta = detect("Lake Axis Update, February 24, 2026\n\nAnn Example, Omar Sample, and Ben Test\n\n"
                  "Information Cutoff: 10:00 am ET\n\n" + BODY)
    assert meta.title == "Lake Axis Update, February 24, 2026"


def test_a_short_lede_taken_as_title_is_still_read(tmp_path: Path, data_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_TEXTS", str(tmp_path / "texts"))
    report = tmp_path / "short.txt"
    report.write_text("Rockets hit Camp Victory on Wednesday, wounding two contractors.\n\nNo group said it "
                      "fired them.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(report), "--format", "json", "--data", str(data_copy),
                                      "--date", "2026-04-24"])
    assert result.exit_code == 0, result.output
    facts = [c["facts"] for c in json.loads(result.output)["claims"] if c["subject"].startswith("attack-")]
    assert facts and facts[0]["location"] == "camp-victory"


def test_with_no_headline_the_lede_is_the_title_and_its_act_is_still_read(tmp_path: Path, data_copy: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_TEXTS", str(tmp_path / "texts"))
    lede = ("BAGHDAD, April 24, 2026 (Lake Wire) - Rockets hit Camp Victory near Baghdad airport on Wednesday "
            "night, wounding two contractors.")
    report = tmp_path / "wire.txt"
    report.write_text(lede + "\n\nNo group said it fired them, police said.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(report), "--format", "json", "--data", str(data_copy)])
    assert result.exit_code == 0, result.output
    draft = json.loads(result.output)
    assert draft["source"]["title"] == lede
    facts = [c["facts"] for c in draft["claims"] if c["subject"].startswith("attack-")]
    assert facts and facts[0]["date"] == "2026-04-22" and facts[0]["location"] == "camp-victory"


@pytest.mark.parametrize("relative", ["2 hours ago", "Yesterday", "Published 5 minutes ago"])
def test_relative_header_times_never_give_a_date(relative: str) -> None:
    meta = detect(page(relative, body="Gunmen fired on trucks on March 2, police said.\n"))
    assert meta.published is None
    assert f"'{relative.removeprefix('Published ')}' counts from when the page was read" in meta.date_basis


@pytest.mark.parametrize(("phrase", "expected"), [
    ("on 03/04/2026", "2026-04-03"), ("on 13.04.2026", "2026-04-13"), ("at 2026-03-03T13:22Z", "2026-03-03"),
    ("on 2026/3/9", "2026-03-09"), ("on the 3rd of March 2026", "2026-03-03"),
    ("three days ago", "2026-05-29"), ("two weeks ago", "2026-05-18"), ("in October last year", "2025-10"),
    ("mid-February", "2026-02"), ("late October", "2025-10"), ("at the end of March", "2026-03"),
    ("earlier in the month", "2026-06"),
])
def test_new_date_formats_resolve_in_the_body(phrase: str, expected: str) -> None:
    found = find_dates(phrase)
    assert len(found) == 1 and resolve(found[0], Pub.parse("2026-06-01")) == expected


def test_kg_ingest_dates_a_wire_report_with_a_yearless_dateline(tmp_path: Path, data_copy: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_TEXTS", str(tmp_path / "texts"))
    report = tmp_path / "wire.txt"
    report.write_text(page("By Rana Example", "Updated Oct. 16, 2025, 8:05 a.m. ET",
                           body="BAGHDAD, Oct. 14 (Lake Wire) - Gunmen fired rockets at al-Asad Air Base on "
                                "Tuesday, officials said.\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(report), "--format", "json", "--data", str(data_copy)])
    assert result.exit_code == 0, result.output
    source = json.loads(result.output)["source"]
    assert source["published"] == "2025-10-14"
    assert source["date_basis"].startswith("the dateline (line 4) gives October 14 without a year")

"""The query commands: who-backs, backs, members, show, search, events, timeline, path, queries, query, sparql."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.ask.answers import sources_in
from kg.ask.strength import strength_text
from kg.cli import STORE, cli
from kg.cli.render import (
    Column,
    label,
    lines,
    links_text,
    output_options,
    paragraph,
    render,
    say,
    source_text,
    sources_text,
)
from kg.cli.setup import complete_entity

FORMAT = output_options
QUOTES = click.option("--quotes", is_flag=True,
                      help="Quote each claim's span from the report text in the texts directory ($KG_TEXTS).")
AS_OF = click.option("--as-of", help="Only relations valid on this date, where validity is known (YYYY[-MM[-DD]]).")


def _report(answer: services.Answer) -> None:
    for res in answer.resolved:
        if res.how != "id":
            say(f"Using {res.entity.label} ({res.entity.id}, {res.entity.cls}) for {res.query!r}")


def _via(r: dict) -> str:
    return " → ".join(label(v) for v in r["via"]) or "—"


def _explain(records: list[dict], key: str) -> None:
    out = []
    for r in records:
        out.append(f"{label(r[key])}" + (" (direct)" if r.get("direct") else f" (via {_via(r)})")
                   + (f" · {strength_text(r)}" if "strength" in r else ""))
        for link in r["links"]:
            n = link.get("independent_sources")
            rated = f" [{link['strength']}, {n} independent]" if n is not None else ""
            out.append(f"  {label(link['subject'])} —{link['predicate']}→ {label(link['object'])}{rated}")
            for s in link["sources"]:
                out.append(f"      {source_text(s)} · {s['title']} · claim {s['claim']}")
                if "quote" in s:
                    out.append(f"        “{s['quote']}”" if s["quote"] else "        (the report's text is not "
                               "available: see KG_TEXTS)")
    lines(out)


def _backing(answer: services.Answer, key: str, explain: bool, fmt: str, empty: str,
             quotes: bool = False, store: Path | None = None) -> None:
    """who-backs and backs: the same chains, seen from either end."""
    _report(answer)
    if quotes:
        services.add_quotes(answer.records, store)
    if explain and fmt == "table":
        _explain(answer.records, key)
        return
    columns: list[Column] = [(key.capitalize(), lambda r: r[key]), ("Direct", lambda r: r["direct"]),
                             ("Via", _via), ("Relation", lambda r: r["relation"]),
                             ("Strength", strength_text), ("Sources", links_text)]
    render(answer.records, fmt, columns, empty=empty, optional=("Direct", "Relation", "Strength"))
    if quotes and fmt == "table":
        _print_quotes(answer.records)


def _print_quotes(records: list[dict]) -> None:
    """After a table: each claim behind it with the span it rests on (--quotes)."""
    found: dict[str, str | None] = {}
    for src in sources_in(records):
        if "quote" in src:
            found.setdefault(str(src["claim"]), src["quote"])
    if found:
        lines(["", "Quotes:"] + [f"  {claim}: “{q}”" if q else f"  {claim}: (the report's text is not available: "
                                 "see KG_TEXTS)" for claim, q in found.items()])


@cli.command("who-backs")
@click.argument("name", shell_complete=complete_entity)
@click.option("--direct", is_flag=True, help="Only backers of the group itself, not of its umbrellas.")
@click.option("--explain", is_flag=True, help="Print each chain link by link with its sources.")
@QUOTES
@AS_OF
@FORMAT
@STORE
def who_backs(name: str, direct: bool, explain: bool, quotes: bool, as_of: str | None, fmt: str,
              store: Path | None) -> None:
    """Who backs NAME: states and organisations backing it directly or through its umbrellas.

    Each backer comes with the chain it backs through (via) and the reports behind every link, with
    their stance (reported, claimed, attributed, alleged, denied).

    \b
    Examples:
      kg who-backs Nujaba
      kg who-backs "Kata'ib Hizballah" --explain
      kg who-backs KH --direct --format json
      kg who-backs KH --explain --quotes
    """
    _backing(services.who_backs(name, direct, as_of, store), "backer", explain, fmt,
             empty=f"No backers of {name!r} in the graph.", quotes=quotes, store=store)


@cli.command()
@click.argument("name", shell_complete=complete_entity)
@click.option("--direct", is_flag=True, help="Only those it backs itself, not their members.")
@click.option("--explain", is_flag=True, help="Print each chain link by link with its sources.")
@QUOTES
@AS_OF
@FORMAT
@STORE
def backs(name: str, direct: bool, explain: bool, quotes: bool, as_of: str | None, fmt: str,
          store: Path | None) -> None:
    """Whom NAME backs: directly, and the members of the umbrellas it backs.

    \b
    Examples:
      kg backs Iran
      kg backs "United States" --format csv
    """
    _backing(services.backs(name, direct, as_of, store), "backed", explain, fmt,
             empty=f"{name!r} backs no one in the graph.", quotes=quotes, store=store)


@cli.command()
@click.argument("name", shell_complete=complete_entity)
@AS_OF
@FORMAT
@STORE
def members(name: str, as_of: str | None, fmt: str, store: Path | None) -> None:
    """Members of the umbrella or organisation NAME, nested members included (via).

    \b
    Examples:
      kg members "Islamic Resistance in Iraq"
      kg members PMF --format json
    """
    answer = services.members(name, as_of, store)
    _report(answer)
    columns: list[Column] = [("Member", lambda r: r["member"]), ("Via", _via), ("Relation", lambda r: r["relation"]),
                             ("Sources", links_text)]
    render(answer.records, fmt, columns, empty=f"No members of {name!r} in the graph.")


@cli.command()
@click.argument("name", shell_complete=complete_entity)
@QUOTES
@FORMAT
@STORE
def show(name: str, quotes: bool, fmt: str, store: Path | None) -> None:
    """An entity card: class, names, every relation in and out, its events, and the sources of each.

    \b
    Examples:
      kg show "Kataib Hezbollah"
      kg show al-asad-air-base --format json
      kg show "Kataib Hezbollah" --quotes
    """
    answer = services.show(name, store)
    _report(answer)
    if quotes:
        services.add_quotes(answer.records, store)
    (card,) = answer.records
    if fmt == "json":
        render(answer.records, fmt, [])
        return
    if fmt != "table":  # flat: one row per relation and source, the grain of a card
        render(card["relations"], fmt, [])
        return
    paragraph(f"{card['entity']['label']} ({card['entity']['id']}) · {card['class']}")
    paragraph(f"Also called: {', '.join(card['aliases']) or '—'}")
    render(card["relations"], "table", [
        ("Subject", lambda r: r["subject"]), ("Relation", lambda r: r["predicate"]), ("Object", lambda r: r["object"]),
        ("Sources", lambda r: sources_text(r["sources"]))], empty="No relations.")
    if card["events"]:
        paragraph("Events: " + "; ".join(f"{label(e['event'])} ({', '.join(e['roles'])})" for e in card["events"]))
    if card.get("figures"):
        paragraph("Figures: " + "; ".join(f"{label(f['figure'])}: {f['text']} ({sources_text(f['sources'])})"
                                          for f in card["figures"]))
    if quotes:
        _print_quotes(answer.records)


@cli.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@FORMAT
@STORE
def search(text: str, limit: int, fmt: str, store: Path | None) -> None:
    """Entities whose names are closest to TEXT, best first (fuzzy, any spelling or language).

    \b
    Examples:
      kg search hezbollah
      kg search "ain al asad"
    """
    answer = services.search(text, limit, store)
    render(answer.records, fmt, [("Entity", lambda r: r["entity"]), ("Id", lambda r: r["entity"]["id"]),
                                 ("Class", lambda r: r["entity"]["class"]), ("Score", lambda r: r["score"])],
           empty=f"Nothing close to {text!r}.")


@cli.command()
@click.argument("a", shell_complete=complete_entity)
@click.argument("b", shell_complete=complete_entity)
@FORMAT
@STORE
def path(a: str, b: str, fmt: str, store: Path | None) -> None:
    """The shortest chain of sourced relations between A and B (in either direction).

    \b
    Examples:
      kg path Nujaba Iran
      kg path "Abu Mahdi al-Muhandis" "Qassem Soleimani" --format json
    """
    answer = services.path(a, b, store)
    _report(answer)
    render(answer.records, fmt, [("Subject", lambda r: r["subject"]), ("Relation", lambda r: r["predicate"]),
                                 ("Object", lambda r: r["object"]), ("Sources", lambda r: sources_text(r["sources"]))],
           empty="They are the same entity.")


@cli.command("queries")
@FORMAT
def list_queries(fmt: str) -> None:
    """The named SPARQL queries in queries/, with what each answers and its parameters.

    \b
    Example:
      kg queries
    """
    records = [{"name": q.name, "parameters": [f"{p.name} ({p.type}{', optional' if p.optional else ''})"
                                               for p in q.params.values()], "description": q.description}
               for q in services.named_queries()]
    render(records, fmt, [("Name", lambda r: r["name"]), ("Parameters", lambda r: r["parameters"]),
                          ("Description", lambda r: r["description"])])

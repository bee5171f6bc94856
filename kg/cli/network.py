"""The network commands: stats and escalation (networkx), imported with the CLI but loading networkx
only when one of them runs."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.cli import STORE, cli
from kg.cli.ask import FORMAT, _report
from kg.cli.render import Column, lines, render, sources_text


@cli.command()
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many actors to rank.")
@FORMAT
@STORE
def stats(top: int, fmt: str, store: Path | None) -> None:
    """Counts by class and by stance, and the most central actors.

    Centrality is computed on the actor network: actors linked by membership, backing, leadership and
    alliance, and by taking part in the same event. Ranked by PageRank, with degree and betweenness.
    CSV gives the ranking.

    \b
    Examples:
      kg stats
      kg stats --top 20 --format json
    """
    (record,) = services.stats(top, store).records
    if fmt == "json":
        render([record], fmt, [])
        return
    columns: list[Column] = [("Actor", lambda r: r["actor"]), ("Class", lambda r: r["actor"]["class"]),
                             ("PageRank", lambda r: r["pagerank"]), ("Degree", lambda r: r["degree"]),
                             ("Betweenness", lambda r: r["betweenness"]), ("Links", lambda r: r["links"])]
    if fmt == "table":
        lines(["Entities: " + ", ".join(f"{k} {v}" for k, v in record["entities_by_class"].items()),
               "Claims:   " + ", ".join(f"{k} {v}" for k, v in record["claims_by_stance"].items())])
    render(record["central_actors"], fmt, columns, empty="No actors.")


@cli.command()
@click.argument("name", required=False)
@click.option("--window", type=click.IntRange(0, 3650), default=30, show_default=True,
              help="Days after an attack within which a strike on its authors counts as a response.")
@FORMAT
@STORE
def escalation(name: str | None, window: int, fmt: str, store: Path | None) -> None:
    """Attack → response pairs, and attacks and strikes per month.

    Explicit pairs are reported responses (respondsTo). Inferred pairs: a strike against an actor
    within --window days after an attack by, claimed by or attributed to that actor or an umbrella
    above it. Where a date is known only to the month or year, the lag is a range. NAME keeps the
    pairs that involve that actor (or its umbrellas). CSV gives the pairs.

    \b
    Examples:
      kg escalation
      kg escalation "Kataib Hezbollah" --window 45 --format csv
    """
    answer = services.escalation(name, window, store)
    _report(answer)
    (record,) = answer.records
    if fmt == "json":
        render([record], fmt, [])
        return
    columns: list[Column] = [
        ("Cause", lambda r: f"{r['cause_date']} {r['cause']['label']}"),
        ("Response", lambda r: f"{r['response_date']} {r['response']['label']}"),
        ("Kind", lambda r: r["kind"]),
        ("Lag (days)", lambda r: str(r["lag_days"]) if r["lag_days"] == r["lag_days_max"]
         else f"{r['lag_days']}–{r['lag_days_max']}"),
        ("Sources", lambda r: sources_text(r["sources"]))]
    render(record["pairs"], fmt, columns, empty="No attack → response pairs.")
    if fmt == "table":
        render(record["monthly"], fmt, [("Month", lambda r: r["month"]), ("Attacks", lambda r: r["attacks"]),
                                        ("Strikes", lambda r: r["strikes"])])

"""The network commands: stats and escalation (networkx), imported with the CLI but loading networkx
only when one of them runs."""

from __future__ import annotations

from pathlib import Path

import click

from kg import services
from kg.cli import STORE, cli
from kg.cli.ask import FORMAT, _report
from kg.cli.render import Column, paragraph, render, sources_text
from kg.cli.setup import complete_entity


@cli.command()
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many actors to rank.")
@FORMAT
@STORE
def stats(top: int, fmt: str, store: Path | None) -> None:
    """What the knowledge base holds, and the most central actors in the conflict.

    The counts are those `kg build` reports: every entity by class, every claim by stance. Centrality
    is computed on the conflict network: actors tied by membership, backing, command and alliance,
    and by taking part in the same event (carrying it out, claiming it, blamed for it, ordering it,
    targeted by it). Who was quoted, or where they work, does not count. Ranked by PageRank, with
    degree and betweenness. CSV and NDJSON give the ranking.

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
        net = record["conflict_network"]
        paragraph(f"{record['entities']} entities: " + ", ".join(f"{k} {v}" for k, v in record["entities_by_class"].items()))
        paragraph(f"{record['claims']} claims from {record['sources']} sources: "
                  + ", ".join(f"{k} {v}" for k, v in record["claims_by_stance"].items()))
        paragraph(f"Most central of the {net['actors']} actors in the conflict network ({net['links']} links: "
                  "membership, backing, command, alliance, events):")
    render(record["central_actors"], fmt, columns, empty="No actors.")


@cli.command()
@click.argument("name", required=False, shell_complete=complete_entity)
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


@cli.command()
@click.option("--focus", shell_complete=complete_entity, help="Draw only this entity and its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True, help="Hops around --focus.")
@click.option("--since", help="Only events from this date (YYYY[-MM[-DD]]), who took part and their umbrellas.")
@click.option("--until", help="Only events up to this date.")
@click.option("--classes", help="Comma-separated classes to draw, any case, e.g. ArmedGroup,Coalition,State.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=Path("output/graph.html"),
              show_default=True, help="Where to write the page.")
@STORE
def viz(focus: str | None, depth: int, since: str | None, until: str | None, classes: str | None, output: Path,
        store: Path | None) -> None:
    """Write an interactive graph as one HTML file that works offline.

    The page opens on the actor network (who is tied to whom by membership, backing, command and
    shared events); a switch adds the events, places and weapons. The layout is computed once, so the
    page opens at once and the same every time; --focus centres and rings the entity.
    Nodes are coloured and shaped by class (legend on the right) and sized by their number of links;
    arrows are labelled with the relation and dashed where only alleged. Click a node or an arrow for
    the facts and every report behind them; the search box finds and focuses an entity. Text from the
    data is shown as text: nothing in a label or a title can run in the page.

    \b
    Examples:
      kg viz
      kg viz --focus Nujaba --depth 2 -o output/nujaba.html
      kg viz --classes ArmedGroup,Coalition,State,StateAgency
    """
    wanted = [c.strip() for c in classes.split(",") if c.strip()] if classes else None
    answer, nodes, edges = services.viz(output, focus, depth, since, until, wanted, store)
    _report(answer)
    click.echo(f"Wrote {output} ({nodes} nodes, {edges} edges)")

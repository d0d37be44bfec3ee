"""Human-readable terminal output (rich): replies as block quotes with citations, recommendation tables."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # importing the app stays light: `ask` starts loading the model before the set's models are built
    from chatbot.recs.schema import RecommendationSet
    from chatbot.types import Quote, Reply

_STATUS_STYLE = {"answered": "green", "not_found": "yellow", "out_of_scope": "yellow", "needs_clarification": "cyan"}
_KIND_LABEL = {"recommendation": "rec", "good_practice_statement": "GPS", "research_only": "research"}
_VERDICT_STYLE = {"pass": "green", "warn": "yellow", "fail": "red"}


def citation(quote: Quote) -> str:
    """'[pack] Title (unofficial digest), § section, p. 7, FL-...'."""
    from chatbot.types import DocumentKind

    kind = {DocumentKind.DIGEST: "unofficial digest", DocumentKind.ADDED: "added document"}.get(quote.document_kind, "official publication")
    parts = [f"[{quote.pack}]"] if quote.pack else []
    parts.append(quote.document_title if kind in quote.document_title.lower() else f"{quote.document_title} ({kind})")
    if quote.section:
        parts.append(f"§ {quote.section}")
    if quote.page is not None:
        parts.append(f"p. {quote.page}")
    if quote.recommendation_id:
        parts.append(quote.recommendation_id)
    parts.append("verbatim ✓" if quote.verified else "NOT VERIFIED ✗")
    return ", ".join(parts)


def print_reply(console: Console, reply: Reply, rec_set: RecommendationSet) -> None:
    """A reply as a terminal reader wants it: status, summary, quotes, recommendation cards, guard."""
    answer = reply.answer
    status = answer.status.value
    console.print(f"[bold {_STATUS_STYLE.get(status, 'white')}]{status.replace('_', ' ').upper()}[/]")
    if answer.summary:
        console.print(Text(answer.summary))
    if answer.uncovered:
        console.print(Text("Not addressed by the loaded guidelines: " + "; ".join(answer.uncovered), style="yellow"))
    if answer.closest_topics:
        console.print(Text("\nRelated, not an answer:", style="dim bold"))
        for topic in answer.closest_topics:
            console.print(Text(f"  - {topic}", style="dim"))
    for quote in answer.quotes:
        console.print()
        width = max(console.width - 4, 20)
        for line in textwrap.wrap(" ".join(quote.text.split()), width):
            console.print(Text("│ ", style="cyan") + Text(line, style="italic"))
        for line in textwrap.wrap("— " + citation(quote), width):
            console.print(Text("  " + line, style="dim"))
    cards = [rec_set.get(rec_id) for rec_id in answer.recommendation_ids]
    if cards:
        console.print()
        print_recommendations_table(console, [card for card in cards if card is not None], title="Matching recommendations")
    verdict = reply.guard.verdict
    console.print(f"\nGuard: [{_VERDICT_STYLE.get(verdict, 'white')}]{verdict}[/]")
    for finding in reply.guard.findings:
        console.print(f"  - {finding.kind}: {escape(finding.message)}")
    console.print(Text(f"corpus {reply.corpus_version} · {reply.timings_ms.get('total', 0):.0f} ms", style="dim"))


def print_recommendations_table(console: Console, recs: list, title: str = "Recommendations") -> None:
    """One row per recommendation with its labels."""
    wide = console.width >= 120
    columns = (
        ("id", "no.", "kind", "direction", "strength", "certainty", "status", "conf.", "title")
        if wide
        else ("id", "kind", "direction", "strength", "certainty")
    )
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for rec in recs:
        cells = {
            "id": rec.id,
            "no.": str(rec.number) if rec.number is not None else "?",
            "kind": _KIND_LABEL.get(rec.kind, rec.kind),
            "direction": rec.direction.replace("_", " "),
            "strength": rec.strength.replace("_", " ").replace("not applicable", "n/a"),
            "certainty": rec.certainty.replace("_", " ").replace("not applicable", "n/a"),
            "status": rec.status,
            "conf.": rec.confidence,
            "title": escape(rec.title),
        }
        table.add_row(*(cells[column] for column in columns))
    console.print(table)


def print_recommendation(console: Console, rec) -> None:
    """Every field of one recommendation."""
    table = Table(show_header=False, title=rec.id)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name, value in rec.model_dump(mode="json").items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = "\n".join(str(v) for v in value)
        table.add_row(name, escape(str(value)))
    console.print(table)


def print_eval_table(console: Console, metrics: dict[str, dict], configurations) -> None:
    """The configurations side by side on the main metrics."""
    columns = {
        "recall@1": "R@1",
        "recall@5": "R@5",
        "mrr": "MRR",
        "ndcg@10": "nDCG@10",
        "status_accuracy": "status",
        "verbatim_rate": "verbatim",
    }
    table = Table(title="Evaluation", box=box.SIMPLE_HEAD)
    table.add_column("configuration")
    for label in columns.values():
        table.add_column(label, justify="right")
    for configuration in configurations:
        values = metrics[configuration.name]
        table.add_row(configuration.name, *(f"{values.get(c, 0):.3f}" for c in columns))
    console.print(table)


def print_guard_report(console: Console, report, text: str) -> None:
    """The verdict, then one row per finding with the words it concerns."""
    console.print(f"Verdict: [bold {_VERDICT_STYLE.get(report.verdict, 'white')}]{report.verdict.upper()}[/]")
    if not report.findings:
        console.print("No findings: every claim matches the recommendation set (or makes no treatment claim).")
        return
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    for column in ("kind", "item", "text", "what the set says"):
        table.add_column(column, overflow="fold")
    for finding in report.findings:
        words = text[finding.span[0] : finding.span[1]].strip() if finding.span else ""
        table.add_row(finding.kind, finding.recommendation_id or "–", escape(words), escape(finding.message))
    console.print(table)


def print_verification(console: Console, result) -> None:
    """The curated-versus-official comparison as tables."""
    table = Table(title=f"Curated items found in the publication: {len(result.matched)}")
    for column in ("id", "no.", "page", "differences"):
        table.add_column(column, overflow="fold")
    for match in result.matched:
        differences = "; ".join(f"{d.field}: curated {d.curated} ≠ official {d.official}" for d in match.differences)
        table.add_row(match.recommendation_id, match.number_label, str(match.page or ""), differences or "[green]none[/]")
    console.print(table)
    if result.missing_from_curated:
        missing = Table(title=f"Official items missing from the curated set: {len(result.missing_from_curated)}")
        for column in ("document", "no.", "page", "strength", "certainty"):
            missing.add_column(column)
        for s in result.missing_from_curated:
            missing.add_row(
                s.document_id, f"{s.item.number}{s.item.part or ''}", str(s.item.page or ""), s.item.strength.value, s.item.certainty.value
            )
        console.print(missing)
    if result.not_found:
        console.print(f"Curated items not found in the publication: {len(result.not_found)}")
        for rec in result.not_found:
            console.print(f"  - {rec.id} ({rec.status.value}{', no number' if not rec.number else ''})", highlight=False)
    console.print("[green]✓ curated set and publication agree[/]" if result.agrees else "[yellow]✗ differences found[/]")

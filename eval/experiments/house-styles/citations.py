"""Citations in the publication's own label words on packs made by `pack init` from every generated house style.

Per style and labelled statement (a bare "2." or "7a" cannot be cited), with the style's label (e.g. "Rec. 7b",
"Statement 4", "R4a"): the question "What does LABEL say?" answered with the statement's own item first; the guard on
"LABEL: STATEMENT" passing ('we suggest' reported as 'the panel suggests'); the guard on "LABEL: STATEMENT" with its direction flipped failing on the own item; and the
guard on the label with a letter part the publication lacks failing as an unknown recommendation.

Usage (from a checkout, PYTHONPATH set to it):
    python eval/experiments/house-styles/citations.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_ADVICE = re.compile(r"\b(recommends?|suggests?)( against)?\b")


def _reported(statement: str) -> str:
    """The statement as a reader reports it: 'we suggest' is the panel's ('we' in a checked text is the writer's own plan)."""
    return re.sub(r"\b([Ww])e (recommend|suggest)\b", lambda m: f"{'T' if m.group(1) == 'W' else 't'}he panel {m.group(2)}s", statement)


def _flipped(statement: str) -> str:
    """The statement with its direction reversed ('We suggest X' <-> 'We suggest against X')."""
    return _ADVICE.sub(lambda m: m.group(1) if m.group(2) else f"{m.group(1)} against", statement, count=1)


def main() -> None:
    """Print one row per style and the totals."""
    sys.path.insert(0, str(ROOT / "tests"))
    from house_style_pdfs import house_pdf
    from house_styles import STYLES

    from chatbot.config import load_settings
    from chatbot.index.embedders import load_embedder

    embedder = load_embedder(load_settings())
    only = sys.argv[1:]
    totals = [0] * 5
    print("| style | cited statements | question: own item first | faithful: pass | flipped: fail on it | unknown part: fail |")
    print("|---|---|---|---|---|---|")
    for style in (s for s in STYLES if not only or s.name in only):
        with tempfile.TemporaryDirectory() as folder:
            row = _style_row(style, house_pdf(style), Path(folder), embedder)
        totals = [a + b for a, b in zip(totals, row)]
        print(f"| {style.name} | " + " | ".join(map(str, row)) + " |")
    print("| all | " + " | ".join(map(str, totals)) + " |")


def _style_row(style, pdf, folder: Path, embedder) -> list[int]:  # type: ignore[no-untyped-def]
    """The counts for one style: statements cited, and of those each check passed."""
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot
    from chatbot.pack_init import init_pack
    from chatbot.stores.bundle import scratch_stores

    (folder / "g.pdf").write_bytes(pdf.data)
    init_pack(folder / "pack", [folder / "g.pdf"], None, None, "R")
    settings = load_settings().model_copy(update={"corpus_dir": (folder / "pack").resolve(), "packs": (), "document_dirs": ()})
    bot = build_chatbot(settings, embedder=embedder, stores=scratch_stores(folder / "stores"))
    items = {(rec.number, rec.part): rec.id for rec in bot.rec_set.items}
    row = [0] * 5
    for label, (number, part), expected in zip(style.labels, style.numbers, pdf.expected):
        cited = label.rstrip(".").title() if label.isupper() else label.rstrip(".")
        if not re.match(r"[A-Za-z]", cited):  # a bare "2." or "7a" cell is no citation
            continue
        own = items.get((number, part)) or f"R-{number}{part or ''}"
        row[0] += 1
        reply = bot.ask(f"What does {cited} say?", channel="eval")
        row[1] += (
            reply.answer.status.value == "answered" and bool(reply.answer.recommendation_ids) and reply.answer.recommendation_ids[0] == own
        )
        row[2] += bot.check(f"{cited}: {_reported(expected.statement)}").verdict == "pass"
        flipped = bot.check(f"{cited}: {_flipped(_reported(expected.statement))}")
        row[3] += flipped.verdict == "fail" and any(f.recommendation_id == own for f in flipped.findings)
        unknown = bot.check(f"{re.sub(r'[a-z]?$', 'z', cited, count=1)}: {expected.statement}")
        row[4] += any(f.kind == "unknown_recommendation" for f in unknown.findings)
    return row


if __name__ == "__main__":
    main()

"""Comparison: the claim reader's own negation rules against medspaCy's ConText, on the same labelled guard sets.

Run: .venv/bin/python eval/compare_context.py [--out DIR]   (needs `pip install .[compare]`: medspacy)
Three readers of a clause's direction (for / against), everything else in the guard unchanged:
  rules      today's reader (chatbot/guard/claims.py: cue words, negators that flip each cue they govern);
  context    medspaCy on a blank English pipeline: a TargetMatcher whose targets are generated from the pack
             (every synonym group's terms, every item's intervention, comparator and keywords) and ConText with
             its default rules plus the reader's against-cues; a clause with an action cue is against when
             ConText negates a target in it;
  either     against when either reader says so;
  hedging    today's reader, plus: a clause whose target ConText marks uncertain or hypothetical and that carries
             no strength word reads as conditional.
Each pack is loaded as `chatbot check` loads it (its built index's passages). Scores each set as eval/heldout/tools/score_guard.py does (flagged recall and precision, right finding kind) and
the existing gold sets by verdict accuracy; times check() per text. Writes context.md to DIR.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, markdown_table, percentile  # noqa: E402

# ConText cues for "against" beyond medspaCy's defaults, as token patterns (literal words, case-insensitive).
AGAINST_CUES = [
    "against",
    "avoid",
    "avoided",
    "avoiding",
    "discourage",
    "discouraged",
    "discourages",
    "omit",
    "omitted",
    "withhold",
    "withheld",
    "unnecessary",
    "contraindicated",
    "forgo",
    "refrain",
    "never",
    "not",
    "n't",
    "no need",
    "no role",
    "no benefit",
    "no routine",
]


def context_readers(folder: Path) -> tuple[Callable[[str], str | None], Callable[..., str | None]]:
    """Clause direction and hedged strength read by medspaCy, with targets generated from the pack's set and thesaurus."""
    from loguru import logger

    for name in ("medspacy", "PyRuSH"):
        logger.disable(name)  # its debug output would flood the console
    import spacy
    from medspacy.context import ConText, ConTextRule  # noqa: F401  (registers the pipe)
    from medspacy.ner import TargetMatcher, TargetRule  # noqa: F401

    from chatbot.guard.claims import _patterns, _strength
    from chatbot.packs.synonyms import load_thesaurus
    from chatbot.recs.loading import load_recommendations

    rec_set, thesaurus = load_recommendations(folder), load_thesaurus(folder)
    phrases = {term.lower() for group in thesaurus.groups for term in group.terms}
    for rec in rec_set.items:
        phrases |= {p.lower() for p in (rec.intervention, rec.comparator or "", *rec.keywords) if p and len(p) < 60}
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = nlp.add_pipe("medspacy_target_matcher")
    matcher.add([TargetRule(p, "TOPIC") for p in sorted(phrases) if p.strip()])
    context = nlp.add_pipe("medspacy_context", config={"rules": "default"})
    context.add([ConTextRule(cue, "NEGATED_EXISTENCE", direction="BIDIRECTIONAL") for cue in AGAINST_CUES])
    patterns = _patterns()

    def direction(text: str) -> str | None:
        if patterns["individualized"].search(text):
            return "individualized"
        if not (patterns["for"].search(text) or patterns["against"].search(text)):
            return None
        doc = nlp(text)
        return "against" if any(ent._.is_negated for ent in doc.ents) else "for"

    def strength(text: str, domain: object = None) -> str | None:
        said = _strength(text, domain)  # type: ignore[arg-type]
        if said is None and any(ent._.is_uncertain or ent._.is_hypothetical for ent in nlp(text).ents):
            return "conditional"  # hedged ("may", "possibly", "could be considered"): the wording of a conditional recommendation
        return said

    return direction, strength


def score(check: Callable[[str], object], path: Path) -> dict[str, float]:
    """Flagged recall/precision, right kind, verdict accuracy and per-text time on one labelled set."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = kind_ok = kind_n = verdict_ok = 0
    times = []
    for case in cases:
        started = time.perf_counter()
        report = check(case["text"])
        times.append((time.perf_counter() - started) * 1000)
        verdict = str(getattr(report.verdict, "value", report.verdict))  # type: ignore[attr-defined]
        found = [(str(f.kind), f.recommendation_id) for f in report.findings]  # type: ignore[attr-defined]
        expected, got = case["expected_verdict"] != "pass", verdict != "pass"
        tp, fp, fn = tp + (expected and got), fp + (got and not expected), fn + (expected and not got)
        verdict_ok += verdict == case["expected_verdict"]
        if expected:
            kind_n += 1
            kind_ok += all(
                any(k == e["kind"] and e.get("recommendation_id") in (None, r) for k, r in found) for e in case["expected_findings"]
            )
    return {
        "recall": tp / max(tp + fn, 1),
        "precision": tp / max(tp + fp, 1),
        "kind": kind_ok / max(kind_n, 1),
        "verdict": verdict_ok / len(cases),
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
    }


SETS = {
    "corpus": ["eval/heldout/guard-ash.jsonl", "eval/guard/claims.jsonl", "eval/guard/heldout.jsonl", "eval/guard/heldout2.jsonl"],
    "packs/cdc-opioids-2022": ["eval/heldout/guard-cdc-dev.jsonl", "eval/heldout/guard-cdc-heldout.jsonl"],
}


def main() -> int:
    """Score every set under each reader; print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"compare-context-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot
    from chatbot.guard import claims

    rules, plain_strength = claims._direction, claims._strength
    rows = []
    for folder_name, paths in SETS.items():
        folder = PROJECT_ROOT / folder_name
        bot = build_chatbot(load_settings(corpus_dir=folder, document_dirs=(PROJECT_ROOT.parent / "shared" / "external" / "pdfs",)))
        started = time.perf_counter()
        context, hedged = context_readers(folder)
        load_seconds = time.perf_counter() - started

        def either(text: str, context: Callable[[str], str | None] = context) -> str | None:
            said = rules(text)
            return "against" if said == "for" and context(text) == "against" else said

        for name, reader, strength in (
            ("rules", rules, plain_strength),
            ("context", context, plain_strength),
            ("either", either, plain_strength),
            ("hedging", rules, hedged),
        ):
            claims._direction, claims._strength = reader, strength  # type: ignore[assignment]
            claims._read_clauses.cache_clear()  # clauses read by another reader are not reused
            for path in paths:
                m = score(bot.check, PROJECT_ROOT / path)
                rows.append(
                    [
                        Path(path).name,
                        name,
                        *(f"{m[k]:.3f}" for k in ("recall", "precision", "kind", "verdict")),
                        f"{m['p50']:.2f}",
                        f"{m['p95']:.2f}",
                    ]
                )
                print(" | ".join(rows[-1]), flush=True)
        claims._direction, claims._strength = rules, plain_strength  # type: ignore[assignment]
        rows.append([folder_name, "context load (s)", f"{load_seconds:.2f}", "", "", "", "", ""])
    table = markdown_table(
        ["set", "reader", "flagged recall", "flagged precision", "right kind", "verdict accuracy", "p50 ms", "p95 ms"], rows
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "context.md").write_text(f"# Claim reader: rules against medspaCy ConText\n\n{table}")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

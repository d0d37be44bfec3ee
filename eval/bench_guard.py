"""Benchmark: the rules guard's `check` per 100-word text, warm, against tokenising the same text (baseline, same run).

Run: .venv/bin/python eval/bench_guard.py [--out DIR] [--cpu] [--profile FILE] [--all-sets]
Texts of about 100 words are made by joining the labelled texts of eval/guard/claims.jsonl (ASH) and of
eval/heldout/guard-cdc-dev.jsonl (CDC). The guard is warmed on other texts (eval/guard/heldout.jsonl), then each text is timed once (the guard
remembers clauses it has read, so a repeat would time a memo). The baseline row is the lexical tokenizer (NFKC,
lowercase, stemming) over the same texts, timed in the same run: what any reading of the text costs at least.
Targets: check p50 <= 5 ms and p95 <= 15 ms per 100-word text. Writes guard.json, guard.md and guard.png to DIR.
On a busy machine, --cpu times each call in this process's CPU time (less noisy than the wall clock; compare runs interleaved)
and --profile FILE writes a cProfile of the timed checks, in CPU time (python -m pstats FILE; it slows the timed calls).
--all-sets times the texts of every labelled guard set of the pack (eval/guard and eval/heldout*, about 250 ASH and 180 CDC
texts of 100 words) instead: a steadier median on a busy machine.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, finish, markdown_table, percentile, plot_path  # noqa: E402

TARGETS = {"p50": 5.0, "p95": 15.0}
WORDS = 100


def hundred_word_texts(path: Path) -> list[str]:
    """The set's texts joined in order into texts of about 100 words each."""
    texts, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current += json.loads(line)["text"].split()
            if len(current) >= WORDS:
                texts.append(" ".join(current[:WORDS]))
                current = current[WORDS:]
    return texts


def contexts() -> dict[str, tuple[object, Path]]:
    """Each pack's guard context (the default pack over its digest passages; CDC over its set and domain) and its texts."""
    from chatbot.config import load_settings
    from chatbot.guard.check import GuardContext
    from chatbot.ingest.chunking import chunk_document
    from chatbot.ingest.readers import read_document
    from chatbot.ingest.sources import load_sources
    from chatbot.packs.synonyms import load_thesaurus
    from chatbot.recs.loading import load_recommendations

    corpus = PROJECT_ROOT / "corpus"
    rec_set = load_recommendations(corpus)
    passages: list = []
    for source in load_sources(corpus):
        passages += chunk_document(read_document(source, corpus), load_settings(), lambda path, text: None)
    ash = GuardContext.build(rec_set, load_thesaurus(corpus), tuple(passages))
    cdc_folder = PROJECT_ROOT / "packs" / "cdc-opioids-2022"
    cdc = GuardContext.build(load_recommendations(cdc_folder), load_thesaurus(cdc_folder), ())
    return {
        "ASH": (ash, PROJECT_ROOT / "eval" / "guard" / "claims.jsonl"),
        "CDC": (cdc, PROJECT_ROOT / "eval" / "heldout" / "guard-cdc-dev.jsonl"),
    }


def timed(
    run: Callable[[str], object],
    warm_up: list[str],
    texts: list[str],
    clock: Callable[[], float] = time.perf_counter,
    profile: cProfile.Profile | None = None,
) -> list[float]:
    """Milliseconds of one call per text, after untimed calls on the warm-up texts (profiled too when a profile is given)."""
    for text in warm_up:
        run(text)
    samples = []
    for text in texts:
        if profile is not None:
            profile.enable()
        started = clock()
        run(text)
        samples.append((clock() - started) * 1000)
        if profile is not None:
            profile.disable()
    return samples


def _all_sets(pack: str, path: Path) -> list[Path]:
    """The pack's labelled guard sets: the bench's own set first, then every round's (the held-out sets' guard-ash/-cdc files)."""
    rounds = sorted((HERE).glob(f"heldout*/guard-{pack.lower()}*.jsonl"))
    return [path, *(p for p in rounds if p != path)]


def _summary(values: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds, to two decimals."""
    return {"p50": round(statistics.median(values), 2), "p95": round(percentile(values, 0.95), 2)}


def main() -> int:
    """Time the baseline and the check per pack; print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-guard-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument("--cpu", action="store_true", help="time in this process's CPU time instead of the wall clock")
    parser.add_argument("--profile", type=Path, help="write a cProfile (CPU time) of the timed checks to this file")
    parser.add_argument("--all-sets", action="store_true", help="time the texts of every labelled guard set of each pack")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    profile = cProfile.Profile(time.process_time) if args.profile else None
    from chatbot.guard.check import check_text
    from chatbot.index.lexical import tokenize

    samples: dict[str, list[float]] = {}
    warm_up = hundred_word_texts(HERE / "guard" / "heldout.jsonl")
    for name, (context, path) in contexts().items():
        texts = [t for p in _all_sets(name, path) for t in hundred_word_texts(p)] if args.all_sets else hundred_word_texts(path)
        samples[f"{name}: tokenize (baseline)"] = timed(tokenize, warm_up, texts, clock)
        samples[f"{name}: check"] = timed(lambda text, c=context: check_text(text, c), warm_up, texts, clock, profile)
    if profile is not None:
        profile.dump_stats(args.profile)
    rows = []
    for name, values in samples.items():
        stats = _summary(values)
        baseline = _summary(samples[name.split(":")[0] + ": tokenize (baseline)"])
        met = "" if "baseline" in name else ("met" if stats["p50"] <= TARGETS["p50"] and stats["p95"] <= TARGETS["p95"] else "missed")
        rows.append([name, len(values), stats["p50"], stats["p95"], f"{stats['p50'] / max(baseline['p50'], 0.01):.0f}×", met])
    table = markdown_table(["run (100-word texts, warm)", "checks", "p50 ms", "p95 ms", "p50 × baseline", "p50 ≤ 5, p95 ≤ 15 ms"], rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "guard.json").write_text(json.dumps(samples))
    (args.out / "guard.md").write_text(f"# Guard check per 100-word text (warm)\n\n{table}")
    plt, plot = plot_path(args.out, "guard.png")
    figure, axis = plt.subplots(figsize=(8, 3.2))
    names = list(samples)
    axis.barh(names, [_summary(samples[n])["p95"] for n in names], color="#bbbbbb", label="p95")
    axis.barh(names, [_summary(samples[n])["p50"] for n in names], color="#4c72b0", label="p50")
    axis.axvline(TARGETS["p50"], color="k", linestyle="--")
    axis.axvline(TARGETS["p95"], color="k", linestyle=":")
    axis.set_xlabel("milliseconds per 100-word text (dashed: p50 target, dotted: p95 target)")
    axis.invert_yaxis()
    axis.legend()
    finish(figure, plot, table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

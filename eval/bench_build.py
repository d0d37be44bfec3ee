"""Benchmark: index build time and peak memory per pack, ONNX Runtime against the torch backend in the same run.

Run: .venv/bin/python eval/bench_build.py [--packs corpus packs/cdc-opioids-2022 ...] [--backends onnx torch] [--out DIR]
Each build runs in a fresh process (so its peak RSS is its own) into a tmp index: a first build, then
(ONNX) a forced rebuild, which takes the unchanged documents (not parsed again), their PDF positions and
their vectors from the first. Pack documents missing from a
pack are found in ../shared/external/pdfs. Writes build.json, build.md and build.png to DIR
(default eval/reports/bench-build-<time>/).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, child_env, finish, markdown_table, peak_rss_mib, plot_path, run_child  # noqa: E402

PDFS = PROJECT_ROOT.parent / "shared" / "external" / "pdfs"
TARGET = "CDC pack ≤ 20 s and ≤ 600 MB"


def _child(pack: Path, index_dir: Path, force: bool) -> dict:
    """Build (or force-rebuild) one pack's index; time, peak memory and counts."""
    from chatbot.config import load_settings
    from chatbot.index.build import ensure_index
    from chatbot.index.embedders import load_embedder
    from chatbot.packs.loading import primary_settings
    from chatbot.recs.loading import load_recommendations

    settings = primary_settings(load_settings(corpus_dir=pack, index_dir=index_dir, document_dirs=(PDFS,) if PDFS.is_dir() else ()))
    started = time.perf_counter()
    embedder = load_embedder(settings)
    summary = ensure_index(
        settings, load_recommendations(settings.corpus_dir), lambda: embedder, lambda *a: None, lambda m: None, force=force
    )
    seconds = time.perf_counter() - started
    counts = json.loads((summary.folder / "manifest.json").read_text())["counts"]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mib": peak_rss_mib(),
        "passages": counts["passages"],
        "sentences": counts["sentences"],
        "embedded": counts.get("embedded"),
    }


def main() -> int:
    """Build each pack with each backend in children; print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--packs",
        type=Path,
        nargs="+",
        default=[PROJECT_ROOT / "corpus", PROJECT_ROOT / "packs" / "cdc-opioids-2022", PROJECT_ROOT / "packs" / "eln-cml-2020"],
    )
    parser.add_argument("--backends", nargs="+", default=["onnx", "torch"], choices=["onnx", "torch"])
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-build-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.index, args.force)))
        return 0

    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for pack in args.packs:
            for backend in args.backends:
                env = child_env(data_dir=f"{tmp}/data", embedding_backend=backend)
                index = Path(tmp) / f"{pack.name}-{backend}"
                runs = [("first build", False)] + ([("rebuild, documents and vectors reused", True)] if backend == "onnx" else [])
                for label, force in runs:
                    print(f"{pack.name} {backend}: {label} ...", file=sys.stderr, flush=True)
                    result = run_child(Path(__file__), ["--child", str(pack), "--index", str(index), *(["--force"] if force else [])], env)
                    rows.append({"pack": pack.name, "backend": backend, "run": label, **result})
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    baseline = {(r["pack"]): r for r in rows if r["backend"] == "torch"}
    table = markdown_table(
        [
            "pack",
            "backend",
            "run",
            "passages",
            "sentences",
            "texts embedded",
            "seconds",
            "CPU s (process)",
            "× torch",
            "peak MiB",
            "× torch (memory)",
        ],
        [
            [
                r["pack"],
                r["backend"],
                r["run"],
                r["passages"],
                r["sentences"],
                r["embedded"],
                r["seconds"],
                r.get("cpu_seconds", ""),
                f"{r['seconds'] / baseline[r['pack']]['seconds']:.2f}" if r["pack"] in baseline else "",
                r["peak_mib"],
                f"{r['peak_mib'] / baseline[r['pack']]['peak_mib']:.2f}" if r["pack"] in baseline else "",
            ]
            for r in rows
        ],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build.json").write_text(json.dumps(rows, indent=2))
    (args.out / "build.md").write_text(f"# Index builds per pack\n\nBaseline: the torch backend, same run. Target: {TARGET}.\n\n{table}")
    plt, path = plot_path(args.out, "build.png")
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    labels = [f"{r['pack']} · {r['backend']} · {r['run']}" for r in rows]
    left.barh(labels, [r["seconds"] for r in rows], color=["#dd8452" if r["backend"] == "torch" else "#4c72b0" for r in rows])
    left.set_xlabel("build seconds")
    right.barh(labels, [r["peak_mib"] for r in rows], color=["#dd8452" if r["backend"] == "torch" else "#4c72b0" for r in rows])
    right.set_xlabel("peak RSS, MiB")
    right.set_yticks([])
    for axis in (left, right):
        axis.invert_yaxis()
        axis.grid(axis="x", alpha=0.3)
    finish(figure, path, table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: cold `chatbot ask` and `chatbot check` (a fresh interpreter each) against `python -c pass`, same run.

Run: .venv/bin/python eval/bench_cli.py [--repeats N] [--torch-repeats N] [--out DIR]
The index of the default corpus is built first in a tmp folder (and the ONNX export made if missing);
each command runs once untimed to warm the disk and bytecode caches, then `--repeats` timed runs. The reference
rows are `python -c pass` (the floor) and `ask` with CHATBOT_EMBEDDING_BACKEND=torch (the CLI before
ONNX). Writes cli.json, cli.md and cli.png to DIR (default eval/reports/bench-cli-<time>/).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, child_env, finish, markdown_table, plot_path  # noqa: E402

QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
CLAIM = "The panel recommends routine heparin during asparaginase."
CLI = "from chatbot.channels.cli.entry import run; run()"  # what the console script runs
TARGETS = {"chatbot ask": 1.5, "chatbot check": 1.0}


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], env: dict[str, str], repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of `repeats` runs (after one untimed warm-up run); fails loudly on a non-zero exit.

    On a busy machine the wall clock mostly measures waiting for a core; CPU seconds show the work itself.
    """
    wall, cpu = [], []
    for run in range(repeats + 1):
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        elapsed, used = time.perf_counter() - started, _cpu_seconds() - cpu_before
        if result.returncode not in (0, 1):
            raise RuntimeError(f"{command} exited {result.returncode}: {result.stderr[-2000:]}")
        if run:
            wall.append(elapsed)
            cpu.append(used)
    return wall, cpu


def main() -> int:
    """Time each command; print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--torch-repeats", type=int, default=2, help="runs of the torch-backend ask (slow)")
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-cli-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(index_dir=f"{tmp}/index", data_dir=f"{tmp}/data")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: the warm-up run leaves the project's bytecode cached
        print("building the index (tmp) ...", file=sys.stderr, flush=True)
        subprocess.run([python, "-c", CLI, "ingest"], env=env, check=True, capture_output=True, timeout=1800)
        commands = {
            "python -c pass (baseline)": ([python, "-c", "pass"], env, args.repeats),
            "import chatbot CLI": ([python, "-c", "import chatbot.channels.cli.app"], env, args.repeats),
            "chatbot check": ([python, "-c", CLI, "check", CLAIM], env, args.repeats),
            "chatbot ask": ([python, "-c", CLI, "ask", QUESTION], env, args.repeats),
            "chatbot ask (torch backend, before)": (
                [python, "-c", CLI, "ask", QUESTION],
                env | {"CHATBOT_EMBEDDING_BACKEND": "torch"},
                args.torch_repeats,
            ),
        }
        samples, cpu = {}, {}
        for name, (command, command_env, repeats) in commands.items():
            if repeats > 0:
                print(f"timing {name} ...", file=sys.stderr, flush=True)
                samples[name], cpu[name] = _time(command, command_env, repeats)
    floor = statistics.median(samples["python -c pass (baseline)"])
    rows = []
    for name, values in samples.items():
        median = statistics.median(values)
        target = TARGETS.get(name)
        verdict = "" if target is None else ("met" if median <= target else "missed")
        rows.append(
            [
                name,
                len(values),
                f"{median:.2f}",
                f"{min(values):.2f}",
                f"{median / floor:.1f}×",
                f"{median - floor:.2f}",
                f"{statistics.median(cpu[name]):.2f}",
                f"≤ {target} s {verdict}" if target else "",
            ]
        )
    table = markdown_table(
        ["command", "runs", "median s", "min s", "× python -c pass", "s above the floor", "CPU s (median)", "target (wall)"], rows
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cli.json").write_text(json.dumps({"seconds": samples, "cpu_seconds": cpu}, indent=2))
    (args.out / "cli.md").write_text(f"# Cold CLI start (warm disk cache)\n\n{table}")
    plt, path = plot_path(args.out, "cli.png")
    figure, axis = plt.subplots(figsize=(9, 3.8))
    names = list(samples)
    axis.barh(
        names, [statistics.median(samples[n]) for n in names], color=["#999999", "#bbbbbb", "#4c72b0", "#4c72b0", "#dd8452"][: len(names)]
    )
    for name, target in TARGETS.items():
        if name in names:
            axis.plot([target, target], [names.index(name) - 0.4, names.index(name) + 0.4], "k--")
    axis.set_xlabel("seconds, median of cold runs (dashed: target)")
    axis.invert_yaxis()
    axis.grid(axis="x", alpha=0.3)
    finish(figure, path, table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

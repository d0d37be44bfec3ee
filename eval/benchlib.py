"""Helpers the benchmarks share: percentiles, memory of a process, markdown tables, child processes."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary_ms(values: list[float]) -> dict[str, float]:
    """p50, p95 and mean of milliseconds, rounded."""
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "mean": round(statistics.fmean(values), 1),
    }


def rss_mib(pid: int | None = None) -> dict[str, float]:
    """Resident and peak resident memory of a process (Linux /proc), MiB."""
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {name: round(int(fields[key].split()[0]) / 1024, 1) for name, key in (("rss", "VmRSS"), ("peak", "VmHWM"))}


def peak_rss_mib() -> float:
    """This process's peak resident memory, MiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    """A GitHub markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def child_env(**settings: str) -> dict[str, str]:
    """The environment for a child process: no ambient CHATBOT_ settings but these, the project on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update({f"CHATBOT_{name.upper()}": value for name, value in settings.items()})
    return env


def run_child(script: Path, args: list[str], env: dict[str, str], timeout: float = 3600) -> dict:
    """Run `script --child ...` in a fresh interpreter; its last stdout line is a JSON result."""
    result = subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{script.name} {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def plot_path(out: Path, name: str):
    """A matplotlib (Agg) pyplot module and the path of the plot to write."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    return plt, out / name


def finish(figure, path: Path, table: str, out: Path) -> None:
    """Save the plot, print the markdown table, and say where the report went."""
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    print(table)
    print(f"wrote {out}", file=sys.stderr)

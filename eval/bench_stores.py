"""Benchmark: HTTP latency of `chatbot serve` with SQLite stores beside PostgreSQL stores, in the same run.

Run: .venv/bin/python eval/bench_stores.py [--requests N] [--out DIR]
Builds the default corpus's index once (real model, tmp folder), starts a throwaway PostgreSQL
cluster (tests/pg_cluster.py: Debian's postgresql, default durability settings) and two servers on
that one index: one with SQLite files, one with CHATBOT_DATABASE_URL. Requests alternate between the
two servers so that machine noise falls on both alike. Workloads: a new conversation (POST /v1/chat),
a follow-up in a session (history read + turn append), feedback (POST /v1/feedback: the stores alone),
and new conversations from 4 concurrent clients. Prints a table with the PostgreSQL/SQLite ratio of
the medians; writes stores.json and stores.png to eval/reports/bench-stores-<time>/.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the throwaway cluster helper the tests use
BACKENDS = ("sqlite", "postgres")
SERVE = [sys.executable, "-c", "from chatbot.channels.cli.app import app; app()", "serve"]


def _percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """`chatbot serve` on a free port, once /readyz answers; (process, base URL)."""
    import httpx2

    port = _free_port()
    with log.open("w") as sink:
        process = subprocess.Popen([*SERVE, "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx2.get(f"{base}/readyz", timeout=2).status_code == 200:
                return process, base
        except httpx2.TransportError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise RuntimeError("server did not become ready in 300 s")


def _timed(http, path: str, body: dict) -> tuple[float, dict]:
    """One POST: (milliseconds, JSON body); any status but 200 is an error."""
    mark = time.perf_counter()
    response = http.post(path, json=body)
    elapsed = (time.perf_counter() - mark) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
    return elapsed, response.json()


def _run(bases: dict[str, str], questions: list[str], requests: int, warmup: int) -> dict[str, dict[str, list[float]]]:
    """Latencies (ms) per workload and backend; single requests alternate between the backends."""
    import httpx2

    clients = {name: httpx2.Client(base_url=base, timeout=120) for name, base in bases.items()}
    samples: dict[str, dict[str, list[float]]] = {w: {b: [] for b in BACKENDS} for w in ("chat", "follow-up", "feedback", "chat x4")}
    sessions: dict[str, str] = {}
    answers: dict[str, list[str]] = {b: [] for b in BACKENDS}
    for number in range(warmup + requests):
        order = BACKENDS if number % 2 == 0 else BACKENDS[::-1]
        question = questions[number % len(questions)]
        for name in order:
            chat_ms, reply = _timed(clients[name], "/v1/chat", {"message": question})
            answers[name].append(reply["answer_id"])
            session = sessions.get(name) or reply["session_id"]
            follow_ms, reply = _timed(clients[name], "/v1/chat", {"message": "how strong is that recommendation?", "session_id": session})
            sessions[name] = reply["session_id"] if number % 5 else None  # conversations of 5 turns
            feedback_ms, _ = _timed(clients[name], "/v1/feedback", {"answer_id": answers[name][-1], "rating": "up"})
            if number >= warmup:
                samples["chat"][name].append(chat_ms)
                samples["follow-up"][name].append(follow_ms)
                samples["feedback"][name].append(feedback_ms)
    for client in clients.values():
        client.close()

    def burst(name: str, count: int) -> list[float]:
        """`count` new conversations from 4 threads at once on one backend."""
        out: list[float] = []
        lock = threading.Lock()

        def worker(offset: int) -> None:
            with httpx2.Client(base_url=bases[name], timeout=120) as http:
                for number in range(count // 4):
                    elapsed, _ = _timed(http, "/v1/chat", {"message": questions[(offset + number * 4) % len(questions)]})
                    with lock:
                        out.append(elapsed)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return out

    for number in range(max(1, requests // 8)):  # small bursts, alternating backends
        for name in BACKENDS if number % 2 == 0 else BACKENDS[::-1]:
            samples["chat x4"][name].extend(burst(name, 8))
    return samples


def _plot(samples: dict[str, dict[str, list[float]]], path: Path) -> None:
    """One box plot per workload: SQLite beside PostgreSQL."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(samples), figsize=(4 * len(samples), 4.5))
    for axis, (workload, by_backend) in zip(axes, samples.items()):
        axis.boxplot([by_backend[b] for b in BACKENDS], showfliers=True)
        axis.set_xticks(range(1, len(BACKENDS) + 1), ["SQLite", "PostgreSQL"])
        axis.set_title(workload)
        axis.set_ylabel("ms per request")
        axis.grid(axis="y", alpha=0.3)
    figure.suptitle("chatbot serve: HTTP latency with SQLite vs PostgreSQL stores (same run, same index, real model)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> int:
    """Build, start, measure, print a table, write JSON and a plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="measured requests per workload and backend")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-stores-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()

    from pg_cluster import Cluster

    console = Console(stderr=True)
    questions = [line.strip() for line in (HERE / "bench_questions.txt").read_text().splitlines() if line.strip()]
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")} | {"CHATBOT_RATE_LIMIT_PER_MINUTE": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base_env["CHATBOT_INDEX_DIR"] = str(root / "index")
        console.print("building the index once (real model, tmp) ...")
        built = subprocess.run([*SERVE[:-1], "ingest"], env=base_env, capture_output=True, text=True)
        if built.returncode != 0:
            raise RuntimeError(built.stderr)
        console.print("starting a throwaway PostgreSQL cluster ...")
        cluster = Cluster().start()
        servers: list[subprocess.Popen] = []
        try:
            envs = {
                "sqlite": base_env | {"CHATBOT_DATA_DIR": str(root / "data-sqlite")},
                "postgres": base_env | {"CHATBOT_DATA_DIR": str(root / "data-pg"), "CHATBOT_DATABASE_URL": cluster.new_database()},
            }
            bases = {}
            for name in BACKENDS:
                console.print(f"starting the {name} server ...")
                process, bases[name] = _start(envs[name], root / f"{name}.log")
                servers.append(process)
            console.print(f"measuring ({args.requests} requests per workload and backend) ...")
            samples = _run(bases, questions, args.requests, args.warmup)
        finally:
            for process in servers:
                process.terminate()
                process.wait(timeout=30)
            cluster.stop()

    results = {
        workload: {
            name: {
                "requests": len(v),
                "p50_ms": round(statistics.median(v), 2),
                "p95_ms": round(_percentile(v, 0.95), 2),
                "latencies_ms": [round(x, 2) for x in v],
            }
            for name, v in by_backend.items()
        }
        for workload, by_backend in samples.items()
    }
    for row in results.values():
        row["ratio_p50"] = round(row["postgres"]["p50_ms"] / row["sqlite"]["p50_ms"], 3)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stores.json").write_text(json.dumps({"cpus": os.cpu_count(), "warmup": args.warmup, "results": results}, indent=2))
    _plot(samples, args.out / "stores.png")

    table = Table(title=f"HTTP latency, SQLite vs PostgreSQL stores ({os.cpu_count()} CPUs, same run)")
    for column in ("workload", "requests", "SQLite p50", "SQLite p95", "PostgreSQL p50", "PostgreSQL p95", "PG/SQLite p50"):
        table.add_column(column, justify="left" if column == "workload" else "right")
    for workload, row in results.items():
        table.add_row(
            workload,
            str(row["sqlite"]["requests"]),
            f"{row['sqlite']['p50_ms']}",
            f"{row['sqlite']['p95_ms']}",
            f"{row['postgres']['p50_ms']}",
            f"{row['postgres']['p95_ms']}",
            f"{row['ratio_p50']}",
        )
    Console().print(table)
    console.print(f"wrote {args.out / 'stores.json'} and {args.out / 'stores.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

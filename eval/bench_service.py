"""Benchmark: warm POST /v1/chat over a real uvicorn server beside bare in-process `bot.ask`, same run.

Run: .venv/bin/python eval/bench_service.py [--requests N] [--out DIR]
Loads the REAL model (chatbot.core.build_chatbot) on the default corpus with a tmp index and tmp
data dir. Measures latency p50/p95 and throughput with 1, 4 and 8 concurrent clients, in process
(threads calling bot.ask) and over HTTP (a uvicorn subprocess on 127.0.0.1, so its RSS is its own),
plus the server's RSS (--compare-torch: also a torch-backend server, the one before ONNX; --processes N: N serving
processes forked after loading, with their memory summed as RSS, PSS and USS). The query
cache is off (the questions repeat). Prints a table; writes
service.json, service.md and service.png to
eval/reports/bench-service-<time>/. Request counts are bounded by --requests.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent
CLIENTS = (1, 4, 8)


def _percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _rss_mib(pid: int) -> dict[str, float]:
    """Resident and peak resident memory of a process (Linux /proc), MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {name: round(int(fields[key].split()[0]) / 1024, 1) for name, key in (("rss", "VmRSS"), ("peak", "VmHWM"))}


def _server_memory(pid: int) -> dict[str, float]:
    """Memory of a server and its forked serving processes, MiB: RSS summed (shared pages counted in each), PSS (shared pages
    split between the processes sharing them: what they cost together) and USS (pages only one process holds)."""
    pids = [pid] + [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    total = {"processes": float(len(pids)), "rss_sum": 0.0, "pss": 0.0, "uss": 0.0}
    for one in pids:
        fields = {}
        for line in Path(f"/proc/{one}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            fields[key] = int(value.split()[0]) / 1024
        total["rss_sum"] += fields["Rss"]
        total["pss"] += fields["Pss"]
        total["uss"] += fields["Private_Clean"] + fields["Private_Dirty"]
    return {key: round(value, 1) for key, value in total.items()}


def _run_clients(call, questions: list[str], clients: int, requests: int) -> dict:
    """`requests` calls spread over `clients` threads; latency percentiles and throughput."""
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        own = [questions[(index + i * clients) % len(questions)] for i in range(requests // clients)]
        session = call.session() if hasattr(call, "session") else None
        for question in own:
            mark = time.perf_counter()
            call(question, session)
            with lock:
                latencies.append((time.perf_counter() - mark) * 1000)

    started = time.perf_counter()
    if clients == 1:  # the calling (main) thread, as the CLI calls bot.ask
        worker(0)
    else:
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(worker, range(clients)))
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(_percentile(latencies, 0.95), 1),
        "throughput_rps": round(len(latencies) / wall, 2),
        "latencies_ms": [round(v, 2) for v in latencies],
    }


class InProcess:
    """bot.ask called directly."""

    def __init__(self, bot) -> None:
        self.bot = bot

    def __call__(self, question: str, _session) -> None:
        self.bot.ask(question, channel="bench")


class OverHttp:
    """POST /v1/chat with one keep-alive connection per client thread."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def session(self):
        import httpx2

        return httpx2.Client(base_url=self.base_url, timeout=120)

    def __call__(self, question: str, http) -> None:
        response = http.post("/v1/chat", json={"message": question})
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.text[:200]}")


def _serve() -> int:
    """Child mode: build the bot from CHATBOT_ settings and serve until terminated."""
    from chatbot.channels.http.app import run_server
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    settings = load_settings()
    bot = build_chatbot(settings)
    bot.prepare()
    run_server(bot, settings)
    return 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """The server subprocess (its output in `log`), once /readyz answers."""
    import httpx2

    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, __file__, "--serve"], env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process
        except httpx2.TransportError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("server did not become ready in 300 s")


def _plot(results: dict[str, dict], path: Path) -> None:
    """Latency box plots per configuration and throughput bars."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(results)
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    left.boxplot([results[k]["latencies_ms"] for k in labels], orientation="horizontal", showfliers=True)
    left.set_yticks(range(1, len(labels) + 1), labels)
    left.set_xlabel("latency per request, ms (warm)")
    left.grid(axis="x", alpha=0.3)
    right.barh(
        labels,
        [results[k]["throughput_rps"] for k in labels],
        color=["#4c72b0" if k.startswith("in-process") else "#dd8452" for k in labels],
    )
    right.set_xlabel("throughput, requests/s")
    right.grid(axis="x", alpha=0.3)
    figure.suptitle("POST /v1/chat (uvicorn, 127.0.0.1) vs in-process bot.ask; real model, default corpus")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> int:
    """Measure, print a table, write JSON and a plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="requests per configuration (split over clients)")
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-service-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument(
        "--compare-torch", action="store_true", help="also serve with CHATBOT_EMBEDDING_BACKEND=torch (the server before ONNX)"
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="serving processes (CHATBOT_SERVE_PROCESSES: forked after loading, one socket)"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return _serve()

    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    console = Console(stderr=True)
    questions = [line.strip() for line in (HERE / "bench_questions.txt").read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
        env |= {
            "CHATBOT_INDEX_DIR": f"{tmp}/index",
            "CHATBOT_DATA_DIR": f"{tmp}/server-data",
            "CHATBOT_PORT": str(port),
            "CHATBOT_HOST": "127.0.0.1",
            "CHATBOT_RATE_LIMIT_PER_MINUTE": "0",
            "CHATBOT_QUERY_CACHE_SIZE": "0",
            "CHATBOT_SERVE_PROCESSES": str(args.processes),
        }
        settings = load_settings(index_dir=Path(tmp) / "index", data_dir=Path(tmp) / "data", rate_limit_per_minute=0, query_cache_size=0)
        console.print("loading the model and building the index (tmp) ...")
        bot = build_chatbot(settings, notify=console.print)
        results: dict[str, dict] = {}
        direct = InProcess(bot)
        _run_clients(direct, questions, 1, args.warmup)
        for clients in CLIENTS:
            results[f"in-process x{clients}"] = _run_clients(direct, questions, clients, args.requests)
        bench_rss = _rss_mib(os.getpid())

        console.print(f"starting uvicorn on 127.0.0.1:{port} ...")
        server = _start_server(env, port, Path(tmp) / "server.log")
        try:
            idle_rss = _rss_mib(server.pid)
            http = OverHttp(f"http://127.0.0.1:{port}")
            _run_clients(http, questions, 1, args.warmup)
            for clients in CLIENTS:
                results[f"http x{clients}"] = _run_clients(http, questions, clients, args.requests)
            server_rss = _rss_mib(server.pid)
            server_memory = _server_memory(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        torch_rss = None
        if args.compare_torch:  # the server as it was before ONNX Runtime, same run, same index
            console.print("starting the torch-backend server ...")
            server = _start_server(env | {"CHATBOT_EMBEDDING_BACKEND": "torch"}, port, Path(tmp) / "server-torch.log")
            try:
                http = OverHttp(f"http://127.0.0.1:{port}")
                _run_clients(http, questions, 1, args.warmup)
                for clients in CLIENTS:
                    results[f"http x{clients} (torch backend)"] = _run_clients(http, questions, clients, args.requests)
                torch_rss = _rss_mib(server.pid)
            finally:
                server.terminate()
                server.wait(timeout=30)

    summary = {
        "questions": len(questions),
        "requests_per_configuration": args.requests,
        "warmup": args.warmup,
        "cpus": os.cpu_count(),
        "results": results,
        "server_processes": args.processes,
        "server_rss_mib": {"after_startup": idle_rss, "after_benchmark": server_rss, "torch_backend_after_benchmark": torch_rss},
        "server_memory_mib_after_benchmark": server_memory,
        "in_process_rss_mib": bench_rss,
        "http_overhead_p50_ms": {
            f"x{c}": round(results[f"http x{c}"]["p50_ms"] - results[f"in-process x{c}"]["p50_ms"], 1) for c in CLIENTS
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "service.json").write_text(json.dumps(summary, indent=2))
    _plot(results, args.out / "service.png")

    table = Table(title=f"POST /v1/chat vs bot.ask (real model, default corpus, {os.cpu_count()} CPUs)")
    for column in ("configuration", "requests", "p50 ms", "p95 ms", "throughput req/s"):
        table.add_column(column, justify="left" if column == "configuration" else "right")
    for name, row in results.items():
        table.add_row(name, str(row["requests"]), f"{row['p50_ms']}", f"{row['p95_ms']}", f"{row['throughput_rps']}")
    rows = [[name, row["requests"], row["p50_ms"], row["p95_ms"], row["throughput_rps"]] for name, row in results.items()]
    markdown = "| configuration | requests | p50 ms | p95 ms | throughput req/s |\n| --- | --- | --- | --- | --- |\n"
    markdown += "".join(f"| {' | '.join(str(cell) for cell in row)} |\n" for row in rows)
    (args.out / "service.md").write_text(
        f"# POST /v1/chat vs in-process bot.ask ({os.cpu_count()} CPUs)\n\nBaseline: in-process `bot.ask`, same run. "
        f"Targets: HTTP p95 ≤ 50 ms at 4 clients; server RSS ≤ 350 MB.\n\n{markdown}\n"
        f"Server RSS: {idle_rss['rss']} MiB after startup, {server_rss['rss']} MiB after the runs (peak {server_rss['peak']} MiB).\n"
        f"Serving processes: {args.processes}; after the runs, all of them: RSS summed {server_memory['rss_sum']} MiB, "
        f"PSS {server_memory['pss']} MiB, USS {server_memory['uss']} MiB.\n"
        + (f"Torch-backend server RSS after its runs: {torch_rss['rss']} MiB (peak {torch_rss['peak']} MiB).\n" if torch_rss else "")
    )
    Console().print(table)
    Console().print(
        f"server RSS: {idle_rss['rss']} MiB after startup, {server_rss['rss']} MiB after the runs (peak {server_rss['peak']} MiB); "
        f"{args.processes} serving process(es) together: RSS summed {server_memory['rss_sum']}, PSS {server_memory['pss']}, "
        f"USS {server_memory['uss']} MiB; "
        f"benchmark process (in-process bot) RSS {bench_rss['rss']} MiB"
    )
    console.print(f"wrote {args.out / 'service.json'} and {args.out / 'service.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

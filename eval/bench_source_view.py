"""Benchmark: from an answer to the highlighted page in the browser, beside "show in context" in the same run.

Run: .venv/bin/python eval/bench_source_view.py [--questions N] [--index-dir DIR] [--out DIR]
Loads the REAL model (chatbot.core.build_chatbot) on the CDC opioid pack, its PDF found in
../shared/external/pdfs, serves it with uvicorn on 127.0.0.1 and drives Debian's Chromium with
Playwright (browser cache off, so every page image comes from the server). For the first quote of each
answer it times, from the click to what the user sees:

- baseline: "Show in context" until the quote's surrounding text is shown (one small JSON request);
- cold: "Show in source" until the page image is shown with the quote's boxes (the page rendered now);
- warm: "Show in source" again (the page PNG comes from the server's disk cache).

Prints a table and writes source_view.json to eval/reports/bench-source-<time>/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PACK = ROOT / "packs" / "cdc-opioids-2022"
PDFS = ROOT.parent / "shared" / "external" / "pdfs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]


def _serve(app) -> tuple[object, str]:
    """uvicorn serving `app` in a thread on a free loopback port."""
    import socket

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _timed(page, click, ready: str) -> float:
    """Milliseconds from a click to the selector being visible."""
    started = time.perf_counter()
    click()
    page.locator(ready).first.wait_for(state="visible")
    return (time.perf_counter() - started) * 1000


def _summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "max_ms": round(max(values), 1),
        "values_ms": [round(v, 1) for v in values],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--index-dir", type=Path, default=None, help="reuse an index folder (built when missing)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from rich.console import Console
    from rich.table import Table

    from chatbot.channels.http.app import create_app
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    console = Console()
    rows = [json.loads(line) for line in (PACK / "gold.jsonl").read_text().splitlines() if line.strip()]
    questions = [row["question"] for row in rows if row.get("question") and row.get("expected_status") == "answered"]
    questions = questions[: args.questions]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            corpus_dir=PACK,
            document_dirs=(PDFS,),
            index_dir=args.index_dir or Path(tmp) / "index",
            data_dir=Path(tmp) / "data",
            rate_limit_per_minute=0,
        )
        bot = build_chatbot(settings, notify=console.print)
        server, api = _serve(create_app(bot))
        baseline: list[float] = []
        cold: list[float] = []
        warm: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(60_000)
            page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
            page.goto(api + "/")
            for number, question in enumerate(questions, start=1):
                box = page.get_by_label("Your question")
                box.fill(question)
                box.press("Enter")
                page.locator(".gcw-bot, .gcw-error").nth(number - 1).wait_for()
                quote = page.locator(".gcw-bot").last.locator(".gcw-quote").first
                if not quote.count():
                    continue
                baseline.append(
                    _timed(page, quote.get_by_role("button", name="Show in context").click, ".gcw-bot >> nth=-1 >> .gcw-context mark")
                )
                quote.get_by_role("button", name="Hide context").click()
                source = quote.get_by_role("button", name="Show in source")
                cold.append(_timed(page, source.click, ".gcw-viewer[data-ready] .gcw-hl"))
                page.keyboard.press("Escape")
                warm.append(_timed(page, source.click, ".gcw-viewer[data-ready] .gcw-hl"))
                page.keyboard.press("Escape")
            browser.close()
        server.should_exit = True
    results = {
        "questions": len(questions),
        "corpus": "CDC 2022 opioid guideline (100 pages)",
        "baseline_show_in_context": _summary(baseline),
        "source_view_cold": _summary(cold),
        "source_view_warm": _summary(warm),
    }
    results["warm_over_baseline_p50"] = round(results["source_view_warm"]["p50_ms"] / results["baseline_show_in_context"]["p50_ms"], 2)
    table = Table(title="Answer → highlighted page in Chromium (click to visible)")
    for column in ("", "n", "p50 ms", "max ms"):
        table.add_column(column)
    for name, key in (
        ("show in context (baseline)", "baseline_show_in_context"),
        ("show in source, cold", "source_view_cold"),
        ("show in source, warm", "source_view_warm"),
    ):
        row = results[key]
        table.add_row(name, str(row["n"]), str(row["p50_ms"]), str(row["max_ms"]))
    console.print(table)
    console.print(f"warm source view / baseline (p50): {results['warm_over_baseline_p50']}")
    out = args.out or HERE / "reports" / f"bench-source-{time.strftime('%Y%m%dT%H%M%S')}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "source_view.json").write_text(json.dumps(results, indent=2))
    console.print(f"wrote {out / 'source_view.json'}")


if __name__ == "__main__":
    main()

"""A server killed during load loses no completed reply: every 200 answer is in the audit store afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from chatbot.stores.audit import SQLiteAuditStore

pytestmark = pytest.mark.model
CHATBOT = Path(sys.executable).with_name("chatbot")
QUESTIONS = ["heparin prophylaxis during peg", "blina for R/R B-ALL", "switch to erwinia after peg allergy?", "IT chemo for CNS relapse"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_ready(base: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("server did not become ready")


def test_completed_replies_survive_a_kill(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "CHATBOT_INDEX_DIR": str(tmp_path / "index"),
        "CHATBOT_DATA_DIR": str(tmp_path / "data"),
        "CHATBOT_RATE_LIMIT_PER_MINUTE": "0",
    }
    server = subprocess.Popen(
        [str(CHATBOT), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    completed: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    try:
        _wait_ready(base, server, time.monotonic() + 180)

        def client(offset: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                for number in range(200):  # bounded; the kill ends it sooner
                    if stop.is_set():
                        return
                    try:
                        response = http.post("/v1/chat", json={"message": QUESTIONS[(offset + number) % len(QUESTIONS)]})
                    except httpx.HTTPError:
                        return
                    if response.status_code == 200:
                        with lock:
                            completed.append(response.json()["answer_id"])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(completed) < 20 and time.monotonic() < deadline and all(t.is_alive() for t in threads):
            time.sleep(0.05)
        server.send_signal(signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(timeout=30)
    assert len(completed) >= 20
    recorded = {entry.answer_id for entry in SQLiteAuditStore(tmp_path / "data" / "audit.sqlite3").entries()}
    assert set(completed) <= recorded

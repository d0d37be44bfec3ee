"""`chatbot serve` in two processes (CHATBOT_SERVE_PROCESSES=2): forked after loading, both answer, identically, on one port.

Each process is made to answer alone by stopping the other (SIGSTOP): a stopped process accepts no connection, so the
shared socket hands every new one to the other. Replies are compared with the in-process bot's, the audit trail keeps
every reply of both, and the children end with the parent, even when it is killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from chatbot.reply import reply_body
from chatbot.stores.audit import SQLiteAuditStore

pytestmark = pytest.mark.model
CHATBOT = Path(sys.executable).with_name("chatbot")
QUESTIONS = ["switch to erwinia after peg allergy?", "blina or inotuzumab for relapsed B-ALL?", "What is the capital of France?"]
VARYING = {"answer_id", "session_id", "timings_ms", "settings_fingerprint"}  # per request, or the server's own settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _stable(body: dict) -> dict:
    return {key: value for key, value in body.items() if key not in VARYING}


def _start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("w") as sink:
        server = subprocess.Popen([str(CHATBOT), "serve", "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200 and _children(server.pid):
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not become ready")


def _ask_alone(base: str, pause: int, question: str) -> dict:
    """The reply to `question` while process `pause` is stopped (on a new connection: the other process accepts it)."""
    os.kill(pause, signal.SIGSTOP)
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            response = http.post("/v1/chat", json={"message": question})
    finally:
        os.kill(pause, signal.SIGCONT)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def server_env(default_bot, default_index_dir: Path, tmp_path: Path) -> dict[str, str]:
    """The environment of a two-process server on the default corpus's index (built by default_bot)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CHATBOT_")}
    return env | {
        "CHATBOT_INDEX_DIR": str(default_index_dir),
        "CHATBOT_DATA_DIR": str(tmp_path / "data"),
        "CHATBOT_RATE_LIMIT_PER_MINUTE": "0",
        "CHATBOT_SERVE_PROCESSES": "2",
    }


def test_both_processes_answer_like_the_bot_and_record_every_reply(default_bot, server_env: dict[str, str], tmp_path: Path) -> None:
    port = _free_port()
    server = _start(server_env, port, tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        (child,) = _children(server.pid)
        answer_ids = []
        for question in QUESTIONS:
            expected = _stable(reply_body(default_bot.ask(question), default_bot.rec_set).model_dump(mode="json", by_alias=True))
            by_child = _ask_alone(base, server.pid, question)
            by_parent = _ask_alone(base, child, question)
            assert _stable(by_child) == _stable(by_parent) == expected
            answer_ids += [by_child["answer_id"], by_parent["answer_id"]]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert not _alive(child)  # the parent stops its children before it exits
    recorded = {entry.answer_id for entry in SQLiteAuditStore(tmp_path / "data" / "audit.sqlite3").entries()}
    assert set(answer_ids) <= recorded and len(set(answer_ids)) == 2 * len(QUESTIONS)


def test_the_children_stop_when_the_parent_is_killed(server_env: dict[str, str], tmp_path: Path) -> None:
    port = _free_port()
    server = _start(server_env, port, tmp_path / "server.log")
    (child,) = _children(server.pid)
    server.kill()
    server.wait(timeout=30)
    deadline = time.monotonic() + 60
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)

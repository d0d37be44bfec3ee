"""Two `chatbot serve` processes on one PostgreSQL and one prebuilt read-only index serve one conversation.

A conversation alternates between the replicas and resolves each follow-up exactly as one replica
alone does; feedback given to one replica links to an answer of the other; `chatbot audit export`
lists every turn once; and when one replica is killed (-9) under load, every reply that returned 200
is in the audit store and the other replica keeps answering.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

pytestmark = pytest.mark.model
CHATBOT = Path(sys.executable).with_name("chatbot")
CONVERSATION = [  # (question, whether it is a follow-up that needs the earlier turns)
    ("blina or inotuzumab for relapsed B-ALL?", False),
    ("and for T-ALL?", True),
    ("is it a strong recommendation?", True),
    ("Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?", False),
    ("what about a 35 year old?", True),
    ("where does that come from?", True),
]
LOAD_QUESTIONS = [
    "heparin prophylaxis during peg",
    "blina for R/R B-ALL",
    "switch to erwinia after peg allergy?",
    "IT chemo for CNS relapse",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under a folder with its size and modification time (ns)."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


class Replica:
    """One `chatbot serve` subprocess; its output goes to a log file."""

    def __init__(self, name: str, env: dict[str, str], root: Path) -> None:
        self.name, self.port = name, _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = root / f"data-{name}"
        self.log = root / f"{name}.log"
        with self.log.open("w") as sink:
            self.process = subprocess.Popen(
                [str(CHATBOT), "serve", "--port", str(self.port)],
                stdout=sink,
                stderr=subprocess.STDOUT,
                env={**env, "CHATBOT_DATA_DIR": str(self.data_dir)},
            )

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"replica {self.name} exited: {self.log.read_text()[-2000:]}"
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"replica {self.name} did not become ready: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default corpus's index, built once with the real model by `chatbot ingest`, then made read-only."""
    index = tmp_path_factory.mktemp("shared-index") / "index"
    env = {**os.environ, "CHATBOT_INDEX_DIR": str(index)}
    done = subprocess.run([str(CHATBOT), "ingest"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for path in index.rglob("*"):
        path.chmod(path.stat().st_mode & ~0o222)
    return index


@pytest.fixture(scope="module")
def database_url(postgres_cluster) -> str:
    """One database for the module's replicas."""
    return postgres_cluster.new_database()


@pytest.fixture(scope="module")
def replicas(shared_index: Path, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, Replica]]:
    """Two replicas on different ports, one database, one index, for the module (the kill test comes last); stopped afterwards."""
    env = {**os.environ, "CHATBOT_INDEX_DIR": str(shared_index), "CHATBOT_DATABASE_URL": database_url, "CHATBOT_RATE_LIMIT_PER_MINUTE": "0"}
    root = tmp_path_factory.mktemp("replicas")
    pair = (Replica("a", env, root), Replica("b", env, root))
    try:
        deadline = time.monotonic() + 300
        for replica in pair:
            replica.wait_ready(deadline)
        yield pair
    finally:
        for replica in pair:
            replica.stop()


def _chat(base: str, message: str, session_id: str | None = None) -> dict:
    response = httpx.post(f"{base}/v1/chat", json={"message": message, "session_id": session_id}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def _conversation(bases: list[str]) -> list[dict]:
    """The conversation, turn i sent to bases[i % len(bases)]."""
    replies, session_id = [], None
    for number, (question, _) in enumerate(CONVERSATION):
        reply = _chat(bases[number % len(bases)], question, session_id)
        session_id = reply["session_id"]
        replies.append(reply)
    return replies


def test_two_replicas_serve_one_conversation(replicas: tuple[Replica, Replica], shared_index: Path, database_url: str) -> None:
    a, b = replicas
    index_before = _files(shared_index)

    alternating = _conversation([a.base, b.base])
    alone = _conversation([b.base])  # the same conversation on one replica: the reference
    assert len({r["session_id"] for r in alternating}) == 1
    for (question, follow_up), mixed, single in zip(CONVERSATION, alternating, alone):
        assert (mixed["resolved_question"], mixed["status"]) == (single["resolved_question"], single["status"]), question
        assert [r["id"] for r in mixed["recommendations"]] == [r["id"] for r in single["recommendations"]], question
        if follow_up:  # it needed the turns the other replica wrote
            assert mixed["resolved_question"] != question, question
    fresh = _chat(a.base, "what about a 35 year old?")  # without the conversation it cannot be resolved
    assert fresh["resolved_question"] == "what about a 35 year old?" != alternating[4]["resolved_question"]

    # Feedback sent to one replica links to an answer given by the other.
    from_a, from_b = alternating[0], alternating[1]
    assert httpx.post(f"{b.base}/v1/feedback", json={"answer_id": from_a["answer_id"], "rating": "up", "quote_index": 0}).status_code == 200
    assert (
        httpx.post(f"{a.base}/v1/feedback", json={"answer_id": from_b["answer_id"], "rating": "down", "comment": "T-ALL?"}).status_code
        == 200
    )
    assert httpx.post(f"{a.base}/v1/feedback", json={"answer_id": "nope", "rating": "up"}).status_code == 404

    # `chatbot audit export` lists every turn once, with the feedback attached.
    env = {**os.environ, "CHATBOT_DATABASE_URL": database_url}
    done = subprocess.run([str(CHATBOT), "audit", "export"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    sent = [r["answer_id"] for r in (*alternating, *alone, fresh)]
    assert sorted(row["answer_id"] for row in rows) == sorted(sent)
    by_id = {row["answer_id"]: row for row in rows}
    assert [f["rating"] for f in by_id[from_a["answer_id"]]["feedback"]] == ["up"]
    assert [f["comment"] for f in by_id[from_b["answer_id"]]["feedback"]] == ["T-ALL?"]
    assert [by_id[r["answer_id"]]["question"] for r in alternating] == [q for q, _ in CONVERSATION]

    # Nothing went to per-machine files, and the shared index was only read.
    assert [path for replica in replicas for path in replica.data_dir.glob("**/*.sqlite3")] == []
    assert _files(shared_index) == index_before


def test_killing_one_replica_under_load_loses_no_answered_reply(replicas: tuple[Replica, Replica], database_url: str) -> None:
    from chatbot.stores.audit import PostgresAuditStore
    from chatbot.stores.postgres import Database

    a, b = replicas
    answered: list[tuple[str, str]] = []  # (replica, answer_id) of every 200
    failures: list[str] = []
    lock = threading.Lock()
    killed = threading.Event()

    def client(offset: int) -> None:
        with httpx.Client(timeout=120) as http:
            for number in range(12):  # bounded load: 4 clients x 12 requests at most
                target = a if number % 2 == 0 and not killed.is_set() else b
                try:
                    response = http.post(
                        f"{target.base}/v1/chat", json={"message": LOAD_QUESTIONS[(offset + number) % len(LOAD_QUESTIONS)]}
                    )
                except httpx.HTTPError as exc:  # the killed replica's connections
                    assert target is a, f"replica b failed: {exc!r}"
                    continue
                with lock:
                    if response.status_code == 200:
                        answered.append((target.name, response.json()["answer_id"]))
                    else:
                        failures.append(f"{target.name}: {response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 240
    while sum(name == "a" for name, _ in answered) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    a.process.send_signal(signal.SIGKILL)
    killed.set()
    for thread in threads:
        thread.join(timeout=300)

    assert failures == []
    assert sum(name == "a" for name, _ in answered) >= 4
    after_kill = _chat(b.base, "heparin prophylaxis during peg")  # the other replica keeps serving
    answered.append(("b", after_kill["answer_id"]))
    assert sum(name == "b" for name, _ in answered) >= 10
    assert a.process.wait(timeout=30) == -signal.SIGKILL
    database = Database(database_url)
    try:
        recorded = {entry.answer_id for entry in PostgresAuditStore(database).entries()}
    finally:
        database.close()
    assert {answer_id for _, answer_id in answered} <= recorded

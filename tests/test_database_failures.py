"""A database that cannot be used stops the start with one clear line; one that dies while serving gives 503, then recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from corpora import hashing_bot
from fastapi.testclient import TestClient

from chatbot.channels.http.app import create_app
from chatbot.errors import ConfigError
from chatbot.stores.postgres import Database, close_shared

CHATBOT = Path(sys.executable).with_name("chatbot")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: str, url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CHATBOT_DATABASE_URL": url,
        "CHATBOT_DATA_DIR": str(tmp_path / "data"),
        "CHATBOT_INDEX_DIR": str(tmp_path / "index"),
    }
    return subprocess.run([str(CHATBOT), *command.split()], env=env, capture_output=True, text=True, timeout=120)


def _one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_unreachable_database_fails_serve_in_one_line_without_the_password(tmp_path: Path) -> None:
    port = _closed_port()
    line = _one_line_error(_start("serve", f"postgresql://chatbot:s3cret@127.0.0.1:{port}/chatbot", tmp_path))
    assert f"postgresql://chatbot@127.0.0.1:{port}/chatbot" in line and "refused" in line and "s3cret" not in line
    assert not (tmp_path / "index").exists()  # it failed before loading the model or building anything


@pytest.mark.parametrize(
    ("make_url", "expected"),
    [
        (lambda cluster: cluster.url("no_such_db"), 'database "no_such_db" does not exist'),
        (lambda cluster: cluster.url().replace("postgresql://", "mysql://"), "must start with postgresql://"),
    ],
    ids=["missing-database", "not-postgresql"],
)
def test_wrong_database_fails_in_one_line(postgres_cluster, make_url, expected: str, tmp_path: Path) -> None:
    line = _one_line_error(_start("audit export", make_url(postgres_cluster), tmp_path))
    assert expected in line


def test_someone_elses_database_is_refused(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE sessions (user_id INTEGER)")  # another application's table
    with pytest.raises(ConfigError, match=r'relation "sessions" already exists; is CHATBOT_DATABASE_URL the chatbot'):
        Database(database_url)


def test_a_newer_schema_is_refused(database_url: str) -> None:
    Database(database_url).close()
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("INSERT INTO chatbot_schema (version, description) VALUES (99, 'from the future')")
    with pytest.raises(ConfigError, match="schema version 99, newer than this chatbot's 1"):
        Database(database_url)


def test_database_down_gives_503_and_service_recovers_when_it_is_back(tmp_path: Path) -> None:
    from pg_cluster import Cluster

    cluster = Cluster().start()  # its own server: this test stops and restarts it
    try:
        url = cluster.new_database()
        bot = hashing_bot(tmp_path, database_url=url)
        with TestClient(create_app(bot)) as client:
            first = client.post("/v1/chat", json={"message": "heparin prophylaxis during pegaspargase"})
            assert first.status_code == 200
            cluster.stop_server("immediate")
            down = client.post("/v1/chat", json={"message": "and cryoprecipitate?", "session_id": first.json()["session_id"]})
            assert down.status_code == 503 and down.json()["error"]["code"] == "database_unavailable"
            assert str(cluster.port) not in down.text and "postgres" not in down.text  # where the database is stays in the log
            assert client.get("/healthz").status_code == 200  # the process itself stays up
            cluster.start_server()
            again = client.post("/v1/chat", json={"message": "and cryoprecipitate?", "session_id": first.json()["session_id"]})
            assert again.status_code == 200, again.text
            assert [t.question for t in bot.sessions.history(first.json()["session_id"], 5)] == [
                "heparin prophylaxis during pegaspargase",
                "and cryoprecipitate?",
            ]
        close_shared(url)
    finally:
        cluster.stop()

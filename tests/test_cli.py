"""The command line: recs, ask and ingest, with settings pointed at tmp folders by environment variables.

`ask` on the real path runs the installed `chatbot` script in a subprocess (it loads the real model);
the other commands run in process through typer's CliRunner, with the HashingEmbedder standing in
for the model where an index has to be built.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from corpora import PROJECT_CORPUS, small_corpus
from fakes import HashingEmbedder
from typer.testing import CliRunner, Result

from chatbot.channels.cli.app import app
from chatbot.config import load_settings
from chatbot.index.build import load_index
from chatbot.index.store import current_build
from chatbot.recs.loading import load_recommendations
from chatbot.reply import contract_problems
from chatbot.stores.audit import SQLiteAuditStore

CHATBOT = Path(sys.executable).with_name("chatbot")
ACCEPTANCE_QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"

STATUSES = {"answered", "not_found", "out_of_scope", "needs_clarification"}


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """CHATBOT_ variables of the developer's shell must not leak into in-process runs."""
    for name in [n for n in os.environ if n.startswith("CHATBOT_") and n != "CHATBOT_DATA_DIR"]:
        monkeypatch.delenv(name)


def run_chatbot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `chatbot` script in a subprocess, with only the given CHATBOT_ settings."""
    assert CHATBOT.is_file(), f"{CHATBOT} is missing: run `make install`"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_") or k == "CHATBOT_DATA_DIR"}
    clean.update({"COLUMNS": "200", **(env or {})})
    return subprocess.run([str(CHATBOT), *args], env=clean, capture_output=True, text=True, timeout=300)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """The typer app in process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), env=env)


def assert_clean_failure(code: int, stderr: str, stdout: str = "") -> None:
    """A non-zero exit with a readable message and no traceback."""
    assert code != 0
    assert "error" in stderr.lower() or "✗" in stderr, stderr
    assert "Traceback" not in stderr + stdout


def copy_corpus(target: Path) -> Path:
    """A copy of the project corpus (documents, recommendation set, synonyms) to break or extend."""
    shutil.copytree(PROJECT_CORPUS, target, ignore=shutil.ignore_patterns("official"))
    return target


# --- recs -----------------------------------------------------------------------------------------


def test_recs_validate_passes_on_the_project_corpus() -> None:
    result = run_chatbot("recs", "validate")
    assert result.returncode == 0, result.stderr
    count = len(load_recommendations(PROJECT_CORPUS).items)
    assert f"{count} items valid" in result.stdout


def test_recs_validate_reports_a_missing_placeholder(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    path = corpus / "recommendations" / "frontline.yaml"
    data = yaml.safe_load(path.read_text())
    graded = sum(1 for item in data["items"] if item["kind"] == "recommendation")
    placeholder = next(item for item in reversed(data["items"]) if item["status"] == "placeholder")
    data["items"].remove(placeholder)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run_chatbot("recs", "validate", env={"CHATBOT_CORPUS_DIR": str(corpus)})
    assert result.returncode == 1
    assert_clean_failure(result.returncode, result.stderr, result.stdout)
    assert f"frontline: expected {graded} items of kind recommendation, found {graded - 1}" in " ".join(result.stderr.split())
    assert "valid" not in result.stdout


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda text: text + "\n  - {id: [unclosed\n", r"frontline\.yaml: cannot be read as YAML"),
        (
            lambda text: text.replace("strength: strong", "strength: very strong", 1),
            r"frontline\.yaml: items entry 1 \(FL-pediatric-inspired-regimen\): strength",
        ),
    ],
    ids=["yaml-syntax", "schema"],
)
def test_recs_validate_reports_a_broken_file_readably(tmp_path: Path, breakage, expected: str) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    path = corpus / "recommendations" / "frontline.yaml"
    path.write_text(breakage(path.read_text()))
    result = run_chatbot("recs", "validate", env={"CHATBOT_CORPUS_DIR": str(corpus)})
    assert_clean_failure(result.returncode, result.stderr, result.stdout)
    assert re.search(expected, result.stderr), result.stderr
    assert "hint: fix" in result.stderr


def test_recs_list_shows_every_recommendation_id() -> None:
    rec_set = load_recommendations(PROJECT_CORPUS)
    result = run_chatbot("recs", "list")
    assert result.returncode == 0, result.stderr
    shown = set(re.findall(r"\b(?:FL|RR)-[a-z0-9-]+", result.stdout))
    assert shown == {item.id for item in rec_set.items}


def test_recs_list_filters_by_guideline() -> None:
    rec_set = load_recommendations(PROJECT_CORPUS)
    result = run_chatbot("recs", "list", "--guideline", "relapsed_refractory")
    assert result.returncode == 0, result.stderr
    shown = set(re.findall(r"\b(?:FL|RR)-[a-z0-9-]+", result.stdout))
    assert shown == {item.id for item in rec_set.by_guideline("relapsed_refractory")}


def test_recs_show_prints_the_fields_of_one_recommendation() -> None:
    rec = load_recommendations(PROJECT_CORPUS).get("FL-pediatric-inspired-regimen")
    assert rec is not None
    result = run_chatbot("recs", "show", rec.id)
    assert result.returncode == 0, result.stderr
    rows = dict(re.findall(r"^│ (\w+)\s+│ (.*?)\s*│$", result.stdout, flags=re.MULTILINE))
    for field in ("id", "guideline", "kind", "title", "direction", "strength", "certainty", "status", "confidence"):
        assert rows.get(field) == str(getattr(rec, field)), (field, rows.get(field))
    assert rows["strength"] == "strong"


def test_recs_show_unknown_id_fails_clearly() -> None:
    result = run_chatbot("recs", "show", "NOPE")
    assert_clean_failure(result.returncode, result.stderr, result.stdout)
    assert "no recommendation with id 'NOPE'" in result.stderr
    assert "recs list" in result.stderr
    assert result.stdout == ""


# --- ask on the real path (installed script, real model, default corpus, tmp index) ----------------


@pytest.fixture(scope="module")
def asked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two `ask --json` runs against a fresh tmp index: the first builds it, the second reuses it."""
    index_dir = tmp_path_factory.mktemp("ask") / "index"
    env = {"CHATBOT_INDEX_DIR": str(index_dir)}
    first = run_chatbot("ask", ACCEPTANCE_QUESTION, "--json", env=env)
    second = run_chatbot("ask", "blina or inotuzumab for relapsed B-ALL?", "--json", env=env)
    return {"index_dir": index_dir, "first": first, "second": second}


@pytest.mark.model
def test_ask_json_is_the_reply_contract(asked: dict) -> None:
    for run in (asked["first"], asked["second"]):
        assert run.returncode == 0, run.stderr
        reply = json.loads(run.stdout)  # progress bars and messages must stay on stderr
        assert contract_problems(reply) == []
        assert reply["status"] in STATUSES
        assert isinstance(reply["summary"], str) and isinstance(reply["corpus_version"], str)
        assert isinstance(reply["timings_ms"], dict) and all(isinstance(v, (int, float)) for v in reply["timings_ms"].values())
        assert set(reply["guard"]) >= {"verdict", "findings"} and reply["guard"]["verdict"] in {"pass", "warn", "fail"}
    first = json.loads(asked["first"].stdout)
    assert first["question"] == ACCEPTANCE_QUESTION
    assert first["answer_id"] != json.loads(asked["second"].stdout)["answer_id"]


@pytest.mark.model
def test_first_ask_builds_the_index_and_the_second_reuses_it(asked: dict) -> None:
    assert "building the index" in asked["first"].stderr
    assert "building the index" not in asked["second"].stderr
    builds = [p for p in (asked["index_dir"] / "builds").iterdir() if not p.name.startswith(".")]
    assert len(builds) == 1 and current_build(asked["index_dir"]) == builds[0].resolve()


@pytest.mark.model
def test_acceptance_question_is_answered_with_the_strong_pediatric_recommendation(asked: dict) -> None:
    reply = json.loads(asked["first"].stdout)
    assert reply["status"] == "answered", reply["summary"]
    assert reply["quotes"] and all(quote["verified"] is True for quote in reply["quotes"])
    assert "FL-pediatric-inspired-regimen" in [quote["recommendation_id"] for quote in reply["quotes"]]
    recs = {rec["id"]: rec for rec in reply["recommendations"]}
    assert recs["FL-pediatric-inspired-regimen"]["strength"] == "strong"
    documents = load_index(load_settings(index_dir=asked["index_dir"])).documents
    for quote in reply["quotes"]:
        assert documents[quote["document_id"]].text[quote["char_start"] : quote["char_end"]] == quote["text"]


# --- ask: bad questions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "env", "message"),
    [
        ("", {}, "the question is empty"),
        ("   ", {}, "the question is empty"),
        ("Should a 19 year old with newly diagnosed ALL get a pediatric regimen?", {"CHATBOT_MAX_QUESTION_CHARS": "50"}, "the limit is 50"),
    ],
    ids=["empty", "blank", "too-long"],
)
def test_ask_rejects_a_bad_question_clearly(tmp_path: Path, hashing_model: None, question: str, env: dict, message: str) -> None:
    result = invoke("ask", question, "--json", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index"), **env})
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert_clean_failure(result.exit_code, result.stderr)
    assert message in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "index").exists(), "a rejected question must not build an index"


# --- ingest ----------------------------------------------------------------------------------------


def test_ingest_builds_once_then_is_up_to_date(tmp_path: Path, hashing_model: None) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    env = {"CHATBOT_CORPUS_DIR": str(corpus), "CHATBOT_INDEX_DIR": str(index_dir)}
    first = invoke("ingest", env=env)
    assert first.exit_code == 0, first.output
    assert "building the index" in first.stderr
    assert re.search(r"embed .*\d+/\d+", first.stderr)  # a progress bar per stage (rich.progress, imported only here)
    assert re.search(r"Indexed 1 document\(s\) into \d+ passages", " ".join(first.stdout.split()))
    built = current_build(index_dir)
    assert built is not None

    second = invoke("ingest", env=env)
    assert second.exit_code == 0, second.output
    assert "up to date" in " ".join(second.stdout.split())
    assert "building the index" not in second.stderr
    assert current_build(index_dir) == built


GOOD_MD = b"# Invented good guide\n\n## Widget fever\n\nFor invented widget fever, rest and fluids are favoured over drug Y.\n"


@pytest.mark.model
def test_ingest_force_rebuilds_an_up_to_date_index(tmp_path: Path, hashing_model: None) -> None:
    # Built in process first; the later runs are separate processes, as a user's would be.
    corpus = small_corpus(tmp_path / "corpus", {"good.md": GOOD_MD})
    index_dir = tmp_path / "index"
    env = {"CHATBOT_CORPUS_DIR": str(corpus), "CHATBOT_INDEX_DIR": str(index_dir)}
    assert invoke("ingest", env=env).exit_code == 0
    built = current_build(index_dir)

    unchanged = run_chatbot("ingest", env=env)
    assert unchanged.returncode == 0, unchanged.stderr
    assert "up to date" in unchanged.stdout and current_build(index_dir) == built

    forced = run_chatbot("ingest", "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert "building the index (forced)" in forced.stderr
    assert "Indexed 1 document(s)" in " ".join(forced.stdout.split())
    rebuilt = current_build(index_dir)
    assert rebuilt not in (None, built)
    assert json.loads((rebuilt / "manifest.json").read_text())["model"]["dimension"] != HashingEmbedder.dimension


def test_ingest_indexes_an_extra_file_and_remembers_it(tmp_path: Path, hashing_model: None) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    extra = tmp_path / "extra-notes.md"
    extra.write_text("# Invented extra notes\n\n## Widget care\n\nClean the invented widget every morning with warm water.\n")
    env = {"CHATBOT_CORPUS_DIR": str(corpus), "CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    result = invoke("ingest", str(extra), env=env)
    assert result.exit_code == 0, result.output
    assert "Indexed 2 document(s)" in " ".join(result.stdout.split())
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert "extra-notes" in load_index(settings).documents
    again = invoke("ingest", env=env)
    assert again.exit_code == 0 and "up to date" in " ".join(again.stdout.split())


def test_ingest_of_a_missing_path_fails_and_builds_nothing(tmp_path: Path, hashing_model: None) -> None:
    missing = tmp_path / "nonexistent"
    result = invoke("ingest", str(missing), env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")})
    assert_clean_failure(result.exit_code, result.stderr, result.stdout)
    assert isinstance(result.exception, SystemExit)
    assert f"no such file or folder: {missing}" in " ".join(result.stderr.split())
    assert current_build(tmp_path / "index") is None


@pytest.mark.parametrize("command", [["ingest"], ["recs", "list"], ["ask", "anything"]])
def test_an_unknown_setting_in_the_environment_fails_clearly(tmp_path: Path, hashing_model: None, command: list[str]) -> None:
    result = invoke(*command, env={"CHATBOT_BOGUS": "1", "CHATBOT_INDEX_DIR": str(tmp_path / "index")})
    assert result.exit_code == 2
    assert_clean_failure(result.exit_code, result.stderr, result.stdout)
    assert "unknown settings in the environment: CHATBOT_BOGUS" in result.stderr
    assert current_build(tmp_path / "index") is None


def test_ingest_skips_a_corrupt_pdf_names_it_and_indexes_the_rest(tmp_path: Path, hashing_model: None) -> None:
    bad = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a real pdf\n"
    corpus = small_corpus(tmp_path / "corpus", {"good.md": GOOD_MD, "corrupt-guide.pdf": bad})
    index_dir = tmp_path / "index"
    result = invoke("ingest", env={"CHATBOT_CORPUS_DIR": str(corpus), "CHATBOT_INDEX_DIR": str(index_dir)})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "corrupt-guide.pdf" in result.stderr
    assert "corrupt-guide.pdf" not in result.stdout
    loaded = load_index(load_settings(corpus_dir=corpus, index_dir=index_dir))
    assert list(loaded.documents) == ["good"]
    assert [f["path"] for f in loaded.manifest["failures"]] == ["corrupt-guide.pdf"]
    assert any("rest and fluids" in passage.text for passage in loaded.passages)


# --- check -----------------------------------------------------------------------------------------


def test_check_json_reports_a_contradiction_and_exits_1(tmp_path: Path, hashing_model: None) -> None:
    text = "Routine cryoprecipitate should be given to every AYA on asparaginase."
    result = invoke("check", text, "--json", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")})
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"verdict", "findings"} and report["verdict"] == "fail"
    (finding,) = report["findings"]
    assert finding["kind"] == "direction_contradiction" and finding["recommendation_id"] == "FL-fibrinogen-replacement"
    assert finding["text"] == text[finding["span"][0] : finding["span"][1]]


def test_check_reads_a_file_and_passes_a_faithful_text(tmp_path: Path, hashing_model: None) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Routine heparin prophylaxis is not advised during asparaginase.\nSwitching to Erwinia after a peg allergy is favoured.\n"
    )
    result = invoke("check", "--file", str(draft), env={"CHATBOT_INDEX_DIR": str(tmp_path / "index"), "COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Verdict: PASS" in result.stdout


@pytest.mark.parametrize("args", [[], ["some text", "--file", "x.txt"], ["   "]], ids=["nothing", "both", "blank"])
def test_check_rejects_missing_or_ambiguous_input(tmp_path: Path, hashing_model: None, args: list[str]) -> None:
    result = invoke("check", *args, env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")})
    assert result.exit_code == 2
    assert_clean_failure(result.exit_code, result.stderr, result.stdout)
    assert not (tmp_path / "index").exists()


# --- chat ------------------------------------------------------------------------------------------


def test_chat_keeps_one_conversation_until_new(tmp_path: Path, hashing_model: None) -> None:
    data = tmp_path / "data"
    lines = "heparin prophylaxis during pegaspargase\nand cryoprecipitate?\n/new\nswitch to erwinia after peg allergy?\n/quit\n"
    env = {"CHATBOT_INDEX_DIR": str(tmp_path / "index"), "CHATBOT_DATA_DIR": str(data), "COLUMNS": "160"}
    result = CliRunner().invoke(app, ["chat"], input=lines, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("you>") == 5 and "New conversation." in result.stdout
    entries = list(SQLiteAuditStore(data / "audit.sqlite3").entries())
    assert [e.channel for e in entries] == ["chat", "chat", "chat"]
    assert entries[0].session_id == entries[1].session_id != entries[2].session_id

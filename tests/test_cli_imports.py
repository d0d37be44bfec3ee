"""Once the ONNX export exists, `ask`, `chat` and `check` import neither torch nor transformers; `check` loads no model.

Each command runs in a fresh interpreter under `python -X importtime`; the modules it imported are read from
that report and from sys.modules at exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.config import PROJECT_ROOT, load_settings
from chatbot.core import build_chatbot

pytestmark = pytest.mark.model

HEAVY = ("torch", "transformers", "sentence_transformers")
RUN = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr))
from chatbot.channels.cli.entry import run
run()
"""


@pytest.fixture(scope="module")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default corpus's index in a tmp folder, built (and the model exported) in this process."""
    index_dir = tmp_path_factory.mktemp("index")
    build_chatbot(load_settings(index_dir=index_dir))
    return index_dir


def _run(index_dir: Path, *args: str, stdin: str = "") -> tuple[subprocess.CompletedProcess[str], set[str], set[str]]:
    """The CLI in a fresh interpreter: its result, the top-level packages -X importtime saw, and sys.modules at exit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_") or k == "CHATBOT_DATA_DIR"}
    env |= {"CHATBOT_INDEX_DIR": str(index_dir), "PYTHONPATH": str(PROJECT_ROOT), "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", RUN, *args], input=stdin, env=env, capture_output=True, text=True, timeout=300
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if line.startswith("import time:")}
    modules_line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    loaded = {name.split(".")[0] for name in json.loads(modules_line.removeprefix("MODULES "))}
    return result, imported, loaded


def test_ask_answers_without_torch_or_transformers(built_index: Path) -> None:
    result, imported, loaded = _run(
        built_index, "ask", "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ANSWERED" in result.stdout and "FL-pediatric-inspired-regimen" in result.stdout
    assert "onnxruntime" in loaded and "onnxruntime" in imported  # the -X importtime report is read, and the model ran
    assert not imported & set(HEAVY) and not loaded & set(HEAVY), sorted((imported | loaded) & set(HEAVY))


def test_chat_answers_without_torch_or_transformers(built_index: Path) -> None:
    result, imported, loaded = _run(built_index, "chat", stdin="blina or inotuzumab for relapsed B-ALL?\n/quit\n")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "RR-immunotherapy-reinduction" in result.stdout
    assert not (imported | loaded) & set(HEAVY)


def test_ask_checks_the_question_before_it_loads_the_model(built_index: Path) -> None:
    result, _, loaded = _run(built_index, "ask", "   ")
    assert result.returncode == 2 and "the question is empty" in result.stderr
    assert not loaded & {"onnxruntime", "tokenizers", "faiss"}  # the model starts loading only for a valid question


def test_check_loads_no_model(built_index: Path) -> None:
    result, imported, loaded = _run(built_index, "check", "The panel recommends routine heparin during asparaginase.")
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Verdict" in result.stdout
    assert not (imported | loaded) & {*HEAVY, "onnxruntime", "tokenizers", "bm25s", "faiss"}  # no model, no search
    quoted, _, loaded_quoted = _run(built_index, "check", 'The digest says "heparin is always given to everyone".')
    assert "unverifiable_quote" in quoted.stdout and "closest passage" in quoted.stdout
    assert not loaded_quoted & {*HEAVY, "onnxruntime"}  # the closest passage is found by text similarity, no model needed


def _modules(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Every module the command had loaded at exit, by its full name."""
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


BUILD_ONLY = {"chatbot.recs.extraction", "chatbot.recs.describe", "chatbot.recs.grading"}  # index builds read statements


def test_ask_and_check_import_neither_statement_extraction_nor_the_reply_contract(built_index: Path) -> None:
    asked, _, _ = _run(built_index, "ask", "blina or inotuzumab for relapsed B-ALL?")
    checked, _, _ = _run(built_index, "check", "The panel recommends routine heparin during asparaginase.")
    assert "RR-immunotherapy-reinduction" in asked.stdout and "Verdict" in checked.stdout
    for result in (asked, checked):
        assert not _modules(result) & {*BUILD_ONLY, "chatbot.reply"}, sorted(_modules(result) & {*BUILD_ONLY, "chatbot.reply"})
    free_text = {"chatbot.guard.facts", "chatbot.guard.invented", "chatbot.guard.placeholders"}  # checks of free text only
    assert not _modules(asked) & free_text and free_text <= _modules(checked)
    as_json, _, _ = _run(built_index, "check", "--json", "The panel recommends routine heparin during asparaginase.")
    assert json.loads(as_json.stdout)["verdict"] == "fail" and "chatbot.reply" in _modules(as_json)  # --json builds the contract


def test_check_of_a_plain_claim_imports_neither_numpy_nor_faiss_nor_the_answering_stages(built_index: Path) -> None:
    result, imported, loaded = _run(built_index, "check", "The panel recommends routine heparin during asparaginase.")
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Verdict" in result.stdout and "FL-heparin-vte-prophylaxis" in result.stdout
    assert not (imported | loaded) & {"numpy", "faiss"}, sorted((imported | loaded) & {"numpy", "faiss"})
    stages = {"chatbot.answer.compose", "chatbot.answer.abstention", "chatbot.conversation.followups", "chatbot.conversation.context"}
    assert not _modules(result) & stages, sorted(_modules(result) & stages)  # engine.py imports them on the first answer


def test_importing_the_app_builds_no_recommendation_models() -> None:
    """`ask` starts loading the model right after the settings: the app itself imports neither the set's models nor YAML."""
    script = "import json, sys; import chatbot.channels.cli.app; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True
    )
    loaded = set(json.loads(result.stdout))
    assert "chatbot.channels.cli.render" in loaded and "chatbot.config" in loaded
    assert not loaded & {"chatbot.recs.schema", "chatbot.types", "chatbot.packs.domain", "yaml", "numpy"}


GC_RUN = """
import atexit, gc, sys
def walked(phase, info):  # how many objects each collection had to walk in the generations it collected
    if phase == "start":
        size = sum(len(gc.get_objects(generation)) for generation in range(info["generation"] + 1))
        sys.stderr.write(f"COLLECTION {info['generation']} {size}\\n")
gc.callbacks.append(walked)
atexit.register(lambda: sys.stderr.write(f"AT EXIT {gc.get_freeze_count()} {len(gc.get_objects())}\\n"))
from chatbot.channels.cli.entry import run
run()
"""


@pytest.mark.parametrize(
    "command", [["ask", "blina or inotuzumab for relapsed B-ALL?"], ["check", "The panel recommends routine heparin."]]
)
def test_a_one_shot_command_walks_none_of_its_objects_in_collections(built_index: Path, command: list[str]) -> None:
    """No young collection during the command walks what it made, and at exit it is frozen out of the final collection."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_") or k == "CHATBOT_DATA_DIR"}
    env |= {"CHATBOT_INDEX_DIR": str(built_index), "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run([sys.executable, "-c", GC_RUN, *command], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "RR-immunotherapy-reinduction" in result.stdout or "Verdict" in result.stdout
    walks = [int(line.split()[2]) for line in result.stderr.splitlines() if line.startswith("COLLECTION ")]
    assert max(walks, default=0) < 5_000, walks  # before: one young collection of ~95,000 objects during `ask`
    frozen, left = (int(n) for n in next(line for line in result.stderr.splitlines() if line.startswith("AT EXIT ")).split()[2:])
    assert frozen > 30_000 and left < 1_000, (frozen, left)  # before: none frozen, ~70,000 walked by the exit's collection


def test_the_console_script_skips_pydantics_plugin_search_unless_the_user_sets_it() -> None:
    script = (
        "import atexit, os, sys; import pydantic.plugin._loader as loader\n"
        "atexit.register(lambda: print('PLUGINS', os.environ.get('PYDANTIC_DISABLE_PLUGINS'), loader._plugins is None))\n"
        "from chatbot.channels.cli.entry import run; sys.argv[1:] = ['recs', 'show', 'FL-pediatric-inspired-regimen']; run()"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | {"PYTHONPATH": str(PROJECT_ROOT)}
    skipped = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert "FL-pediatric-inspired-regimen" in skipped.stdout and "PLUGINS __all__ True" in skipped.stdout  # never searched
    kept = subprocess.run(
        [sys.executable, "-c", script], env=env | {"PYDANTIC_DISABLE_PLUGINS": "none"}, capture_output=True, text=True, timeout=120
    )
    assert "PLUGINS none False" in kept.stdout  # the user's setting: plugins were looked for

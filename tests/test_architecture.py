"""The shape of the code: no guideline's words in the engine, small modules, packages without import cycles."""

from __future__ import annotations

import re
from itertools import permutations

import grimp
import pytest

from chatbot.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "chatbot"
SUBPACKAGES = ("ingest", "packs", "recs", "index", "answer", "conversation", "guard", "stores", "channels", "evaluation")


def test_the_engine_holds_no_word_of_one_guideline() -> None:
    pattern = re.compile(r"philadelphia|lymphoblastic|lineage|frontline", re.IGNORECASE)
    hits = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".js", ".html", ".css")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert hits == [], "guideline words belong in the pack's domain.yaml"


def test_no_module_is_over_350_lines() -> None:
    long = {
        str(p.relative_to(PROJECT_ROOT)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 350
    }
    assert long == {}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("chatbot")


def test_no_module_imports_itself_round_a_cycle(graph: grimp.ImportGraph) -> None:
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def test_packages_import_one_another_in_one_direction(graph: grimp.ImportGraph) -> None:
    both_ways = [
        (a, b)
        for a, b in permutations((f"chatbot.{name}" for name in SUBPACKAGES), 2)
        if a < b
        and graph.chain_exists(importer=a, imported=b, as_packages=True)
        and graph.chain_exists(importer=b, imported=a, as_packages=True)
    ]
    assert both_ways == []

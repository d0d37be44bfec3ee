"""corpus/sources.yaml: the real list, and clear errors for a missing file or a bad entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chatbot.config import PROJECT_ROOT
from chatbot.errors import ConfigError
from chatbot.ingest.sources import load_sources
from chatbot.types import DocumentKind

CORPUS = PROJECT_ROOT / "corpus"


def _entry(**changes: Any) -> dict[str, Any]:
    """A valid official-document entry, with fields overridden."""
    entry: dict[str, Any] = {
        "id": "frontline-pdf",
        "title": "Frontline management",
        "kind": "official",
        "path": "official/frontline.pdf",
        "date": "2026-02-11",
        "doi": None,
        "url": None,
        "guideline": "frontline",
    }
    entry.update(changes)
    return entry


def _write(tmp_path: Path, documents: list[dict[str, Any]]) -> Path:
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump({"documents": documents}), encoding="utf-8")
    return tmp_path


def test_real_sources_list_the_digest() -> None:
    sources = load_sources(CORPUS)
    assert [source.id for source in sources] == ["ash-aya-all-2026-digest"]
    digest = sources[0]
    assert digest.kind == DocumentKind.DIGEST and digest.guideline is None
    assert (CORPUS / digest.path).is_file()


def test_entry_becomes_a_source_ref(tmp_path: Path) -> None:
    (source,) = load_sources(_write(tmp_path, [_entry()]))
    assert source.kind == DocumentKind.OFFICIAL
    assert source.date == "2026-02-11" and source.guideline == "frontline" and source.doi is None


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sources.yaml"):
        load_sources(tmp_path)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "preprint"}, "kind"),
        ({"guideline": "Front line!"}, "guideline"),  # a pack names its guidelines with slugs
        ({"path": "../outside.pdf"}, "path"),
        ({"path": "/etc/passwd"}, "path"),
        ({"pages": 12}, "pages"),
    ],
)
def test_bad_entry_is_rejected_naming_file_and_field(tmp_path: Path, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_sources(_write(tmp_path, [_entry(**changes)]))
    assert "sources.yaml" in str(raised.value) and field in str(raised.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="duplicate document id"):
        load_sources(_write(tmp_path, [_entry(), _entry(path="official/other.pdf")]))


def test_empty_list_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sources.yaml"):
        load_sources(_write(tmp_path, []))

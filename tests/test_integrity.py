"""Index integrity: unique document ids, hashed artifacts checked at load, no reading outside the corpus.

Issue 12, findings 1, 2, 3, 9, 13 and 14. Builds use the HashingEmbedder and real FAISS/BM25.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from corpora import small_corpus
from fakes import HashingEmbedder

from chatbot.config import Settings, load_settings
from chatbot.core import ensure_index
from chatbot.errors import ConfigError, IndexUnavailable
from chatbot.index.build import load_index
from chatbot.index.store import BUILDS_DIR, current_build
from chatbot.ingest.readers.html import read_html
from chatbot.recs.loading import load_recommendations
from chatbot.types import DocumentKind

GUIDE = """# Invented guideline on widget fever

## Treatment

### Use of drug X (FL-pediatric-inspired-regimen)

For invented patients with widget fever, intrathecal drug X is favoured over drug Y. The effect was small but consistent.

## Monitoring

Check the widget count weekly during treatment. Stop checking once the count is normal twice.
"""
OTHER = "# Another invented note\n\n## Cleaning\n\nRinse the invented gadget with cold water every evening before storing it away.\n"
SECRET = "# Private file\n\nThe server's private notes: the vault code is 0451 and must never be served.\n"


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("CHATBOT_") and n != "CHATBOT_DATA_DIR"]:
        monkeypatch.delenv(name)


def _settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    if not corpus.exists():
        small_corpus(corpus, {"guide.md": GUIDE.encode()})
    return load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def _ensure(settings: Settings, extra: tuple[str, ...] | None = None, force: bool = False):
    rec_set = load_recommendations(settings.corpus_dir)
    return ensure_index(settings, rec_set, HashingEmbedder, lambda *a: None, lambda m: None, extra, force)


def _passages_match_their_documents(settings: Settings) -> None:
    loaded = load_index(settings)
    for passage in loaded.passages:
        document = loaded.documents[passage.document_id]
        assert document.text[passage.char_start : passage.char_end] == passage.text, passage.id


# --- 1. document ids are unique -------------------------------------------------------------------


def test_same_file_names_in_two_folders_get_distinct_ids(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    folder = tmp_path / "extra"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "dup.md").write_text(OTHER)
    (folder / "b" / "dup.md").write_text(SECRET.replace("Private file", "Second dup"))
    summary = _ensure(settings, (str(folder),))
    assert summary.documents == 3
    loaded = load_index(settings)
    assert len(loaded.documents) == 3 and len(loaded.manifest["documents"]) == 3
    _passages_match_their_documents(settings)


def test_same_stem_with_two_suffixes_get_distinct_ids(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "x.md").write_text(OTHER)
    (folder / "x.html").write_text(
        "<html><body><h1>Invented page</h1><p>An invented page about gadgets and their care at home.</p></body></html>"
    )
    _ensure(settings, (str(folder),))
    assert len(load_index(settings).documents) == 3
    _passages_match_their_documents(settings)


def test_an_added_file_named_like_a_listed_document_is_refused_naming_both(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first, second = tmp_path / "one" / "guide.md", tmp_path / "two" / "guide.md"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(OTHER)
    summary = _ensure(settings, (str(first),))  # the stem clashes with the listed `guide`: a longer id is used
    assert summary.documents == 2 and len(load_index(settings).documents) == 2
    with pytest.raises(ConfigError, match="one/guide.md.*two/guide.md|two/guide.md.*one/guide.md"):
        _ensure(settings, (str(first), str(second)))


# --- 2. the built index is verified when loaded ------------------------------------------------------


def test_edited_document_text_is_refused_at_load(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings)
    path = current_build(settings.index_dir) / "documents.json"
    path.write_text(path.read_text().replace("intrathecal", "intravenous"))
    with pytest.raises(IndexUnavailable, match="documents.json") as raised:
        load_index(settings)
    assert "ingest" in raised.value.hint


def test_edited_text_with_a_matching_artifact_hash_is_still_refused(tmp_path: Path) -> None:
    """Rewriting documents.json and its artifact hash is caught by the canonical text hash recorded at build time."""
    import hashlib

    settings = _settings(tmp_path)
    _ensure(settings)
    folder = current_build(settings.index_dir)
    path = folder / "documents.json"
    path.write_text(path.read_text().replace("intrathecal", "intravenous"))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["artifacts"]["documents.json"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match="guide"):
        load_index(settings)


def test_random_vectors_of_the_same_shape_are_refused(tmp_path: Path) -> None:
    import faiss

    settings = _settings(tmp_path)
    _ensure(settings)
    folder = current_build(settings.index_dir)
    original = faiss.read_index(str(folder / "dense.faiss"))
    fake = faiss.IndexFlatIP(original.d)
    fake.add(np.random.default_rng(1).random((original.ntotal, original.d), dtype=np.float32))
    faiss.write_index(fake, str(folder / "dense.faiss"))
    with pytest.raises(IndexUnavailable, match="dense.faiss"):
        load_index(settings)


def test_vectors_swapped_after_loading_are_refused_at_the_first_search(tmp_path: Path) -> None:
    import faiss

    settings = _settings(tmp_path)
    _ensure(settings)
    index = load_index(settings)  # checked here; the dense vectors are read at the first search
    fake = faiss.IndexFlatIP(index.sentence_vectors.shape[1])
    fake.add(np.random.default_rng(2).random((len(index.passages), fake.d), dtype=np.float32))
    faiss.write_index(fake, str(index.dense_file))
    with pytest.raises(IndexUnavailable, match="dense.faiss"):
        _ = index.dense


def test_manifest_records_every_artifact_and_each_document_hash(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings)
    folder = current_build(settings.index_dir)
    manifest = json.loads((folder / "manifest.json").read_text())
    files = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert set(manifest["artifacts"]) == files
    [document] = manifest["documents"]
    assert len(document["sha256"]) == 64 and len(document["text_sha256"]) == 64


# --- 9. ingest rebuilds an index that cannot be loaded ----------------------------------------------------


def test_ingest_rebuilds_an_index_of_another_format(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings)
    path = current_build(settings.index_dir) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 2
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match="format"):
        load_index(settings)
    assert _ensure(settings).built
    load_index(settings)


def test_ingest_rebuilds_an_index_that_fails_its_checks(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings)
    (current_build(settings.index_dir) / "sentences.npy").write_bytes(b"garbage")
    assert _ensure(settings).built
    load_index(settings)


# --- 3. symlinks do not escape the corpus --------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "secret.md"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


def test_a_listed_symlink_pointing_outside_the_corpus_is_refused(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    corpus = small_corpus(tmp_path / "corpus", {"guide.md": GUIDE.encode()})
    (corpus / "leak.md").symlink_to(secret)
    with (corpus / "sources.yaml").open("a") as handle:
        handle.write("  - {id: leak, title: Leak, kind: official, path: leak.md}\n")
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    summary = _ensure(settings)
    assert [f.path for f in summary.failures] == ["leak.md"] and "outside" in summary.failures[0].message
    loaded = load_index(settings)
    assert "leak" not in loaded.documents
    assert not any("vault code" in d.text for d in loaded.documents.values())


def test_a_symlink_inside_an_added_folder_is_refused_but_a_named_one_is_read(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    settings = _settings(tmp_path)
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "notes.md").write_text(OTHER)
    (folder / "sneaky.md").symlink_to(secret)
    summary = _ensure(settings, (str(folder),))
    assert any("sneaky.md" in f.path and "outside" in f.message for f in summary.failures)
    assert not any("vault code" in d.text for d in load_index(settings).documents.values())
    named = tmp_path / "named.md"
    named.symlink_to(secret)
    _ensure(settings, (str(named),))
    assert any("vault code" in d.text for d in load_index(settings).documents.values())


# --- 13. a killed build leaves no partial folder behind ----------------------------------------------------

_KILLED_BUILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from fakes import HashingEmbedder
from chatbot.config import load_settings
from chatbot.core import ensure_index
from chatbot.index.lexical import LexicalIndex
from chatbot.recs.loading import load_recommendations

def stall(self, folder):
    print("writing", flush=True)
    time.sleep(120)

LexicalIndex.save = stall
settings = load_settings(corpus_dir=sys.argv[2], index_dir=sys.argv[3])
ensure_index(settings, load_recommendations(settings.corpus_dir), HashingEmbedder, lambda *a: None, print, None, True)
"""


def test_a_killed_build_leaves_no_partial_folder_after_the_next_build(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings)
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(Path(__file__).parent), str(settings.corpus_dir), str(settings.index_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "writing" not in line and time.monotonic() < deadline and process.poll() is None:
            line = process.stdout.readline()
        assert "writing" in line, process.stderr.read() if process.poll() is not None else "no output"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    builds = settings.index_dir / BUILDS_DIR
    assert [p for p in builds.iterdir() if p.name.endswith(".partial")]
    assert _ensure(settings, force=True).built
    assert not [p for p in builds.iterdir() if p.name.endswith(".partial")]


# --- 14. added documents are not labelled official; script text is not indexed ------------------------------


def test_an_added_document_is_labelled_added_not_official(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    extra = tmp_path / "extra-notes.md"
    extra.write_text(OTHER)
    _ensure(settings, (str(extra),))
    loaded = load_index(settings)
    assert loaded.documents["extra-notes"].kind is DocumentKind.ADDED
    assert loaded.documents["guide"].kind is DocumentKind.OFFICIAL  # sources.yaml says official


def test_script_and_style_text_inside_inline_elements_is_dropped() -> None:
    page = (
        b"<html><body><h1>Invented</h1><p>Keep <span>this<script>alert('owned')</script></span> text "
        b"<b>bold<style>.x{color:red}</style></b>.</p><table><tr><td>cell<script>evil()</script></td></tr></table>"
        b"<h2>Heading<script>inHeading()</script></h2><p>More.</p></body></html>"
    )
    text = read_html(page, "page.html").text
    assert "Keep this text bold." in text and "cell" in text
    assert "alert" not in text and "color" not in text and "evil" not in text and "inHeading" not in text

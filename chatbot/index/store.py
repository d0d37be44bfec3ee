"""Index artifacts on disk: manifest, documents, passages, FAISS and BM25; atomic swap of builds."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.errors import IndexUnavailable
from chatbot.index.integrity import (
    MANIFEST,
    PID_FILE,
    artifact_hashes,
    document_text_problems,
    integrity_problems,
    remove_abandoned_builds,
)
from chatbot.index.lexical import LexicalIndex
from chatbot.ingest.positions import DocumentPositions
from chatbot.types import Document, DocumentKind, PageSpan, Passage, Section

if TYPE_CHECKING:
    import numpy as np

# 5: artifact sha256s, recommendations.json, PDF positions; 6: PDF headings and statement links (issue 16); 7: discussion words;
# 8: the topics each publication says it does not cover (scope_exclusions)
FORMAT_VERSION = 8
RECOMMENDATIONS_FILE = "recommendations.json"  # the effective recommendation set, readable
CURRENT_LINK = "current"
BUILDS_DIR = "builds"
KEEP_BUILDS = 2
POSITIONS_DIR = "positions"


@dataclass(frozen=True)
class LoadedIndex:
    """Everything retrieval and answering need from a built index."""

    folder: Path
    manifest: dict
    documents: dict[str, Document]
    passages: tuple[Passage, ...]
    dense_file: Path  # read on first search (`dense`), so commands that never search never import faiss
    lexical: LexicalIndex
    sentences: tuple[tuple[int, int, int], ...] = ()  # (passage position, char start, char end) of quotable sentences
    sentences_file: Path | None = None  # their vectors, read on first use (`sentence_vectors`): `check` never imports numpy
    recommendations: str = "{}"  # the set answers come from (curated items merged with official statements), as JSON
    _positions: dict[str, DocumentPositions | None] = field(default_factory=dict, repr=False, compare=False)

    def positions(self, document_id: str) -> DocumentPositions | None:
        """A PDF document's character boxes (read from the build on first use), or None for other documents."""
        if document_id not in self._positions:
            path = self.folder / POSITIONS_DIR / positions_file_name(document_id)
            try:
                self._positions[document_id] = DocumentPositions.load(path) if path.is_file() else None
            except (OSError, ValueError, KeyError):
                self._positions[document_id] = None
        return self._positions[document_id]

    @cached_property
    def sentence_vectors(self) -> np.ndarray:
        """The quotable sentences' vectors, one row each, read on first use (no file: none)."""
        import numpy as np

        if self.sentences_file is None:
            return np.zeros((0, 0), dtype=np.float32)
        try:
            vectors = np.load(self.sentences_file)
        except Exception as exc:  # a vanished or unreadable file means the build cannot be used
            raise IndexUnavailable(f"index in {self.folder} is unreadable: {exc}", hint="run `chatbot ingest --force`") from exc
        if len(vectors) != len(self.sentences):
            raise IndexUnavailable(f"index in {self.folder} is inconsistent", hint="run `chatbot ingest --force`")
        return vectors

    @cached_property
    def dense(self) -> Any:
        """The faiss index of passage vectors (faiss has no type hints), read on first use from bytes that match the manifest."""
        import faiss
        import numpy as np

        try:
            data = self.dense_file.read_bytes()
            if hashlib.sha256(data).hexdigest() != self.manifest["artifacts"][self.dense_file.name]:
                _refuse_if([f"{self.dense_file.name} does not match its recorded sha256"], self.folder)
            dense = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except IndexUnavailable:
            raise
        except Exception as exc:  # a vanished file, or faiss's RuntimeError on unreadable bytes
            raise IndexUnavailable(f"index in {self.folder} is unreadable: {exc}", hint="run `chatbot ingest --force`") from exc
        faiss.omp_set_num_threads(1)  # one query a thread: an OpenMP team per search only contends (10k passages: 38 -> 7 ms)
        if dense.ntotal != len(self.passages):
            raise IndexUnavailable(f"index in {self.folder} is inconsistent", hint="run `chatbot ingest --force`")
        return dense

    @cached_property
    def _rows_by_passage(self) -> dict[str, list[int]]:
        """Sentence rows of each passage id."""
        rows: dict[str, list[int]] = {}
        for row, (position, _, _) in enumerate(self.sentences):
            rows.setdefault(self.passages[position].id, []).append(row)
        return rows

    def sentence_rows(self, passage_id: str) -> list[int]:
        """Rows of a passage's quotable sentences in `sentences` and `sentence_vectors`."""
        return self._rows_by_passage.get(passage_id, [])


def _document_to_json(document: Document) -> dict:
    """A Document as plain JSON."""
    data = asdict(document)
    data["kind"] = document.kind.value
    return data


def _document_from_json(data: dict) -> Document:
    """Inverse of _document_to_json."""
    return Document(
        **{
            **data,
            "kind": DocumentKind(data["kind"]),
            "pages": tuple(PageSpan(**page) for page in data["pages"]),
            "sections": tuple(Section(tuple(s["path"]), s["start"], s["end"]) for s in data["sections"]),
        }
    )


def positions_file_name(document_id: str) -> str:
    """The file of a document's positions inside a build's positions/ folder."""
    return hashlib.sha256(document_id.encode()).hexdigest()[:16] + ".npz"


def _passage_from_json(data: dict) -> Passage:
    """A Passage from its JSON line."""
    return Passage(**{**data, "section_path": tuple(data["section_path"])})


def write_build(
    index_dir: Path,
    manifest: dict,
    documents: list[Document],
    passages: list[Passage],
    vectors: np.ndarray,
    lexical: LexicalIndex,
    sentences: list[tuple[int, int, int]],
    sentence_vectors: np.ndarray,
    recommendations: str,
    positions: dict[str, DocumentPositions] | None = None,
) -> Path:
    """Write a complete build beside the current one, then atomically point `current` at it."""
    import faiss
    import numpy as np

    builds = index_dir / BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    now_ns = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now_ns // 10**9)) + f".{now_ns % 10**9:09d}"
    name = f"{stamp}-{manifest['fingerprint'][:8]}-{uuid.uuid4().hex[:6]}"  # sorts by time
    staging = builds / f".{name}.partial"
    remove_abandoned_builds(builds)
    try:
        staging.mkdir()
        (staging / PID_FILE).write_text(str(os.getpid()))
        (staging / "documents.json").write_text(json.dumps([_document_to_json(d) for d in documents]))
        with (staging / "passages.jsonl").open("w") as handle:
            for passage in passages:
                handle.write(json.dumps(asdict(passage)) + "\n")
        dense = faiss.IndexFlatIP(vectors.shape[1])
        dense.add(np.ascontiguousarray(vectors, dtype=np.float32))
        faiss.write_index(dense, str(staging / "dense.faiss"))
        (staging / "bm25").mkdir()
        lexical.save(staging / "bm25")
        (staging / "sentences.json").write_text(json.dumps(sentences))
        np.save(staging / "sentences.npy", np.ascontiguousarray(sentence_vectors, dtype=np.float32))
        (staging / RECOMMENDATIONS_FILE).write_text(recommendations)
        (staging / POSITIONS_DIR).mkdir()
        for document_id, document_positions in (positions or {}).items():
            document_positions.save(staging / POSITIONS_DIR / positions_file_name(document_id))
        (staging / PID_FILE).unlink()
        manifest = {**manifest, "artifacts": artifact_hashes(staging)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2))
        final = builds / name
        staging.rename(final)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise IndexUnavailable(f"could not write the index in {builds}: {exc}; the previous index is left in place") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current_at(index_dir, final)
    _prune_old_builds(index_dir, keep=final)
    return final


def _point_current_at(index_dir: Path, build: Path) -> None:
    """Replace the `current` symlink in one atomic rename."""
    temporary = index_dir / f".{CURRENT_LINK}.{uuid.uuid4().hex}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(build.relative_to(index_dir))
    os.replace(temporary, index_dir / CURRENT_LINK)


def _prune_old_builds(index_dir: Path, keep: Path) -> None:
    """Delete finished builds beyond the newest KEEP_BUILDS, never the one in use."""
    builds = sorted((p for p in (index_dir / BUILDS_DIR).iterdir() if not p.name.startswith(".")), reverse=True)
    for old in builds[KEEP_BUILDS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def current_build(index_dir: Path) -> Path | None:
    """The folder `current` points at, or None when there is no usable build."""
    link = index_dir / CURRENT_LINK
    if not link.exists():
        return None
    folder = link.resolve()
    return folder if (folder / MANIFEST).is_file() else None


def read_manifest(index_dir: Path) -> dict | None:
    """The current build's manifest, or None."""
    folder = current_build(index_dir)
    if folder is None:
        return None
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, json.JSONDecodeError):
        return None


def build_problems(index_dir: Path) -> list[str]:
    """Why the current build cannot be loaded as it is (format or integrity), [] when it can; [] when there is none."""
    folder = current_build(index_dir)
    manifest = read_manifest(index_dir)
    if folder is None or manifest is None:
        return []
    if manifest.get("format_version") != FORMAT_VERSION:
        return [f"index format {manifest.get('format_version')} (this version reads {FORMAT_VERSION})"]
    return integrity_problems(folder, manifest)


def _refuse_if(problems: list[str], folder: Path) -> None:
    """IndexUnavailable naming what failed the integrity check, when anything did."""
    if problems:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise IndexUnavailable(
            f"index in {folder} failed its integrity check: {shown}",
            hint="the index was changed after it was built; run `chatbot ingest` to rebuild it",
        )


def load_build(index_dir: Path) -> LoadedIndex:
    """Load the current build (its dense index on first search); IndexUnavailable when it is missing or unreadable."""
    folder = current_build(index_dir)
    if folder is None:
        raise IndexUnavailable(f"no index in {index_dir}", hint="run `chatbot ingest` to build it")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        if manifest.get("format_version") != FORMAT_VERSION:
            raise IndexUnavailable(
                f"index in {folder} has format {manifest.get('format_version')}", hint="run `chatbot ingest` to rebuild it"
            )
        _refuse_if(integrity_problems(folder, manifest), folder)
        documents = [_document_from_json(d) for d in json.loads((folder / "documents.json").read_text())]
        with (folder / "passages.jsonl").open() as handle:
            passages = tuple(_passage_from_json(json.loads(line)) for line in handle)
        lexical = LexicalIndex.load(folder / "bm25")
        sentences = tuple(tuple(row) for row in json.loads((folder / "sentences.json").read_text()))
        recommendations = (folder / RECOMMENDATIONS_FILE).read_text()
        _refuse_if(document_text_problems(documents, manifest), folder)
    except IndexUnavailable:
        raise
    except Exception as exc:  # any unreadable artifact means the build cannot be used
        raise IndexUnavailable(f"index in {folder} is unreadable: {exc}", hint="run `chatbot ingest --force`") from exc
    if lexical.size != len(passages):
        raise IndexUnavailable(f"index in {folder} is inconsistent", hint="run `chatbot ingest --force`")
    return LoadedIndex(
        folder,
        manifest,
        {d.id: d for d in documents},
        passages,
        folder / "dense.faiss",
        lexical,
        sentences,
        folder / "sentences.npy",
        recommendations,
    )

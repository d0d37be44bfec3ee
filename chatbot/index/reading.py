"""A build's documents: each file read anew, or taken with its positions from the previous build when neither the file
nor the code and libraries that read it have changed."""

from __future__ import annotations

import hashlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from chatbot.errors import IndexUnavailable, ReadError
from chatbot.index.store import load_build, read_manifest
from chatbot.ingest.positions import DocumentPositions, document_positions
from chatbot.ingest.readers import read_corpus, refuse_outside
from chatbot.types import Document, ReadFailure, SourceRef

# What turns a file into a Document and its positions: the project's ingest code and types, and these libraries.
READING_LIBRARIES = ("pypdf", "pypdfium2", "markdown-it-py", "lxml", "rapidfuzz")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Read:
    """A build's documents in source order, the failures, the positions kept from the previous build, the documents read anew."""

    documents: list[Document]
    failures: list[ReadFailure]
    kept_positions: dict[str, DocumentPositions]
    fresh: list[Document]


def reader_version() -> str:
    """Hash of the code that reads documents (chatbot/ingest, chatbot/types.py), its libraries' versions and Python's."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(sys.version.encode())
    for name in READING_LIBRARIES:
        try:
            digest.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    for path in sorted([*(package / "ingest").rglob("*.py"), package / "types.py"]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def previous_reads(index_dir: Path, reader: str) -> dict[str, tuple[Document, DocumentPositions | None]]:
    """File sha256 -> the previous build's document read from it and its positions, when the same reader made that build."""
    manifest = read_manifest(index_dir)
    if not manifest or manifest.get("reader") != reader:
        return {}
    try:
        previous = load_build(index_dir)
        return {document.sha256: (document, previous.positions(document.id)) for document in previous.documents.values()}
    except IndexUnavailable:
        return {}


def read_documents(
    sources: tuple[SourceRef, ...],
    file_hashes: dict[str, str],
    base_dir: Path,
    index_dir: Path,
    roots: tuple[Path, ...],
    progress: Progress,
) -> Read:
    """Documents in source order, the failures, and the kept PDF positions (`positions_beside` finds the fresh documents').

    A source whose file has the sha256 of a document of the previous build, read by the same code, is not read again.
    """
    previous = previous_reads(index_dir, reader_version())
    reused: dict[str, tuple[Document, DocumentPositions | None]] = {}
    for source in sources:
        path = Path(source.path) if Path(source.path).is_absolute() else base_dir / source.path
        if found := previous.get(file_hashes.get(str(path), "")):
            try:
                refuse_outside(path, source.path, roots)
            except ReadError:
                continue  # read anew, to fail as a fresh read does
            document = replace(found[0], id=source.id, title=source.title, kind=source.kind, path=source.path)
            reused[source.id] = (replace(document, date=source.date, doi=source.doi, url=source.url), found[1])
    to_read = [s for s in sources if s.id not in reused]

    def on_document(source: SourceRef) -> None:
        progress("read", len(reused) + to_read.index(source) + 1, len(sources))

    if reused:
        progress("read", len(reused), len(sources))
    read, failures = read_corpus(to_read, base_dir, on_document, roots, partial(progress, "pages"))
    by_id = {d.id: d for d in read} | {doc_id: pair[0] for doc_id, pair in reused.items()}
    documents = [by_id[s.id] for s in sources if s.id in by_id]
    kept = {doc_id: pair[1] for doc_id, pair in reused.items() if pair[1] is not None}
    return Read(documents, failures, kept, read)


def positions_beside(read: Read, base_dir: Path, progress: Progress) -> Callable[[], dict[str, DocumentPositions]]:
    """What waits for every PDF's positions by document id: the fresh documents' are found on a thread of their own, beside the
    chunking and embedding (pdfium and the ONNX session release the interpreter lock), instead of before them on one core."""
    found: list[dict[str, DocumentPositions]] = []
    worker = threading.Thread(
        target=lambda: found.append(document_positions(read.fresh, base_dir, partial(progress, "positions"))), name="pdf positions"
    )
    if read.fresh:
        worker.start()

    def wait() -> dict[str, DocumentPositions]:
        if read.fresh:
            worker.join()  # joined, not left to end alone: a later build forks its PDF readers only when no other thread runs
        if read.fresh and not found:
            raise IndexUnavailable("the PDF positions could not be found; the previous index is left in place")
        return read.kept_positions | (found[0] if found else {})

    return wait


def serialised(progress: Progress) -> Progress:
    """The same progress sink, called by one thread at a time."""
    lock = threading.Lock()

    def report(stage: str, done: int, total: int) -> None:
        with lock:
            progress(stage, done, total)

    return report

"""Read corpus files into Documents: dispatch on the file extension, collect failures per file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from chatbot.errors import ReadError
from chatbot.ingest.readers.structure import ExtractedText
from chatbot.types import Document, ReadFailure, SourceRef

Reader = Callable[[bytes, str], ExtractedText]


def _reader_for(suffix: str, on_page: Callable[[int, int], None] | None = None) -> Reader | None:
    """The reader function for a file extension (imported lazily), or None when unsupported; a PDF's tells `on_page`."""
    if suffix == ".pdf":
        from chatbot.ingest.readers.pdf import read_pdf

        return partial(read_pdf, on_page=on_page)
    if suffix in (".md", ".markdown"):
        from chatbot.ingest.readers.markdown import read_markdown

        return read_markdown
    if suffix in (".html", ".htm"):
        from chatbot.ingest.readers.html import read_html

        return read_html
    if suffix in (".xml", ".nxml"):
        from chatbot.ingest.readers.jats import read_jats

        return read_jats
    return None


SUPPORTED_SUFFIXES = (".pdf", ".md", ".markdown", ".html", ".htm", ".xml", ".nxml")


def refuse_outside(path: Path, shown: str, roots: tuple[Path, ...]) -> None:
    """ReadError when a file's real path (symlinks resolved) lies outside every allowed root."""
    real = path.resolve()
    if not any(real == root or real.is_relative_to(root) for root in roots):
        raise ReadError(
            f"{shown}: refused, it resolves to {real}, outside the corpus and the paths named to ingest (name the file itself to add it)"
        )


def read_document(
    source: SourceRef, base_dir: Path, allowed_roots: tuple[Path, ...] | None = None, on_page: Callable[[int, int], None] | None = None
) -> Document:
    """Read one source file (path relative to `base_dir`) into a Document; ReadError naming the file.

    With `allowed_roots`, a file whose real path lies outside all of them (a symlink out) is refused. A PDF's reader
    tells `on_page(done, total)` as its pages are read.
    """
    path = base_dir / source.path
    if allowed_roots is not None:
        refuse_outside(path, source.path, allowed_roots)
    reader = _reader_for(path.suffix.lower(), on_page)
    if reader is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise ReadError(f"{source.path}: unsupported file type {path.suffix!r} (supported: {supported})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{source.path}: cannot open the file ({exc.strerror or exc})") from exc
    extracted = reader(data, source.path)
    return Document(
        id=source.id,
        title=source.title,
        kind=source.kind,
        path=source.path,
        text=extracted.text,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=extracted.pages,
        sections=extracted.sections,
        date=source.date,
        doi=source.doi,
        url=source.url,
    )


def read_corpus(
    sources: list[SourceRef],
    base_dir: Path,
    on_progress: Callable[[SourceRef], None] | None = None,
    allowed_roots: tuple[Path, ...] | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> tuple[list[Document], list[ReadFailure]]:
    """Read every source; a file that fails becomes a ReadFailure and the rest still ingest; a PDF's pages go to `on_page`."""
    documents: list[Document] = []
    failures: list[ReadFailure] = []
    for source in sources:
        if on_progress is not None:
            on_progress(source)
        try:
            documents.append(read_document(source, base_dir, allowed_roots, on_page))
        except ReadError as exc:
            failures.append(ReadFailure(source.path, exc.message))
        except Exception as exc:  # a reader bug on one odd file must not stop the rest of the corpus
            failures.append(ReadFailure(source.path, f"{source.path}: could not be read ({type(exc).__name__}: {exc})"))
    return documents, failures

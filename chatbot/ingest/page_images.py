"""A PDF's pages as PNG images of bounded size, rendered with pdfium and cached on disk by the file's hash."""

from __future__ import annotations

import hashlib
import os
import uuid
from functools import lru_cache
from pathlib import Path

from chatbot.errors import ChatbotError, NotFound
from chatbot.ingest.positions import PDFIUM_LOCK

MAX_WIDTH = 1200  # pixels; a letter page renders at about 1200 x 1553
MAX_HEIGHT = 1800


class SourceChanged(ChatbotError):
    """The original file no longer matches the one that was indexed."""

    code = "source_changed"
    status = 409


@lru_cache(maxsize=64)
def _file_sha256(path: str, mtime_ns: int, size: int) -> str:
    """sha256 of a file, remembered while its modification time and size stay the same."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_file(path: Path, sha256: str) -> Path:
    """The original file when it is still the indexed one; NotFound or SourceChanged otherwise."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise NotFound(f"the original file {path.name} is not available", hint="restore the file or run `chatbot ingest`") from exc
    if _file_sha256(str(path), stat.st_mtime_ns, stat.st_size) != sha256:
        raise SourceChanged(f"{path.name} changed since it was indexed", hint="run `chatbot ingest` to index the new version")
    return path


def page_image(path: Path, sha256: str, number: int, cache_dir: Path) -> Path:
    """The PNG of 1-based page `number` of the PDF at `path` (hash `sha256`), rendered once and cached."""
    target = cache_dir / sha256[:32] / f"{number}-{MAX_WIDTH}.png"
    if target.is_file():
        return target
    import pypdfium2 as pdfium

    checked_file(path, sha256)
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= number <= len(document):
                raise NotFound(f"{path.name} has no page {number}", hint=f"pages run from 1 to {len(document)}")
            page = document[number - 1]
            width, height = page.get_size()
            if page.get_rotation() % 180:
                width, height = height, width
            scale = min(MAX_WIDTH / width, MAX_HEIGHT / height, 4.0)
            image = page.render(scale=scale).to_pil()
            page.close()
        finally:
            document.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    image.save(partial, format="PNG", compress_level=6)
    os.replace(partial, target)  # concurrent renders of one page leave one complete file
    return target

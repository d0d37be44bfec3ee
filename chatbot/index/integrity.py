"""Index integrity: sha256 of every build artifact and of each document's canonical text, checked at load."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from chatbot.index.embedding import file_sha256
from chatbot.types import Document

MANIFEST = "manifest.json"
PID_FILE = "builder.pid"
STALE_PARTIAL_SECONDS = 6 * 3600  # a partial build without a pid file this old is abandoned


def artifact_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file of a build but its manifest, by path relative to the build folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST)
    return {p.relative_to(folder).as_posix(): file_sha256(p) for p in files}


def integrity_problems(folder: Path, manifest: dict) -> list[str]:
    """What differs between a build's files and the hashes its manifest recorded ([] when all match)."""
    recorded = manifest.get("artifacts")
    if not isinstance(recorded, dict) or not recorded:
        return ["the manifest records no artifact hashes"]
    actual = artifact_hashes(folder)
    problems = [f"{name} is missing" for name in recorded if name not in actual]
    problems += [
        f"{name} does not match its recorded sha256" for name, digest in recorded.items() if name in actual and actual[name] != digest
    ]
    problems += [f"{name} is not recorded in the manifest" for name in actual if name not in recorded]
    return problems


def text_sha256(text: str) -> str:
    """The sha256 of a document's canonical text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_text_problems(documents: list[Document], manifest: dict) -> list[str]:
    """Documents whose canonical text is not the text hashed at build time (or was not recorded)."""
    recorded = {d.get("id"): d.get("text_sha256") for d in manifest.get("documents", [])}
    problems = [
        f"document {d.id!r} has text that differs from the text read from its source at build time"
        for d in documents
        if recorded.get(d.id) != text_sha256(d.text)
    ]
    if len(recorded) != len(documents):
        problems.append(f"the manifest lists {len(recorded)} documents, the build holds {len(documents)}")
    return problems


def _builder_alive(partial: Path) -> bool:
    """Whether the process that started a partial build still runs (young folders without a pid count as alive)."""
    try:
        pid = int((partial / PID_FILE).read_text())
    except (OSError, ValueError):
        return time.time() - partial.stat().st_mtime < STALE_PARTIAL_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_builds(builds: Path) -> None:
    """Delete partial build folders whose builder was killed (no live process holds them)."""
    for partial in builds.glob(".*.partial"):
        if partial.is_dir() and not _builder_alive(partial):
            shutil.rmtree(partial, ignore_errors=True)

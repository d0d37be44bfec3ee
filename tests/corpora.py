"""Small test corpora: the project's recommendation set and synonyms, plus documents made by a test."""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT_CORPUS = Path(__file__).parents[1] / "corpus"


def small_corpus(corpus: Path, documents: dict[str, bytes | Path], titles: dict[str, str] | None = None) -> Path:
    """Write a corpus folder listing `documents` (name -> bytes, or a Path read in place via a symlink)."""
    (corpus / "recommendations").mkdir(parents=True)
    for name in ("guidelines.yaml", "synonyms.yaml"):
        shutil.copy(PROJECT_CORPUS / name, corpus / name)
    for path in (PROJECT_CORPUS / "recommendations").glob("*.yaml"):
        shutil.copy(path, corpus / "recommendations" / path.name)
    entries = []
    for name, content in documents.items():
        if isinstance(content, Path):
            (corpus / name).symlink_to(content)
        else:
            (corpus / name).write_bytes(content)
        doc_id = Path(name).stem
        title = (titles or {}).get(doc_id, f"Invented {doc_id}")
        entries.append(f"  - {{id: {doc_id}, title: {title}, kind: official, path: {name}}}\n")
    (corpus / "sources.yaml").write_text("documents:\n" + "".join(entries))
    return corpus

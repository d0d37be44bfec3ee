"""Small test corpora: the project's recommendation set and synonyms, plus documents made by a test."""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT_CORPUS = Path(__file__).parents[1] / "corpus"


def small_corpus(corpus: Path, documents: dict[str, bytes | Path], titles: dict[str, str] | None = None) -> Path:
    """Write a corpus folder listing `documents` (name -> bytes, or a Path copied in: symlinks out of a corpus are refused)."""
    (corpus / "recommendations").mkdir(parents=True)
    for name in ("guidelines.yaml", "synonyms.yaml"):
        shutil.copy(PROJECT_CORPUS / name, corpus / name)
    for path in (PROJECT_CORPUS / "recommendations").glob("*.yaml"):
        shutil.copy(path, corpus / "recommendations" / path.name)
    entries = []
    for name, content in documents.items():
        if isinstance(content, Path):
            shutil.copyfile(content, corpus / name)
        else:
            (corpus / name).write_bytes(content)
        doc_id = Path(name).stem
        title = (titles or {}).get(doc_id, f"Invented {doc_id}")
        entries.append(f"  - {{id: {doc_id}, title: {title}, kind: official, path: {name}}}\n")
    (corpus / "sources.yaml").write_text("documents:\n" + "".join(entries))
    return corpus


def hashing_bot(root: Path, **overrides: object):
    """A Chatbot on a copy of the project corpus with the hashing embedder; index, sessions and audit under root.

    Thresholds are lowered for the hashing embedder's smaller cosines; the rate limit is off unless given.
    """
    from fakes import HashingEmbedder

    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    shutil.copytree(PROJECT_CORPUS, root / "corpus", ignore=shutil.ignore_patterns("official"))
    values = {"min_dense_score": 0.05, "min_domain_dense_score": 0.05, "rate_limit_per_minute": 0, **overrides}
    settings = load_settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data", **values)
    return build_chatbot(settings, embedder=HashingEmbedder())


def pack_guard_context(folder: Path, passages: tuple = ()):
    """The guard over a pack's recommendation set and synonyms, with the given passages (none: facts and counts need none)."""
    from chatbot.guard.check import GuardContext
    from chatbot.packs.synonyms import load_thesaurus
    from chatbot.recs.loading import load_recommendations

    return GuardContext.build(load_recommendations(folder), load_thesaurus(folder), passages)


def verdict_and_findings(context, text: str) -> tuple[str, list[tuple[str, str | None]]]:
    """The guard's verdict on a text and its findings as (kind, recommendation id)."""
    from chatbot.guard.check import check_text

    report = check_text(text, context)
    return report.verdict, [(f.kind, f.recommendation_id) for f in report.findings]


def digest_guard_context():
    """The guard over the default pack's digest passages, linked to their items as ingest links them."""
    from chatbot.config import load_settings
    from chatbot.guard.check import GuardContext
    from chatbot.ingest.chunking import chunk_document
    from chatbot.ingest.readers import read_document
    from chatbot.ingest.sources import load_sources
    from chatbot.packs.synonyms import load_thesaurus
    from chatbot.recs.loading import load_recommendations
    from chatbot.recs.schema import linked_recommendation_id

    rec_set = load_recommendations(PROJECT_CORPUS)
    (source,) = load_sources(PROJECT_CORPUS)
    document = read_document(source, PROJECT_CORPUS)

    def link(path: tuple[str, ...], text: str) -> str | None:
        return next((found for title in reversed(path) if (found := linked_recommendation_id(title, rec_set))), None)

    return GuardContext.build(rec_set, load_thesaurus(PROJECT_CORPUS), tuple(chunk_document(document, load_settings(), link)))

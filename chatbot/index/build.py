"""Build the index from the corpus, tell whether it is fresh, and load it (building when needed)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chatbot.config import Settings, fingerprint
from chatbot.errors import ConfigError, IndexUnavailable
from chatbot.index.discussion import DISCUSSION_TERMS, discussion_terms
from chatbot.index.embedding import Embedder, file_sha256
from chatbot.index.integrity import text_sha256
from chatbot.index.lexical import LexicalIndex
from chatbot.index.reading import positions_beside, read_documents, reader_version, serialised
from chatbot.index.store import FORMAT_VERSION, LoadedIndex, build_problems, load_build, read_manifest, write_build
from chatbot.index.vectors import embed_unique, embedder_key, reusable_vectors
from chatbot.ingest.bibliography import is_reference_list
from chatbot.ingest.chunking import RecommendationLinker, chunk_document, quotable_sentences
from chatbot.ingest.readers import SUPPORTED_SUFFIXES
from chatbot.ingest.scope_statements import exclusions_json, scope_exclusions
from chatbot.ingest.sources import load_sources
from chatbot.packs.domain import DOMAIN_FILE
from chatbot.packs.loading import PACK_FILE, pack_or_default
from chatbot.packs.synonyms import SYNONYMS_FILE
from chatbot.recs.merging import STATED, find_statements, merge_official, statement_json, statement_spans
from chatbot.recs.schema import Recommendation, RecommendationSet, linked_recommendation_id
from chatbot.types import DocumentKind, Passage, ReadFailure, SourceRef

# (stage, done, total): how long work reports its progress.
Progress = Callable[[str, int, int], None]
_RECOMMENDATION_HEADING = re.compile(r"^\s*Recommendation\s+(\d+)\b", re.IGNORECASE)


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress sink that ignores everything."""


@dataclass(frozen=True)
class CorpusInputs:
    """The documents to index and the hashes of every file that shapes the index."""

    sources: tuple[SourceRef, ...]
    file_hashes: dict[str, str]
    extra_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Freshness:
    """Whether the current index matches the corpus and settings, and why not."""

    state: str  # fresh | missing | stale
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildSummary:
    """What an index build did."""

    built: bool
    folder: Path | None
    documents: int
    passages: int
    failures: tuple[ReadFailure, ...] = ()
    seconds: float = 0.0
    size_bytes: int = 0
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _slug(text: str) -> str:
    """A document id made of lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def added_files(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """Files named on the command line, or found in folders named there, each with its name relative to what was named.

    Paths are made absolute without resolving symlinks, so that reading can tell a named file from a link inside a folder.
    """
    found: list[tuple[Path, str]] = []
    for path in paths:
        path = path.absolute()
        if path.is_dir():
            found += [
                (f, f.relative_to(path).as_posix())
                for f in sorted(path.rglob("*"))
                if f.suffix.lower() in SUPPORTED_SUFFIXES and f.is_file()
            ]
        else:
            found.append((path, path.name))
    return found


def sources_from_paths(paths: Sequence[Path], taken: frozenset[str] = frozenset()) -> list[SourceRef]:
    """Documents named on the command line: id from the file stem, or from the relative path when stems clash."""
    files = added_files(paths)
    stems = [_slug(f.stem) for f, _ in files]
    ids = [stem if stems.count(stem) == 1 and stem not in taken else _slug(name) for stem, (_, name) in zip(stems, files)]
    return [SourceRef(id=doc_id, title=f.stem, kind=DocumentKind.ADDED, path=str(f)) for doc_id, (f, _) in zip(ids, files)]


def refuse_duplicate_ids(sources: Sequence[SourceRef]) -> None:
    """ConfigError naming both files when two documents would get the same id."""
    seen: dict[str, str] = {}
    for source in sources:
        if source.id in seen:
            raise ConfigError(
                f"two documents would get the id {source.id!r}: {seen[source.id]} and {source.path}",
                hint="rename one of the files, or list them in sources.yaml with distinct ids",
            )
        seen[source.id] = source.path


def allowed_roots(settings: Settings, extra_paths: Sequence[str]) -> tuple[Path, ...]:
    """Where documents may be read from after symlinks are resolved: the pack, document_dirs and what was named."""
    roots: list[Path] = [settings.corpus_dir, *settings.document_dirs, *map(Path, extra_paths)]
    return tuple(root.resolve() for root in roots)


def locate_document(source: SourceRef, settings: Settings) -> SourceRef:
    """The source itself when its file is in the pack; else the same-named file (with the listed sha256) in document_dirs."""
    if Path(source.path).is_absolute() or (settings.corpus_dir / source.path).is_file():
        return source
    for folder in settings.document_dirs:
        candidate = folder / Path(source.path).name
        if candidate.is_file() and (source.sha256 is None or file_sha256(candidate) == source.sha256):
            return replace(source, path=str(candidate.resolve()))
    return source


def gather_inputs(settings: Settings, extra_paths: Sequence[str] = ()) -> CorpusInputs:
    """Sources from the pack's sources.yaml plus extra paths, and hashes of every input file."""
    corpus = settings.corpus_dir
    listed = [locate_document(s, settings) for s in load_sources(corpus)]
    sources = listed + sources_from_paths([Path(p) for p in extra_paths], frozenset(s.id for s in listed))
    refuse_duplicate_ids(sources)
    hashed: list[Path] = [
        corpus / "sources.yaml",
        corpus / "guidelines.yaml",
        corpus / SYNONYMS_FILE,
        corpus / PACK_FILE,
        corpus / DOMAIN_FILE,
    ]
    hashed += sorted((corpus / "recommendations").glob("*.yaml"))
    hashed += [Path(s.path) if Path(s.path).is_absolute() else corpus / s.path for s in sources]
    hashes = {str(p): (file_sha256(p) if p.is_file() else "missing") for p in hashed}
    return CorpusInputs(tuple(sources), hashes, tuple(str(p) for p in extra_paths))


def index_fingerprint(settings: Settings, inputs: CorpusInputs) -> str:
    """Hash of everything that shapes the index: model, chunking, input files."""
    return fingerprint({"format": FORMAT_VERSION, "settings": settings.index_fingerprint_fields(), "files": inputs.file_hashes})


def corpus_version(inputs: CorpusInputs) -> str:
    """Short hash of the corpus files alone."""
    return fingerprint(inputs.file_hashes)[:12]


def freshness(settings: Settings, inputs: CorpusInputs) -> Freshness:
    """Compare the current manifest with the corpus and settings."""
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        return Freshness("missing", ("no index has been built",))
    if problems := build_problems(settings.index_dir):
        return Freshness("stale", tuple(f"the current index cannot be used: {p}" for p in problems[:3]))
    if manifest.get("fingerprint") == index_fingerprint(settings, inputs):
        return Freshness("fresh")
    reasons = [
        f"setting {key} changed: {manifest.get('settings', {}).get(key)!r} -> {value!r}"
        for key, value in settings.index_fingerprint_fields().items()
        if manifest.get("settings", {}).get(key) != value
    ]
    old_files = manifest.get("files", {})
    reasons += [f"{Path(path).name} changed" for path, digest in inputs.file_hashes.items() if old_files.get(path) != digest]
    reasons += [f"{Path(path).name} removed" for path in old_files if path not in inputs.file_hashes]
    return Freshness("stale", tuple(reasons) or ("index format changed",))


def _linker_for(source: SourceRef, rec_set: RecommendationSet, numbered: dict[int, str]) -> RecommendationLinker:
    """Links digest sections by their '(rec id)' heading, official text by 'Recommendation N' (its statement's item first)."""

    def link(section_path: tuple[str, ...], text: str) -> str | None:
        for title in reversed(section_path):
            if found := linked_recommendation_id(title, rec_set):
                return found
        heading = _RECOMMENDATION_HEADING.match(text) or (section_path and _RECOMMENDATION_HEADING.match(section_path[-1]))
        if heading and int(heading.group(1)) in numbered:
            return numbered[int(heading.group(1))]
        if heading and source.guideline:
            match = rec_set.by_number(source.guideline, int(heading.group(1)))
            return match.id if match else None
        return None

    return link


def dense_text(passage: Passage) -> str:
    """What the embedding model sees: the section path below the document title, then the text."""
    return " > ".join(passage.section_path[1:] or passage.section_path) + "\n" + passage.text


def _stated_about(rec: Recommendation, rec_set: RecommendationSet) -> tuple[str, ...]:
    """What an uncurated item's statement is about, in its own words, and the words of its population's facet values."""
    facets = {(name, value): v.words for name, facet in rec_set.domain.facets.items() for value, v in facet.values.items()}
    said = (rec.intervention, rec.comparator, rec.population.description, *(facets.get(pair) for pair in rec.population.facets.items()))
    return tuple(t for t in said if t and t != STATED)


def lexical_text(passage: Passage, rec_set: RecommendationSet, discussed: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """What BM25 sees: section path, text, and the linked recommendation's title and keywords.

    An item extracted from the publication that nobody has given keywords lends its passages what its statement is about
    (intervention, comparator), whom (population description, facet values: "acute pain") and its `discussed` words.
    """
    extra = ""
    if passage.recommendation_id and (rec := rec_set.get(passage.recommendation_id)):
        stated = rec.is_uncurated
        about = (*_stated_about(rec, rec_set), *(discussed or {}).get(rec.id, ())) if stated else rec.keywords
        extra = " ".join([rec.title, *about])
    return f"{dense_text(passage)}\n{extra}"


def build_index(
    settings: Settings,
    inputs: CorpusInputs,
    rec_set: RecommendationSet,
    embedder: Embedder,
    progress: Progress = _no_progress,
) -> BuildSummary:
    """Read, chunk, embed and index the corpus; the previous index stays in place on any failure."""
    import numpy as np

    started, progress = time.perf_counter(), serialised(progress)
    roots = allowed_roots(settings, inputs.extra_paths)
    read = read_documents(inputs.sources, inputs.file_hashes, settings.corpus_dir, settings.index_dir, roots, progress)
    documents, failures = read.documents, read.failures
    if not documents:
        raise IndexUnavailable(
            "no document could be read; the previous index is left in place",
            hint="; ".join(f.message for f in failures) or "list documents in corpus/sources.yaml",
        )
    positions = positions_beside(read, settings.corpus_dir, progress)
    if read.fresh and (start_loading := getattr(embedder, "start_loading", None)) is not None:
        start_loading()  # new documents' texts need the model: it loads beside the chunking (kept ones' may need none)
    by_id = {s.id: s for s in inputs.sources}
    pack = pack_or_default(settings.corpus_dir)
    statements = find_statements(documents, by_id, rec_set, pack.id)
    rec_set, statement_ids = merge_official(rec_set, statements, pack.id_prefix)
    passages: list[Passage] = []
    for number, document in enumerate(documents, start=1):
        spans = statement_spans(document, statements, statement_ids)
        numbered = {
            s.item.number: statement_ids[i] for i, s in enumerate(statements) if s.document_id == document.id and s.item.part is None
        }
        chunks = chunk_document(document, settings, _linker_for(by_id[document.id], rec_set, numbered), spans)
        passages += [p for p in chunks if p.recommendation_id or not is_reference_list(p.text)]  # a reference list answers nothing
        progress("chunk", number, len(documents))
    texts = {d.id: d.text for d in documents}
    sentences = [(pos, start, end) for pos, p in enumerate(passages) for start, end in quotable_sentences(p, texts[p.document_id])]
    key = embedder_key(embedder)
    known = reusable_vectors(settings.index_dir, key, dense_text)
    embedded = [dense_text(p) for p in passages] + [texts[passages[pos].document_id][start:end] for pos, start, end in sentences]
    all_vectors, fresh = embed_unique(embedder, embedded, known, lambda n, total: progress("embed", n, total))
    vectors, sentence_vectors = all_vectors[: len(passages)], all_vectors[len(passages) :]
    discussed = discussion_terms(passages, rec_set, DISCUSSION_TERMS)  # what each uncurated item's discussion is about
    lexical = LexicalIndex.build([lexical_text(p, rec_set, discussed) for p in passages])
    progress("write", 0, 1)
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "fingerprint": index_fingerprint(settings, inputs),
        "corpus_version": corpus_version(inputs),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "reader": reader_version(),  # documents read by the same code are taken from this build by the next
        "model": {"name": embedder.name, "sha256": settings.model_sha256, "dimension": int(vectors.shape[1]), "embedder": key},
        "settings": settings.index_fingerprint_fields(),
        "files": inputs.file_hashes,
        "extra_paths": list(inputs.extra_paths),
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "kind": d.kind.value,
                "path": d.path,
                "sha256": d.sha256,
                "text_sha256": text_sha256(d.text),
                "pages": len(d.pages),
            }
            for d in documents
        ],
        "failures": [{"path": f.path, "message": f.message} for f in failures],
        "statements": [statement_json(statement) for statement in statements],
        "scope_exclusions": exclusions_json(e for d in documents for e in scope_exclusions(d.id, d.text)),  # "does not address X"
        "counts": {
            "documents": len(documents),
            "passages": len(passages),
            "vectors": int(vectors.shape[0]),
            "sentences": len(sentences),
            "embedded": fresh,
        },
    }
    manifest["build_seconds"] = round(time.perf_counter() - started, 2)
    folder = write_build(
        settings.index_dir,
        manifest,
        documents,
        passages,
        np.asarray(vectors),
        lexical,
        sentences,
        np.asarray(sentence_vectors),
        rec_set.model_dump_json(indent=1),
        positions(),
    )
    progress("write", 1, 1)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return BuildSummary(True, folder, len(documents), len(passages), tuple(failures), manifest["build_seconds"], size)


def load_index(settings: Settings) -> LoadedIndex:
    """Load the current build, checking it was made with this model."""
    loaded = load_build(settings.index_dir)
    if loaded.manifest.get("model", {}).get("sha256") != settings.model_sha256:
        raise IndexUnavailable("the index was built with another embedding model", hint="run `chatbot ingest`")
    return loaded


def ensure_index(
    settings: Settings,
    rec_set: RecommendationSet | Callable[[], RecommendationSet],
    embedder_factory: Callable[[], Embedder],
    progress: Progress,
    notify: Callable[[str], None],
    extra_paths: tuple[str, ...] | None = None,
    force: bool = False,
) -> BuildSummary:
    """Build the index when it is missing, stale or forced; `rec_set` may be what loads the curated set (then read only to build)."""
    if extra_paths is None:
        extra_paths = tuple((read_manifest(settings.index_dir) or {}).get("extra_paths", []))
    inputs: CorpusInputs = gather_inputs(settings, extra_paths)
    state = freshness(settings, inputs)
    if state.state == "fresh" and not force:
        return BuildSummary(False, None, 0, 0, reasons=("index is up to date",))
    notify(f"building the index ({'forced' if force and state.state == 'fresh' else '; '.join(state.reasons)})")
    curated = rec_set if isinstance(rec_set, RecommendationSet) else rec_set()
    return replace(build_index(settings, inputs, curated, embedder_factory(), progress), reasons=state.reasons)

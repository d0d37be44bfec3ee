"""`chatbot pack init`: a new pack folder from publications, with a draft recommendation file to review."""

from __future__ import annotations

import dataclasses
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from chatbot.errors import ChatbotError, ReadError
from chatbot.index.embedding import file_sha256
from chatbot.ingest.labels import LABEL_WORD
from chatbot.ingest.readers import SUPPORTED_SUFFIXES, read_document
from chatbot.packs.domain import DOMAIN_FILE
from chatbot.packs.loading import PACK_FILE, slug
from chatbot.packs.publication_facts import issuers, publication_facts
from chatbot.packs.starter import defined_abbreviations, derived_facets, scope_age_band, scope_exclusions, starter_synonyms
from chatbot.recs.grading import grading_words
from chatbot.recs.merging import OfficialStatement, id_prefix_for, item_from_statement, official_id
from chatbot.recs.schema import GOOD_PRACTICE_PART
from chatbot.types import Document, DocumentKind, SourceRef

DOCUMENTS_DIR = "documents"
DRAFT_FILE = "recommendations/draft.yaml"
_DRAFT_HEADER = """\
# Draft recommendation set written by `chatbot pack init` from the publications' own numbering and
# grading. Review every item against the publication, then:
#   - give it a short title, intervention and comparator in your words (they drive retrieval),
#   - set direction and population, add keywords,
#   - change status from `extracted` to `verified`.
# Statement spans (document, page, char_start, char_end) point into the text as the reader extracts it.
"""
_DOMAIN_HEADER = """\
# This pack's domain (see corpus/domain.yaml and packs/cdc-opioids-2022/domain.yaml for full examples).
# Population facets make population checks and follow-ups work; declare them, then give each item's
# population its values. For example:
# facets:
#   pain_duration:
#     conflict: "{named} pain, but the item covers {covered} pain"
#     values:
#       acute: {phrases: ['acute'], words: acute pain}
#       chronic: {phrases: ['chronic'], words: chronic pain}
# exclusions:
#   - {name: cancer-related pain, phrases: ['cancer[- ]pain']}
# age_words:
#   - {pattern: '\\bchild(?:ren)?\\b', age: 8}
"""


@dataclass(frozen=True)
class PackDraft:
    """What pack init wrote."""

    folder: Path
    pack_id: str
    documents: tuple[SourceRef, ...]
    statements: tuple[OfficialStatement, ...]
    failures: tuple[str, ...]


_PLACEHOLDER_TITLE = re.compile(r"^(?:untitled|title|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|indd|tex))$", re.IGNORECASE)


def _metadata(path: Path) -> dict[str, str]:
    """The PDF's document information (title, author, subject) as text; empty for other files or unreadable metadata."""
    if path.suffix.lower() != ".pdf":
        return {}
    try:
        import pypdf

        metadata = pypdf.PdfReader(str(path)).metadata
        return {str(key): value for key, value in (metadata or {}).items() if isinstance(value, str)}
    except Exception:  # noqa: BLE001 - metadata is optional; the reader reports real problems
        return {}


def _metadata_title(path: Path) -> str | None:
    """The PDF's metadata title when it is a real one (not "untitled" or a file name), else None."""
    title = _metadata(path).get("/Title")
    if isinstance(title, str) and len(title.strip()) > 3 and not _PLACEHOLDER_TITLE.match(title.strip()):
        return " ".join(title.split())
    return None


def _title_of(path: Path) -> str:
    """A document title: the PDF's metadata title, else the file name (pack init then prefers the first-page title)."""
    return _metadata_title(path) or path.stem.replace("_", " ").replace("-", " ")


def _first_page_title(document: Document) -> str | None:
    """The first heading on the first page (running lines are already gone from the text), or None."""
    for section in sorted(document.sections, key=lambda s: s.start):
        if section.path and document.page_at(section.start) in (None, 1) and 3 < len(section.path[0]) <= 200:
            return " ".join(section.path[0].split())
    return None


def _copy_documents(folder: Path, files: list[Path], pack_id: str) -> list[SourceRef]:
    """Copy each publication into the pack's documents/ and describe it as an official source."""
    target = folder / DOCUMENTS_DIR
    target.mkdir(parents=True, exist_ok=True)
    refs = []
    for file in files:
        copy = target / file.name
        if file.resolve() != copy.resolve():
            shutil.copy2(file, copy)
        refs.append(
            SourceRef(
                id=slug(file.stem),
                title=_title_of(file),
                kind=DocumentKind.OFFICIAL,
                path=f"{DOCUMENTS_DIR}/{file.name}",
                guideline=pack_id,
                sha256=file_sha256(copy),
            )
        )
    return refs


def _sources_yaml(refs: list[SourceRef]) -> str:
    """sources.yaml for the copied publications."""
    entries = [
        {"id": r.id, "title": r.title, "kind": r.kind.value, "path": r.path, "guideline": r.guideline, "sha256": r.sha256} for r in refs
    ]
    return "# Publications of this pack (paths relative to this folder).\n" + yaml.safe_dump(
        {"documents": entries}, sort_keys=False, allow_unicode=True
    )


def _draft_yaml(
    statements: list[OfficialStatement], id_prefix: str, age_band: str | None = None, facets: list[dict[str, str]] | None = None
) -> str:
    """The draft recommendation file: one item per extracted statement, no retyped text; the publication's age range when it states one."""
    items = []
    for position, statement in enumerate(statements):
        rec = item_from_statement(statement, official_id(statement, id_prefix))
        data = rec.model_dump(mode="json", exclude_defaults=False)
        data["labels"] = dict(rec.labels)
        data["population"] = {"description": rec.population.description, **({"age_band": age_band} if age_band else {})}
        data["population"] |= facets[position] if facets else {}
        items.append(data)
    return _DRAFT_HEADER + yaml.safe_dump({"items": items}, sort_keys=False, allow_unicode=True)


def _starter_domain(
    pack_id: str,
    title: str,
    short_name: str,
    prefix: str,
    statements: list[OfficialStatement],
    text: str,
    facets: dict[str, dict],
    metadata: dict[str, str],
    abbreviations: list[tuple[str, str]],
) -> str:
    """A domain.yaml to fill in: the guideline as a part, the populations it excludes, its labels' grading words, an example facet,
    and the facts about it that the publication gives (issuer, date, authors)."""
    part: dict[str, object] = {"parts": {pack_id: {"title": title, "short_name": short_name, "id_prefix": prefix}}}
    if words := _citation_words(statements, text):
        part["parts"][pack_id]["citation_words"] = words  # type: ignore[index]
    if facets:
        part["facets"] = facets
    if facts := publication_facts(text, title, metadata, abbreviations):
        part["facts"] = facts
    if exclusions := scope_exclusions(text, [s.item.statement for s in statements]):
        part["exclusions"] = exclusions
    part |= grading_words({s.item.grading_system for s in statements})
    return _DOMAIN_HEADER + yaml.safe_dump(part, sort_keys=False, allow_unicode=True)


def _citation_words(statements: list[OfficialStatement], text: str) -> list[str]:
    """The words the publication puts before its statements' numbers ('Statement 4', 'Rec. 7b' -> 'Statement', 'Rec.'); for
    statements printed with bare numbers ('13a [1B] We recommend ...'), the label words its own text puts before them when
    it refers to one ('see statement 16')."""
    labels = [s.item.label_word for s in statements if s.item.label_word]
    if not labels:
        numbers = {f"{s.item.number}{s.item.part or ''}" for s in statements if s.item.number and s.item.part != GOOD_PRACTICE_PART}
        labels = [m.group("word") for m in _REFERENCE.finditer(text) if m.group("number") in numbers]
    words = (re.match(r"[A-Za-z]+\.?", label) for label in labels)
    return sorted({word.group(0) for word in words if word})


# A statement referred to in running text by a label word and its number ('as statement 16 says', 'Recommendation 4a').
_REFERENCE = re.compile(r"\b(?P<word>" + LABEL_WORD + r")(?P<number>\d{1,3}[a-z]?)\b")
_JOINING_WORDS = frozenset("a an and for in of on the to with".split())


def _short_name(title: str, limit: int = 40) -> str:
    """The title before its subtitle (" — ", ": "), cut at a word within `limit` characters."""
    head = re.split(r"\s+[—–]\s+|:\s+", title, maxsplit=1)[0]
    if len(head) <= limit:
        return head
    if " " not in head[:limit]:
        return head[:limit]
    words = head[: head.rfind(" ", 0, limit + 1)].rstrip(" ,;").split()
    while len(words) > 1 and words[-1].lower() in _JOINING_WORDS:
        words.pop()
    return " ".join(words)


def _check_target(folder: Path, files: list[Path], force: bool) -> None:
    """Refuse to overwrite a pack, and name files that cannot be used."""
    if (folder / PACK_FILE).exists() and not force:
        raise ChatbotError(f"{folder} is already a pack", hint="use --force to rewrite it", status=409)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise ChatbotError(f"no such file: {', '.join(missing)}", status=404)
    unsupported = [str(f) for f in files if f.suffix.lower() not in SUPPORTED_SUFFIXES]
    if unsupported:
        raise ChatbotError(
            f"unsupported file type: {', '.join(unsupported)}", hint=f"supported: {', '.join(SUPPORTED_SUFFIXES)}", status=422
        )


def init_pack(
    folder: Path,
    files: list[Path],
    title: str | None,
    short_name: str | None,
    id_prefix: str | None,
    force: bool = False,
    lexicon: Path | None = None,
) -> PackDraft:
    """Create the pack folder: documents, sources.yaml, pack.yaml, a starter synonyms.yaml (with the drugs' other names
    WordNet in `lexicon` gives) and the draft recommendations."""
    from chatbot.recs.extraction import extract_recommendations

    _check_target(folder, files, force)
    folder.mkdir(parents=True, exist_ok=True)
    pack_id = slug(folder.resolve().name)
    prefix = id_prefix_for(pack_id, id_prefix or "")
    refs = _copy_documents(folder, files, pack_id)
    statements: list[OfficialStatement] = []
    failures: list[str] = []
    texts: list[str] = []
    for ref in refs:
        try:
            document = read_document(ref, folder)
        except ReadError as exc:
            failures.append(exc.message)
            continue
        texts.append(document.text)
        if _metadata_title(folder / ref.path) is None and (heading := _first_page_title(document)):
            refs[refs.index(ref)] = dataclasses.replace(ref, title=heading)
        statements += [OfficialStatement(ref.id, pack_id, item) for item in extract_recommendations(document, consensus=True)]
    pack_title = title or (refs[0].title if len(refs) == 1 else pack_id)
    pack = {
        "id": pack_id,
        "title": pack_title,
        "short_name": short_name or _short_name(pack_title),
        "scope": pack_title,
        "id_prefix": prefix,
        "gold": [],
    }
    (folder / PACK_FILE).write_text(
        "# Written by `chatbot pack init`; edit freely.\n" + yaml.safe_dump(pack, sort_keys=False, allow_unicode=True)
    )
    (folder / "sources.yaml").write_text(_sources_yaml(refs))
    (folder / "recommendations").mkdir(exist_ok=True)
    facets, named = derived_facets([s.item.statement for s in statements])
    (folder / DRAFT_FILE).write_text(_draft_yaml(statements, prefix, scope_age_band("\n\n".join(texts)), named))
    text, metadata = "\n\n".join(texts), _metadata(files[0]) if files else {}
    abbreviations = defined_abbreviations(text)
    if not (folder / "synonyms.yaml").exists():
        issuer = issuers(pack_title, metadata.get("/Author"), abbreviations)
        (folder / "synonyms.yaml").write_text(starter_synonyms(text, [s.item.statement for s in statements], issuer, lexicon))
    if not (folder / DOMAIN_FILE).exists():
        (folder / DOMAIN_FILE).write_text(
            _starter_domain(pack_id, pack_title, str(pack["short_name"]), prefix, statements, text, facets, metadata, abbreviations)
        )
    return PackDraft(folder, pack_id, tuple(refs), tuple(statements), tuple(failures))

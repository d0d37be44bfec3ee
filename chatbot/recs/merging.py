"""Official statements found in a pack's publications: merged into its recommendation set and linked to passages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatbot.errors import ConfigError
from chatbot.ingest.statement_spans import StatementSpan
from chatbot.packs.domain import Domain
from chatbot.packs.facts import ReportSource
from chatbot.recs.schema import (
    Confidence,
    Direction,
    Kind,
    Population,
    Recommendation,
    RecommendationSet,
    StatementRef,
    Status,
)
from chatbot.types import Document, DocumentKind, SourceRef

if TYPE_CHECKING:  # extraction and description run only when an index is built: loading one imports neither
    from chatbot.recs.extraction import ExtractedRecommendation

_HEAD_WORDS = 8  # a repeat of a statement is found by its first words
STATED = "as stated in the official statement"  # the content of an extracted item nobody has reviewed yet


@dataclass(frozen=True)
class OfficialStatement:
    """An extracted statement with the document and guideline it belongs to."""

    document_id: str
    guideline: str
    item: ExtractedRecommendation


def extracted_json(item: ExtractedRecommendation) -> dict:
    """An extracted statement as JSON (the `recs extract --json` shape), statement text included."""
    return {
        "number": item.number,
        "part": item.part,
        "statement": item.statement,
        "page": item.page,
        "char_start": item.char_start,
        "char_end": item.char_end,
        "kind": item.kind.value,
        "direction": item.direction.value,
        "strength": item.strength.value,
        "certainty": item.certainty.value,
        "labels": dict(item.labels),
        "grading_system": item.grading_system,
    }


def statement_json(statement: OfficialStatement) -> dict:
    """What the index manifest keeps of a statement: numbers and offsets, never retyped text."""
    data = {key: value for key, value in extracted_json(statement.item).items() if key != "statement"}
    return {"document": statement.document_id, "guideline": statement.guideline, **data}


def document_guideline(source: SourceRef, rec_set: RecommendationSet, default: str) -> str:
    """The guideline an official document states: its sources.yaml entry, the curated items citing it, the set's only one, or the pack's."""
    if source.guideline:
        return source.guideline
    cited = {
        item.guideline for item in rec_set.items if source.id in item.sources or (item.statement and item.statement.document == source.id)
    }
    only = {item.guideline for item in rec_set.items}
    return next(iter(cited)) if len(cited) == 1 else next(iter(only)) if len(only) == 1 else default


def find_statements(
    documents: list[Document], sources: dict[str, SourceRef], rec_set: RecommendationSet, default_guideline: str
) -> list[OfficialStatement]:
    """Statements extracted from every official document of a pack."""
    from chatbot.recs.extraction import extract_recommendations

    found: list[OfficialStatement] = []
    cited = {item.statement.document for item in rec_set.items if item.statement}  # a consensus paper's sentences, if its items are
    for document in documents:
        if document.kind is DocumentKind.OFFICIAL:
            guideline = document_guideline(sources[document.id], rec_set, default_guideline)
            statements = extract_recommendations(document, consensus=document.id in cited)
            found += [OfficialStatement(document.id, guideline, item) for item in statements]
    return found


def id_prefix_for(guideline: str, pack_prefix: str, domain: Domain | None = None) -> str:
    """The id prefix of an official item: its part's (domain.yaml), the pack's, or one made from the guideline id."""
    if domain and (own := domain.id_prefix(guideline)):
        return own
    prefix = pack_prefix or re.split(r"[-_]", guideline)[0].upper()
    return prefix if prefix[:1].isalpha() else "REC"


def printed_number(item: ExtractedRecommendation) -> str:
    """The statement's number as printed: a section-style one whole ("2.1.1"), else its number."""
    return item.labels.get("number") or str(item.number)


def official_id(statement: OfficialStatement, prefix: str) -> str:
    """An id for an official item the curated set lacks, e.g. 'CDC-12' or 'FL-3a'."""
    return f"{prefix}-{printed_number(statement.item)}{statement.item.part or ''}"


def _statement_ref(statement: OfficialStatement) -> StatementRef:
    """Where the statement sits."""
    item = statement.item
    return StatementRef(document=statement.document_id, page=item.page, char_start=item.char_start, char_end=item.char_end)


def _described(rec: Recommendation, statement: OfficialStatement) -> Recommendation:
    """An item whose content is still STATED, with population, intervention and comparator read from the statement's words."""
    if rec.intervention != STATED:
        return rec
    from chatbot.recs.describe import describe_statement

    found = describe_statement(statement.item.statement)
    update: dict[str, object] = {}
    if found.intervention:
        update |= {"intervention": found.intervention, "comparator": rec.comparator or found.comparator}
    if found.population and rec.population.description == STATED:
        update["population"] = rec.population.model_copy(update={"description": found.population})
    return rec.model_copy(update=update)


def item_from_statement(statement: OfficialStatement, rec_id: str, *, describe: bool = False) -> Recommendation:
    """A new item taken from the publication alone: numbers and labels; with `describe`, content read from the statement."""
    item = statement.item
    label = f"{printed_number(item)}{item.part or ''}"
    kind_name = {Kind.GOOD_PRACTICE_STATEMENT: "Good practice statement", Kind.RESEARCH_ONLY: "Research recommendation"}
    rec = Recommendation(
        id=rec_id,
        guideline=statement.guideline,
        number=item.number,
        part=item.part,
        kind=item.kind,
        title=f"{kind_name.get(item.kind, 'Recommendation')} {label}",
        population=Population(description=STATED),
        intervention=STATED,
        comparator=None,
        direction=item.direction,
        strength=item.strength,
        certainty=item.certainty,
        status=Status.EXTRACTED,
        confidence=Confidence.HIGH,
        sources=(statement.document_id,),
        labels=tuple(item.labels.items()),
        statement=_statement_ref(statement),
    )
    return _described(rec, statement) if describe else rec


def _with_official(rec: Recommendation, statement: OfficialStatement) -> Recommendation:
    """A curated item completed from the publication; a reviewed (verified) item keeps its own grading."""
    item = statement.item
    update: dict[str, object] = {"statement": _statement_ref(statement), "labels": rec.labels or tuple(item.labels.items())}
    if rec.status is not Status.VERIFIED:
        update |= {"strength": item.strength, "certainty": item.certainty, "labels": tuple(item.labels.items()), "status": Status.EXTRACTED}
        if rec.direction is Direction.UNKNOWN:
            update["direction"] = item.direction
    return _described(rec.model_copy(update=update), statement)


def merge_official(
    rec_set: RecommendationSet, statements: list[OfficialStatement], id_prefix: str
) -> tuple[RecommendationSet, dict[int, str]]:
    """The set with official statements merged in, and the item id each statement (by position) belongs to."""
    items = list(rec_set.items)
    ids: dict[int, str] = {}
    extra_sources = []
    for position, statement in enumerate(statements):
        curated = rec_set.by_number(statement.guideline, statement.item.number, statement.item.part)
        if curated is not None:
            items[[i.id for i in items].index(curated.id)] = _with_official(curated, statement)
            ids[position] = curated.id
            continue
        rec_id = official_id(statement, id_prefix_for(statement.guideline, id_prefix, rec_set.domain))
        if any(i.id == rec_id for i in items):
            ids[position] = rec_id
            continue
        items.append(item_from_statement(statement, rec_id, describe=True))
        ids[position] = rec_id
        extra_sources.append(statement.document_id)
    known = {source.id for source in rec_set.sources}
    sources = list(rec_set.sources)
    for document_id in dict.fromkeys(extra_sources):
        if document_id not in known:
            sources.append(ReportSource(id=document_id, name=document_id, description="official publication", used_for_content=True))
    merged = RecommendationSet(items=tuple(items), sources=tuple(sources), expected_counts=rec_set.expected_counts, domain=rec_set.domain)
    return merged, ids


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """A whitespace-tolerant pattern for a run of words."""
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def _distinct_head(words: list[str], others: list[list[str]]) -> re.Pattern[str] | None:
    """The statement's shortest head of at least _HEAD_WORDS words that no other statement starts with; None when none is."""
    for size in range(min(_HEAD_WORDS, len(words)), len(words) + 1):
        if size >= 4 and not any(other[:size] == words[:size] for other in others):
            return _words_pattern(words[:size])
    return None


def statement_spans(document: Document, statements: list[OfficialStatement], ids: dict[int, str]) -> tuple[StatementSpan, ...]:
    """Every place a document states an item: the extracted span, and repeats of a head of its words that only it starts with."""
    own = [(position, s) for position, s in enumerate(statements) if s.document_id == document.id]
    spans = {s.item.char_start: StatementSpan(ids[position], s.item.char_start, s.item.char_end) for position, s in own}
    extracted = sorted((s.item.char_start, s.item.char_end) for _, s in own)
    words = {position: s.item.statement.split() for position, s in own}
    for position, statement in own:
        others = [w for p, w in words.items() if p != position and w != words[position]]
        pattern = _distinct_head(words[position], others)
        for match in pattern.finditer(document.text) if pattern else ():
            if any(start <= match.start() < end for start, end in extracted):
                continue
            spans.setdefault(match.start(), StatementSpan(ids[position], match.start(), match.start() + len(statement.item.statement)))
    return tuple(sorted(spans.values(), key=lambda s: s.start))


def combined_recommendations(rec_sets: list[RecommendationSet]) -> RecommendationSet:
    """Every loaded pack's items in one set, for lookups by id; ConfigError when two packs share an id."""
    if len(rec_sets) == 1:
        return rec_sets[0]
    items = [item for rec_set in rec_sets for item in rec_set.items]
    ids = [item.id for item in items]
    shared = sorted({i for i in ids if ids.count(i) > 1})
    if shared:
        raise ConfigError(f"packs share recommendation ids: {', '.join(shared)}", hint="give each pack its own id_prefix")
    sources = {source.id: source for rec_set in rec_sets for source in rec_set.sources}
    return RecommendationSet(
        items=tuple(items), sources=tuple(sources.values()), expected_counts=rec_sets[0].expected_counts, domain=rec_sets[0].domain
    )

"""Compare a curated recommendation set with the statements extracted from the official publications."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.recs.merging import OfficialStatement
from chatbot.recs.schema import Recommendation, RecommendationSet

_COMPARED = ("direction", "strength", "certainty")


@dataclass(frozen=True)
class LabelDifference:
    """A field where the curated item and the publication disagree."""

    field: str
    curated: str
    official: str


@dataclass(frozen=True)
class MatchedItem:
    """A curated item found in the publication, and what differs."""

    recommendation_id: str
    number_label: str
    page: int | None
    differences: tuple[LabelDifference, ...]


@dataclass(frozen=True)
class Verification:
    """Items found, official items the curated set lacks, curated items the publication does not show."""

    matched: tuple[MatchedItem, ...]
    missing_from_curated: tuple[OfficialStatement, ...]
    not_found: tuple[Recommendation, ...]

    @property
    def agrees(self) -> bool:
        """Whether every item matched with no difference and nothing is missing on either side."""
        return not self.missing_from_curated and not self.not_found and all(not m.differences for m in self.matched)


def _differences(rec: Recommendation, statement: OfficialStatement) -> tuple[LabelDifference, ...]:
    """The graded fields and published labels that differ."""
    item = statement.item
    found = [
        LabelDifference(name, str(getattr(rec, name)), str(getattr(item, name)))
        for name in _COMPARED
        if str(getattr(rec, name)) != str(getattr(item, name))
    ]
    curated_labels = dict(rec.labels)
    found += [
        LabelDifference(f"label {name}", curated_labels.get(name, "(none)"), value)
        for name, value in item.labels.items()
        if curated_labels.get(name) != value
    ]
    if rec.statement and rec.statement.page and item.page and rec.statement.page != item.page:
        found.append(LabelDifference("page", str(rec.statement.page), str(item.page)))
    return tuple(found)


def verify(curated: RecommendationSet, statements: list[OfficialStatement]) -> Verification:
    """Match curated items to official statements by guideline, number and part, and list what differs."""
    matched: list[MatchedItem] = []
    missing: list[OfficialStatement] = []
    used: set[str] = set()
    for statement in statements:
        item = statement.item
        rec = curated.by_number(statement.guideline, item.number, item.part)
        if rec is None:
            missing.append(statement)
            continue
        used.add(rec.id)
        matched.append(MatchedItem(rec.id, f"{item.number}{item.part or ''}", item.page, _differences(rec, statement)))
    not_found = tuple(rec for rec in curated.items if rec.id not in used)
    return Verification(tuple(matched), tuple(missing), not_found)


def verification_json(result: Verification) -> dict:
    """The comparison as JSON."""
    return {
        "agrees": result.agrees,
        "matched": [
            {
                "id": m.recommendation_id,
                "number": m.number_label,
                "page": m.page,
                "differences": [{"field": d.field, "curated": d.curated, "official": d.official} for d in m.differences],
            }
            for m in result.matched
        ],
        "missing_from_curated": [
            {
                "document": s.document_id,
                "guideline": s.guideline,
                "number": f"{s.item.number}{s.item.part or ''}",
                "page": s.item.page,
                "strength": s.item.strength.value,
                "certainty": s.item.certainty.value,
                "labels": dict(s.item.labels),
            }
            for s in result.missing_from_curated
        ],
        "not_found": [{"id": rec.id, "number": rec.label or None, "status": rec.status.value} for rec in result.not_found],
    }

"""Loading a pack's recommendation set (recommendations/*.yaml) checked against its facts, sources and domain; counts."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from chatbot.errors import RecommendationSetError
from chatbot.packs.domain import load_domain
from chatbot.packs.facts import GUIDELINES_FILE, GuidelineFacts, ReportSource, load_guideline_facts
from chatbot.recs.schema import RECOMMENDATIONS_DIR, Kind, Recommendation, RecommendationSet, source_problems
from chatbot.yaml_files import describe_errors, read_yaml_mapping


def _expected_counts(facts: GuidelineFacts) -> tuple[tuple[str, Kind, int], ...]:
    """The counts guidelines.yaml reports: recommendations, and research-only items where known."""
    counts = [(entry.id, Kind.RECOMMENDATION, entry.recommendations) for entry in facts.guidelines]
    counts += [(entry.id, Kind.RESEARCH_ONLY, entry.research_only) for entry in facts.guidelines if entry.research_only is not None]
    return tuple(counts)


def _load_file(path: Path, sources: tuple[ReportSource, ...]) -> list[Recommendation]:
    """The validated items of one recommendations file."""
    data = read_yaml_mapping(path, RecommendationSetError)
    if set(data) != {"items"} or not isinstance(data["items"], list):
        raise RecommendationSetError(f"{path.name}: expected exactly one key, 'items', holding a list", hint=f"fix {path}")
    items: list[Recommendation] = []
    for index, entry in enumerate(data["items"], start=1):
        try:
            items.append(Recommendation.model_validate(entry))
        except ValidationError as exc:
            raise RecommendationSetError(
                f"{path.name}: items entry {index} ({_entry_id(entry)}): {describe_errors(exc)}", hint=f"fix {path}"
            ) from exc
    problems = [problem for item in items for problem in source_problems(item, sources)]
    if problems:
        raise RecommendationSetError(f"{path.name}: {'; '.join(problems)}", hint="source ids are listed in guidelines.yaml")
    return items


def _entry_id(entry: object) -> str:
    """The raw id of an entry, for messages."""
    return str(entry.get("id", "no id")) if isinstance(entry, dict) else "not a mapping"


def _document_sources(corpus_dir: Path) -> tuple[ReportSource, ...]:
    """A pack without guidelines.yaml cites its own documents (sources.yaml) as its sources."""
    from chatbot.ingest.sources import load_sources

    return tuple(
        ReportSource(id=ref.id, name=ref.title, description=f"{ref.kind.value} document of this pack", used_for_content=True)
        for ref in load_sources(corpus_dir)
    )


def load_recommendations(corpus_dir: Path) -> RecommendationSet:
    """Read every recommendations/*.yaml of a pack, checked against guidelines.yaml's sources or its documents."""
    facts = load_guideline_facts(corpus_dir) if (corpus_dir / GUIDELINES_FILE).is_file() else None
    sources = facts.sources if facts else _document_sources(corpus_dir)
    folder = corpus_dir / RECOMMENDATIONS_DIR
    paths = sorted(folder.glob("*.yaml"))
    if not paths and facts:
        raise RecommendationSetError(f"no recommendation files (*.yaml) in {folder}", hint="restore corpus/recommendations/")
    owner: dict[str, Path] = {}
    items: list[Recommendation] = []
    for path in paths:
        for item in _load_file(path, sources):
            if item.id in owner:
                raise RecommendationSetError(
                    f"{path.name}: duplicate id {item.id} (also in {owner[item.id].name})", hint="ids must be unique"
                )
            owner[item.id] = path
            items.append(item)
    try:
        return RecommendationSet(
            items=tuple(items), sources=sources, expected_counts=_expected_counts(facts) if facts else (), domain=load_domain(corpus_dir)
        )
    except ValidationError as exc:
        raise RecommendationSetError(f"recommendation set: {describe_errors(exc)}", hint=f"fix the files in {folder}") from exc


def count_problems(rec_set: RecommendationSet) -> list[str]:
    """Readable messages where the set's counts differ from the reported ones (empty when they hold)."""
    problems = []
    for guideline, kind, expected in rec_set.expected_counts:
        found = sum(1 for item in rec_set.by_guideline(guideline) if item.kind == kind)
        if found != expected:
            problems.append(f"{guideline}: expected {expected} items of kind {kind.value}, found {found}")
    return problems

"""The structured recommendation set: the real set, schema rules, loading errors, counts and linking."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from chatbot.config import PROJECT_ROOT
from chatbot.errors import RecommendationSetError
from chatbot.recs.loading import count_problems, load_recommendations
from chatbot.recs.schema import Kind, Recommendation, linked_recommendation_id, load_guideline_facts

CORPUS = PROJECT_ROOT / "corpus"


def _facts(fl_recs: int = 1, rr_recs: int = 1, rr_research: int | None = None) -> dict[str, Any]:
    """A minimal guidelines.yaml with one usable and one unusable source."""
    fact = {"confidence": "high", "sources": ["report-a"]}
    guideline = {
        "first_author": "A. Author",
        "affiliation": "A University",
        "good_practice_statements": "None reported.",
        **fact,
    }
    return {
        "title": "Test guidelines",
        "publication": {
            "publisher": "ASH",
            "journal": "Blood Advances",
            "published_online": "2026-02-11",
            "press_release": "2026-02-12",
            "identifiers_note": "Not confirmed.",
            **fact,
        },
        "population": {"description": "AYAs with ALL", "age_min": 15, "age_max": 39, **fact},
        "coverage_note": {"text": "Not confirmed.", "confidence": "low", "sources": ["blog"]},
        "guidelines": [
            {"id": "frontline", "title": "Frontline", "recommendations": fl_recs, **guideline},
            {"id": "relapsed_refractory", "title": "R/R", "recommendations": rr_recs, "research_only": rr_research, **guideline},
        ],
        "panel": {"members": ["hematologists"], **fact},
        "grade_wording": "recommends = strong; suggests = conditional.",
        "evidence_limitations": {"text": "Few trials.", **fact},
        "research_agenda": {"items": ["head-to-head trials"], **fact},
        "companion_materials": {"text": "Infographics.", **fact},
        "sources": [
            {"id": "report-a", "name": "Report A", "date": "2026-02-12", "description": "A report.", "used_for_content": True},
            {"id": "blog", "name": "A blog", "description": "A blog.", "used_for_content": False},
        ],
    }


def _item(rec_id: str = "FL-topic", guideline: str = "frontline", **changes: Any) -> dict[str, Any]:
    """A valid reported recommendation, with fields overridden."""
    item: dict[str, Any] = {
        "id": rec_id,
        "guideline": guideline,
        "number": None,
        "kind": "recommendation",
        "title": "A topic",
        "population": {
            "age_band": "15-39",
            "lineage": "any",
            "ph_status": "any",
            "phase": "newly_diagnosed",
            "mrd": "any",
            "description": "AYAs with ALL",
        },
        "intervention": "drug X",
        "comparator": "drug Y",
        "direction": "for",
        "strength": "unknown",
        "certainty": "unknown",
        "status": "reported",
        "confidence": "medium",
        "sources": ["report-a"],
        "keywords": ["X"],
    }
    item.update(changes)
    return item


def _placeholder(rec_id: str = "FL-unreported-01", guideline: str = "frontline", **changes: Any) -> dict[str, Any]:
    """A valid placeholder, with fields overridden."""
    unknown_population = {
        "age_band": "15-39",
        "lineage": "unknown",
        "ph_status": "unknown",
        "phase": "unknown",
        "mrd": "unknown",
        "description": "not reported",
    }
    base = _item(
        rec_id,
        guideline,
        population=unknown_population,
        intervention="unknown",
        comparator="unknown",
        direction="unknown",
        status="placeholder",
        confidence="high",
        keywords=[],
    )
    base.update(changes)
    return base


def _write_corpus(root: Path, files: dict[str, list[dict[str, Any]]], facts: dict[str, Any] | None = None) -> Path:
    """guidelines.yaml plus recommendations/<name>.yaml files under root."""
    (root / "recommendations").mkdir(parents=True)
    (root / "guidelines.yaml").write_text(yaml.safe_dump(facts or _facts()), encoding="utf-8")
    for name, items in files.items():
        (root / "recommendations" / name).write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    return root


def test_real_set_loads_with_reported_counts() -> None:
    rec_set = load_recommendations(CORPUS)
    assert count_problems(rec_set) == []

    def count(guideline: str, kind: Kind) -> int:
        return sum(1 for item in rec_set.by_guideline(guideline) if item.kind == kind)

    assert count("frontline", Kind.RECOMMENDATION) == 15
    assert count("relapsed_refractory", Kind.RECOMMENDATION) == 8
    assert count("relapsed_refractory", Kind.RESEARCH_ONLY) == 1


def test_real_set_records_what_the_reports_say() -> None:
    rec_set = load_recommendations(CORPUS)
    regimen = rec_set.get("FL-pediatric-inspired-regimen")
    assert regimen is not None and regimen.direction == "for" and regimen.strength == "strong"
    assert regimen.certainty == "unknown"
    assert any("Ph-negative" in remark for remark in regimen.remarks)  # the narrower report is kept
    transplant = rec_set.get("FL-allo-hsct-first-remission")
    assert transplant is not None and transplant.direction == "against" and "higher-risk" in (transplant.direction_detail or "")
    research = rec_set.get("RR-research-only")
    assert research is not None and research.is_placeholder and research.confidence == "high"
    assert all(item.number is None for item in rec_set.items)  # numbers were not reported


def test_every_real_item_cites_usable_sources() -> None:
    facts = load_guideline_facts(CORPUS)
    usable = {source.id for source in facts.sources if source.used_for_content}
    for item in load_recommendations(CORPUS).items:
        assert set(item.sources) <= usable, item.id


def test_lookup_helpers(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"a.yaml": [_item("FL-a", number=3), _item("RR-b", "relapsed_refractory")]})
    rec_set = load_recommendations(corpus)
    assert [item.id for item in rec_set.by_guideline("relapsed_refractory")] == ["RR-b"]
    assert rec_set.by_number("frontline", 3).id == "FL-a"
    assert rec_set.by_number("relapsed_refractory", 3) is None
    assert rec_set.get("FL-missing") is None


def test_broken_entry_is_rejected_naming_the_file(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"good.yaml": [_item("FL-a")], "broken.yaml": [_item("FL-b", strength="very strong")]})
    with pytest.raises(RecommendationSetError) as raised:
        load_recommendations(corpus)
    message = str(raised.value)
    assert "broken.yaml" in message and "FL-b" in message and "strength" in message


def test_unparsable_yaml_is_rejected_naming_the_file(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {})
    (corpus / "recommendations" / "bad.yaml").write_text("items: [unclosed", encoding="utf-8")
    with pytest.raises(RecommendationSetError, match="bad.yaml"):
        load_recommendations(corpus)


@pytest.mark.parametrize(
    "changes",
    [
        {"intervention": "drug X"},
        {"direction": "for"},
        {"strength": "strong"},
        {"certainty": "low"},
        {"keywords": ["X"]},
        {"direction_detail": "may be considered"},
    ],
)
def test_placeholder_with_content_is_rejected(tmp_path: Path, changes: dict[str, Any]) -> None:
    corpus = _write_corpus(tmp_path, {"fl.yaml": [_placeholder(**changes)]})
    with pytest.raises(RecommendationSetError, match="placeholder"):
        load_recommendations(corpus)


def test_placeholder_with_known_population_is_rejected() -> None:
    entry = _placeholder()
    entry["population"] = {**entry["population"], "ph_status": "positive"}
    with pytest.raises(ValidationError, match="population facets must be unknown"):
        Recommendation.model_validate(entry)


def test_unreported_id_must_be_a_placeholder() -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        Recommendation.model_validate(_item("FL-unreported-01"))


def test_research_only_item_rules() -> None:
    valid = _placeholder(
        "RR-research-only", "relapsed_refractory", kind="research_only", direction="research_only", strength="not_applicable"
    )
    assert Recommendation.model_validate(valid).kind == Kind.RESEARCH_ONLY
    with pytest.raises(ValidationError, match="research_only"):
        Recommendation.model_validate({**valid, "direction": "unknown"})
    with pytest.raises(ValidationError, match="not_applicable"):
        Recommendation.model_validate({**valid, "strength": "unknown"})


def test_good_practice_statement_cannot_be_graded() -> None:
    with pytest.raises(ValidationError, match="not graded"):
        Recommendation.model_validate(_item(kind="good_practice_statement", strength="strong"))


def test_id_prefix_must_match_the_domain_part(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"rr.yaml": [_item("FL-a", "relapsed_refractory")]})
    (corpus / "domain.yaml").write_text("parts:\n  relapsed_refractory: {title: Relapse, short_name: relapse, id_prefix: RR}\n")
    with pytest.raises(RecommendationSetError, match="must start with RR-"):
        load_recommendations(corpus)


def test_unresolved_source_is_rejected(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"fl.yaml": [_item(sources=["nowhere-report"])]})
    with pytest.raises(RecommendationSetError) as raised:
        load_recommendations(corpus)
    assert "fl.yaml" in str(raised.value) and "nowhere-report" in str(raised.value)


def test_source_not_used_for_content_is_rejected(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"fl.yaml": [_item(sources=["blog"])]})
    with pytest.raises(RecommendationSetError, match="not used for content"):
        load_recommendations(corpus)


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path, {"a.yaml": [_item("FL-a")], "b.yaml": [_item("FL-a")]})
    with pytest.raises(RecommendationSetError) as raised:
        load_recommendations(corpus)
    assert "a.yaml" in str(raised.value) and "b.yaml" in str(raised.value)


def test_facts_with_unknown_source_are_rejected(tmp_path: Path) -> None:
    facts = copy.deepcopy(_facts())
    facts["panel"]["sources"] = ["ghost"]
    corpus = _write_corpus(tmp_path, {"a.yaml": [_item()]}, facts)
    with pytest.raises(RecommendationSetError, match="guidelines.yaml.*ghost"):
        load_recommendations(corpus)


def test_count_problems_reports_mismatches(tmp_path: Path) -> None:
    facts = _facts(fl_recs=2, rr_recs=1, rr_research=1)
    corpus = _write_corpus(tmp_path, {"a.yaml": [_item("FL-a"), _item("RR-b", "relapsed_refractory")]}, facts)
    problems = count_problems(load_recommendations(corpus))
    assert "frontline: expected 2 items of kind recommendation, found 1" in problems
    assert "relapsed_refractory: expected 1 items of kind research_only, found 0" in problems
    assert len(problems) == 2


def test_linking_by_heading(tmp_path: Path) -> None:
    rec_set = load_recommendations(_write_corpus(tmp_path, {"a.yaml": [_item("FL-a-topic")]}))
    assert linked_recommendation_id("A topic (FL-a-topic)", rec_set) == "FL-a-topic"
    assert linked_recommendation_id("Not reported (1 of 7) (FL-a-topic)  ", rec_set) == "FL-a-topic"
    assert linked_recommendation_id("A topic (FL-other)", rec_set) is None
    assert linked_recommendation_id("(FL-a-topic) comes first", rec_set) is None
    assert linked_recommendation_id("About the guidelines", rec_set) is None

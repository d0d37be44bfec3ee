"""The embedded digest: generated from the structured set, honest about what is unknown."""

from __future__ import annotations

import re

import pytest

from chatbot.config import PROJECT_ROOT
from chatbot.recs.digest import DIGEST_DIR, render_digest, render_item
from chatbot.recs.schema import RecommendationSet, Strength, linked_recommendation_id, load_guideline_facts

CORPUS = PROJECT_ROOT / "corpus"
# Areas the reference notes call plausible but unconfirmed: never stated as frontline content.
UNCONFIRMED_TERMS = (
    "T-ALL",
    "T-cell",
    "Ph-like",
    "Philadelphia-like",
    "obesity",
    "obese",
    "CNS prophylaxis",
    "central nervous system prophylaxis",
    "immunotherapy",
    "blinatumomab",
    "inotuzumab",
    "asparaginase activity",
    "activity monitoring",
    "activity level",
)


@pytest.fixture(scope="module")
def digest(rec_set: RecommendationSet) -> str:
    return render_digest(load_guideline_facts(CORPUS), rec_set)


def _item_sections(text: str) -> dict[str, str]:
    """Each '### ... (<id>)' section's text (heading included), by recommendation id."""
    sections = re.split(r"(?m)^(?=#{1,3} )", text)
    found = {}
    for section in sections:
        match = re.match(r"### .*\(((?:FL|RR)-[a-z0-9-]+)\)\n", section)
        if match:
            found[match.group(1)] = section
    return found


def test_committed_digest_matches_the_structured_set(digest: str, rec_set: RecommendationSet) -> None:
    committed = (CORPUS / DIGEST_DIR / rec_set.domain.wording["digest_file"]).read_text(encoding="utf-8")
    assert committed == digest, "corpus/digest is stale; regenerate it with: .venv/bin/chatbot recs digest"


def test_document_structure(digest: str) -> None:
    headings = re.findall(r"(?m)^(#{1,2}) (.+)$", digest)
    assert headings[0] == ("#", "ASH 2026 guidelines on ALL in adolescents and young adults: unofficial digest")
    top = [title for level, title in headings if level == "##"]
    assert top[:3] == ["About the guidelines", "Frontline management", "Management of relapsed/refractory disease"]


def test_disclaimer_opens_the_digest(digest: str) -> None:
    opening = digest.split("\n## ", 1)[0]
    assert "unofficial summary" in opening and "not the official text" in opening
    assert "Blood Advances" in opening and "11 February 2026" in opening and "authoritative" in opening


def test_every_item_has_exactly_one_linked_heading(digest: str, rec_set: RecommendationSet) -> None:
    headings = re.findall(r"(?m)^### (.+)$", digest)
    linked = [linked_recommendation_id(heading, rec_set) for heading in headings]
    for item in rec_set.items:
        assert linked.count(item.id) == 1, item.id
    assert len(_item_sections(digest)) == len(rec_set.items)


def test_item_sections_are_one_passage_and_stand_alone(digest: str, rec_set: RecommendationSet) -> None:
    for rec_id, section in _item_sections(digest).items():
        assert len(section) < 900, rec_id
        body = section.split("\n\n")[1]
        assert "AYAs" in body.split(". ")[0], rec_id  # the first sentence names the population
        assert "Status: " in section and ("Source: " in section or "Sources: " in section), rec_id


def test_placeholders_point_to_the_official_publication(digest: str, rec_set: RecommendationSet) -> None:
    sections = _item_sections(digest)
    for item in rec_set.items:
        if item.is_placeholder:
            assert "only in the official publication" in sections[item.id], item.id
            assert "placeholder" in sections[item.id]


def test_unknown_strength_is_never_called_strong(digest: str, rec_set: RecommendationSet) -> None:
    sections = _item_sections(digest)
    unknown = [item for item in rec_set.items if item.strength not in (Strength.STRONG, Strength.CONDITIONAL)]
    assert unknown
    for item in unknown:
        body = sections[item.id].lower()
        assert not re.search(r"\brecommends\b|\bstrong\b|\bsuggests\b", body), item.id


def test_strong_item_uses_grade_wording(digest: str) -> None:
    section = _item_sections(digest)["FL-pediatric-inspired-regimen"]
    assert "the panel recommends a pediatric-inspired" in section
    assert "certainty of the evidence was not reported" in section


def test_conditional_item_says_suggests(rec_set: RecommendationSet) -> None:
    facts = load_guideline_facts(CORPUS)
    item = rec_set.get("FL-ph-positive-tki").model_copy(update={"strength": Strength.CONDITIONAL})
    text = render_item(facts, item, rec_set.domain)
    assert "the panel suggests adding a tyrosine kinase inhibitor" in text
    assert not re.search(r"\brecommends\b|\bstrong\b", text)


def test_unconfirmed_areas_are_not_stated_as_frontline_content(digest: str, rec_set: RecommendationSet) -> None:
    sections = _item_sections(digest)
    for item in rec_set.by_guideline("frontline"):
        for term in UNCONFIRMED_TERMS:
            assert term.lower() not in sections[item.id].lower(), (item.id, term)
        assert not {keyword.lower() for keyword in item.keywords} & {term.lower() for term in UNCONFIRMED_TERMS}


def test_confidence_and_conflicts_are_visible(digest: str) -> None:
    sections = _item_sections(digest)
    assert "confidence: low" in sections["FL-mrd-guided-therapy"]
    assert "Ph-negative" in sections["FL-pediatric-inspired-regimen"]  # the narrower report
    assert "flat advice against" in sections["FL-allo-hsct-first-remission"]
    about = digest.split("## About the guidelines", 1)[1].split("## Frontline management", 1)[0]
    assert "Brown University (confidence: medium)" in about
    assert "not used for content" in digest and "meducationai" in digest

"""An uncurated item's keywords are read from the passages that discuss it; its statement's own words give its comparator."""

from __future__ import annotations

from chatbot.guard.context import GuardContext
from chatbot.guard.matching import RecommendationMatcher
from chatbot.index.build import lexical_text
from chatbot.index.discussion import discussion_terms
from chatbot.index.lexical import LexicalIndex
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.describe import describe_statement
from chatbot.recs.schema import Population, Recommendation, RecommendationSet, Status
from chatbot.types import Passage

TEXTS = (  # (linked item, text): invented wording
    ("GL-1", "Recommendation 1. The panel recommends warm compresses for acute glimmer pain in patients."),
    ("GL-1", "In three trials compresses eased morning stiffness; stiffness at dawn fell and patients slept longer."),
    ("GL-1", "Stiffness returned when compresses stopped; the panel weighed stiffness against the cost of compresses."),
    ("GL-2", "Recommendation 2. The panel recommends velmidone for chronic glimmer pain in patients."),
    ("GL-2", "Velmidone raised liver enzymes in some patients; the enzymes were checked every month."),
    ("GL-2", "Liver enzymes settled once velmidone was stopped; the panel noted liver harm as rare."),
    ("GL-3", "Recommendation 3. The panel recommends rest for glimmer pain; rest was studied in patients."),
    ("GL-3", "Rest helped patients who rested at night; rest cost nothing."),
    (None, "Background. Glimmer pain is common in patients; many patients report stiffness or take velmidone."),
)


def _rec(rec_id: str, status: Status, keywords: tuple[str, ...] = ()) -> Recommendation:
    """A minimal item: extracted items carry no keywords until the build derives them."""
    return Recommendation.model_construct(
        id=rec_id,
        title=f"Recommendation {rec_id[-1]}",
        keywords=keywords,
        intervention="as stated in the official statement",
        comparator=None,
        status=status,
        population=Population(description="as stated in the official statement"),
    )


def _corpus() -> tuple[list[Passage], RecommendationSet]:
    """Passages linked to two extracted items and one curated item, and one passage of the introduction."""
    passages = [Passage(f"p{n}", "d", text, ("Guideline",), 0, len(text), recommendation_id=owner) for n, (owner, text) in enumerate(TEXTS)]
    items = [_rec("GL-1", Status.EXTRACTED), _rec("GL-2", Status.EXTRACTED), _rec("GL-3", Status.REPORTED, ("bed rest",))]
    return passages, RecommendationSet.model_construct(items=items)


def test_an_uncurated_items_keywords_are_the_words_its_own_discussion_uses_and_the_others_do_not() -> None:
    passages, rec_set = _corpus()
    terms = discussion_terms(passages, rec_set, 5)
    assert set(terms) == {"GL-1", "GL-2"}, "a curated item keeps its own keywords"
    assert {"stiffness", "compresses"} <= set(terms["GL-1"]) and {"enzymes", "liver", "velmidone"} <= set(terms["GL-2"])
    assert not {"patients", "panel", "pain", "glimmer"} & (set(terms["GL-1"]) | set(terms["GL-2"])), "words every discussion uses"
    assert all(len(found) <= 5 for found in terms.values())


def test_bm25_finds_an_uncurated_statement_by_the_words_of_its_discussion() -> None:
    passages, rec_set = _corpus()
    discussed = discussion_terms(passages, rec_set, 25)
    statement = 0  # "warm compresses for acute glimmer pain": the word 'stiffness' is only in its discussion
    before = LexicalIndex.build([lexical_text(p, rec_set) for p in passages]).search("morning stiffness", 10)
    after = LexicalIndex.build([lexical_text(p, rec_set, discussed) for p in passages]).search("morning stiffness", 10)
    assert statement not in [position for position, _ in before]
    assert statement in [position for position, _ in after]


def test_the_guard_knows_an_uncurated_item_by_the_words_of_its_discussion() -> None:
    passages, rec_set = _corpus()
    claim = "The guideline says liver enzymes must be checked every week."  # GL-2's statement never names the liver
    assert RecommendationMatcher(rec_set, Thesaurus((), ())).match(claim) == []
    matched = GuardContext.build(rec_set, Thesaurus((), ()), tuple(passages)).matcher.match(claim)
    assert [m.rec.id for m in matched] == ["GL-2"]
    stiffness = GuardContext.build(rec_set, Thesaurus((), ()), tuple(passages)).matcher.match("Stiffness at dawn needs compresses.")
    assert [m.rec.id for m in stiffness] == ["GL-1"]


def test_a_statement_that_keeps_one_option_for_last_or_rejects_it_names_it_as_the_comparator() -> None:
    last = describe_statement(
        "Clinicians should maximize use of warm compresses as appropriate for the patient and only consider velmidone for "
        "glimmer pain if benefits are anticipated to outweigh risks."
    )
    assert (last.intervention, last.comparator) == (
        "maximize use of warm compresses as appropriate for the patient",
        "velmidone for glimmer pain",
    )
    rejected = describe_statement(
        "Clinicians should offer kestravir to patients with glimmer pain. Bed rest on its own, without kestravir, is not "
        "recommended because of increased risks."
    )
    assert (rejected.intervention, rejected.comparator) == ("offer kestravir to patients with glimmer pain", "Bed rest on its own")
    forbidden = describe_statement(
        "Clinicians should offer kestravir to patients with glimmer pain. Unless there are signs of harm (e.g., rash, fever), "
        "kestravir should not be stopped abruptly."
    )
    assert (forbidden.intervention, forbidden.comparator) == ("offer kestravir to patients with glimmer pain", "kestravir stopped abruptly")
    both = describe_statement(
        "Clinicians should offer kestravir to patients with glimmer pain. Unless there are signs of harm, kestravir should not "
        "be stopped abruptly, and clinicians should not rapidly reduce kestravir doses from higher doses."
    )
    assert both.comparator == "kestravir stopped abruptly or rapidly reduce kestravir doses from higher doses", "each forbidden act"
    plain = describe_statement("The panel suggests warm compresses over velmidone for acute glimmer pain.")
    assert (plain.intervention, plain.comparator) == ("warm compresses", "velmidone for acute glimmer pain")


def test_the_people_a_grade_comparison_is_made_in_close_its_comparator_and_are_its_population() -> None:
    described = describe_statement("The panel recommends drug X over no drug X in adults with disease Y who have sign Z.")
    assert described.intervention == "drug X"
    assert described.comparator == "no drug X", "the population is no part of the option weighed against"
    assert described.population == "adults with disease Y who have sign Z"
    kept = describe_statement("In adults with disease Y, the panel suggests drug X over drug W for acute pain.")
    assert (kept.population, kept.comparator) == ("adults with disease Y", "drug W for acute pain"), "no people named: all of it"

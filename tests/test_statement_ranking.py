"""Among items that fit a question alike and are each discussed at length, the lead is the one whose own statement says more
of the question; items with a passage or two keep retrieval's order."""

from __future__ import annotations

from chatbot.answer.candidates import ItemTexts, rank_candidates
from chatbot.answer.statement_terms import StatementTerms, without_spans
from chatbot.recs.schema import Direction, Population, Recommendation, RecommendationSet, Status
from chatbot.types import Hit, Passage

ITEMS = (  # (id, title, advice, keywords): invented wording
    ("GL-1", "Prefer warm compresses for glimmer rash", "applying warm compresses before any velmidone", ("compress",)),
    (
        "GL-2",
        "Recheck within two weeks",
        "seeing the patient again within two weeks after velmidone is begun",
        ("follow-up", "recheck", "zandicoids"),
    ),
    ("GL-3", "Taper velmidone slowly", "lowering the velmidone dose gradually", ("taper", "wean")),
    ("GL-4", "Check the zandic level", "measuring the zandic level before velmidone", ("zandic", "level")),
)


def _rec_set(status: Status = Status.VERIFIED) -> RecommendationSet:
    """The invented items; EXTRACTED ones without keywords are uncurated (their fields read from their statement)."""
    items = tuple(
        Recommendation.model_construct(
            id=rec_id,
            guideline="gl",
            title=title,
            intervention=advice,
            comparator=None,
            direction=Direction.FOR,
            direction_detail=None,
            remarks=(),
            keywords=keywords if status is Status.VERIFIED else (),
            population=Population(description="adults with glimmer rash"),
            statement=None,
            status=status,
        )
        for rec_id, title, advice, keywords in ITEMS
    )
    return RecommendationSet.model_construct(items=items)


def _passages(per_item: int) -> tuple[Passage, ...]:
    """`per_item` invented discussion passages for each item, none of them naming what its item advises."""
    return tuple(
        Passage(f"p-{rec_id}-{n}", "d", f"Discussion {n} of the evidence on glimmer rash.", ("Guideline",), 0, 10, recommendation_id=rec_id)
        for rec_id, *_ in ITEMS
        for n in range(per_item)
    )


def _first(per_item: int, order: list[str], question: str, status: Status = Status.VERIFIED) -> str:
    rec_set, passages = _rec_set(status), _passages(per_item)
    chosen = [next(p for p in passages if p.recommendation_id == rec_id) for rec_id in order]
    hits = tuple(Hit(passage=p, fused_score=1.0 / (n + 1)) for n, p in enumerate(chosen))
    ranked = rank_candidates(hits, (), question, rec_set, ItemTexts(passages, rec_set))
    assert ranked[0].rec is not None
    return ranked[0].rec.id


def test_the_item_whose_statement_says_the_asked_action_leads_among_items_discussed_at_length() -> None:
    assert _first(5, ["GL-1", "GL-2"], "Started velmidone last week, when should I recheck him?") == "GL-2"
    assert _first(5, ["GL-4", "GL-3"], "how should the velmidone be tapered?") == "GL-3"


def test_retrievals_order_stands_when_no_statement_says_more() -> None:
    assert _first(5, ["GL-2", "GL-1"], "what does the guideline advise for adults?") == "GL-2"


def test_items_with_few_passages_keep_retrievals_order() -> None:
    assert _first(1, ["GL-1", "GL-2"], "Started velmidone last week, when should I recheck him?") == "GL-1"


def test_uncurated_items_keep_retrievals_order() -> None:
    assert _first(5, ["GL-4", "GL-3"], "how should the velmidone be tapered?", Status.EXTRACTED) == "GL-4"


def test_a_word_most_items_state_weighs_nothing() -> None:
    terms = StatementTerms.of(_rec_set())
    assert terms.weight("velmidon") == 0.0
    assert terms.said("GL-3", ["taper"]) > 0.0


def test_a_long_stem_is_stated_by_a_word_it_begins() -> None:
    terms = StatementTerms.of(_rec_set())
    assert terms.states("GL-2", "zandic"), "'zandicoids' begins with it"
    assert not terms.states("GL-2", "zand"), "a short stem matches only itself"


def test_a_named_population_is_blanked_from_the_question() -> None:
    assert without_spans("taper in adults now", [(9, 15)]) == "taper in        now"


def test_a_follow_ups_carried_topic_words_do_not_pick_the_item() -> None:
    rec_set, passages = _rec_set(), _passages(5)
    chosen = [next(p for p in passages if p.recommendation_id == rec_id) for rec_id in ("GL-1", "GL-3")]
    hits = tuple(Hit(passage=p, fused_score=1.0 / (n + 1)) for n, p in enumerate(chosen))
    question = "and how would I taper it?"
    texts = ItemTexts(passages, rec_set)
    assert rank_candidates(hits, (), question, rec_set, texts)[0].rec is rec_set.items[2]
    assert rank_candidates(hits, (), question, rec_set, texts, carried="taper")[0].rec is rec_set.items[0]

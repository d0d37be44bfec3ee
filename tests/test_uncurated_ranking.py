"""Among items that fit a question alike, an uncurated pack's lead is the one whose statement's range holds the amount the
question gives, and the one whose direction the question names ('the rec against ...')."""

from __future__ import annotations

from chatbot.answer.candidates import ItemTexts, rank_candidates
from chatbot.answer.measures import leaves_out
from chatbot.recs.schema import Direction, Population, Recommendation, RecommendationSet, StatementRef
from chatbot.types import Hit, Passage

STATEMENTS = (  # (id, direction, statement): invented wording
    ("GL-4a", Direction.FOR, "Rec. 4a In adults with a glimmer cyst of 5 cm or larger, we suggest drainage."),
    ("GL-4b", Direction.FOR, "Rec. 4b In adults with a glimmer cyst smaller than 5 cm, we suggest velmidone alone."),
    ("GL-6", Direction.FOR, "Rec. 6 In adults with glimmer fever and a zandic level between 2.1 and 3.9 mmol/L, we suggest velmidone."),
    ("GL-7", Direction.AGAINST, "Rec. 7 In adults with glimmer fever, we suggest against velmidone."),
)


def _corpus() -> tuple[tuple[Hit, ...], RecommendationSet]:
    """One passage per statement, each the statement itself, retrieved in the order given."""
    passages, items, start = [], [], 0
    for rec_id, direction, text in STATEMENTS:
        passages.append(Passage(f"p-{rec_id}", "d", text, ("Guideline",), start, start + len(text), recommendation_id=rec_id))
        items.append(
            Recommendation.model_construct(
                id=rec_id,
                guideline="gl",
                title=f"Recommendation {rec_id[3:]}",
                intervention="as stated in the official statement",
                comparator=None,
                direction=direction,
                direction_detail=None,
                remarks=(),
                keywords=(),
                population=Population(description="as stated in the official statement"),
                statement=StatementRef(document="d", char_start=start + 7, char_end=start + len(text)),
            )
        )
        start += len(text) + 2
    hits = tuple(Hit(passage=p, fused_score=1.0 / (n + 1)) for n, p in enumerate(passages))
    return hits, RecommendationSet.model_construct(items=tuple(items))


def _first(order: list[str], question: str) -> str:
    hits, rec_set = _corpus()
    chosen = tuple(h for rec_id in order for h in hits if h.passage.recommendation_id == rec_id)
    ranked = rank_candidates(chosen, (), question, rec_set, ItemTexts(tuple(h.passage for h in hits), rec_set))
    assert ranked[0].rec is not None
    return ranked[0].rec.id


def test_a_statement_whose_range_leaves_out_the_questions_amount_does_not_lead() -> None:
    assert _first(["GL-4a", "GL-4b"], "CT shows a 2.5 cm glimmer cyst. Drain it?") == "GL-4b"
    assert _first(["GL-4b", "GL-4a"], "A 7 cm glimmer cyst: drain it or not?") == "GL-4a"
    assert _first(["GL-4a", "GL-4b"], "A glimmer cyst: drain it?") == "GL-4a", "no amount: retrieval's order"


def test_an_amount_without_a_unit_is_read_against_a_range_of_its_magnitude() -> None:
    assert leaves_out("zandic came back 4.6 in glimmer fever, velmidone?", STATEMENTS[2][2])
    assert not leaves_out("zandic came back 3.2 in glimmer fever, velmidone?", STATEMENTS[2][2])
    assert not leaves_out("zandic came back 46 in glimmer fever, velmidone?", STATEMENTS[2][2]), "another kind of value"
    assert not leaves_out("a 58-year-old with glimmer fever", STATEMENTS[2][2]), "another unit"


def test_a_question_about_the_advice_against_something_puts_the_item_advising_against_first() -> None:
    assert _first(["GL-6", "GL-7"], "how strong is the rec against velmidone in glimmer fever?") == "GL-7"
    assert _first(["GL-6", "GL-7"], "how strong is the rec on velmidone in glimmer fever?") == "GL-6"

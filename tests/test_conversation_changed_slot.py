"""An item stating a changed facet value exactly is more specific than one covering it more widely; a lineage no item under
discussion covers is not found."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.context import specific
from chatbot.core import Chatbot
from chatbot.packs.domain import load_domain
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population
from chatbot.types import Answer, AnswerStatus

ROOT = Path(__file__).resolve().parents[1]


def _answer(item: str) -> Answer:
    return Answer(AnswerStatus.ANSWERED, "", (), (item,))


def test_an_item_stating_the_changed_value_exactly_is_more_specific_than_one_covering_it() -> None:
    rec_set = load_recommendations(ROOT / "corpus")
    facets = {"phase": "first_remission"}
    exact = specific(_answer("FL-allo-hsct-first-remission"), facets, ("phase",), rec_set)
    wider = specific(_answer("FL-ph-positive-tki"), facets, ("phase",), rec_set)  # newly diagnosed covers first remission
    assert exact > wider > 0


@pytest.mark.parametrize(
    ("text", "lineage"),
    [
        ("and if the relapse were T-cell instead?", "T"),
        ("a T cell relapse", "T"),
        ("CAR T-cell therapy after reinduction", None),  # a therapy's name, not the patient's lineage
        ("blinatumomab, a bispecific T-cell engager", None),
        ("chimeric antigen receptor T-cell therapy", None),
    ],
)
def test_a_bare_t_cell_names_the_lineage_but_a_therapys_name_does_not(text: str, lineage: str | None) -> None:
    assert named_population(text, load_domain(ROOT / "corpus")).facet("lineage") == lineage


def test_a_lineage_the_item_does_not_cover_is_not_found(default_bot: Chatbot) -> None:
    first = default_bot.ask("Should a 26 year old with relapsed B-ALL get blinatumomab or inotuzumab for reinduction?")
    assert first.answer.recommendation_ids[:1] == ("RR-immunotherapy-reinduction",)
    then = default_bot.ask("and if the relapse were T-cell instead?", session_id=first.session_id)
    assert then.answer.status is AnswerStatus.NOT_FOUND


def test_a_relapse_after_a_first_remission_item_moves_to_the_item_stating_relapse_unless_the_turn_points_at_the_item(
    default_bot: Chatbot,
) -> None:
    question = "Should a 24 year old with B-ALL in first remission get an allogeneic transplant?"
    first = default_bot.ask(question)
    assert first.answer.recommendation_ids[:1] == ("FL-allo-hsct-first-remission",)
    relapsed = default_bot.ask("and if he relapses later?", session_id=first.session_id)
    assert relapsed.answer.recommendation_ids[:1] == ("RR-immunotherapy-reinduction",)  # states relapse, not a remission after it
    again = default_bot.ask(question)
    about_it = default_bot.ask("and what do they advise about it after a relapse?", session_id=again.session_id)
    assert about_it.answer.recommendation_ids[:1] == ("RR-allo-hsct-after-relapse-remission",)  # "it": the transplant

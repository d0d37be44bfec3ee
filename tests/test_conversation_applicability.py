"""A question whether an item applies refers to the item under discussion ("that", "the recommendation"); the setting or
patient it asks about, after "apply", names no other item."""

from __future__ import annotations

from pathlib import Path

from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.state import DialogueState, Topic

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SWITCH = "FL-asparaginase-hypersensitivity-switch"
REINDUCTION = "RR-immunotherapy-reinduction"


def _on(item: str, words: str, facets: dict[str, str]) -> DialogueState:
    return DialogueState().after("corpus", Topic(words, (item,), facets), "answered", "")


def test_the_setting_asked_after_apply_names_no_other_item(rec_set, thesaurus) -> None:
    state = _on(SWITCH, "pegaspargase reaction", {})
    resolution = resolve_followup("would that apply during consolidation as well?", state, rec_set, thesaurus)
    # consolidation is a keyword of the MRD and transplant items; here it is where the switch would apply
    assert resolution.asks_about == "population" and resolution.previous_ids == (SWITCH,)


def test_the_recommendation_is_the_item_under_discussion(rec_set, thesaurus) -> None:
    state = _on(REINDUCTION, "blinatumomab", {"lineage": "B", "phase": "relapsed_refractory"})
    resolution = resolve_followup("does the recommendation cover T-cell disease as well?", state, rec_set, thesaurus)
    assert resolution.asks_about == "applicability" and resolution.previous_ids == (REINDUCTION,)


def test_an_item_named_before_apply_is_still_the_one_asked_about(rec_set, thesaurus) -> None:
    state = _on(SWITCH, "pegaspargase reaction", {})
    resolution = resolve_followup("the heparin one: does that apply to T-cell disease?", state, rec_set, thesaurus)
    assert resolution.previous_ids == ("FL-heparin-vte-prophylaxis",)

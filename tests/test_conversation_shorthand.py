"""Shorthand for a pack's facet words, read from the phrases of its domain.yaml, in questions and follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.shorthand import abbreviates, expand_shorthand
from chatbot.conversation.state import DialogueState, Topic
from chatbot.packs.domain import Domain, load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population

ROOT = Path(__file__).resolve().parents[1]
ASH, CDC = ROOT / "corpus", ROOT / "packs" / "cdc-opioids-2022"


@pytest.mark.parametrize(
    ("short", "word", "expected"),
    [
        ("neg", "negative", True),
        ("posit", "positive", True),
        ("wks", "weeks", True),
        ("mths", "months", True),
        ("ne", "negative", False),  # too short to tell
        ("at", "acute", False),
        ("act", "acute", False),  # not its opening, nor its consonants in order up to the last
        ("negative", "negative", False),
    ],
)
def test_a_short_form_is_an_opening_or_the_consonants_of_the_word(short: str, word: str, expected: bool) -> None:
    assert abbreviates(short, word) is expected


@pytest.mark.parametrize(
    ("pack", "text", "facet", "value"),
    [
        (ASH, "suppose the blasts are Ph-neg", "ph_status", "negative"),
        (ASH, "Ph pos, 30 years old", "ph_status", "positive"),
        (ASH, "marrow came back MRD neg after consolidation", "mrd", "negative"),
        (CDC, "knee pain, subac, opioids?", "pain_duration", "subacute"),  # "8 wks" is read as a length of time (test_duration)
        (CDC, "chron low back pain, what now?", "pain_duration", "chronic"),
    ],
)
def test_shorthand_of_a_facet_word_names_the_facet(pack: Path, text: str, facet: str, value: str) -> None:
    domain = load_domain(pack)
    assert named_population(text, domain).facet(facet) is None  # the phrases alone miss it
    assert named_population(expand_shorthand(text, domain), domain).facet(facet) == value


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (ASH, "is there a pos role for it?"),  # "pos" completes no facet phrase here
        (ASH, "what if she is at home?"),
        (CDC, "any data at all?"),
        (CDC, "sub-acute pain for 3 weeks"),  # already named: nothing to gain
    ],
)
def test_a_short_form_that_completes_no_facet_phrase_is_left_as_written(pack: Path, text: str) -> None:
    assert expand_shorthand(text, load_domain(pack)) == text


def test_a_domain_without_facets_changes_nothing() -> None:
    assert expand_shorthand("Ph-neg, 6 wks", Domain()) == "Ph-neg, 6 wks"


def test_a_followup_in_shorthand_changes_the_slot_and_looks_for_the_sibling_item() -> None:
    rec_set, thesaurus = load_recommendations(ASH), load_thesaurus(ASH)
    tki = Topic("TKI", ("FL-ph-positive-tki",), {"ph_status": "positive", "phase": "newly_diagnosed", "age": "34"})
    state = DialogueState().after("ash", tki, "answered", "")
    res = resolve_followup("and for a Ph-neg patient?", state, rec_set, thesaurus)
    assert not res.new_topic and res.changed == ("ph_status",)
    assert res.facets["ph_status"] == "negative" and res.facets["phase"] == "newly_diagnosed"

"""An item that a rare population value and an act the question names single out joins the candidates (chatbot/answer/singled.py),
and the WordNet verb synonyms that name the act (chatbot/packs/verb_relatives.py)."""

from __future__ import annotations

from pathlib import Path

from demo_items import demo_item

from chatbot.answer.facet_reading import read_population
from chatbot.answer.singled import acted_items
from chatbot.packs.domain import Domain
from chatbot.packs.facts import ReportSource
from chatbot.packs.verb_relatives import verb_relatives
from chatbot.recs.schema import RecommendationSet

WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)

# An invented field, declared in code: the engine knows only what a domain gives it.
DOMAIN = Domain.model_validate(
    {
        "facets": {
            "use": {
                "conflict": "{named} patients, but the item covers {covered} patients",
                "values": {"long_term": {"phrases": ["on (?:it|them) for years"], "words": "long-term users"}},
            }
        }
    }
)


START = demo_item("D-1", "Start low and go slow", "starting at a low dose and raising it slowly")
TAPER = demo_item("D-2", "Gradual tapering", "tapering gradually to a lower dose and avoiding abrupt discontinuation", "long_term")
TEST = demo_item("D-3", "Check urate levels", "measuring serum urate every 4 to 6 weeks")
SOURCE = ReportSource(id="demo", name="Demo guideline", description="invented", used_for_content=True)
SET = RecommendationSet(items=(START, TAPER, TEST), sources=(SOURCE,), domain=DOMAIN)
RARE = frozenset({("use", "long_term")})


def _acted(question: str) -> frozenset[str]:
    return acted_items(question, read_population(question, DOMAIN), SET, RARE, [START], WORDNET)


def test_a_verb_leads_to_its_synonyms_and_their_nouns_in_its_common_senses() -> None:
    assert {"discontinue", "discontinuation", "stop"} <= verb_relatives("stopping", WORDNET)
    assert "change" not in verb_relatives("increase", WORDNET), "a wider act (a hypernym) is not the act asked"
    assert verb_relatives("urate", WORDNET) == frozenset() and verb_relatives("stop", None) == frozenset()


def test_the_rare_populations_item_joins_when_the_question_names_its_own_act() -> None:
    assert _acted("He has been on it for years. Should I just stop it?") == {"D-2"}  # stop: discontinue, in D-2 alone
    assert _acted("on them for years and I want to lower the dose") == {"D-2"}


def test_the_act_of_an_item_already_there_or_no_act_or_no_population_brings_none() -> None:
    assert _acted("on it for years, should I raise it slowly?") == frozenset()  # raising is what the present item says
    assert _acted("on it for years, which urate level?") == frozenset()  # no act the item names
    assert _acted("Should I just stop it?") == frozenset()  # no rare population named

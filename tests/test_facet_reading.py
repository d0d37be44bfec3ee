"""The population a question names for ranking: every value its phrases name, and values named in their own words."""

from chatbot.answer.facet_reading import read_population, worded_values
from chatbot.packs.domain import Domain
from chatbot.recs.population import phrased_values

# An invented field, declared in code: the engine knows only what a domain gives it.
DOMAIN = Domain.model_validate(
    {
        "facets": {
            "stage": {
                "conflict": "{named} disease, but the item covers {covered} disease",
                "values": {
                    "spread": {"phrases": ["spread", "metastatic"], "words": "spread", "covers": ["quiet_after_spread"]},
                    "quiet_after_spread": {"phrases": ["quiet again"], "words": "quiet after spread", "covers": ["spread"]},
                    "first_quiet": {"phrases": ["first quiet phase"], "words": "in first quiet phase"},
                    "late_quiet": {"phrases": ["late quiet phase"], "words": "in late quiet phase"},
                },
            },
            "marker": {
                "conflict": "marker-{named}, but the item covers marker-{covered}",
                "values": {"positive": {"phrases": [r"ZX\+"], "words": "ZX-positive"}},
            },
        },
    }
)


def test_every_value_a_text_names_is_read_not_only_the_first() -> None:
    assert phrased_values("it spread last year and is quiet again now", DOMAIN) == {"stage": ("spread", "quiet_after_spread")}
    read = read_population("it spread last year and is quiet again now", DOMAIN)
    assert read.named.facet("stage") == "spread"  # the population the checks read is unchanged
    assert read.names_value("stage", "quiet_after_spread") and not read.names_value("stage", "first_quiet")


def test_a_value_is_named_by_its_own_words_in_any_order() -> None:
    assert worded_values("the phase is quiet, the first one after treatment", DOMAIN) == {"stage": "first_quiet"}
    read = read_population("what now that the phase is quiet for the first time?", DOMAIN)
    assert read.named.facet("stage") == "first_quiet" and read.names_value("stage", "first_quiet")


def test_words_that_fit_two_values_or_one_short_word_name_nothing() -> None:
    assert worded_values("a quiet phase: the first, or a late one?", DOMAIN) == {}  # first and late quiet phase alike
    assert worded_values("has it spread?", DOMAIN) == {}  # one word is a phrase's job
    assert worded_values("is ZX positive here?", DOMAIN) == {}  # 'ZX' is too short a word to count


def test_a_facet_a_phrase_names_is_not_read_again_from_words() -> None:
    read = read_population("spread in the first quiet phase", DOMAIN)
    assert read.named.facet("stage") == "spread" and read.values["stage"] == frozenset({"spread", "first_quiet"})
    assert worded_values("in a quiet phase for the first time", DOMAIN, frozenset({"stage"})) == {}

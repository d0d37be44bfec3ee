"""The nouns WordNet links a verb or an adjective to (chatbot/packs/derivations.py)."""

from __future__ import annotations

from pathlib import Path

from chatbot.packs.derivations import derived_nouns

WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)


def test_a_verb_or_an_adjective_and_their_inflected_forms_lead_to_their_nouns() -> None:
    assert "dialysis" in derived_nouns("dialyze", WORDNET)
    assert "dialysis" in derived_nouns("dialyzed", WORDNET), "an inflected form is read by WordNet's rules of detachment"
    assert "wheeze" in derived_nouns("wheezy", WORDNET)
    assert "fever" in derived_nouns("afebrile", WORDNET), "a pertainym leads to its noun"
    # only the pointers of the word itself: 'wheezy' shares a synset with 'asthmatic', whose noun is asthma
    assert "asthma" not in derived_nouns("wheezy", WORDNET)


def test_no_nouns_without_wordnet_or_for_a_word_it_lacks() -> None:
    assert derived_nouns("dialyze", None) == ()
    assert derived_nouns("dialyze", Path("/nonexistent")) == ()
    assert derived_nouns("glapes", WORDNET) == ()

"""Pure parts of retrieval: reciprocal rank fusion, spelling correction and query expansion."""

from chatbot.answer.retrieval import boilerplate_positions, correct_spelling, demote_boilerplate, expand_query, fuse, normalised_score_sum
from chatbot.config import load_settings
from chatbot.packs.synonyms import SynonymGroup, Thesaurus


def test_rrf_rewards_items_ranked_well_by_both_lists() -> None:
    fused = fuse([[1, 2, 3], [3, 1, 4]], k=60)
    order = [item for item, _ in fused]
    assert order[0] == 1
    assert order.index(3) < order.index(2)
    assert set(order) == {1, 2, 3, 4}
    assert abs(dict(fused)[1] - (1 / 61 + 1 / 62)) < 1e-12


def test_rrf_ties_break_deterministically() -> None:
    assert fuse([[5], [7]], k=60) == fuse([[7], [5]], k=60)


def test_misspelled_drug_names_are_corrected_known_words_kept() -> None:
    terms = ["blinatumomab", "inotuzumab", "pegaspargase"]
    text, corrections = correct_spelling("is blinatumumab better than inotuzumb", frozenset({"better", "than"}), terms, 85)
    assert text == "is blinatumomab better than inotuzumab"
    assert corrections == [("blinatumumab", "blinatumomab"), ("inotuzumb", "inotuzumab")]
    unchanged, none = correct_spelling("regimen choice", frozenset({"regimen", "choice"}), terms, 85)
    assert unchanged == "regimen choice" and none == []


def test_a_compound_keeps_its_prefix_when_one_part_is_corrected() -> None:
    terms = ["lineage", "pegaspargase"]
    text, _ = correct_spelling("relapsed T-lineage disease", frozenset({"relapsed", "disease"}), terms, 85)
    assert text == "relapsed T-lineage disease"  # the whole compound once became 'lineage', dropping 'T-'
    fixed, corrections = correct_spelling("a pre-pegaspargse dose", frozenset({"dose"}), terms, 85)
    assert fixed == "a pre-pegaspargase dose" and corrections == [("pegaspargse", "pegaspargase")]


def test_expansion_adds_group_terms_and_can_be_switched_off() -> None:
    thesaurus = Thesaurus((SynonymGroup(("blinatumomab", "blina")),), ())
    expanded = expand_query("blina in relapse", thesaurus, frozenset({"relapse"}), load_settings())
    assert "blinatumomab" in expanded.dense_text and "blinatumomab" in expanded.lexical_text
    plain = expand_query("blina in relapse", thesaurus, frozenset({"relapse"}), load_settings(synonym_expansion=False))
    assert "blinatumomab" not in plain.lexical_text


def test_rrf_ties_are_broken_by_normalised_scores() -> None:
    dense = [(1, 0.50), (2, 0.45)]
    lexical = [(2, 20.0), (1, 10.0)]
    tiebreak = normalised_score_sum(dense, lexical)
    fused = fuse([[i for i, _ in dense], [i for i, _ in lexical]], k=60, tiebreak=tiebreak)
    assert [item for item, _ in fused] == [2, 1]


def test_boilerplate_copies_are_found_and_ranked_last() -> None:
    texts = ["Item 1 of 3 was not reported.", "Item 2 of 3 was not reported.", "Drug X is favoured.", "Item 3 of 4 was seen."]
    boilerplate = boilerplate_positions(texts)
    assert boilerplate == frozenset({0, 1})
    assert [i for i, _ in demote_boilerplate([(0, 0.9), (2, 0.8), (1, 0.7), (3, 0.6)], boilerplate)] == [2, 3, 0, 1]


def test_an_uncurated_items_passages_found_by_different_retrievers_are_fused_as_one_item() -> None:
    from chatbot.answer.retrieval import pool_items

    # passages 0 and 1 discuss item GL-1 (dense finds 0, BM25 finds 1); passage 2 is an introduction both rank second
    dense, lexical = [0, 2, 3, 4, 1], [1, 2, 3, 4, 0]
    owners = ["GL-1", "GL-1", None, None, None]
    fused = fuse([dense, lexical], k=60)
    assert fused[0][0] == 2, "each passage alone is behind the introduction"
    pooled = pool_items(fused, [dense, lexical], owners, frozenset({"GL-1"}), 60, {})
    assert pooled[0] == (0, 2 / 61) and [p for p, _ in pooled[1:3]] == [2, 1]
    assert pool_items(fused, [dense, lexical], owners, frozenset(), 60, {}) == fused, "a curated item is left as it is"
    far = [2, 3, 4, *range(5, 40), 1]  # BM25 finds the item's other passage only far down: no evidence for the item
    owners_far = [*owners, *[None] * 35]
    fused_far = fuse([dense, far], k=60)
    assert pool_items(fused_far, [dense, far], owners_far, frozenset({"GL-1"}), 60, {}) == fused_far

"""Synonym groups match on word boundaries; short capitalised abbreviations only as written."""

from pathlib import Path

from chatbot.synonyms import SynonymGroup, Thesaurus, load_thesaurus


def _thesaurus() -> Thesaurus:
    return Thesaurus(
        groups=(
            SynonymGroup(("acute lymphoblastic leukemia", "ALL")),
            SynonymGroup(("intrathecal chemotherapy", "IT", "intrathecal")),
            SynonymGroup(("Philadelphia chromosome-positive", "Ph+", "Ph-positive")),
            SynonymGroup(("Philadelphia chromosome-negative", "Ph-", "Ph-negative")),
            SynonymGroup(("blinatumomab", "blina")),
        ),
        domain_terms=("leukemia", "remission"),
    )


def _canonical(thesaurus: Thesaurus, text: str) -> list[str]:
    return [group.canonical for group in thesaurus.matching_groups(text)]


def test_short_capitalised_terms_are_case_sensitive() -> None:
    thesaurus = _thesaurus()
    assert _canonical(thesaurus, "is it all fine") == []
    assert _canonical(thesaurus, "IT therapy in ALL") == ["acute lymphoblastic leukemia", "intrathecal chemotherapy"]


def test_plus_and_minus_suffixes_are_told_apart() -> None:
    thesaurus = _thesaurus()
    assert _canonical(thesaurus, "Ph+ disease") == ["Philadelphia chromosome-positive"]
    assert _canonical(thesaurus, "Ph- disease") == ["Philadelphia chromosome-negative"]
    assert _canonical(thesaurus, "Ph negative disease") == ["Philadelphia chromosome-negative"]


def test_long_terms_match_any_case_and_hyphenation() -> None:
    thesaurus = _thesaurus()
    assert _canonical(thesaurus, "BLINA after relapse") == ["blinatumomab"]
    assert _canonical(thesaurus, "philadelphia chromosome positive") == ["Philadelphia chromosome-positive"]


def test_domain_detection() -> None:
    thesaurus = _thesaurus()
    assert thesaurus.mentions_domain("is remission likely")
    assert not thesaurus.mentions_domain("how do I treat a sprained ankle")


def test_project_synonyms_file_loads(tmp_path: Path) -> None:
    thesaurus = load_thesaurus(Path(__file__).parents[1] / "corpus")
    assert "blinatumomab" in {group.canonical for group in thesaurus.groups}
    assert load_thesaurus(tmp_path).groups == ()

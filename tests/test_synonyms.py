"""Synonym groups match on word boundaries; short capitalised abbreviations only as written."""

import re
from pathlib import Path

import pytest

from chatbot.errors import ConfigError
from chatbot.packs.synonyms import SynonymGroup, Thesaurus, load_thesaurus


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


def test_subject_other_conditions_and_detail_requests_load_from_yaml(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [widget fever, WF]\n"
        "subject: widget fever\n"
        "other_conditions: [gadget flu]\n"
        "detail_requests:\n  - {name: dosing, asks: [dose, how much], requires: '\\d+ mg'}\n"
    )
    thesaurus = load_thesaurus(tmp_path)
    assert thesaurus.names_subject("dose in WF?") and not thesaurus.names_subject("dose in gadget flu?")
    assert thesaurus.other_condition_in("what about Gadget Flu") == "gadget flu"
    assert thesaurus.other_condition_in_any("gadget flu", ["a passage on gadget flu"])
    (dosing,) = thesaurus.detail_requests
    assert dosing.asked_in("How much drug X?") and not dosing.asked_in("Should drug X be used?")
    assert dosing.given_in("give 40 mg daily") and not dosing.given_in("give drug X daily")


def test_bad_synonyms_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text("groups:\n  - [a, b]\nsubject: not a group\n")
    with pytest.raises(ConfigError, match="subject"):
        load_thesaurus(tmp_path)
    (tmp_path / "synonyms.yaml").write_text("detail_requests:\n  - {name: x, asks: [y], requires: '(unclosed'}\n")
    with pytest.raises(ConfigError, match="not a valid synonyms file"):
        load_thesaurus(tmp_path)


def test_a_group_matches_exactly_where_one_of_its_terms_does() -> None:
    project = Path(__file__).resolve().parents[1] / "corpus"
    thesaurus = load_thesaurus(project)
    lines = [
        line for path in sorted(project.glob("digest/**/*.md")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    lines += ["6MP and 6-MP", "Ph positive", "IT MTX", "it is all right", "CD19-directed", "t(9;22)"]
    for group in thesaurus.groups:
        for line in lines:
            assert group.found_in(line) == any(pattern.search(line) for pattern in group.patterns), (group.canonical, line)


@pytest.mark.parametrize("folder", ["corpus", "packs/cdc-opioids-2022", "packs/eln-cml-2020"])
def test_matching_groups_finds_what_trying_every_term_finds(folder: str) -> None:
    """Only terms whose opening letters stand at a word start are tried; the groups found are those every term's pattern finds."""
    root = Path(__file__).parents[1]
    thesaurus = load_thesaurus(root / folder)
    texts = [
        "6-MP and IT MTX; allo-HSCT vs alloHSCT (CR1), Ph+ / Ph– ALL, TKIs: imatinib 400 mg/d.",
        "ＢＣＲ-ＡＢＬ1 ≤0.1%, MMR at 12 mo; naloxone → co-Rx with benzodiazepines (BZD); MOUD/buprenorphine",
        "pegaspargase→Erwinia; post-transplant blinatumomab, inotuzumab-ozogamicin, peds-inspired ALL regimens",
        *[group.terms[-1].upper() + " and " + group.canonical.lower() for group in thesaurus.groups],
    ]
    for text in texts + [piece for whole in texts for piece in whole.split()]:
        everyone = [group.canonical for group in thesaurus.groups if group.found_in(text)]
        assert _canonical(thesaurus, text) == everyone, text


@pytest.mark.parametrize("folder", ["corpus", "packs/cdc-opioids-2022"])
def test_terms_found_by_plain_search_where_their_patterns_find_them(folder: str) -> None:
    """ASCII terms are looked up without their regex: spacing, hyphens, case, neighbours and non-ASCII letters change nothing."""
    thesaurus = load_thesaurus(Path(__file__).parents[1] / folder)
    terms = [term for group in thesaurus.groups for term in group.terms]
    texts = []
    for term in terms:
        for gap in ("", "-", " \t", "/"):
            joined = re.sub(r"[\s-]+", gap, term)
            texts += [f"x{joined}", f"a/{joined}s.", f"({joined.upper()})", f"–{joined.title()}–", f"é, ı {joined}"]
    for text in texts:
        everyone = [group.canonical for group in thesaurus.groups if group.found_in(text)]
        assert _canonical(thesaurus, text) == everyone, text

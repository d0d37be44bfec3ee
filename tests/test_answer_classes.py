"""A covered class covers its members named alone; passing mentions need the asked action; unknown named studies are not found."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.abstention import named_studies
from chatbot.answer.actions import actions, side_only
from chatbot.answer.coverage import AskReader, uncovered
from chatbot.errors import ConfigError
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"
ELN = PROJECT / "packs" / "eln-cml-2020"
OPIOID_TEXT = "Clinicians should consider immediate-release opioids only when benefits outweigh risks; avoid benzodiazepines."


def _reader(pack: Path) -> AskReader:
    return AskReader(load_thesaurus(pack), load_domain(pack), ["Invented passage one.", "Invented passage two."], ("Invented title",))


def _open(pack: Path, question: str, text: str) -> list[str]:
    return [ask.text for ask in uncovered(_reader(pack).asks(question), text)]


def test_a_member_named_alone_is_covered_by_its_class() -> None:
    assert _open(CDC, "45M acute low back strain x5d, start oxycodone?", OPIOID_TEXT) == []
    assert _open(CDC, "ok to co-rx an opioid with clonazepam?", OPIOID_TEXT) == []
    assert _open(CORPUS, "Should a 24-year-old with Ph+ ALL get dasatinib?", "The panel favors adding a tyrosine kinase inhibitor.") == []
    assert _open(ELN, "Is bosutinib an option first line?", "Any TKI may be used first line.") == []


def test_a_drug_outside_every_class_or_chosen_among_members_still_needs_its_name() -> None:
    assert _open(CDC, "Should ketamine be started for acute pain?", OPIOID_TEXT) == ["ketamine"]
    assert _open(CDC, "Is oxycodone or morphine better for acute pain?", OPIOID_TEXT) == ["oxycodone", "morphine"]
    assert _open(CDC, "Is oxycodone the right opioid for acute pain?", OPIOID_TEXT) == ["oxycodone"]
    assert _open(CDC, "Is Xtampza ER safer than OxyContin for chronic back pain?", OPIOID_TEXT)  # two products of one drug
    text = "The panel favors adding a tyrosine kinase inhibitor (TKI); reports name imatinib."
    assert _open(CORPUS, "Does ASH prefer ponatinib over imatinib?", text) == ["ponatinib"]


def test_class_members_must_be_group_terms(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text("groups:\n  - [opioid, opioids]\n  - [oxycodone]\nclasses:\n  opioid: [oxycodone, zorvadol]\n")
    with pytest.raises(ConfigError, match="zorvadol"):
        load_thesaurus(tmp_path)
    (tmp_path / "synonyms.yaml").write_text("groups:\n  - [opioid, opioids]\nclasses:\n  opioids: [opioid]\n")
    with pytest.raises(ConfigError, match="first term"):
        load_thesaurus(tmp_path)


def test_an_ask_mentioned_only_in_passing_needs_the_asked_action() -> None:
    reader = _reader(CORPUS)
    question = "Can asparaginase be restarted after an episode of pancreatitis?"
    acts = actions(question)
    assert [a.text for a in acts] == ["whether asparaginase can be restarted"]
    core = "Premedication before pegaspargase: prophylactic premedication to prevent hypersensitivity reactions"
    full = core + "\nReports also stress supportive care to limit hypersensitivity reactions and pancreatitis."
    asks = reader.asks(question)
    assert [a.text for a in side_only(asks, acts, core, full)] == ["whether asparaginase can be restarted"]
    assert not side_only(asks, acts, core, full + " Asparaginase may be restarted after mild pancreatitis.")
    assert not side_only(asks, acts, core + " after pancreatitis", full)  # the item itself is about it
    assert not actions("Should premedication be given before pegaspargase?")  # a plain participle: the advice answers it


def test_an_unknown_coded_study_name_in_a_question_about_findings() -> None:
    assert named_studies("What were the results of CALGB 10403?", ["CALGB"]) == ("CALGB 10403",)
    assert named_studies("Did the AALL0232 trial change practice?", ["AALL0232"]) == ("AALL0232",)
    assert not named_studies("Should I get a COVID-19 booster?", ["COVID-19"])  # no study wording
    assert not named_studies("What were the results of the big trial?", ["big"])

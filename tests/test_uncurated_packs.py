"""Packs made by `pack init` alone (no curated set, no hand synonyms): statements, cards and quotes agree."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from guideline_pdfs import GeneratedPdf, consensus_pdf, grade_guideline_pdf
from test_cli import invoke
from uncurated_pdfs import DISCUSSION, SIBLING_DISCUSSION, numbered_heading_pdf, shared_opening_pdf

from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.packs.starter import starter_synonyms
from chatbot.types import AnswerStatus

PDFS = {"grade": grade_guideline_pdf, "shared-opening": shared_opening_pdf}


def _pack(folder: Path, pdf: GeneratedPdf, prefix: str) -> Path:
    """`chatbot pack init` on a generated PDF, as a new user runs it."""
    source = folder / "guideline.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    source.write_bytes(pdf.data)
    pack = folder / "new-pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", prefix, env={"CHATBOT_INDEX_DIR": str(folder / "index")}
    )
    assert result.exit_code == 0, result.output
    return pack


def _bot(pack: Path) -> Chatbot:
    """A chatbot on the new pack only."""
    root = pack.parent
    return build_chatbot(load_settings(corpus_dir=pack, index_dir=root / "index", data_dir=root / "data"))


@pytest.fixture(scope="module", params=sorted(PDFS))
def new_pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedPdf, Chatbot]:
    """A generated guideline, made into a pack by pack init (the real embedding model), and a chatbot on it."""
    pdf = PDFS[request.param]()
    return pdf, _bot(_pack(tmp_path_factory.mktemp(request.param), pdf, "GL"))


def test_every_statement_posted_word_for_word_returns_its_own_item_and_quote(new_pack) -> None:
    pdf, bot = new_pack
    statements = {f"GL-{e.number}{e.part or ''}": e.statement for e in pdf.expected}
    for expected in pdf.expected:
        rec_id = f"GL-{expected.number}{expected.part or ''}"
        reply = bot.ask(expected.statement)
        answer = reply.answer
        assert answer.status is AnswerStatus.ANSWERED, (rec_id, answer.summary)
        # parts "(i) ... (ii) ..." graded within one sentence share that sentence's passage: a sibling part may lead
        own = {rec_id} if expected.part not in ("i", "ii") else {f"GL-{expected.number}i", f"GL-{expected.number}ii"}
        assert answer.recommendation_ids[0] in own, (rec_id, answer.recommendation_ids)
        assert answer.quotes[0].recommendation_id == answer.recommendation_ids[0], (rec_id, answer.quotes[0].text)
        card = bot.rec_set.get(rec_id)
        assert card is not None and (card.direction, card.strength) == (expected.direction, expected.strength)
        lead = bot.rec_set.get(answer.recommendation_ids[0])
        assert lead is not None and "as stated in the official statement" not in answer.summary
        assert lead.intervention in answer.summary and lead.intervention in " ".join(statements[lead.id].split()), answer.summary


def test_a_discussion_passage_links_to_the_statement_it_follows(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, shared_opening_pdf(), "GL"))
    index = bot.engines[0].index
    for number, discussion in DISCUSSION.items():
        passage = next(p for p in index.passages if discussion[:60] in " ".join(p.text.split()))
        linked = {4: ("GL-4b",)}.get(number, (f"GL-{number}",))
        assert passage.recommendation_id in linked, (number, passage.recommendation_id)


def test_pack_init_writes_a_starter_vocabulary_from_the_publication() -> None:
    text = (
        "Patients with glimmer pain and venous thromboembolism (VTE) were excluded. The Invented Panel on Glimmer Care (IPGC) met twice.\n\n"
        "Recommendation 1. The panel suggests against velmidone for night pain (conditional recommendation, low certainty)."
    )
    synonyms = yaml.safe_load(starter_synonyms(text, ["The panel suggests against velmidone for night pain"]))
    assert ["venous thromboembolism", "VTE"] in synonyms["groups"] and ["Invented Panel on Glimmer Care", "IPGC"] in synonyms["groups"]
    assert {"velmidone", "VTE"} <= set(synonyms["domain_terms"])
    assert not {"panel", "suggests", "against", "night"} & set(synonyms["domain_terms"]), "grading words and one-off common words"


def test_the_guard_reads_claims_against_the_extracted_statements(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, shared_opening_pdf(), "GL"))
    faithful = bot.check("For older inpatients with glimmer pain the panel suggests against velmidone for night-time restlessness.")
    assert faithful.verdict == "pass", faithful.findings
    flipped = bot.check("For older inpatients with glimmer pain the panel recommends velmidone for night-time restlessness.")
    assert flipped.verdict == "fail" and any(
        f.kind == "direction_contradiction" and f.recommendation_id == "GL-3" for f in flipped.findings
    )
    overstated = bot.check("For older inpatients with glimmer pain the panel strongly recommends an early walking plan over bed rest.")
    assert any(f.kind == "strength_overstated" and f.recommendation_id == "GL-4a" for f in overstated.findings), overstated.findings


def test_a_pdf_titled_untitled_gets_its_first_page_title(tmp_path: Path, hashing_model: None) -> None:
    pack = _pack(tmp_path, shared_opening_pdf(), "GL")  # reportlab writes the metadata title "untitled"
    pack_yaml = yaml.safe_load((pack / "pack.yaml").read_text())
    assert pack_yaml["title"] == "Invented guideline on glimmer pain in hospital"
    assert pack_yaml["short_name"] == "Invented guideline on glimmer pain", "cut at a word, no joining word left at the end"
    source = yaml.safe_load((pack / "sources.yaml").read_text())["documents"][0]
    assert source["title"] == "Invented guideline on glimmer pain in hospital"


def test_a_follow_up_never_takes_a_statement_number_as_the_users_words(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, shared_opening_pdf(), "GL"))
    first = bot.ask("What does recommendation 3 say?")
    assert first.answer.recommendation_ids[:1] == ("GL-3",), first.answer.summary
    follow = bot.ask("and what if they can't take it?", session_id=first.session_id)
    assert not any(word.isdigit() for word in follow.resolved_question.split()), follow.resolved_question


def test_discussion_under_sibling_headings_after_a_numbered_heading_links_to_it(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, numbered_heading_pdf(), "GL"))
    index = bot.engines[0].index
    for number, discussion in SIBLING_DISCUSSION.items():
        passage = next(p for p in index.passages if discussion[:50] in " ".join(p.text.split()))
        assert passage.recommendation_id == f"GL-{number}", (number, passage.recommendation_id, passage.section_path)


def test_a_question_citing_a_recommendation_by_number_gets_that_item_or_is_not_found(new_pack) -> None:
    pdf, bot = new_pack
    numbers = sorted({expected.number for expected in pdf.expected})
    for number in numbers:
        answer = bot.ask(f"What does recommendation {number} say?").answer
        assert answer.status is AnswerStatus.ANSWERED, (number, answer.summary)
        assert bot.rec_set.get(answer.recommendation_ids[0]).number == number, (number, answer.recommendation_ids)
    missing = bot.ask(f"What does recommendation {numbers[-1] + 5} say?").answer
    assert missing.status is AnswerStatus.NOT_FOUND and missing.uncovered == (f"recommendation {numbers[-1] + 5}",), missing
    assert not missing.recommendation_ids and not missing.quotes


def test_the_guard_grades_no_claim_against_a_strength_or_certainty_the_publication_does_not_give(
    tmp_path: Path, hashing_model: None
) -> None:
    bot = _bot(_pack(tmp_path, consensus_pdf(), "GL"))  # a consensus paper: its statements are ungraded
    graded = bot.check(
        "The panel strongly recommends measuring glimmer levels by quantitative assay at diagnosis (high-certainty evidence)."
    )
    kinds = {f.kind for f in graded.findings}
    assert not kinds & {"strength_overstated", "strength_understated", "certainty_mismatch"}, graded.findings
    weak = bot.check(
        "The panel only weakly suggests measuring glimmer levels by quantitative assay at diagnosis, on low-certainty evidence."
    )
    assert not {f.kind for f in weak.findings} & {"strength_overstated", "strength_understated", "certainty_mismatch"}, weak.findings

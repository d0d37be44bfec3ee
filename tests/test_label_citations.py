"""Statements cited in the publication's own label words and letter parts ('Rec. 7b', 'Statement 4') on packs made by pack init."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml
from house_style_pdfs import house_pdf
from house_styles import STYLES
from test_cli import invoke
from test_uncurated_packs import _bot

from chatbot.guard.citations import cited_numbers
from chatbot.guard.context import part_counts
from chatbot.pack_init import _citation_words
from chatbot.packs.domain import Domain
from chatbot.recs.extraction import ExtractedRecommendation
from chatbot.recs.merging import OfficialStatement
from chatbot.recs.schema import Certainty, Direction, Kind, Strength

_KIDNEY = "For children with duskpox and kidney failure"


def _style_pack(folder: Path, name: str) -> Path:
    """`chatbot pack init` on the generated guideline in one house style."""
    style = next(style for style in STYLES if style.name == name)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guideline.pdf").write_bytes(house_pdf(style).data)
    pack = folder / "new-pack"
    result = invoke(
        "pack",
        "init",
        str(pack),
        "--from",
        str(folder / "guideline.pdf"),
        "--id-prefix",
        "GL",
        env={"CHATBOT_INDEX_DIR": str(folder / "index")},
    )
    assert result.exit_code == 0, result.output
    return pack


def test_a_cited_number_carries_its_letter_part_and_the_publications_own_label_word() -> None:
    domain = Domain.model_validate({"parts": {"g": {"title": "G", "short_name": "G", "citation_words": ["Statement", "Rec."]}}})
    cited = cited_numbers("Rec. 7b and Statement 4, unlike recommendation 12 or the 7th recommendation", domain)
    assert [(c.number, c.letter) for c in cited] == [(7, "b"), (4, None), (12, None), (7, None)]
    assert [c.number for c in cited_numbers("Statement 4 says so", Domain())] == []  # not a label word of this publication
    assert cited[0].names(_item(7, "b")) and not cited[0].names(_item(7, "a")) and cited[1].names(_item(4, "a"))


def _item(number: int, part: str | None = None, printed: str | None = None) -> SimpleNamespace:
    """What a citation is matched against: an item's running number, part, guideline and printed number."""
    return SimpleNamespace(number=number, part=part, guideline="g", labels={"number": printed} if printed else {})


def test_a_section_style_number_names_the_item_printed_with_it_not_its_running_number() -> None:
    cited = cited_numbers("Recommendation 4.2.1a strongly recommends it", Domain())
    assert [(c.number, c.printed, c.letter) for c in cited] == [(4, "4.2.1", "a")]
    assert cited[0].names(_item(15, "a", "4.2.1")) and not cited[0].names(_item(4, "a", "2.2.2"))
    assert not cited[0].names(_item(15, "b", "4.2.1"))  # another part of 4.2.1
    assert cited[0].names(_item(4, "a"))  # a set whose numbers are plain: its first component, as before


def test_pack_init_keeps_the_label_words_and_a_question_citing_a_letter_part_gets_that_part(tmp_path: Path, hashing_model: None) -> None:
    pack = _style_pack(tmp_path, "rec-cell-bracketed")
    assert yaml.safe_load((pack / "domain.yaml").read_text())["parts"]["new-pack"]["citation_words"] == ["Rec."]
    bot = _bot(pack)
    assert part_counts(bot.rec_set) == {"new-pack": 3}  # 7a and 7b are one recommendation ('it has 3 recommendations')
    assert bot.ask("What does Rec. 7b say?").answer.recommendation_ids[:1] == ("GL-7b",)
    flipped = bot.check(f"Rec. 7b: {_KIDNEY}, the panel suggests oxabrine.")
    assert any(f.kind == "direction_contradiction" and f.recommendation_id == "GL-7b" for f in flipped.findings), flipped.findings
    unknown = bot.check(f"Rec. 7c: {_KIDNEY}, the panel suggests against oxabrine.")
    assert unknown.verdict == "fail" and unknown.findings[0].kind == "unknown_recommendation", unknown.findings
    assert bot.check(f"Rec. 7b: {_KIDNEY}, the panel suggests against oxabrine.").verdict == "pass"


def test_a_statement_cited_by_the_publications_word_is_read_as_that_statement(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_style_pack(tmp_path, "statement-summary-only"))
    assert bot.check(f"Statement 4: {_KIDNEY}, the panel suggests against oxabrine.").verdict == "pass"
    assert bot.check("Statement 2 advises oxabrine.").findings[0].kind == "unknown_recommendation"  # its numbers start at 3


def _statement(number: int, part: str | None, label_word: str = "") -> OfficialStatement:
    item = ExtractedRecommendation(
        number, part, "We recommend X.", 1, 0, 15, Kind.RECOMMENDATION, Direction.FOR, Strength.STRONG, Certainty.LOW, label_word=label_word
    )
    return OfficialStatement("doc", "g", item)


def test_statements_printed_with_bare_numbers_take_the_label_word_their_own_text_cites_them_by() -> None:
    text = "13a [1B] We recommend not using X in infants. Evidence. As statement 13a says, trials found no benefit."
    assert _citation_words([_statement(13, "a")], text) == ["statement"]
    assert _citation_words([_statement(13, "a")], "13a [1B] We recommend not using X. See table 13a and page 4.") == []
    assert _citation_words([_statement(13, "a")], "13a [1B] We recommend not using X; statement 99 is elsewhere.") == []
    assert _citation_words([_statement(4, None, "Rec.")], "Rec. 4 We recommend X. As statement 4 says ...") == ["Rec."]

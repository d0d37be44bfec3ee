"""Claims and questions read against a pack made by `pack init` alone: words the publication never uses, and the form of a claim."""

from __future__ import annotations

from pathlib import Path

import yaml
from guideline_pdfs import CONSENSUS, consensus_pdf
from test_uncurated_packs import _bot, _pack
from uncurated_pdfs import claimed_pdf, period_pdf, shared_opening_pdf, sibling_pdf, whom_pdf

from chatbot.guard.claims import direction_of, read_clauses, without_phrases
from chatbot.guard.negated import rejected_by_item
from chatbot.index.lexical import tokenize
from chatbot.packs.initialisms import Initialisms
from chatbot.packs.lexicon import lexicon_groups

WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)


def test_a_topic_of_only_the_commonest_english_words_names_nothing_an_item_rejects() -> None:
    # "take particular care" is what a caution statement advises, even where its discussion says "do not take ..."
    negated = (frozenset(), frozenset(tokenize("take abrupt stop")), frozenset(), frozenset())  # the comparator: none
    idle = frozenset(tokenize("take make use give"))
    assert not rejected_by_item("Clinicians should take particular care", "for", negated, frozenset(tokenize("particular care")), idle)
    assert rejected_by_item("Clinicians should stop abruptly", "for", negated, frozenset(tokenize("clinicians")), idle), "its own topic"


def test_the_supporting_evidence_advises_nothing_and_is_preferred_to_names_what_is_rejected() -> None:
    assert direction_of("the supporting evidence is rated very low (type 4).") is None
    assert direction_of("CDC supports offering naloxone") == "for"
    clause = read_clauses("Detoxification alone is preferred to medication treatment.")[0]
    assert clause.preferred == "Detoxification alone is preferred "


def test_a_three_letter_clipping_reads_as_the_word_family_it_opens() -> None:
    shorthand = Initialisms.from_texts(["Toxicology testing helps. Urine toxicology results and toxicology panels vary by toxicology lab."])
    assert shorthand.spelled_out("urine tox screen?") == "urine toxicology screen?"
    assert shorthand.clipped("tab") is None, "an English word is no clipping"


def test_wordnet_gives_the_other_names_of_a_drug_the_publication_names() -> None:
    used = {"naloxone", "benzodiazepines", "analgesic"}
    groups = lexicon_groups(["naloxone", "benzodiazepines", "analgesic", "doses"], used, WORDNET, {"benzodiazepines"})
    assert ["naloxone", "Narcan"] in groups
    benzodiazepines = next(g for g in groups if g[0] == "benzodiazepines")
    assert {"Xanax", "alprazolam", "Valium"} <= set(benzodiazepines), "a kind the text never names reads as the class it advises on"
    assert "Tylenol" not in next(g for g in groups if g[0] == "analgesic"), "a class no statement advises on gathers no kinds"
    assert not any(g[0] == "doses" for g in groups), "a common word's drug sense makes no group"
    named = lexicon_groups(["benzodiazepines"], {"benzodiazepines", "alprazolam"}, WORDNET, {"benzodiazepines"})
    assert "Xanax" not in named[0], "a kind the text names itself keeps its own name"
    assert lexicon_groups(["naloxone"], {"naloxone"}, Path("/nonexistent")) == []


def test_a_question_in_a_brand_name_finds_the_statement_on_its_drug(tmp_path: Path, hashing_model: None) -> None:
    pack = _pack(tmp_path, claimed_pdf(), "GL")
    assert ["naloxone", "Narcan"] in yaml.safe_load((pack / "synonyms.yaml").read_text())["groups"]
    answer = _bot(pack).ask("Should we hand out Narcan when they go home?").answer
    assert answer.recommendation_ids[:1] == ("GL-2",), answer.recommendation_ids


def test_a_statements_long_acting_makes_no_long_term_claim_about_it(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, claimed_pdf(), "GL"))
    report = bot.check("The panel recommends a yearly hearing test for patients on long-term orbiclast.")
    assert not any(f.recommendation_id == "GL-1" for f in report.findings), report.findings
    reversed_ = bot.check("For adults with glimmer pain, the panel prefers extended-release velmidone to immediate-release velmidone.")
    assert any(f.kind == "direction_contradiction" and f.recommendation_id == "GL-1" for f in reversed_.findings), reversed_.findings


def test_a_claim_that_the_rejected_option_is_preferred_to_the_advised_one_contradicts_it(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, shared_opening_pdf(), "GL"))
    report = bot.check("For older adults admitted with glimmer pain, usual care is preferred to warm compresses twice a day.")
    assert any(f.kind == "direction_contradiction" and f.recommendation_id == "GL-1" for f in report.findings), report.findings


def test_a_unit_of_time_alone_names_no_item_but_its_own_period_does(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, period_pdf(), "GL"))
    report = bot.check("Tapering by 30% each week is strongly recommended by the panel.")
    assert [(f.kind, f.recommendation_id) for f in report.findings] == [("unsupported_detail", "GL-2")], report.findings
    graded = bot.check("Reviewing within 2-6 weeks is a strong recommendation of the panel.")
    assert [(f.kind, f.recommendation_id) for f in graded.findings] == [("strength_overstated", "GL-1")], graded.findings


def test_of_two_statements_advising_the_same_the_one_for_the_patients_a_claim_names_is_read(tmp_path: Path, hashing_model: None) -> None:
    pack = _pack(tmp_path, whom_pdf(), "GL")
    assert "pain" in yaml.safe_load((pack / "domain.yaml").read_text())["facets"], "the facet is the publication's own"
    bot = _bot(pack)
    report = bot.check("For chronic pain, the panel strongly recommends orbiclast gel over velmidone tablets.")
    assert report.verdict == "pass", report.findings  # a curated title would say "... for chronic pain"
    acute = bot.check("For acute pain, the panel strongly recommends orbiclast gel over velmidone tablets.")
    assert [(f.kind, f.recommendation_id) for f in acute.findings] == [("strength_overstated", "GL-2")], acute.findings


def test_pack_init_on_a_consensus_paper_drafts_the_sentences_its_authors_advise_in(tmp_path: Path, hashing_model: None) -> None:
    pack = _pack(tmp_path, consensus_pdf(), "GL")
    draft = yaml.safe_load((pack / "recommendations" / "draft.yaml").read_text())["items"]
    assert [(item["id"], item["direction"], item["strength"]) for item in draft] == [
        ("GL-1", "for", "unknown"),
        ("GL-2", "for", "unknown"),
        ("GL-3", "against", "unknown"),
        ("GL-4", "research_only", "not_applicable"),
    ]
    assert all(item["labels"]["grade"] == "not graded" for item in draft)
    bot = _bot(pack)
    assert [rec.id for rec in bot.rec_set.items] == ["GL-1", "GL-2", "GL-3", "GL-4"]
    answer = bot.ask(CONSENSUS[3]).answer
    assert answer.recommendation_ids[:1] == ("GL-3",), answer.recommendation_ids


def test_wordnet_gives_a_rare_conditions_synonyms_and_a_substances_kinds_named_after_it() -> None:
    used = {"albuminuria", "glucose", "hemodialysis", "receptor"}
    groups = lexicon_groups(["albuminuria", "glucose", "hemodialysis", "receptor"], used, WORDNET, {"glucose", "receptor"})
    assert ["albuminuria", "proteinuria"] in groups, "a rare condition's one sense gives its synonyms"
    assert ["hemodialysis", "haemodialysis"] in groups, "and a procedure's other spelling"
    glucose = next(g for g in groups if g[0] == "glucose")
    assert "dextrose" in glucose, "a kind of a substance the statements advise on, named after it ('dextroglucose')"
    assert "glucosamine" not in glucose, "a kind not named after it is something else"
    assert not any(g[0] == "receptor" for g in groups), "only a substance's kinds"


def test_a_drug_the_text_names_only_once_gets_its_other_names() -> None:
    from chatbot.packs.starter import starter_synonyms

    text = "Continue the MRA. Two trials let more people continue spironolactone. Review any ACE inhibitor and each dose."
    groups = yaml.safe_load(starter_synonyms(text, ["The panel suggests continuing the MRA in adults with CKD."], (), WORDNET))["groups"]
    assert ["spironolactone", "Aldactone"] in groups, "one use is enough: WordNet's drug sense is the evidence"


def test_two_capitals_read_as_the_initials_of_a_compound_word_of_the_text() -> None:
    texts = ["Adults receiving maintenance hemodialysis. Dialysis adequacy matters. Hemodialysis sessions and hemodialysis access."]
    shorthand = Initialisms.from_texts(texts)
    assert shorthand.spelled_out("SZC for HD patients?") == "SZC for hemodialysis patients?"
    assert shorthand.compound("HA") is None, "no compound of the text has those initials"
    phrases = Initialisms.from_texts([*texts, "High dose. The high dose arm. A high dose was used."])
    assert phrases.compound("HD") is None, "a phrase of two words with those initials makes the token ambiguous"
    prefixed = Initialisms.from_texts(["A nonbenzodiazepine hypnotic. Benzodiazepine use. Nonbenzodiazepine drugs; nonbenzodiazepine."])
    assert prefixed.compound("NB") is None, "an English word before the part ('non') is a prefix, not a part with an initial"


def _found(report) -> list[tuple[str, str | None]]:
    """A report's findings as (kind, recommendation id)."""
    return [(f.kind, f.recommendation_id) for f in report.findings]


def test_a_claim_matching_sibling_statements_equally_is_read_against_the_one_it_does_not_contradict(
    tmp_path: Path, hashing_model: None
) -> None:
    bot = _bot(_pack(tmp_path, sibling_pdf(), "GL"))
    assert bot.check("Orbiclast gel is suggested (conditional recommendation, low certainty).").verdict == "pass", "2a, not 2b"
    assert bot.check("The panel suggests against orbiclast gel (conditional, very low certainty).").verdict == "pass", "2b, not 2a"
    overstated = bot.check("Orbiclast gel is strongly recommended.")
    assert _found(overstated) == [("strength_overstated", "GL-2a")], overstated.findings
    reversed_ = bot.check("Orbiclast gel as the only treatment is suggested by the panel.")
    assert ("direction_contradiction", "GL-2b") in _found(reversed_), "no tie: a contradiction still fails"


def test_a_without_the_statement_itself_says_is_part_of_its_option(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, sibling_pdf(), "GL"))
    agreeing = bot.check("After a fall: strong recommendation against kestravir patches without a skin check (low certainty evidence).")
    assert agreeing.verdict == "pass", agreeing.findings
    reversed_ = bot.check("After a fall, the panel recommends kestravir patches without a skin check.")
    assert ("direction_contradiction", "GL-3") in _found(reversed_), reversed_.findings
    assert without_phrases("rifaximin (with or without fibre)") == (), "with or without excludes nothing"
    assert without_phrases("chemotherapy alone without a TKI") == ("tki",)


def test_a_cited_number_the_set_lacks_is_named_by_the_id_its_numbering_would_give(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, sibling_pdf(), "GL"))
    assert _found(bot.check("See Recommendation 2c for orbiclast gel.")) == [("unknown_recommendation", "GL-2c")]
    assert ("unknown_recommendation", "GL-9") in _found(bot.check("Recommendation 9 advises kestravir patches for everyone."))

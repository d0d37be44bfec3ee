"""What a pack made by `pack init` reads from its publication: abbreviations, field words; reference lists left out."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from guideline_pdfs import cdc_guideline_pdf
from test_cli import invoke

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.index.build import lexical_text
from chatbot.ingest.bibliography import is_reference_list
from chatbot.packs.domain import Domain, Facet, FacetValue
from chatbot.packs.starter import (
    defined_abbreviations,
    derived_facets,
    field_words,
    scope_age_band,
    scope_exclusions,
    starter_synonyms,
)
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.schema import Population, Recommendation, RecommendationSet, Status
from chatbot.types import Passage

REFERENCES = (
    "1. Quill AB, Tern CD, Heron E, et al. Velmidone for glimmer pain: an invented trial. J Invent Med 2019;12:101-9. "
    "PMID:12345678 https://doi.org/10.0000/jim.2019.1 2. Wren F, Lark G. Orbiclast in older adults. Invent Pain 2020;4(2):e33. "
    "doi:10.0000/ip.2020.33 3. Finch H, Swift J, et al. Warm compresses at night. Made Up Rev 2021;7:55-60. PMID:23456789"
)
DISCUSSION = (
    "Four invented trials (12,13) compared warm compresses with usual care and found less glimmer pain by the third day; "
    "the panel judged the benefit moderate and the harms trivial, and noted that compresses cost little (see Smith et al.)."
)


def test_a_reference_list_is_told_from_discussion_that_cites() -> None:
    assert is_reference_list(REFERENCES)
    assert not is_reference_list(DISCUSSION)
    assert not is_reference_list("")


def test_abbreviations_in_the_plural_and_in_abbreviation_lists_are_read() -> None:
    text = (
        "Patients taking nonsteroidal anti-inflammatory drugs (NSAIDs) were excluded; NSAIDs and one NSAID were compared.\n"
        "Abbreviations: mg = milligram; GPI = glimmer pain index."
    )
    found = dict((abbreviation, long) for long, abbreviation in defined_abbreviations(text))
    assert found == {"NSAID": "nonsteroidal anti-inflammatory drugs", "GPI": "glimmer pain index"}
    groups = yaml.safe_load(starter_synonyms(text, []))["groups"]
    assert ["nonsteroidal anti-inflammatory drugs", "NSAID", "NSAIDs"] in groups and ["glimmer pain index", "GPI"] in groups


def test_field_words_are_the_texts_recurring_rare_words_and_place_a_question_in_the_field() -> None:
    text = "velmidone " * 3 + "orbiclast " * 2 + "patients " * 4 + "Velmidone Quill Quill Quill"
    assert field_words(text, frozenset({"patients"}), set()) == ["velmidone"]  # lower-case, three times, rare in English
    assert field_words(text, frozenset(), {"velmidone"}) == ["patients"]
    common = "which would there about their these those other after where could first years never every since still place".split()
    keyed = "withdrawal " * 6 + " ".join(common * 4)  # a word used once in a while is no key word, however common
    assert field_words(keyed, frozenset(["withdrawal", *common]), set()) == ["withdrawal"], "used far more often than in English"
    thesaurus = Thesaurus(groups=(), domain_terms=(), field_words=frozenset({"velmidone"}))
    assert thesaurus.mentions_domain("What dose of Velmidone for a 9-year-old?")
    assert not thesaurus.mentions_domain("Which statin for high cholesterol?")


def test_an_uncurated_items_passages_lend_bm25_what_its_statement_is_about() -> None:
    stated, extracted, reported = "as stated in the official statement", Status.EXTRACTED, Status.REPORTED

    def rec(rec_id: str, title: str, keywords: tuple[str, ...], intervention: str, comparator: str | None, status: Status, **facets):
        population = Population(description=stated, **facets)
        return Recommendation.model_construct(
            id=rec_id,
            title=title,
            keywords=keywords,
            intervention=intervention,
            comparator=comparator,
            status=status,
            population=population,
        )

    described = rec("GL-1", "Recommendation 1", (), "warm compresses", "usual care", extracted, pain="acute")
    curated = rec("GL-2", "Compresses", ("heat",), "warm compresses", None, reported)
    undescribed = rec("GL-3", "Recommendation 3", (), stated, None, extracted)
    unworded = rec("GL-4", "Rest", (), "bed rest", None, reported)
    values = {"acute": FacetValue(phrases=("acute",), words="acute glimmer pain")}
    domain = Domain(facets={"pain": Facet(conflict="{named} pain, but the item covers {covered} pain", values=values)})
    rec_set = RecommendationSet.model_construct(items=[described, curated, undescribed, unworded], domain=domain)

    def passage(rec_id: str) -> Passage:
        return Passage("p", "d", "Discussion.", ("Guideline", "Recommendation"), 0, 11, recommendation_id=rec_id)

    assert lexical_text(passage("GL-1"), rec_set).endswith("Recommendation 1 warm compresses usual care acute glimmer pain")
    assert lexical_text(passage("GL-2"), rec_set).endswith("Compresses heat")  # a curated item's keywords, as before
    assert lexical_text(passage("GL-3"), rec_set).endswith("Recommendation 3")
    assert lexical_text(passage("GL-4"), rec_set).endswith("Rest")  # a curated item without keywords lends only its title


def test_pack_init_leaves_the_reference_list_out_of_the_index(tmp_path: Path, hashing_model: None) -> None:
    source = tmp_path / "guideline.md"
    source.write_text(
        "# Invented guideline on glimmer pain\n\n## Recommendations\n\n"
        "Recommendation 1. In adults with glimmer pain, the panel recommends warm compresses over usual care "
        "(strong recommendation, moderate certainty in the evidence of effects).\n\n"
        f"{DISCUSSION}\n\n## References\n\n{REFERENCES}\n"
    )
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    texts = [" ".join(p.text.split()) for p in bot.engines[0].index.passages]
    assert any("Four invented trials" in t for t in texts)
    assert not any("Quill AB" in t or "PMID" in t for t in texts), texts


def test_a_pack_of_a_cdc_style_guideline_reads_its_grading_words(tmp_path: Path, hashing_model: None) -> None:
    source = tmp_path / "guideline.pdf"
    source.write_bytes(cdc_guideline_pdf().data)
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    domain = yaml.safe_load((pack / "domain.yaml").read_text())
    assert "(?:recommendation )?category A" in domain["grading"]["strength"]["strong"]
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    understated = bot.check("Recommendation 3 is only category B.")
    assert any(f.kind == "strength_understated" and f.recommendation_id == "GL-3" for f in understated.findings), understated.findings
    certainty = bot.check("Recommendation 2 is category B with evidence type 1.")
    assert any(f.kind == "certainty_mismatch" and f.recommendation_id == "GL-2" for f in certainty.findings), certainty.findings


def test_the_publications_age_range_bounds_every_uncurated_item(tmp_path: Path, hashing_model: None) -> None:
    assert scope_age_band("for outpatients aged ≥18 years ... among persons aged 65 years or older ... aged ≥18 years") == "18-120"
    assert scope_age_band("adolescents aged 15–39 years") == "15-39"
    assert scope_age_band("adults aged 70 years or older; aged 65 or over; aged 65 or over") is None  # another range is stated more
    source = tmp_path / "guideline.md"
    source.write_text(
        "# Invented guideline on glimmer pain\n\nThis guideline covers outpatients aged ≥18 years with glimmer pain.\n\n"
        "## Recommendations\n\nRecommendation 1. The panel recommends warm compresses over usual care for glimmer pain "
        "(strong recommendation, moderate certainty in the evidence of effects).\n"
    )
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    assert bot.rec_set.get("GL-1").population.age_band == "18-120"
    report = bot.check("Per Recommendation 1, a 12-year-old with glimmer pain should get warm compresses over usual care.")
    assert any(f.kind == "population_mismatch" and f.recommendation_id == "GL-1" for f in report.findings), report.findings


def test_the_populations_a_publication_excludes_are_read_into_its_domain(tmp_path: Path, hashing_model: None) -> None:
    text = "These recommendations do not apply to pain related to glimmer fever or cancer or to patients receiving palliative care."
    assert [e["name"] for e in scope_exclusions(text)] == ["glimmer fever", "cancer", "palliative care"]
    assert scope_exclusions("The panel recommends compresses.") == []
    assert scope_exclusions("This recommendation does not apply to patients with glimmer fever.") == []  # one item's scope
    left_out = scope_exclusions(
        "The guideline does not address children, glimmer transplant recipients or people receiving zentoparin infusions. "
        "The following topics are not addressed: velmidone, antiviral drugs (including kestravir) and the long-term "
        "management of recurrent glimmer cough after the illness. The panel makes no recommendation on lamination or other "
        "wraps, which were outside the scope."
    )
    names = [e["name"] for e in left_out]
    assert names == [
        "children", "glimmer transplant recipients", "zentoparin infusions", "velmidone", "antiviral drugs", "kestravir",
        "lamination", "other wraps",
    ]  # fmt: skip
    assert re.fullmatch(left_out[1]["phrases"][0], "glimmer transplant recipient"), "one of them is named as well"
    applies = scope_exclusions(
        "The guideline applies to adults aged 18 years or older with glimmer fever. It does not apply to children aged 16 years "
        "or older; to pregnant or breastfeeding women; to right-sided (caecal or ascending) glimmer fever; or to infants with "
        "zentopathy."
    )
    assert [e["name"] for e in applies] == [
        "aged 16 years", "pregnant", "breastfeeding women", "right-sided", "caecal", "ascending glimmer fever", "zentopathy",
    ]  # fmt: skip
    assert scope_age_band("The guideline addresses adults (18 years or older) with glimmer fever.") == "18-120"
    pointers = scope_exclusions("The panel makes no recommendation on these. Topics not addressed: heliox (other than statement 16).")
    assert [e["name"] for e in pointers] == ["heliox"], "a word pointing elsewhere names nothing left out"
    assert [e["name"] for e in scope_exclusions(text, ["In adults with cancer, the panel suggests ..."])] == [
        "glimmer fever",
        "palliative care",
    ]
    source = tmp_path / "guideline.md"
    source.write_text(
        f"# Invented guideline on glimmer pain\n\n{text}\n\n## Recommendations\n\nRecommendation 1. The panel recommends warm "
        "compresses over usual care for glimmer pain (strong recommendation, moderate certainty in the evidence of effects).\n"
    )
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    report = bot.check("Per Recommendation 1, glimmer pain from metastatic cancer should be treated with warm compresses over usual care.")
    assert any(f.kind == "population_mismatch" and f.recommendation_id == "GL-1" for f in report.findings), report.findings


def test_values_a_statement_coordinates_become_a_facet_of_the_pack(tmp_path: Path, hashing_model: None) -> None:
    statements = {
        1: "In adults with acute pain, the panel recommends warm compresses over usual care",
        2: "In adults with subacute or chronic pain, the panel suggests a walking plan over bed rest",
        3: "In adults with acute, subacute, or chronic pain, the panel recommends a pain diary over no diary",
    }
    facets, named = derived_facets(list(statements.values()))
    assert list(facets) == ["pain"] and list(facets["pain"]["values"]) == ["subacute_or_chronic", "acute", "subacute", "chronic"]
    assert named == [{"pain": "acute"}, {"pain": "subacute_or_chronic"}, {}]
    label = "(strong recommendation, moderate certainty in the evidence of effects)"
    body = "\n\n".join(f"Recommendation {n}. {text} {label}." for n, text in statements.items())
    source = tmp_path / "guideline.md"
    source.write_text(f"# Invented guideline on pain\n\n## Recommendations\n\n{body}\n")
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    report = bot.check("Per Recommendation 1, adults with chronic pain should get warm compresses over usual care.")
    assert any(f.kind == "population_mismatch" and f.recommendation_id == "GL-1" for f in report.findings), report.findings
    assert bot.check("Per Recommendation 2, adults with chronic pain should be offered a walking plan over bed rest.").verdict == "pass"

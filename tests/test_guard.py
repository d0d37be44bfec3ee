"""The rules guard: quotes re-verified by offsets, and free text checked claim by claim against the set."""

from dataclasses import replace
from pathlib import Path

import pytest
from corpora import pack_guard_context

from chatbot.config import load_settings
from chatbot.guard.check import GuardContext, check_answer, check_text, verify_quote
from chatbot.ingest.chunking import chunk_document
from chatbot.ingest.readers import read_document
from chatbot.ingest.sources import load_sources
from chatbot.packs.synonyms import Thesaurus, load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.schema import linked_recommendation_id
from chatbot.types import Answer, AnswerStatus, Document, DocumentKind, Passage, Quote

CORPUS = Path(__file__).parents[1] / "corpus"
TEXT = "Invented heading\n\nDrug X is favoured over drug Y for invented patients. Monitor weekly."


def _document() -> Document:
    return Document(id="doc", title="Invented", kind=DocumentKind.OFFICIAL, path="doc.md", text=TEXT, sha256="0" * 64)


def _quote(text: str, start: int) -> Quote:
    return Quote(text, "doc", "Invented", DocumentKind.OFFICIAL, "", None, start, start + len(text), None, verified=True)


def test_exact_slice_is_verified_and_altered_text_is_not() -> None:
    documents = {"doc": _document()}
    sentence = "Drug X is favoured over drug Y for invented patients."
    good = verify_quote(_quote(sentence, TEXT.index(sentence)), documents)
    altered = verify_quote(_quote(sentence.replace("favoured", "preferred"), TEXT.index(sentence)), documents)
    shifted = verify_quote(_quote(sentence, TEXT.index(sentence) + 1), documents)
    assert good.verified and not altered.verified and not shifted.verified
    assert not verify_quote(replace(good, document_id="other"), documents).verified


def test_verdicts() -> None:
    rec_set = load_recommendations(Path(__file__).parents[1] / "corpus")
    sentence = "Monitor weekly."
    quote = _quote(sentence, TEXT.index(sentence))
    passing = Answer(AnswerStatus.ANSWERED, "", (quote,), ("FL-pediatric-inspired-regimen",))
    assert check_answer(passing, GuardContext.build(rec_set, Thesaurus((), ()), ())).verdict == "pass"
    unverified = replace(passing, quotes=(replace(quote, verified=False),))
    report = check_answer(unverified, GuardContext.build(rec_set, Thesaurus((), ()), ()))
    assert report.verdict == "fail" and [f.kind for f in report.findings] == ["unverifiable_quote"]
    unknown = replace(passing, recommendation_ids=("FL-no-such-item",))
    report = check_answer(unknown, GuardContext.build(rec_set, Thesaurus((), ()), ()))
    assert report.verdict == "fail" and report.findings[0].recommendation_id == "FL-no-such-item"


# --- free text against the project's recommendation set ------------------------------------------


@pytest.fixture(scope="module")
def context() -> GuardContext:
    """The guard over the default corpus's digest passages (no embeddings needed)."""
    rec_set = load_recommendations(CORPUS)
    (source,) = load_sources(CORPUS)
    document = read_document(source, CORPUS)

    def link(path: tuple[str, ...], text: str) -> str | None:
        return next((found for title in reversed(path) if (found := linked_recommendation_id(title, rec_set))), None)

    passages = tuple(chunk_document(document, load_settings(), link))
    return GuardContext.build(rec_set, load_thesaurus(CORPUS), passages)


def _kinds(context: GuardContext, text: str) -> tuple[str, list[tuple[str, str | None]]]:
    report = check_text(text, context)
    return report.verdict, [(f.kind, f.recommendation_id) for f in report.findings]


@pytest.mark.parametrize(
    "text",
    [
        "For newly diagnosed AYAs, a pediatric-inspired regimen is favoured over hyper-CVAD.",
        "Routine heparin prophylaxis is not advised during asparaginase therapy.",
        "Allo-HSCT in CR1 is not routinely recommended but may be considered for high-risk patients.",
        "After relapse and a new remission, transplant is an individualized, shared decision.",
        "Ph-negative patients do not need a TKI.",
        "ASH published the guidelines in Blood Advances.",
    ],
)
def test_faithful_statements_pass(context: GuardContext, text: str) -> None:
    assert _kinds(context, text) == ("pass", [])


@pytest.mark.parametrize(
    ("text", "verdict", "finding"),
    [
        (
            "Routine cryoprecipitate should be given to AYAs on asparaginase.",
            "fail",
            ("direction_contradiction", "FL-fibrinogen-replacement"),
        ),
        (
            "Hyper-CVAD is preferred over a pediatric-inspired regimen for young adults.",
            "fail",
            ("direction_contradiction", "FL-pediatric-inspired-regimen"),
        ),
        ("For Ph+ ALL, chemotherapy without a TKI is favoured.", "fail", ("direction_contradiction", "FL-ph-positive-tki")),
        ("Blinatumomab is favoured for reinduction of relapsed T-ALL.", "fail", ("population_mismatch", "RR-immunotherapy-reinduction")),
        ("A 45-year-old on asparaginase should not get routine heparin.", "fail", ("population_mismatch", "FL-heparin-vte-prophylaxis")),
        ("IT chemotherapy alone is preferred for bone marrow relapse.", "fail", ("population_mismatch", "RR-isolated-cns-relapse")),
        ("The panel recommends premedication before pegaspargase.", "warn", ("strength_overstated", "FL-asparaginase-premedication")),
        ("The panel suggests a pediatric-inspired regimen for AYAs.", "warn", ("strength_understated", "FL-pediatric-inspired-regimen")),
        (
            "Switching to Erwinia after a peg allergy rests on high-certainty evidence.",
            "warn",
            ("certainty_mismatch", "FL-asparaginase-hypersensitivity-switch"),
        ),
        ("Frontline recommendation 21 covers cranial irradiation.", "fail", ("unknown_recommendation", None)),
        (
            "The research-only recommendation says CAR-T consolidation should be studied.",
            "warn",
            ("placeholder_content", "RR-research-only"),
        ),
        ("Posaconazole prophylaxis should be given to all AYAs during induction.", "warn", ("unsupported_claim", None)),
    ],
)
def test_each_finding_kind(context: GuardContext, text: str, verdict: str, finding: tuple[str, str | None]) -> None:
    got_verdict, findings = _kinds(context, text)
    assert got_verdict == verdict and finding in findings


def test_a_quote_with_one_word_changed_names_the_closest_passage(context: GuardContext) -> None:
    exact = (
        "the panel recommends a pediatric-inspired, asparaginase-containing multi-agent chemotherapy regimen over an adult-inspired regimen"
    )
    assert _kinds(context, f'The digest says "{exact}".') == ("pass", [])
    report = check_text(f'The digest says "{exact.replace("multi-agent", "single-agent")}".', context)
    (finding,) = report.findings
    assert finding.kind == "unverifiable_quote" and finding.recommendation_id == "FL-pediatric-inspired-regimen"
    assert "similarity" in finding.message and finding.span is not None


def test_findings_point_at_the_clause_they_concern(context: GuardContext) -> None:
    text = "Heparin is not recommended, but cryoprecipitate should be given routinely."
    (finding,) = check_text(text, context).findings
    start, end = finding.span
    assert "cryoprecipitate should be given" in text[start:end] and "Heparin" not in text[start:end]


@pytest.mark.parametrize(
    ("text", "verdict", "finding"),
    [
        # A contrast states the preference by itself, with no verb ("X over Y" in notes).
        (
            "Board consensus: hyper-CVAD over a pediatric-inspired regimen in new AYA ALL.",
            "fail",
            ("direction_contradiction", "FL-pediatric-inspired-regimen"),
        ),
        # "prefers X to Y": the comparator comes after "to".
        (
            "The panel prefers an adult regimen such as hyper-CVAD to a pediatric-inspired one for AYAs.",
            "fail",
            ("direction_contradiction", "FL-pediatric-inspired-regimen"),
        ),
        (
            "Routine heparin prophylaxis is encouraged for AYAs on asparaginase.",
            "fail",
            ("direction_contradiction", "FL-heparin-vte-prophylaxis"),
        ),
        (
            "A pediatric-inspired regimen for AYAs is merely a conditional suggestion.",
            "warn",
            ("strength_understated", "FL-pediatric-inspired-regimen"),
        ),
    ],
)
def test_shorthand_preferences_and_understatement(context: GuardContext, text: str, verdict: str, finding: tuple[str, str | None]) -> None:
    got_verdict, findings = _kinds(context, text)
    assert got_verdict == verdict and finding in findings


def test_faithful_verbless_preference_passes(context: GuardContext) -> None:
    assert _kinds(context, "Board consensus: pediatric-inspired regimen over hyper-CVAD in new AYA ALL.") == ("pass", [])


def test_a_near_match_that_covers_the_named_patients_is_preferred_to_one_that_excludes_them() -> None:
    cdc = pack_guard_context(Path(__file__).parents[1] / "packs" / "cdc-opioids-2022")
    text = "Clinicians should reevaluate patients at least every two weeks while they keep receiving opioids for acute pain."
    assert _kinds(cdc, text) == ("pass", [])


def test_the_words_of_an_unverified_quote_are_checked_as_a_claim(context: GuardContext) -> None:
    verdict, findings = _kinds(context, 'The panel wrote: "hyper-CVAD is preferred over a pediatric-inspired regimen for young adults."')
    assert verdict == "fail"
    assert ("direction_contradiction", "FL-pediatric-inspired-regimen") in findings
    assert any(kind == "unverifiable_quote" for kind, _ in findings)


def test_an_unverified_quote_cited_by_number_names_that_recommendation() -> None:
    cdc = pack_guard_context(Path(__file__).parents[1] / "packs" / "cdc-opioids-2022")
    verdict, findings = _kinds(cdc, 'Rec 6 says "clinicians should always prescribe a thirty-day supply for acute pain".')
    assert verdict == "fail" and ("unverifiable_quote", "CDC-6") in findings


def test_content_given_to_a_placeholder_named_by_id_is_placeholder_content(context: GuardContext) -> None:
    verdict, findings = _kinds(context, "FL-unreported-02 says: give zoledronic acid to every AYA during induction.")
    assert verdict == "warn" and findings == [("placeholder_content", "FL-unreported-02")]


def test_grading_said_of_this_stays_on_the_item_before_it() -> None:
    cdc = pack_guard_context(Path(__file__).parents[1] / "packs" / "cdc-opioids-2022")
    text = "Urine drug testing can be weighed for patients on long-term opioids; CDC rates this as conditional (category B) with very low-certainty (type 4) evidence."
    assert _kinds(cdc, text) == ("pass", [])


def test_a_real_item_cited_by_id_is_compared_not_treated_as_a_placeholder(context: GuardContext) -> None:
    assert _kinds(context, "FL-fibrinogen-replacement: no routine cryoprecipitate for AYAs on asparaginase who are not bleeding.") == (
        "pass",
        [],
    )


def test_a_verbatim_quote_given_as_another_recommendations_is_unverifiable() -> None:
    dosing = "Prefer the shorter-acting tablets when a first course begins."  # invented passages, one per item
    benzo = "Take particular care when two sedating medicines are combined."
    passages = (
        Passage("p4", "doc", dosing, ("Recommendation 4",), 0, len(dosing), recommendation_id="CDC-4"),
        Passage("p8", "doc", benzo, ("Recommendation 8",), 0, len(benzo), recommendation_id="CDC-8"),
    )
    cdc = pack_guard_context(Path(__file__).parents[1] / "packs" / "cdc-opioids-2022", passages)
    verdict, findings = _kinds(cdc, f'Recommendation 8 states: "{dosing}"')
    assert verdict == "fail" and ("unverifiable_quote", "CDC-8") in findings
    assert _kinds(cdc, f'Recommendation 4 states: "{dosing}"')[1] == []
    shared = passages + (Passage("s", "doc", f"Summary. {dosing}", ("Summary",), 0, len(dosing) + 9),)
    summary = pack_guard_context(Path(__file__).parents[1] / "packs" / "cdc-opioids-2022", shared)
    assert ("unverifiable_quote", "CDC-8") not in _kinds(summary, f'Recommendation 8 states: "{dosing}"')[1]

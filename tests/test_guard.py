"""The guard re-verifies quotes by their offsets and refuses unknown recommendation ids."""

from dataclasses import replace
from pathlib import Path

from chatbot.guard import GuardContext, check_answer, verify_quote
from chatbot.recommendations import load_recommendations
from chatbot.synonyms import Thesaurus
from chatbot.types import Answer, AnswerStatus, Document, DocumentKind, Quote

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

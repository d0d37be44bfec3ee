"""The sentences and clauses of a question that ask, apart from the setting a vignette describes."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=\S)")
# A dash set off by spaces joins a description to what is asked of it: 'rash after his first dose, he is 30 - what now?'
_CLAUSE_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+(?=\S)")
# English: a clause that opens with a wh-word asks; one that opens with a wh-word or a question's verb is no description.
_QUESTION_START = re.compile(r"(?i)(?:what|which|who|how|when|where|why)\b")
_QUESTION_WORD = re.compile(r"(?i)\b(?:what|which|who|whom|how|when|where|why|whether|should|can|could|does|do|is|are)\b")
ONE_FACT_WORDS = 12
# English: a demonstrative standing for what was said before ('... handle that?', 'how should this change ...').
_REFERS_BACK = re.compile(
    r"(?i)\b(?:that|this)\s*[?!.]*\s*$|\b(?:how|what|why|when)\s+(?:should|would|could|does|do|did|will|might|can|is|are)\s+(?:that|this)\b"
)
# English words that refer to a patient, and a patient's age ('she', 'my patient', 'a 20yo', '34F')
_PATIENT = re.compile(
    r"(?i)\b(?:she|he|her|his|him|pt|pts|patient|patients|someone|adult|man|woman|son|daughter)\b|\b\d{1,3}\s?(?:yo|y/o|yrs?|years?|[MF])\b|\d-year"
)


def ask_sentences(question: str) -> list[tuple[int, int]]:
    """The spans of the sentences that ask: those ending in '?'; without one, those opening with a question's word; else all.

    A question that only points back at the sentence before it ('A patient uses kratom daily. How should that change my
    prescribing?', '... Does the guideline say anything about that?') asks about what that sentence says too.
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(question):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(question)))
    asking = [n for n, (s, e) in enumerate(spans) if question[s:e].rstrip().endswith("?")]
    if not asking and len(spans) > 1:  # 'urgent care, ankle sprain. what does the guideline say': a question's word opens it
        asking = [n for n, (s, _) in enumerate(spans) if _QUESTION_WORD.match(question, s)]
    referred = [
        n - 1
        for n in asking
        if n and n - 1 not in asking and _REFERS_BACK.search(question, *spans[n]) and _one_fact(question, *spans[n - 1])
    ]
    return [clause for n in sorted({*asking, *referred}) for clause in _asking_clauses(question, *spans[n])] or spans


def names_patient(text: str) -> bool:
    """Whether a text refers to a patient ('pts', 'she', 'a 20yo') in English."""
    return _PATIENT.search(text) is not None


def _one_fact(question: str, start: int, end: int) -> bool:
    """Whether a sentence states one short fact ('A patient uses kratom daily.'): one clause of at most ONE_FACT_WORDS words.

    A longer description is a vignette, setting for the question whatever points back at it.
    """
    return "," not in question[start:end] and len(question[start:end].split()) <= ONE_FACT_WORDS


def _asking_clauses(question: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of an asking sentence that ask: a wh-question a dash sets after a patient's description asks alone.

    'a rash after his first dose, he is 30 - what now?' reads as two sentences, the vignette and the question, like a
    vignette's own sentence before an asking one. A clause before the dash that itself asks, or names no patient, stays
    part of the ask ('a new drug for back pain - is it covered?').
    """
    clauses, begin = [], start
    for match in _CLAUSE_DASH.finditer(question, start, end):
        clauses.append((begin, match.start()))
        begin = match.end()
    clauses.append((begin, end))
    *before, last = clauses
    if not before or not _QUESTION_START.match(question, last[0]):
        return [(start, end)]
    described = all(not _QUESTION_WORD.match(question, s) and _PATIENT.search(question, s, e) for s, e in before)
    return [last] if described else [(start, end)]

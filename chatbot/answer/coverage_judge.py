"""A seam for a learned coverage decision: what the rules saw of a question and its lead item, and a judge's verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from chatbot.answer.candidates import Candidate, ItemTexts
    from chatbot.answer.coverage import Ask
    from chatbot.answer.retrieval import SearchResult
    from chatbot.answer.vocabulary import CorpusVocabulary
    from chatbot.index.store import LoadedIndex


@dataclass(frozen=True)
class CoverageCase:
    """A question at the coverage decision: its search, asks, ranked candidates, the lead, and what the rules found."""

    search: SearchResult
    asks: tuple[Ask, ...]
    candidates: tuple[Candidate, ...]
    chosen: Candidate
    details_missing: bool  # a detail asked for (a dose, a level) that the answering texts do not give
    texts: ItemTexts
    index: LoadedIndex
    vocabulary: CorpusVocabulary


@dataclass(frozen=True)
class Judged:
    """A judge's verdict: abstain or answer, and the ask to name when it abstains where the rules would answer."""

    abstain: bool
    ask: str = ""


class CoverageJudge(Protocol):
    """Decides whether the lead item addresses the question; None leaves it to the rules."""

    def judge(self, case: CoverageCase) -> Judged | None: ...

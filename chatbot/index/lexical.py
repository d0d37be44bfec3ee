"""Tokenisation (once, for index and query alike) and the BM25 index (bm25s wrapped here only)."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.errors import IndexUnavailable
from chatbot.ingest.normalise import normal_form

if TYPE_CHECKING:
    import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+")
_PRECOMPUTED_METHODS = frozenset({"lucene", "robertson", "atire"})
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could did do does for from had has have how i if in
    into is it its may me might my no nor not of on or our should so than that the their them then there
    these they this those to was we were what when where which while who whom why will with would you your
    about also any some such""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball English stemmer (PyStemmer), created on first use."""
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed word tokens without stopwords; 'not' and 'no' are kept for negation.

    A short text's tokens are remembered (an answer tokenises the same words and phrases many times); a fresh list each call.
    """
    return list(_remembered_tokens(text)) if len(text) <= REMEMBERED_LENGTH else _tokens(text)


REMEMBERED_LENGTH = 256  # texts up to this many characters (words, terms, questions, sentences) have their tokens remembered


@lru_cache(maxsize=4096)
def _remembered_tokens(text: str) -> tuple[str, ...]:
    """A short text's tokens, kept."""
    return tuple(_tokens(text))


@lru_cache(maxsize=1024)  # an item's words are weighed against every ask of every question that retrieves it
def stems_of(words: frozenset[str]) -> frozenset[str]:
    """The stems of a set of words: one word family shares one ('vapes' and 'vaping' are 'vape')."""
    return frozenset(tokenize(" ".join(words)))


def _tokens(text: str) -> list[str]:
    """A text's tokens, worked out."""
    folded = normal_form(text).lower()  # the one normalisation, for keys built at ingest and at query time alike
    words = [word for word in _TOKEN.findall(folded) if word not in STOPWORDS or word in {"not", "no"}]
    return _stemmer().stemWords(words)


@dataclass(frozen=True)
class _Scores:
    """bm25s's precomputed BM25 contributions (a CSC matrix: one column of per-passage scores per token)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    vocabulary: dict[str, int]
    size: int

    def rank(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """The k best passages for tokens, summing each known token's column as bm25s does."""
        import numpy as np

        scores = np.zeros(self.size, dtype=np.float32)
        for token in tokens:
            column = self.vocabulary.get(token)
            if column is not None:
                start, end = int(self.indptr[column]), int(self.indptr[column + 1])
                np.add.at(scores, self.indices[start:end], self.data[start:end])
        best = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]


def _scores_of(retriever) -> _Scores:
    """The arrays of a bm25s retriever built in this process."""
    arrays = retriever.scores
    return _Scores(arrays["data"], arrays["indices"], arrays["indptr"], dict(retriever.vocab_dict), int(arrays["num_docs"]))


def _read_scores(folder: Path) -> _Scores:
    """The arrays bm25s saved in folder, read with numpy alone (importing bm25s pulls in scipy: ~0.5 s a cold start)."""
    import numpy as np

    params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
    if params.get("method") not in _PRECOMPUTED_METHODS:
        raise ValueError(f"BM25 variant {params.get('method')!r} needs non-occurrence scores, which this reader does not apply")
    return _Scores(
        np.load(folder / "data.csc.index.npy"),
        np.load(folder / "indices.csc.index.npy"),
        np.load(folder / "indptr.csc.index.npy"),
        json.loads((folder / "vocab.index.json").read_text(encoding="utf-8")),
        int(params["num_docs"]),
    )


class LexicalIndex:
    """A BM25 index over tokenised passages: built and saved by bm25s, searched from its score arrays."""

    def __init__(self, retriever, size: int, folder: Path | None = None) -> None:
        self._built = retriever
        self._scores_: _Scores | None = _scores_of(retriever) if retriever is not None else None
        self._folder = folder  # a saved index, read on first search (so `check` reads no BM25 files)
        self._lock = threading.Lock()
        self.size = size

    @property
    def _scores(self) -> _Scores:
        """The score arrays, read from the index's folder the first time they are needed."""
        with self._lock:
            if self._scores_ is None and self._folder is not None:
                try:
                    self._scores_ = _read_scores(self._folder)
                except Exception as exc:  # any unreadable file means the index cannot be searched
                    raise IndexUnavailable(
                        f"the BM25 index in {self._folder} is unreadable: {exc}", hint="run `chatbot ingest --force`"
                    ) from exc
            if self._scores_ is None:
                raise IndexUnavailable("the BM25 index has neither arrays nor a folder", hint="run `chatbot ingest --force`")
            return self._scores_

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        """Index the given texts (one per passage, in passage order)."""
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenize(text) or ["_empty_"] for text in texts], show_progress=False)
        return cls(retriever, len(texts))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(passage position, BM25 score) pairs, best first, scores above zero only."""
        tokens = tokenize(query)
        if not tokens or self.size == 0:
            return []
        return self._scores.rank(tokens, min(k, self.size))

    def save(self, folder: Path) -> None:
        """Write the index into `folder` (bm25s's own format)."""
        if self._built is None:
            raise IndexUnavailable("a BM25 index read from disk is saved where it already is", hint="rebuild with `chatbot ingest --force`")
        self._built.save(str(folder))
        (folder / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """An index written by save(); its files are read on the first search."""
        if not (folder / "params.index.json").is_file():
            raise FileNotFoundError(f"no BM25 index in {folder}")
        return cls(None, int((folder / "size.txt").read_text()), folder)

"""Tokenisation (once, for index and query alike) and the BM25 index (bm25s wrapped here only)."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from chatbot.errors import IndexUnavailable

_TOKEN = re.compile(r"[a-z0-9]+")
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
    """Lowercased, stemmed word tokens without stopwords; 'not' and 'no' are kept for negation."""
    folded = unicodedata.normalize("NFKC", text).lower()
    words = [word for word in _TOKEN.findall(folded) if word not in STOPWORDS or word in {"not", "no"}]
    return _stemmer().stemWords(words)


class LexicalIndex:
    """A BM25 index over tokenised passages."""

    def __init__(self, retriever, size: int, folder: Path | None = None) -> None:
        self._loaded = retriever
        self._folder = folder  # a saved index, read on first search (so `check` never imports bm25s)
        self._lock = threading.Lock()
        self.size = size

    @property
    def _retriever(self):
        """The bm25s retriever, read from its folder the first time it is needed."""
        with self._lock:
            if self._loaded is None and self._folder is not None:
                import bm25s

                try:
                    self._loaded = bm25s.BM25.load(str(self._folder), show_progress=False, verbosity=0)
                except Exception as exc:  # any unreadable file means the index cannot be searched
                    raise IndexUnavailable(
                        f"the BM25 index in {self._folder} is unreadable: {exc}", hint="run `chatbot ingest --force`"
                    ) from exc
            return self._loaded

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
        results, scores = self._retriever.retrieve([tokens], k=min(k, self.size), show_progress=False)
        return [(int(i), float(s)) for i, s in zip(results[0], scores[0]) if s > 0]

    def save(self, folder: Path) -> None:
        """Write the index into `folder`."""
        self._retriever.save(str(folder))
        (folder / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """An index written by save(); its files are read on the first search."""
        if not (folder / "params.index.json").is_file():
            raise FileNotFoundError(f"no BM25 index in {folder}")
        return cls(None, int((folder / "size.txt").read_text()), folder)

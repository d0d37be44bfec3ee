"""What an uncurated item is about, read from the passages that discuss it: the words distinctive of its discussion."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from chatbot.index.lexical import STOPWORDS, tokenize
from chatbot.ingest.normalise import normal_form
from chatbot.recs.schema import RecommendationSet
from chatbot.types import Passage

_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
DISCUSSION_TERMS = 10  # words each uncurated item lends its passages in BM25 (not its card, nor the guard)
_MIN_COUNT = 2  # a word the discussion uses once is an aside, not its topic


def _words(text: str) -> list[str]:
    """Lowercased words of three or more letters that are not stopwords."""
    return [word for word in _WORD.findall(normal_form(text).lower()) if len(word) >= 3 and word not in STOPWORDS]


def discussion_terms(passages: Sequence[Passage], rec_set: RecommendationSet, limit: int) -> dict[str, tuple[str, ...]]:
    """For each item extracted without keywords, up to `limit` words its linked passages use often and the rest of the text seldom.

    A word scores its count in the item's passages, times the share of all items' uses of it that fall there, times its
    inverse passage frequency over the whole text; each word is given in its commonest spelling.
    """
    wanted = frozenset(rec.id for rec in rec_set.items if rec.is_uncurated)
    if not wanted:  # a curated set: nothing to read
        return {}
    stemmed: dict[str, str] = {}

    def stem(word: str) -> str:
        if word not in stemmed:
            stemmed[word] = (tokenize(word) or [word])[0]
        return stemmed[word]

    passage_stems: list[set[str]] = []
    counts: dict[str, Counter[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for passage in passages:
        words = _words(passage.text)
        stems = [stem(word) for word in words]
        passage_stems.append(set(stems))
        owner = passage.recommendation_id
        if owner is not None and owner in wanted:
            counts.setdefault(owner, Counter()).update(stems)
            for word, key in zip(words, stems):
                spellings.setdefault(key, Counter())[word] += 1
    frequency = Counter(key for stems in passage_stems for key in stems)
    overall = Counter(key for counted in counts.values() for key in counted.elements())
    total = len(passages)
    terms: dict[str, tuple[str, ...]] = {}
    for owner, counted in counts.items():
        scored = sorted(
            # the share of the word's uses that fall in this discussion keeps out words every discussion uses ('patients')
            (
                (count * count / overall[key] * math.log(total / frequency[key]), key)
                for key, count in counted.items()
                if count >= _MIN_COUNT and count * len(counts) > overall[key]  # more than its fair share: about this item
            ),
            reverse=True,
        )
        terms[owner] = tuple(spellings[key].most_common(1)[0][0] for score, key in scored[:limit] if score > 0)
    return terms

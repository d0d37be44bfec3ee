"""One normalisation at every entrance: NFKC, invisible characters dropped, dashes and quotes folded, with an offset map."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width characters, the soft hyphen and other format characters that change no word.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
# Dashes and minus signs folded to the hyphen-minus, quotation marks and primes to their ASCII forms.
_FOLD = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
}

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, for each of its characters, the span of the submitted text it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the submitted text that the normalised span [start, end) comes from."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.starts[start], self.ends[end - 1]

    def rewritten(self, replacements: list[tuple[int, int, str]]) -> Normalised:
        """The text with spans [start, end) replaced by words (in order, not overlapping), each new character mapped to the
        whole submitted span the replaced one came from."""
        text: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for start, end, words in replacements:
            if start < cursor or end <= start:
                continue
            text.append(self.text[cursor:start] + words)
            starts += [*self.starts[cursor:start], *[self.starts[start]] * len(words)]
            ends += [*self.ends[cursor:start], *[self.ends[end - 1]] * len(words)]
            cursor = end
        text.append(self.text[cursor:])
        return Normalised("".join(text), tuple(starts + list(self.starts[cursor:])), tuple(ends + list(self.ends[cursor:])))


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of a base character and the combining marks that follow it (NFKC composes them together)."""
    spans: list[tuple[int, int]] = []
    for i, char in enumerate(text):
        if spans and unicodedata.combining(char) and spans[-1][1] == i:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def normalise(text: str) -> Normalised:
    """The text in the one form the engine matches on, with the offset map back to the submitted text."""
    if text.isascii():
        return Normalised(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))  # each character its own span
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for run in _NON_ASCII.finditer(text):
        begin = run.start() - 1 if run.start() > cursor and unicodedata.combining(text[run.start()]) else run.start()
        out.append(text[cursor:begin])  # plain ASCII stands as it is, each character its own span
        starts.extend(range(cursor, begin))
        ends.extend(range(cursor + 1, begin + 1))
        for start, end in _clusters(text[begin : run.end()]):
            piece = text[begin + start : begin + end]
            if piece in INVISIBLE:
                continue
            folded = unicodedata.normalize("NFKC", "".join(c for c in piece if c not in INVISIBLE))
            folded = "".join(_FOLD.get(c, c) for c in folded)
            out.append(folded)
            starts += [begin + start] * len(folded)
            ends += [begin + end] * len(folded)
        cursor = run.end()
    out.append(text[cursor:])
    starts.extend(range(cursor, len(text)))
    ends.extend(range(cursor + 1, len(text) + 1))
    return Normalised("".join(out), tuple(starts), tuple(ends))


def normal_form(text: str) -> str:
    """Just the normalised text (for questions and matching keys, where no span is reported)."""
    return text if text.isascii() else normalise(text).text

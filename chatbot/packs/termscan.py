"""Which of a thesaurus's terms a text holds, in one scan: an Aho–Corasick automaton (ahocorasick-rs) over the terms' openings."""

from __future__ import annotations

import re
from collections.abc import Callable

import ahocorasick_rs

# A term's group number, anchor, whether it matches as written, the term, and its pieces (lowercased unless it matches as
# written) when it is ASCII, else None.
Term = tuple[int, str, bool, str, tuple[str, ...] | None]
_WORD_OPENINGS = re.compile(r"(?<![\w/])(?=(\w..))", re.DOTALL)  # the three characters at each place a term's pattern can begin


def _opens_word(text: str, at: int) -> bool:
    """Whether a term's pattern may begin at `at`: no word character or slash before it."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_/")


def _found_at(pieces: tuple[str, ...], haystack: str, text: str, at: int) -> bool:
    """Whether the pieces, the first already found in the haystack at `at`, go on as the term's pattern finds them in the
    text: only spaces or hyphens between them, no word character after."""
    end, size = at + len(pieces[0]), len(text)
    for piece in pieces[1:]:  # each later piece opens on a word character: the gap before it is all spaces and hyphens
        while end < size and (text[end].isspace() or text[end] == "-"):
            end += 1
        if not haystack.startswith(piece, end):
            return False
        end += len(piece)
    return end == size or not (text[end].isalnum() or text[end] == "_")


def found_plainly(pieces: tuple[str, ...], haystack: str, text: str) -> bool:
    """Whether the pieces occur in the haystack (the text, or it lowercased letter for letter) as the term's pattern finds
    them in the text: at a word start, only spaces or hyphens between them, no word character after."""
    at = haystack.find(pieces[0])
    while at >= 0:
        if _opens_word(text, at) and _found_at(pieces, haystack, text, at):
            return True
        at = haystack.find(pieces[0], at + 1)
    return False


class TermScan:
    """The terms of a thesaurus's groups, indexed once, for finding every group a text names.

    ASCII terms whose opening is a word of three or more characters are found by one automaton pass over the lowercased
    text, each opening checked where it occurs; the few others are tried one by one, as before.
    """

    def __init__(self, index: dict[str, tuple[Term, ...]], always: tuple[Term, ...], pattern: Callable[[str], re.Pattern[str]]) -> None:
        """`index`: terms by the lowercased first three characters of their opening; `always`: the other terms; `pattern`: a term's regex."""
        self._index, self._always, self._pattern = index, always, pattern
        self._regex_only = {key: kept for key, terms in index.items() if (kept := tuple(t for t in terms if t[4] is None))}
        # Each opening's terms in branches by how they go on: (as written?, first piece, second piece or None) -> (group, pieces).
        by_opening: dict[str, dict[tuple[bool, str, str | None], list[tuple[int, tuple[str, ...]]]]] = {}
        for terms in index.values():
            for number, _, sensitive, _, pieces in terms:
                if pieces is not None:
                    branch = (sensitive, pieces[0], pieces[1] if len(pieces) > 1 else None)
                    by_opening.setdefault(pieces[0].lower(), {}).setdefault(branch, []).append((number, pieces))
        self._openings = [tuple((*branch, tuple(members)) for branch, members in branches.items()) for branches in by_opening.values()]
        self._automaton = ahocorasick_rs.AhoCorasick(list(by_opening)) if by_opening else None

    def groups_found(self, text: str, lowered: str) -> set[int]:
        """The numbers of the groups with a term in the text (`lowered`: the text lowercased, of the same length)."""
        # An ASCII term is found by plain search, unless ignoring case is needed and the text holds one of the two letters that
        # re's IGNORECASE matches with an ASCII letter and lower() does not (dotless i, long s): then by its pattern.
        if "\u0131" in text or "\u017f" in text:
            return self._tried(text, lowered, [self._always, *self._opened(lowered, self._index)], folded_apart=True)
        found: set[int] = set()
        size = len(text)
        hits = self._automaton.find_matches_as_indexes(lowered, overlapping=True) if self._automaton is not None else ()
        for which, at, end in hits:
            if at and (text[at - 1].isalnum() or text[at - 1] in "_/"):
                continue  # not where a word opens
            ends_word = end == size or not (text[end].isalnum() or text[end] == "_")
            gap = end
            while gap < size and (text[gap].isspace() or text[gap] == "-"):
                gap += 1
            for sensitive, first, second, members in self._openings[which]:
                if sensitive and not text.startswith(first, at):
                    continue
                if second is None:  # a one-piece term: found where the word ends with it
                    if ends_word:
                        found.update(number for number, _ in members)
                    continue
                haystack = text if sensitive else lowered
                if haystack.startswith(second, gap):
                    found.update(number for number, pieces in members if number not in found and _found_at(pieces, haystack, text, at))
        opened = self._opened(lowered, self._regex_only) if any(key in lowered for key in self._regex_only) else []
        return found | self._tried(text, lowered, [self._always, *opened], folded_apart=False, found=found)

    @staticmethod
    def _opened(lowered: str, index: dict[str, tuple[Term, ...]]) -> list[tuple[Term, ...]]:
        """The indexed terms whose first three characters open a word of the text."""
        return [index[key] for key in set(_WORD_OPENINGS.findall(lowered)) if key in index]

    def _tried(self, text: str, lowered: str, lists: list[tuple[Term, ...]], folded_apart: bool, found: set[int] | None = None) -> set[int]:
        """The groups of the listed terms found one term at a time: a cheap test of its anchor, then plain search or its pattern."""
        known = set() if found is None else found
        result: set[int] = set()
        for terms in lists:
            for number, anchor, sensitive, term, plain in terms:
                haystack = text if sensitive else lowered
                if number in known or number in result or anchor not in haystack:
                    continue
                if found_plainly(plain, haystack, text) if plain and (sensitive or not folded_apart) else self._pattern(term).search(text):
                    result.add(number)
        return result

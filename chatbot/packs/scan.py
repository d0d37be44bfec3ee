"""A regex alternation searched from one Aho–Corasick scan (ahocorasick-rs): tried only where one of its words can begin.

A long alternation of cue phrases costs the regex engine every phrase at every place of a text. Where each phrase opens
with known letters, the places those openings occur (found in one automaton pass over the lowercased text) are the only
places a match can start, and the pattern is tried there alone: the same matches, in the same order, as its own search.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import ahocorasick_rs

_parser: Any  # the regex parser, to read what a phrase can open with; without it, every pattern is searched as usual
_op: Any
try:
    _parser, _op = importlib.import_module("re._parser"), importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python's layout
    _parser = _op = None

OPENING = 4  # letters of a phrase's opening looked for (fewer where its first letters vary too much)
_MAX_OPENINGS = 400  # openings kept per phrase before they are cut shorter
# Texts shorter than WORK / the pattern's length (between SHORTEST and LONGEST) are searched faster as usual.
SHORTEST, LONGEST, WORK = 24, 64, 20000
WARM_USES = 16  # searches of a pattern before its parts are indexed (a cold command's few searches skip the indexing)
_Heads = set[tuple[str, bool]]  # (opening lowercased, whether the phrase can end right there)


def _class_chars(items: Any) -> list[str] | None:
    """The characters of a character class, or None for a class too broad (\\w, negated, a wide range) to list."""
    chars: list[str] = []
    for op, av in items:
        if op is _op.LITERAL:
            chars.append(chr(av))
        elif op is _op.RANGE and av[1] - av[0] < 64:
            chars += [chr(c) for c in range(av[0], av[1] + 1)]
        else:
            return None
    return chars


def _item_heads(op: Any, av: Any, room: int) -> _Heads:
    """What one parsed regex item can open with (up to `room` characters); ('', False) where that cannot be told."""
    if op is _op.LITERAL:
        chars: list[str] | None = [chr(av)]
    elif op is _op.IN:
        chars = _class_chars(av)
    elif op in (_op.ASSERT, _op.ASSERT_NOT, _op.AT):
        return {("", True)}  # takes no character
    elif op is _op.SUBPATTERN:
        return _heads(av[3], room)
    elif op is _op.ATOMIC_GROUP:
        return _heads(av, room)
    elif op is _op.BRANCH:
        return set().union(*(_heads(branch, room) for branch in av[1]))
    elif op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        low, high, item = av
        once = _heads(item, room) if high else {("", True)}
        heads = {(s, ends and high == 1) for s, ends in once}  # after one copy, what follows is not told
        return heads | {("", True)} if low == 0 else heads
    else:
        return {("", False)}
    if chars is None or any(not c.isascii() and (c.lower() != c or c.upper() != c) for c in chars):
        return {("", False)}  # a cased letter outside ASCII may match an ASCII one ignoring case
    return {(c.lower(), True) for c in chars}


def _heads(items: Any, room: int) -> _Heads:
    """What a sequence of parsed items can open with: each opening lowercased, at most `room` characters."""
    heads: _Heads = {("", True)}
    for op, av in items:
        grown: _Heads = set()
        for opening, ends in heads:
            if not ends or len(opening) >= room:
                grown.add((opening[:room], False))
                continue
            for more, more_ends in _item_heads(op, av, room - len(opening)):
                joined = opening + more
                grown.add((joined[:room], more_ends and len(joined) < room))
        while len(grown) > _MAX_OPENINGS and room > 1:
            room -= 1
            grown = {(s[:room], ends and len(s) <= room) for s, ends in grown}
        heads = grown
    return heads


@lru_cache(maxsize=4096)
def _parsed(phrase: str, flags: int) -> Any:
    """A phrase's parsed items (the regex parser's), or None where it cannot be parsed."""
    try:
        return None if _parser is None else list(_parser.parse(phrase, flags).data)
    except (re.error, TypeError, ValueError):
        return None


def openings(phrase: str, flags: int = 0) -> set[str] | None:
    """The lowercased openings every match of the phrase starts with, or None when they cannot be told or may be empty."""
    items = _parsed(phrase, flags)
    if items is None:
        return None
    try:
        found = {s for s, _ in _heads(items, OPENING)}
    except (TypeError, ValueError, AttributeError):
        return None
    return None if not found or "" in found else found


def _needed(items: Any) -> set[str] | None:
    """Words (lowercased) one of which every match of a parsed sequence holds, the longest such set found; None if none."""
    choices: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _op.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        choices.append({run})
        run = ""
        if op is _op.SUBPATTERN:
            inner = _needed(av[3])
        elif op is _op.BRANCH:
            each = [_needed(branch) for branch in av[1]]
            inner = None if any(words is None for words in each) else {word for words in each for word in words or ()}
        elif op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _needed(av[2])
        else:
            inner = None
        if inner:
            choices.append(inner)
    choices.append({run})
    best = max(choices, key=lambda words: min(map(len, words)))
    return None if "" in best else best


def needed_words(phrase: str, flags: int = 0) -> set[str] | None:
    """Words (lowercased) one of which every match of the phrase holds, or None when none can be told."""
    items = _parsed(phrase, flags)
    return None if items is None else _needed(items)


def _weak(heads: set[str] | None) -> bool:
    """Whether a phrase's openings would be found almost everywhere (a single letter or digit, or unknown)."""
    return heads is None or any(len(s) == 1 and s.isalnum() for s in heads)


class Scan:
    """A pattern `prefix(?:part|part|...)suffix` (prefix zero-width) with the search, finditer, findall and sub of re,
    trying it only where a part's opening occurs; parts that open too variously are found by their own smaller pattern."""

    def __init__(self, prefix: str, parts: list[str], suffix: str = "", flags: int = 0, compiled: re.Pattern[str] | None = None) -> None:
        """Compile the whole pattern (or take `compiled`, the same pattern already compiled); its parts are indexed once it is
        in use (WARM_USES searches): a pattern searched a few times is searched as usual."""
        self.regex = compiled or re.compile(f"{prefix}(?:{'|'.join(parts)}){suffix}", flags)
        self.pattern = self.regex.pattern
        self._shortest = min(LONGEST, max(SHORTEST, WORK // len(self.pattern)))
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._weak: re.Pattern[str] | None = None
        self._roles: tuple[tuple[bool, bool], ...] = ()
        self._weak_anywhere = False
        self._needed: tuple[str, ...] | None = None  # without openings to look for: words one of which every match holds
        self._pending: tuple[str, list[str], str, int] | None = (prefix, parts, suffix, flags)
        self._uses = 0

    def _used(self) -> None:
        """Count a search; index the parts' openings at the WARM_USES-th."""
        self._uses += 1
        if self._uses >= WARM_USES and self._pending is not None:
            self._index(*self._pending)

    def _index(self, prefix: str, parts: list[str], suffix: str, flags: int) -> None:
        """Index the openings of the parts (and the words the others need); set last, so that a search sees all of it or none."""
        heads = [openings(part, flags) for part in parts]
        weak = [part for part, found in zip(parts, heads, strict=True) if _weak(found)]
        zero_width = openings(prefix + "x", flags) == {"x"}  # the prefix only looks around
        if not zero_width or len(weak) == len(parts) or not parts:
            needed_all = needed_words(self.pattern, flags)
            self._needed = tuple(sorted(needed_all)) if needed_all else None
            self._pending = None
            return  # searched as usual, in a text that holds one of those words
        starting = {opening for found in heads if found is not None and not _weak(found) for opening in found}
        needed: set[str] = set()
        if weak:  # every place one of them matches, overlapping ones too; looked for only in a text holding what each needs
            self._weak = re.compile(f"(?={prefix}(?:{'|'.join(weak)}){suffix})", flags)
            words_of = [needed_words(part, flags) for part in weak]
            self._weak_anywhere = any(found is None for found in words_of)
            needed = {word for found in words_of for word in found or ()}
        words = sorted(starting | needed)
        self._roles = tuple((word in starting, word in needed) for word in words)  # an opening, a word a weak part needs, or both
        self._automaton = ahocorasick_rs.AhoCorasick(words)
        self._pending = None

    def _starts(self, text: str, pos: int, end: int) -> list[int]:
        """The places in text[pos:end] where a match can start, in order."""
        assert self._automaton is not None
        lowered = _lowered(text) if pos == 0 and end == len(text) else text[pos:end].lower()
        hits = self._automaton.find_matches_as_indexes(lowered, overlapping=True)
        if not hits and not self._weak_anywhere:
            return []  # no opening and no weak part to look for: no match can start
        starts, weak, roles = set(), self._weak_anywhere, self._roles
        for which, start, _ in hits:
            opens, needed = roles[which]
            if opens:
                starts.add(start + pos)
            weak = weak or needed
        if weak and self._weak is not None:
            starts.update(m.start() for m in self._weak.finditer(text, pos, end))
        return sorted(starts)

    def _lacks(self, text: str, pos: int, end: int) -> bool:
        """Whether the text lacks every word a match needs (an ASCII text; a pattern searched as usual otherwise)."""
        if self._needed is None or not text.isascii():
            return False
        lowered = _lowered(text) if pos == 0 and end == len(text) else text[pos:end].lower()
        return not any(word in lowered for word in self._needed)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """As re's finditer (no match is empty: every part opens with a character)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._pending is not None:
            self._used()
        if self._lacks(text, pos, end):
            return
        if self._automaton is None or end - pos < self._shortest or not _aligned(text):
            yield from self.regex.finditer(text, pos, end)
            return
        after = pos
        for start in self._starts(text, pos, end):
            if start >= after and (match := self.regex.match(text, start, end)):
                after = match.end()
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As re's search."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._pending is not None:
            self._used()
        if self._lacks(text, pos, end):
            return None
        if self._automaton is None or end - pos < self._shortest or not _aligned(text):
            return self.regex.search(text, pos, end)
        for start in self._starts(text, pos, end):
            if match := self.regex.match(text, start, end):
                return match
        return None

    def findall(self, text: str) -> list[str]:
        """As re's findall for a pattern without groups: every match's text."""
        if self.regex.groups:
            return self.regex.findall(text)
        return [m.group(0) for m in self.finditer(text)]

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """As re's sub (a replacement string is taken literally: no group references)."""
        if self._pending is not None:
            self._used()
        if self._lacks(text, 0, len(text)):
            return text
        if self._automaton is None or len(text) < self._shortest or not _aligned(text) or (isinstance(repl, str) and "\\" in repl):
            return self.regex.sub(repl, text)
        pieces, last = [], 0
        for match in self.finditer(text):
            pieces += [text[last : match.start()], repl(match) if callable(repl) else repl]
            last = match.end()
        return "".join(pieces) + text[last:] if pieces else text

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """As re's fullmatch."""
        return self.regex.fullmatch(text)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As re's match."""
        return self.regex.match(text, pos)


def alternatives(source: str) -> list[str]:
    """A pattern's source cut at its top-level bars ("a|b(c|d)|[|]" -> ["a", "b(c|d)", "[|]"])."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]" or source[i - 1] == "["  # a ']' right after '[' is a member
        elif char == "[":
            in_class = True
            if source.startswith("[^]", i) or source.startswith("[]", i):
                i += 2 if source[i + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]


# The text last lowercased with its lowercase, as one pair (threads read and replace it whole): one clause is searched with
# many patterns in a row.
_LAST_LOWERED: list[tuple[str, str]] = [("", "")]


def _aligned(text: str) -> bool:
    """Whether the openings found in the lowercased text are all the places a match can start: its letters line up with the
    text's, and it holds none of the letters re's IGNORECASE matches with an ASCII one that lower() keeps apart (İ, ı, ſ)."""
    return text.isascii() or (len(_lowered(text)) == len(text) and not any(char in text for char in "\u0130\u0131\u017f"))


def _lowered(text: str) -> str:
    """The text lowercased, remembered for the text last asked about (the same object asked again costs nothing)."""
    last = _LAST_LOWERED[0]
    if last[0] is not text:
        last = (text, text.lower())
        _LAST_LOWERED[0] = last
    return last[1]


@lru_cache(maxsize=256)
def scanned(pattern: re.Pattern[str]) -> Scan:
    """A compiled pattern as a Scan (its top-level alternatives as the parts), made once per pattern."""
    return Scan("", alternatives(pattern.pattern), "", pattern.flags, compiled=pattern)

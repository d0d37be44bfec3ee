"""GRADE's alphanumeric codes ("[1B]", "(2C)", "Grade: 2C") read with the legend the document defines them in.

A legend is two or more definitions of one kind close together: "1 = strong (we recommend), 2 = weak (we suggest)",
"A = high, B = moderate", "A high, B moderate, C low", a table row "1 | Strong | We recommend" or "high (A)". Without one, the usual meaning holds:
1 strong, 2 conditional; A high, B moderate, C low, D very low.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from chatbot.recs.schema import Certainty, Strength, certainty_level

_LEGEND_SPAN = 400  # characters: definitions further apart belong to different passages
_WORDS = r"(?i:(?P<word>very[\s\-\u2010\u2011]+low|strong|conditional|weak|high|moderate|low|we\s+recommend|we\s+suggest))\b"
_TOKEN = r"(?P<token>[1-4A-E])"
_DEFINED = (
    re.compile(r"(?<![\w.,\-])" + _TOKEN + r"\s*(?:=|:|–|—|\||\((?=\s*\w+\s*\))|(?i:is|means)\s)\s*(?:(?i:an?|the)\s+)?[\"“']?" + _WORDS),
    re.compile(_WORDS + r"(?:\s+(?i:recommendation|certainty|quality))?\s*\(\s*" + _TOKEN + r"\s*\)"),
    # "A high, B moderate, C low": a space alone, when the word ends its list item ("A high proportion" defines nothing)
    re.compile(
        r"(?<![\w.,\-])" + _TOKEN + r"[ \t]+" + _WORDS + r"(?=[ \t]*(?:[,;.)/]|$)|\s+(?i:certainty|quality|recommendation|evidence)\b)",
        re.MULTILINE,
    ),
)
_STRENGTHS = {"strong": Strength.STRONG, "we recommend": Strength.STRONG}
_STRENGTHS |= {"conditional": Strength.CONDITIONAL, "weak": Strength.CONDITIONAL, "we suggest": Strength.CONDITIONAL}


@dataclass(frozen=True)
class CodeLegend:
    """What each code character means: the strength characters and the certainty characters."""

    strength: tuple[tuple[str, Strength], ...]
    certainty: tuple[tuple[str, Certainty], ...]


USUAL_LEGEND = CodeLegend(
    (("1", Strength.STRONG), ("2", Strength.CONDITIONAL)),
    (("A", Certainty.HIGH), ("B", Certainty.MODERATE), ("C", Certainty.LOW), ("D", Certainty.VERY_LOW)),
)


@dataclass(frozen=True)
class CodedGrade:
    """A code found in the text: where it is, its wording and what it means."""

    start: int
    end: int
    wording: str
    strength: Strength
    certainty: Certainty


def _definitions(text: str) -> Iterator[tuple[int, str, str, str]]:
    """Every definition in the text: (offset, kind, character, meaning word), kind "strength" or "certainty"."""
    for pattern in _DEFINED:
        for match in pattern.finditer(text):
            word = " ".join(match.group("word").lower().replace("\u2010", "-").replace("\u2011", "-").replace("-", " ").split())
            kind = "strength" if word in _STRENGTHS else "certainty"
            yield match.start(), kind, match.group("token"), word


def _first_cluster(found: list[tuple[int, str, str]]) -> dict[str, str]:
    """The first run of definitions each within reach of the one before that defines two characters or more."""
    cluster: dict[str, str] = {}
    last = -_LEGEND_SPAN
    for offset, token, word in sorted(found):
        if offset - last > _LEGEND_SPAN:
            if len(cluster) >= 2:
                return cluster
            cluster = {}
        cluster.setdefault(token, word)
        last = offset
    return cluster if len(cluster) >= 2 else {}


@lru_cache(maxsize=8)
def document_legend(text: str) -> CodeLegend:
    """The legend the text defines, each kind falling back to the usual meaning when the text defines none."""
    found = list(_definitions(text))
    strength = _first_cluster([(offset, token, word) for offset, kind, token, word in found if kind == "strength"])
    certainty = _first_cluster([(offset, token, word) for offset, kind, token, word in found if kind == "certainty"])
    if set(strength) & set(certainty):  # one character with two meanings is no code legend
        return USUAL_LEGEND
    return CodeLegend(
        tuple((token, _STRENGTHS[word]) for token, word in strength.items()) if strength else USUAL_LEGEND.strength,
        tuple((token, certainty_level(word)) for token, word in certainty.items()) if certainty else USUAL_LEGEND.certainty,
    )


@lru_cache(maxsize=8)
def _code_patterns(legend: CodeLegend) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The legend's labels in running text ("Grade: 2C", "(2C)", "[1B]") and a cell that is only a code ("2C", "Grade 1B")."""
    strength = "[" + "".join(token for token, _ in legend.strength) + "]"
    certainty = "[" + "".join(token for token, _ in legend.certainty) + "]"
    code = f"(?P<strength>{strength})(?P<level>{certainty})"
    # unbracketed: after a statement's number ("13a 1B We recommend ...") or closing its paragraph ("... dose. 2C")
    unbracketed = r"(?:(?<=\d[ \t])|(?<=\d[a-z][ \t]))" + code.replace("?P<", "?P<after_number_") + r"(?=[ \t]+[A-Z])"
    unbracketed += r"|(?<=[a-z][.][ \t])" + code.replace("?P<", "?P<closing_") + r"(?=[ \t]*(?:\n[ \t]*\n|\Z))"
    label = re.compile(
        r"[(\[]?\b(?i:grade)\s*:?\s*" + code + r"\b[)\]]?|[(\[]\s*" + code.replace("?P<", "?P<bare_") + r"\s*[)\]]|" + unbracketed,
        re.MULTILINE,
    )
    return label, re.compile(r"(?:(?i:grade)\s*:?\s*)?" + code)


def coded_grades(text: str, start: int, end: int, legend: CodeLegend) -> Iterator[CodedGrade]:
    """The codes in text[start:end], read with `legend`."""
    strengths, certainties = dict(legend.strength), dict(legend.certainty)
    for match in _code_patterns(legend)[0].finditer(text, start, end):
        prefix = next(name for name in ("", "bare_", "after_number_", "closing_") if match.group(f"{name}strength"))
        strength, level = match.group(f"{prefix}strength"), match.group(f"{prefix}level")
        wording = " ".join(match.group(0).strip("()[]").split())
        yield CodedGrade(match.start(), match.end(), wording, strengths[strength], certainties[level])


def cell_code(cell: str, legend: CodeLegend) -> tuple[Strength, Certainty] | None:
    """Strength and certainty from a table cell that is only a code ("2C", "(Grade 1B)"), else None."""
    match = _code_patterns(legend)[1].fullmatch(cell.strip("()[] "))
    if match is None:
        return None
    return dict(legend.strength)[match.group("strength")], dict(legend.certainty)[match.group("level")]

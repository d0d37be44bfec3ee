"""A starter vocabulary read from a publication: abbreviations it defines and the words its statements use."""

from __future__ import annotations

import re

import yaml

from chatbot.ingest.text import english_words

# "venous thromboembolism (VTE)", "Confusion Assessment Method for the Intensive Care Unit (CAM-ICU)"
_DEFINED = re.compile(r"((?:[A-Za-z][\w'-]*[ \t\n]+){1,9}?)\(([A-Z][A-Za-z0-9]*[A-Z0-9](?:[-/][A-Za-z0-9]+)*)\)")
_WORD = re.compile(r"[A-Za-z][a-z-]{3,}")
_JOINING = frozenset("of for the and in on to with a an".split())
# Words every graded statement uses: they show nothing about a field.
_GENERIC = frozenset(
    """panel recommend recommends recommended suggest suggests suggested against recommendation recommendations
    certainty evidence strong conditional clinicians should would could their those these which other about after
    before during years older adults patients people usual routine using based within where there being rather
    offer offered consider considered given including include also more less most only over such than that this
    then them they what when will with from into have been were each both same does your some very much should
    would could those these there their where which while whom whose about""".split()
)


def _in_order(needle: list[str], haystack: str | list[str]) -> bool:
    """Whether needle's items occur in haystack in order."""
    position = 0
    for item in needle:
        try:
            position = list(haystack).index(item, position) + 1
        except ValueError:
            return False
    return True


def _long_form(words: list[str], abbreviation: str) -> str | None:
    """The fewest words before "(ABBR)" that spell it: first letters agree, every word's initial and every letter in order."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    sizes = range(1, min(len(words), len(letters) + 4) + 1)
    candidates = [(words[-size:], [w[0].lower() for w in words[-size:] if w.lower() not in _JOINING]) for size in sizes]
    exact = [candidate for candidate, initials in candidates if initials == letters]
    if exact:
        return " ".join(exact[0])
    for candidate, initials in candidates:
        if initials and initials[0] == letters[0] and _in_order(initials, letters) and _in_order(letters, "".join(candidate).lower()):
            return " ".join(candidate)
    return None


def defined_abbreviations(text: str) -> list[tuple[str, str]]:
    """Each (long form, abbreviation) the text defines, first definition first."""
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        abbreviation = match.group(2)
        long_form = _long_form(match.group(1).split(), abbreviation)
        if long_form and abbreviation not in found:
            found[abbreviation] = long_form
    return [(long_form, abbreviation) for abbreviation, long_form in found.items()]


def statement_terms(statements: list[str], common: frozenset[str] = frozenset()) -> list[str]:
    """Words of the statements that name the field: uncommon words (drugs, conditions) and words several statements share."""
    counts: dict[str, int] = {}
    for statement in statements:
        for word in dict.fromkeys(w.lower() for w in _WORD.findall(statement)):
            if word not in _GENERIC:
                counts[word] = counts.get(word, 0) + 1
    shared = max(2, min(3, len(statements) // 4))
    return [word for word, count in counts.items() if word not in common or count >= shared]


def starter_synonyms(text: str, statements: list[str]) -> str:
    """synonyms.yaml for a new pack: abbreviation groups from the text, domain terms from the statements."""
    abbreviations = defined_abbreviations(text)
    groups = [[long_form, abbreviation] for long_form, abbreviation in abbreviations]
    terms = statement_terms(statements, english_words()) + [abbreviation for _, abbreviation in abbreviations]
    header = (
        "# Written by `chatbot pack init` from the publication: abbreviations it defines (each group's first term is the\n"
        "# canonical form) and the words its statements use. Review, add synonyms clinicians type, remove noise.\n"
    )
    body = {"groups": groups, "domain_terms": list(dict.fromkeys(terms)), "other_conditions": []}
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120)

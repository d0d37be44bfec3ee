"""A starter vocabulary read from a publication: abbreviations it defines and the words its statements use."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

import yaml

from chatbot.ingest.text import english_words
from chatbot.packs.lexicon import lexicon_groups

# "venous thromboembolism (VTE)", "Confusion Assessment Method for the Intensive Care Unit (CAM-ICU)"
_DEFINED = re.compile(r"((?:[A-Za-z][\w'-]*[ \t\n]+){1,9}?)\(([A-Z][A-Za-z0-9]*[A-Z0-9](?:[-/][A-Za-z0-9]+)*)(s?)\)")
# "Abbreviations: MME = morphine milligram equivalent; mg = milligram"
_LISTED = re.compile(r"\b([A-Z][A-Za-z0-9]*[A-Z0-9](?:[-/][A-Za-z0-9]+)*)(s?) = ([a-z][a-z' -]{3,80}?)(?=[;.,\n])")
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
    """Each (long form, abbreviation) the text defines, "long form (ABBR)" or "ABBR = long form", first definition first.

    A plural abbreviation ("drugs (NSAIDs)") is kept in the singular; its group also holds the plural.
    """
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        abbreviation = match.group(2)
        long_form = _long_form(match.group(1).split(), abbreviation)
        if long_form and abbreviation not in found:
            found[abbreviation] = long_form
    for match in _LISTED.finditer(text):
        abbreviation, words = match.group(1), match.group(3).split()
        if abbreviation not in found and _long_form(words, abbreviation) == " ".join(words):
            found[abbreviation] = " ".join(words)
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


_TEXT_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]{3,}[a-z](?![\w-])")
FIELD_WORD_COUNT = 3  # a lower-case word rare in English that the text uses this often names something of its field


KEY_WORD_COUNT, KEY_WORD_RATIO = 5, 100  # a common word the text uses this often, this many times more than English does


def _key(word: str, count: int, total: int) -> bool:
    """Whether the text uses a common word far more often than English does ("withdrawal", "dose" in an opioid guideline)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    return count >= KEY_WORD_COUNT and zipf > 0 and count / total * 1e6 >= KEY_WORD_RATIO * 10 ** (zipf - 3)


def field_words(text: str, common: frozenset[str], known: set[str]) -> list[str]:
    """Lower-case words of the text that are rare in English and recur (drugs, conditions, procedures), and common words it
    uses far more often than English does (its key words), sorted."""
    counts: dict[str, int] = {}
    for word in _TEXT_WORD.findall(text):
        counts[word] = counts.get(word, 0) + 1
    total = sum(counts.values()) or 1
    return sorted(w for w, n in counts.items() if w not in known and ((n >= FIELD_WORD_COUNT and w not in common) or _key(w, n, total)))


_PAIR_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[^A-Za-z\s]")


def word_pairs(text: str) -> set[str]:
    """Two words the text writes one after the other (lowercased), which a lexicon may know as one name ("ACE inhibitor")."""
    tokens = _PAIR_TOKEN.findall(text)
    return {f"{a.lower()} {b.lower()}" for a, b in zip(tokens, tokens[1:]) if a[0].isalpha() and b[0].isalpha()}


STARTER_DETAILS = Path(__file__).with_name("starter_details.yaml")


def _starter_details() -> dict[str, object]:
    """The kinds of detail a clinical question may ask for (doses, schedules, levels ...), the same for every new pack."""
    return dict(yaml.safe_load(STARTER_DETAILS.read_text(encoding="utf-8")))


def starter_synonyms(text: str, statements: list[str], issuer: Collection[str] = (), lexicon: Path | None = None) -> str:
    """synonyms.yaml for a new pack: abbreviation groups from the text, domain terms from the statements, and (with a
    `lexicon` folder holding WordNet) the other names of the drugs the text names ("naloxone": "Narcan").

    The names of the guideline's issuer ("European LeukemiaNet (ELN)") make no group: a question names the issuer to ask
    the guideline ("what does ELN advise"), and its spelled-out name would only pull the title page to the top.
    """
    abbreviations = defined_abbreviations(text)
    plural = {abbreviation for _, abbreviation in abbreviations if re.search(rf"\b{re.escape(abbreviation)}s\b", text)}
    groups = [
        [long_form, abbreviation, *([f"{abbreviation}s"] if abbreviation in plural else [])]
        for long_form, abbreviation in abbreviations
        if not {long_form, abbreviation} & set(issuer)
    ]
    terms = statement_terms(statements, english_words()) + [abbreviation for _, abbreviation in abbreviations]
    header = (
        "# Written by `chatbot pack init` from the publication: abbreviations it defines (each group's first term is the\n"
        "# canonical form), the words its statements use, and its other recurring words that are rare in English (field_words:\n"
        "# they show a question is about this field, yet a question still has to be answered by them), and the kinds of detail a\n"
        "# question may ask for (detail_requests, the same for every new pack); groups after the abbreviations are the other names\n"
        "# WordNet gives the drugs the text names (a brand, or a kind the text never names). Review, add synonyms, remove noise.\n"
    )
    domain_terms = list(dict.fromkeys(terms))
    fields = field_words(text, english_words(), {t.lower() for t in domain_terms})
    if lexicon is not None:
        counts = Counter(_TEXT_WORD.findall(text))
        used = {word for word, n in counts.items() if n >= FIELD_WORD_COUNT}  # a kind the text names this often is its own drug
        classes = {term.lower() for term in statement_terms(statements)}
        # a word used once is looked up too: WordNet's sense (a drug, a condition) is the evidence
        rare = {word for word in counts if word not in english_words()} | classes | word_pairs(text)
        groups += lexicon_groups(sorted(rare), used, lexicon, classes)
    body = {"groups": groups, "domain_terms": domain_terms, "field_words": fields, "other_conditions": [], **_starter_details()}
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120)


# "aged ≥18 years", "aged 18 years or older", "aged 15–39 years"
_AGED = re.compile(
    r"\baged\s*(?:≥\s*|>=\s*|at\s+least\s+)?(\d{1,2})(?:\s*(?:–|-|to)\s*(\d{2,3}))?\s*(?:years?)?(?:\s*(?:or|and)\s+(?:older|over|above))?"
)
OLDEST = 120
_OLDER = re.compile(r"\((\d{1,2})\s*years?\s+(?:or|and)\s+(?:older|over)\)")  # "adults (18 years or older)"


def scope_age_band(text: str) -> str | None:
    """The age range the text states first ("outpatients aged ≥18 years" -> "18-120"), when no other range is stated more often."""
    stated = [(m.start(), f"{m.group(1)}-{m.group(2) or OLDEST}") for m in _AGED.finditer(text)]
    bands = [band for _, band in sorted(stated + [(m.start(), f"{m.group(1)}-{OLDEST}") for m in _OLDER.finditer(text)])]
    if not bands:
        return None
    first = bands[0]
    return first if all(bands.count(first) >= bands.count(other) for other in set(bands)) else None


# "The recommendations do not apply to pain related to sickle cell disease or cancer or to patients receiving palliative care."
# (a whole guideline's scope: "this recommendation does not apply to ..." is one item's)
_NOT_APPLY = re.compile(r"\b(?:recommendations|guideline|statements)\s+(?:does|do)\s+not\s+apply\s+to\s+([^.;:]{4,200})[.;:]")
# ... and what else a whole guideline says it leaves out: "The guideline does not address X, Y or Z.", "The following topics
# ... are not addressed: X, Y, Z.", "The panel ... makes no recommendation on X or other Ys"
_NOT_ADDRESSED = re.compile(
    r"\b(?:guideline|panel)\s+(?:does|did)\s+not\s+(?:address|cover)\s+([^.;:]{4,300})[.;:]"
    r"|\bnot\s+addressed:\s+([^.;:]{4,300})[.;:]"
    r"|\bmakes?\s+no\s+recommendations?\s+(?:on|about|for|regarding)\s+([^.;:]{4,200})[.;:,]"
)
# "The guideline applies to adults .... It does not apply to X; to Y; or to Z."
_IT_NOT_APPLY = re.compile(r"\bguideline\s+applies\s+to\s+[^.]{4,400}\.\s+It\s+does\s+not\s+apply\s+to\s+([^.:]{4,500})[.:]")
# "antiviral drugs (including X)", "right-sided (caecal or ascending colon) disease": what the brackets name is named too
_ASIDE = re.compile(r"\s*\((?:(?:including|such as|e\.g\.,?)\s+)?([a-z][^()]{2,80})\)")
# what names no population or topic: a pointer back ("these", "them") or elsewhere ("other than statement 16")
_POINTER = re.compile(
    r"^(?:these|those|them|this|that|it|other\s+than|except)\b|\b(?:statements?|recommendations?|sections?|tables?)\s+\d", re.IGNORECASE
)
_AGES = re.compile(r"\s+(?:or|and)\s+(?:older|younger|over|above)\b")  # "children aged 2 years or older": no "older"
_SPLIT = re.compile(r"[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# the words around an excluded population, not the population itself
_FRAME = re.compile(
    r"^(?:(?:to|the|a|an|providing|care|for|of|patients|persons|people|adults|infants|children|women|who|are|is|with|receiving"
    r"|undergoing|experiencing"
    r"|pain|management|treatment|related|associated|due|caused|by)\b\s*)+",
    re.IGNORECASE,
)


def scope_exclusions(text: str, statements: Sequence[str] = ()) -> list[dict[str, object]]:
    """The populations the text's first "the recommendations do not apply to X, Y or Z" sentence names, and what the
    guideline says it does not address ("The guideline does not address X", "... are not addressed: X, Y"), as domain
    exclusions (a name as written, or its last word in the singular or plural); never one that a statement addresses."""
    flat = " ".join(text.split())
    match = _NOT_APPLY.search(flat)
    lists = [match.group(1)] if match else []
    lists += [m.group(1) for m in _IT_NOT_APPLY.finditer(flat)]
    lists += [next(group for group in m.groups() if group) for m in _NOT_ADDRESSED.finditer(flat)]
    found: dict[str, dict[str, object]] = {}
    for part in (p for listed in lists for p in _SPLIT.split(_AGES.sub("", _ASIDE.sub(r", \1", listed)))):
        name = _FRAME.sub("", part.strip()).strip() or re.sub(r"^to\s+", "", part.strip())  # "children" alone is named
        if 1 <= len(name.split()) <= 4 and len(name) > 3 and name[0].isalnum() and not _POINTER.search(name):
            words = [re.escape(word) for word in re.split(r"[- ]", name.lower())]
            if re.search(r"[^su]s$", words[-1]) and not words[-1].endswith("is"):  # "recipients": "recipient" too
                words[-1] = f"{words[-1][:-1]}s?"
            phrase = r"[- ]".join(words)
            if any(re.search(phrase, statement, re.IGNORECASE) for statement in statements):
                continue
            found.setdefault(name.lower(), {"name": name.lower(), "phrases": [phrase]})
    return list(found.values())


# "acute, subacute, or chronic pain": three or more coordinated words before one noun are the values of a facet
_COORDINATED = re.compile(r"\b([a-z][a-z-]+),\s+([a-z][a-z-]+),?\s+(?:and|or)\s+([a-z][a-z-]+)\s+([a-z][a-z-]+)\b")


def _value_id(words: list[str]) -> str:
    """A facet value's id: 'subacute_or_chronic'."""
    return "_or_".join(word.replace("-", "_") for word in words)


def derived_facets(statements: list[str]) -> tuple[dict[str, dict], list[dict[str, str]]]:
    """Facets whose values the statements coordinate before one noun ("acute, subacute, or chronic pain"), as domain.yaml
    `facets:`, and each statement's values (one value, or a combined value for several; none when it names all or none)."""
    texts = [" ".join(statement.lower().split()) for statement in statements]
    found: dict[str, list[str]] = {}
    for match in (m for text in texts for m in _COORDINATED.finditer(text)):
        head, values = match.group(4), [match.group(i) for i in (1, 2, 3)]
        if head not in _JOINING | _GENERIC and not {*values} & (_JOINING | _GENERIC) and len(set(values)) == 3:
            found.setdefault(head, values)
    facets: dict[str, dict] = {}
    named: list[dict[str, str]] = [{} for _ in texts]
    for head, values in found.items():
        entries: dict[str, dict] = {}
        for position, text in enumerate(texts):
            said = [v for v in values if re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])[\w ,-]{{0,40}}?\b{re.escape(head)}\b", text)]
            if 0 < len(said) < len(values):
                named[position][head] = _value_id(said)
                if len(said) > 1:
                    entries[_value_id(said)] = {
                        "phrases": [r",? (?:and|or) ".join(re.escape(v) for v in said)],
                        "label": " or ".join(said),
                        "words": f"{' or '.join(said)} {head}",
                        "covers": [_value_id([v]) for v in said],
                    }
        if not any(head in values_of for values_of in named):
            continue  # no statement is limited to some of the values: nothing to tell apart
        singles = {_value_id([v]): {"phrases": [re.escape(v)], "words": f"{v} {head}"} for v in values}
        facets[head] = {"conflict": f"{{named}} {head}, but the item covers {{covered}} {head}", "values": {**entries, **singles}}
    return facets, named

"""Population facets named in a text (age, the pack's facets, excluded populations) and conflicts with an item's population."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from chatbot.packs.domain import OPEN_VALUES, Domain
from chatbot.packs.scan import Scan, scanned
from chatbot.recs.duration import durations, in_range
from chatbot.recs.schema import Population

# Ages written as numbers; English, not any one guideline's.
_AGE = [
    r"\b(\d{1,2})[- ]?(?:year|yr)s?[- ]?olds?\b",
    r"\b(?:patients?|adults?|people) (?:aged )?(?:over|above|older than) (\d{2})\b",
    r"\b(\d{1,2})[\s-]?(?:yo|y/o|y\.\s?o\.?)(?!\w)",  # '44yo', '14-y/o', '44 y.o.'
    r"\baged? (\d{1,2})\b",
    r"\b(\d{1,2})\s?(?-i:[MF])\b",  # '24M', '27F': a capital letter, never 'm2' in 'units/m2'
    r"(?<![/\w])(?-i:[MF])\s?(\d{1,2})\b",
    r"\b(\d{1,2})-year-old\b",
    r"\b(?:pt|patient)\s(\d{1,2})\s?(?:y|yrs?|years)\b",  # 'Pt 45 y on ...', 'pt 14y'
    r"\b(?-i:Mr|Mrs|Ms|Miss|Mx)\.?\s(?-i:[A-Z])[\w'’-]*,?\s\(?(\d{1,2})\b(?=\)|,)",  # 'Mr B, 45, with ...', 'Ms T (21)'
    # 'my son is 19', 'she just turned 22' (not 'pain is 7/10', 'the dose is 50 mg')
    r"\b(?:he|she|son|daughter|boy|girl|man|woman|patient|pt|kid|brother|sister|niece|nephew|grand(?:son|daughter))"
    r"(?:'s| is| was| turned| just turned)(?: now| only)? (\d{1,2})\b(?!\s*(?:%|/|\.\d|[a-zµ]+/|mg|mcg|ml|units?|mme|days?|weeks?|months?|hours?))",
    # the subject left out after 'but' or 'and' ('has relapsed B-ALL but is 44'), the same units kept out
    r"\b(?:but|and) (?:is|was|turned|just turned)(?: now| only)? (\d{1,2})\b(?!\s*(?:%|/|\.\d|[a-zµ]+/|mg|mcg|ml|units?|mme|days?|weeks?|months?|hours?))",
]
# A decade of life ('in her twenties', 'a man in his 30s'): its middle year.
_DECADES = {"teens": 15, "twenties": 25, "thirties": 35, "forties": 45, "fifties": 55, "sixties": 65, "seventies": 75, "eighties": 85}
_DECADE = re.compile(
    r"\bin (?:his|her|their|the|my|your|our) (?:early |mid-?|late )?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|[2-8]0'?s)\b",
    re.IGNORECASE,
)
# A patient who is an animal: outside the population of every guideline for people ('my dog', 'our cat's', 'veterinary').
NON_HUMAN = "non-human patients (veterinary care)"
_NON_HUMAN = re.compile(
    r"\b(?:veterinar(?:y|ians?)|canine|feline|equine"
    r"|(?:my|our|his|her|their|your|a|the)\s+(?:(?-i:[a-z]+)\s+)?(?-i:dogs?|cats?|pupp(?:y|ies)|kittens?|horses?|pets?|animals?)\b"
    r"(?!\s*(?:bites?|scratch|allerg|dander|hair|fur|owners?|sitter|walker)))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedPopulation:
    """What a text names: an age, facet values, and populations the guideline excludes."""

    age: int | None = None
    facets: dict[str, str] = field(default_factory=dict)
    excluded: tuple[str, ...] = ()
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def facet(self, name: str) -> str | None:
        """The value the text names for a facet, or None."""
        return self.facets.get(name)

    def merged_over(self, setting: NamedPopulation) -> NamedPopulation:
        """These facets, with the ones left open taken from `setting` (the patient described before)."""
        return NamedPopulation(
            self.age if self.age is not None else setting.age,
            setting.facets | self.facets,
            tuple(dict.fromkeys((*self.excluded, *setting.excluded))),
            self.spans,
        )


_WORD_START = r"(?<![\w])"
_NEGATED = re.compile(r"(?i)\bnon[\s-]?$")  # English 'non-' before an excluded population: 'non-cancer pain' is not cancer pain


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A facet or exclusion phrase's pattern, compiled when first needed."""
    return re.compile(rf"{_WORD_START}{phrase}", re.IGNORECASE)


@lru_cache(maxsize=16)
def _phrases(domain: Domain) -> dict[str, list[tuple[str, str]]]:
    """Each facet's (value, phrase) pairs, most specific first, plus the exclusions under '_excluded'."""
    table = {name: [(value, p) for value, entry in facet.values.items() for p in entry.phrases] for name, facet in domain.facets.items()}
    table["_excluded"] = [(e.name, p) for e in domain.exclusions for p in e.phrases]
    return table


_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # a phrase that refers to its own groups by number or name


def _screen(pairs: list[tuple[str, str]]) -> Scan | None:
    """One pattern matching wherever any of the pairs' phrases matches (a text it misses names none of them), or None.

    Each phrase is its own group `_alt<n>` where it can be: the alternative that matches first at a place is the phrase
    listed first that matches there, so the match names the value without compiling each phrase.
    """
    phrases = [p for _, p in pairs]
    choices = [[f"(?:{p})" for p in phrases]] if phrases else []
    if phrases and not any(_BACK_REFERENCE.search(p) for p in phrases):
        choices.insert(0, [f"(?P<_alt{n}>{p})" for n, p in enumerate(phrases)])
    for alternatives in choices:
        try:  # the word-start test once, before the alternatives, lets the engine skip ahead (several times faster)
            return Scan(_WORD_START, alternatives, "", re.IGNORECASE)  # searched where a phrase can open (one scan)
        except re.error:  # e.g. a group name repeated across phrases: no screen, every pattern is tried
            continue
    return None


@lru_cache(maxsize=16)
def _screens(domain: Domain) -> dict[str, Scan | None]:
    """Each facet's screen, and the exclusions' under '_excluded'."""
    return {name: _screen(pairs) for name, pairs in _phrases(domain).items()}


def _first(text: str, pairs: list[tuple[str, str]], screen: Scan | None = None) -> tuple[str, tuple[int, int]] | None:
    """The value named first in the text; at the same position the more specific (earlier listed) phrase wins."""
    if screen is not None:
        first = screen.search(text)  # the leftmost place any phrase matches: the first value named starts there
        if first is None:
            return None
        if first.lastgroup is not None and first.lastgroup.startswith("_alt"):
            return pairs[int(first.lastgroup[4:])][0], first.span()
        at = first.start()
        return next(((value, match.span()) for value, phrase in pairs if (match := _phrase_pattern(phrase).match(text, at))), None)
    best: tuple[int, int, str, tuple[int, int]] | None = None
    for order, (value, phrase) in enumerate(pairs):
        if (match := _phrase_pattern(phrase).search(text)) and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, value, match.span())
    return (best[2], best[3]) if best else None


_AGE_COMPILED = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _AGE)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16)
def _age_words(domain: Domain) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """The domain's age words, compiled once."""
    return tuple((word.age, re.compile(word.pattern, re.IGNORECASE)) for word in domain.age_words)


def _age(text: str, domain: Domain) -> tuple[int, tuple[int, int]] | None:
    """An age the text gives as a number, or as words the domain places at an age."""
    for pattern in _AGE_COMPILED if _DIGIT.search(text) else ():  # without a digit only the domain's age words can name one
        if match := scanned(pattern).search(text):
            over = re.search(r"over|above|older", match.group(0), re.IGNORECASE)
            return int(match.group(1)) + (1 if over else 0), match.span()
    if match := scanned(_DECADE).search(text):
        decade = match.group(1).lower().replace("'", "")
        return _DECADES.get(decade, int(decade[:2]) + 5 if decade[:2].isdigit() else 0), match.span()
    for age, pattern in _age_words(domain):
        if match := scanned(pattern).search(text):
            return age, match.span()
    return None


@lru_cache(maxsize=16)
def _lasting(domain: Domain, facet: str) -> re.Pattern[str] | None:
    """What a length of time must be said of to name the facet: the noun its ranged values' words share ("pain" in "acute
    pain", "chronic pain"), or "it"; None when they share none."""
    words = [set(e.words.lower().split()) for e in domain.facets[facet].values.values() if e.days is not None and e.words]
    shared = sorted(set.intersection(*words)) if words else []
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, shared))}|it)\b", re.IGNORECASE) if shared else None


def _by_duration(text: str, facet: str, domain: Domain) -> tuple[str, tuple[int, int]] | None:
    """The value of a facet whose range of days holds the first length of time the text gives (none without such values),
    in a text about what the facet measures ("an opioid dose raised last week" gives no length of pain)."""
    ranged = [(value, entry.days) for value, entry in domain.facets[facet].values.items() if entry.days is not None]
    about = _lasting(domain, facet) if ranged else None
    for days, span in durations(text) if ranged and _DIGIT_OR_WORD.search(text) and (about is None or about.search(text)) else ():
        if value := next((v for v, bounds in ranged if bounds is not None and in_range(days, bounds)), None):
            return value, span
    return None


_DIGIT_OR_WORD = re.compile(r"\d|\b(?:days?|weeks?|months?|years?)\b|\b(?:wks?|mos?|yrs?)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # one turn reads the same question in several stages, and the pack's own texts recur
def named_population(text: str, domain: Domain) -> NamedPopulation:
    """The population a question or claim names, read with the pack's domain (memoised: treat the result as read-only)."""
    found: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    phrases, screens = _phrases(domain), _screens(domain)
    for facet, pairs in phrases.items():
        if facet != "_excluded" and (hit := _first(text, pairs, screens[facet]) or _by_duration(text, facet, domain)):
            found[facet], spans[facet] = hit
    excluded = [NON_HUMAN] if (animal := _NON_HUMAN.search(text)) else []
    if animal:
        spans[f"excluded:{NON_HUMAN}"] = animal.span()
    screen = screens["_excluded"]
    for name, phrase in phrases["_excluded"] if screen is None or screen.search(text) else ():
        match = next((m for m in _phrase_pattern(phrase).finditer(text) if not _NEGATED.search(text, 0, m.start())), None)
        if name not in excluded and match is not None:
            excluded.append(name)
            spans[f"excluded:{name}"] = match.span()
    age = _age(text, domain)
    if age:
        spans["age"] = age[1]
    return NamedPopulation(age[0] if age else None, found, tuple(excluded), spans)


@lru_cache(maxsize=1024)
def phrased_values(text: str, domain: Domain) -> dict[str, tuple[str, ...]]:
    """Every value each facet's phrases name in a text, in the domain's order ("relapsed, now back in remission" names two)."""
    found: dict[str, tuple[str, ...]] = {}
    for facet, pairs in _phrases(domain).items():
        screen = _screens(domain).get(facet)
        if facet == "_excluded" or (screen is not None and screen.search(text) is None):
            continue
        values = tuple(dict.fromkeys(value for value, phrase in pairs if _phrase_pattern(phrase).search(text)))
        if values:
            found[facet] = values
    return found


def _age_range(band: str) -> tuple[int, int] | None:
    """'15-39' -> (15, 39); None when unknown."""
    match = re.fullmatch(r"(\d+)-(\d+)", band)
    return (int(match.group(1)), int(match.group(2))) if match else None


def age_outside(age: int, band: str) -> bool:
    """Whether an age lies outside a known age band ('15-39'); False when the band is unknown."""
    limits = _age_range(band)
    return limits is not None and not limits[0] <= age <= limits[1]


def population_conflicts(named: NamedPopulation, population: Population, guideline: str | None, domain: Domain) -> list[str]:
    """Readable reasons why an item's population does not cover the one a text names (empty when it does).

    An item that leaves a facet open still belongs to its part: the part's default for that facet
    applies (e.g. a first-line item does not cover relapsed disease).
    """
    reasons = [f"{name}, which the guideline excludes" for name in named.excluded]
    if named.age is not None and age_outside(named.age, population.age_band):
        reasons.append(f"age {named.age} is outside {population.age_band} years")
    part = domain.parts.get(guideline or "")
    for name, facet in domain.facets.items():
        said, covered = named.facet(name), population.facet(name)
        if covered in OPEN_VALUES and part and name in part.defaults:
            covered = part.defaults[name]
        if said is None or said in OPEN_VALUES or covered in OPEN_VALUES or said in facet.covered_by(covered):
            continue
        reason = facet.conflict.format(named=facet.label(said), covered=facet.label(covered))
        reasons.append(reason if covered == population.facet(name) else f"{reason} ({domain.part_name(guideline)} guideline)")
    return reasons


def facet_values(named: NamedPopulation) -> dict[str, str]:
    """The facets a text names, as a session stores them (age as a string)."""
    return dict(named.facets) | ({"age": str(named.age)} if named.age is not None else {})

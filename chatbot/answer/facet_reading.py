"""The population a question names, read for ranking: every value its phrases name, and values named in the pack's own words."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from chatbot.index.lexical import tokenize
from chatbot.packs.domain import Domain
from chatbot.recs.population import NamedPopulation, named_population, phrased_values

MIN_STEMS = 2  # a value's words name it loosely only when they are at least two words (one word is a phrase's job)
MIN_STEM_LENGTH = 3  # letters of a stem that counts ('ph' and 'b' are too short to tell anything apart)


@dataclass(frozen=True)
class ReadPopulation:
    """The population a question names (its phrases, plus facets named in the values' own words) and every value it names."""

    named: NamedPopulation
    values: dict[str, frozenset[str]] = field(default_factory=dict)

    def names_value(self, facet: str, value: str) -> bool:
        """Whether the question names this value of the facet anywhere (not only first)."""
        return value in self.values.get(facet, frozenset())


@lru_cache(maxsize=16)
def _value_stems(domain: Domain) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Each facet's values with the stems of their words ('in first remission' -> first, remiss), when there are enough."""
    table: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for name, facet in domain.facets.items():
        pairs = []
        for value, entry in facet.values.items():
            stems = frozenset(s for s in tokenize(entry.words or "") if len(s) >= MIN_STEM_LENGTH and s.isalpha())
            if len(stems) >= MIN_STEMS:
                pairs.append((value, stems))
        table[name] = tuple(pairs)
    return table


def worded_values(question: str, domain: Domain, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Facets (not in `skip`) whose value the question names in that value's own words, in any order ('in remission after his
    first round' names 'in first remission'); a facet two values of which are so named is left open."""
    stems = set(tokenize(question))
    found: dict[str, str] = {}
    for name, pairs in _value_stems(domain).items():
        named = [value for value, words in pairs if name not in skip and words <= stems]
        if len(named) == 1:
            found[name] = named[0]
    return found


@lru_cache(maxsize=1024)
def read_population(question: str, domain: Domain) -> ReadPopulation:
    """The question's population for ranking and clarifying: phrases first, then the values' own words for facets left open."""
    named = named_population(question, domain)
    worded = worded_values(question, domain, frozenset(named.facets))
    values = {name: frozenset(found) for name, found in phrased_values(question, domain).items()}
    for name, value in worded.items():
        values[name] = values.get(name, frozenset()) | {value}
    if worded:
        named = replace(named, facets=named.facets | worded)
    return ReadPopulation(named, values)

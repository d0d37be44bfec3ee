"""Which recommendation a clause is about: weighted overlap of its terms with each item's profile."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from chatbot.answer.retrieval import correct_spelling
from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.guard.details import detail_keys
from chatbot.guard.negated import affirmed_text, avoided_phrases
from chatbot.index.lexical import tokenize
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.schema import Recommendation, RecommendationSet

MIN_SCORE = 1.5  # summed term weights a clause needs to be about an item
FUZZY_SCORE = 85.0
_WORD = re.compile(r"[a-z][a-z0-9]+")
_SPELLED = re.compile(r"[A-Za-z][A-Za-z-]{3,}")  # the words correct_spelling considers, corrected one at a time
_ASIDE = re.compile(r"\s*\([^()]*\)")
_NEGATION_WORDS = frozenset({"no", "not"})  # tokenize keeps them for BM25; they name no topic
_COMPOUND = re.compile(r"(?<![\w-])([A-Za-z]+)-([A-Za-z]+)(?![\w-])")  # "long-acting": a modifier and its head
# The units a period is counted in: they say when or for how long, never what an item advises ("within 1-4 weeks").
_TIME_UNITS = frozenset(tokenize("minute minutes hour hours day days week weeks month months year years"))
# The bound a comparator is measured against ("larger supplies than the expected duration of severe pain"): what the
# intervention keeps to, so naming it names no comparator.
_BOUND = re.compile(r"\s+than\b[^,;]*", re.IGNORECASE)
_LACKING = re.compile(r"\bwithout ((?:[\w-]+ ?){1,4})", re.IGNORECASE)  # what a comparator goes without is the intervention's
_TIME_WORD = re.compile(r"(?:\b|\d)(?:min(?:ute)?|h|hr|hour|d|day|wk|week|mo|month|yr|year)s?\b", re.IGNORECASE)  # a cheap look first


def periods(text: str) -> frozenset[str]:
    """A text's periods as features of their own ("period:4 week" of "within 1-4 weeks"): the unit with its number."""
    if not _TIME_WORD.search(text):
        return frozenset()
    return frozenset(f"period:{number} {unit}" for number, unit in detail_keys([text]) if unit in _TIME_UNITS)


def compounds(text: str) -> frozenset[str]:
    """A text's hyphenated compounds as features of their own ("compound:long-act")."""
    return frozenset(f"compound:{'-'.join(tokenize(f'{a} {b}'))}" for a, b in _COMPOUND.findall(text))


def modifiers(text: str) -> frozenset[str]:
    """The stems a text uses only as the first part of a hyphenated compound ("long" of "long-acting"): no topic alone."""
    inside = {stem for a, _ in _COMPOUND.findall(text) for stem in tokenize(a)}
    return frozenset(inside - set(tokenize(_COMPOUND.sub(r"\2", text))))


@dataclass(frozen=True)
class Match:
    """An item a clause is about, and how strongly."""

    rec: Recommendation
    score: float


def profile_text(rec: Recommendation) -> str:
    """The words that say what an item is about: title, intervention, comparator, keywords."""
    return " ".join([rec.title, rec.intervention, rec.comparator or "", *rec.keywords])


def _facet_words(rec: Recommendation, rec_set: RecommendationSet) -> str:
    """The words of the pack's facet values an item's population takes ("subacute or chronic pain")."""
    facets = rec_set.domain.facets
    found = [
        facets[name].values[value].words for name, value in rec.population.facets.items() if name in facets and value in facets[name].values
    ]
    return " ".join(words for words in found if words)


class RecommendationMatcher:
    """Scores clauses against every item's term profile, weighting terms that few items share."""

    def __init__(
        self,
        rec_set: RecommendationSet,
        thesaurus: Thesaurus,
        background: frozenset[str] = frozenset(),
        discussed: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """`discussed`: for items nobody gave keywords, the words their discussion is most about (they join the profile)."""
        self._thesaurus = thesaurus
        background_groups = [g for g in thesaurus.groups if f"group:{g.canonical}" in background or g.canonical == thesaurus.subject]
        self._background = frozenset(
            {f"group:{g.canonical}" for g in background_groups}
            | {stem for g in background_groups for term in g.terms for stem in tokenize(term)}
        )
        generic = {stem for word in GENERIC_TERMS for stem in tokenize(word)}
        self._profiles: dict[str, frozenset[str]] = {}
        surface: set[str] = set(thesaurus.single_words())
        self._generic = frozenset(generic)
        self._sides: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._options: dict[str, frozenset[str]] = {}  # the stems and concepts of an item's intervention and comparator
        self._interventions: dict[str, frozenset[str]] = {}  # those of its intervention alone, its patients' words left out
        groups = (thesaurus.matching_groups(rec.population.description) for rec in rec_set.items)
        # Concepts that say who an item is for (and those every passage names): no intervention.
        self.population_concepts = frozenset(f"group:{g.canonical}" for found in groups for g in found) | self._background
        for rec in rec_set.items:
            if rec.is_placeholder:  # nothing is known of a placeholder's topic; the guard names them by phrase
                continue
            text = profile_text(rec)
            known = " ".join([text, *(discussed or {}).get(rec.id, ())])
            self._profiles[rec.id] = self._features(known) - self._generic
            if rec.is_uncurated:  # its statement's "long-acting" makes no "long-term" claim about it
                # a unit alone says when, not what ("weeks"); the item's own period with its number does ("1-4 weeks")
                self._profiles[rec.id] = (self._profiles[rec.id] - modifiers(known) - _TIME_UNITS) | compounds(known) | periods(text)
            # each option read as written and with its asides left out ("toxicology (drug) testing" names toxicology testing)
            intervention = self._features(f"{rec.intervention} {_ASIDE.sub('', rec.intervention)}") - self._generic
            comparator = self._features(f"{rec.comparator or ''} {_ASIDE.sub('', rec.comparator or '')}") - self._generic
            own = self._features(_BOUND.sub(" ", _ASIDE.sub("", rec.comparator or "")))  # common words too: "a routine first choice"
            # what the intervention itself says to avoid ("avoiding sudden stops") is on the comparator's side
            avoided = self._features(" ; ".join(avoided_phrases(rec.intervention))) - self._features(affirmed_text(rec.intervention))
            whose = self._features(rec.population.description) | self.population_concepts  # the patients name neither side
            lacking = self._features(" ".join(_LACKING.findall(rec.comparator or "")))  # "without that extra caution": the item's
            rejected = own - self._features(rec.intervention) - whose - lacking
            self._sides[rec.id] = (intervention - own - avoided, rejected | (avoided - self._generic))
            self._options[rec.id] = intervention | comparator
            self._interventions[rec.id] = intervention - whose
            surface.update(_WORD.findall(text.lower()))
        # whom an uncurated item is for, as a curated title says it ("... for acute pain"): it ranks the items a clause's other words match
        whom = {rec.id: self._features(_facet_words(rec, rec_set)) - self._generic for rec in rec_set.items if rec.is_uncurated}
        self._whom = {rec_id: stems - self._profiles.get(rec_id, frozenset()) for rec_id, stems in whom.items() if stems}
        shared = {stem for stem in set().union(*self._profiles.values()) if self._df(stem) > len(self._profiles) / 2}
        self._profiles = {rec_id: stems - shared for rec_id, stems in self._profiles.items()}
        count = len(self._profiles)
        self._weights = {stem: math.log((count + 1) / self._df(stem)) for stem in set().union(*self._profiles.values())}
        self._whom_weights = {
            stem: math.log((count + 1) / (self._df(stem) + sum(stem in stems for stems in self._whom.values())))
            for stem in set().union(*self._whom.values())
        }
        self._postings: dict[str, list[str]] = {}
        for rec_id, stems in self._profiles.items():
            for stem in stems:
                self._postings.setdefault(stem, []).append(rec_id)
        self._recs = {rec.id: rec for rec in rec_set.items}
        self._surface = frozenset(surface)
        self._terms = sorted(w for w in surface if len(w) >= 5)
        self._stems_memo: dict[str, frozenset[str]] = {}
        self._words_memo: dict[str, str] = {}
        self._unchanged: set[str] = set()  # words the memo keeps as written: a clause of only these needs no correction

    def _df(self, stem: str) -> int:
        """How many item profiles hold a stem."""
        return sum(stem in stems for stems in self._profiles.values())

    def _features(self, text: str) -> frozenset[str]:
        """Stems of the text plus one 'group:<canonical>' concept per synonym group it names (background dropped)."""
        stems = {stem for stem in tokenize(text) if len(stem) > 1}
        stems.update(f"group:{group.canonical}" for group in self._thesaurus.matching_groups(text))
        return frozenset(stems - _NEGATION_WORDS - self._background)

    def clause_stems(self, text: str) -> frozenset[str]:
        """A clause's features after spelling correction of field terms (remembered: one check asks about a clause several times)."""
        features = self._stems_memo.get(text)
        if features is None:
            memo = self._words_memo
            words = {word for word in _SPELLED.findall(text) if len(word) >= 5}  # shorter words are never corrected
            if words <= self._unchanged or all((memo.get(word) or self._corrected(word)) == word for word in words):
                features = self._features(text)  # no word changes: the text stands as written
            else:
                features = self._features(_SPELLED.sub(lambda word: self._corrected(word.group(0)), text))
            features |= periods(text)  # met only in the profiles of items known by their statement alone, as compounds are
            if "-" in text:  # a compound needs its hyphen
                features |= compounds(text)
                # "sub-acute": the set's "subacute"
                joined = [a + b for a, b in _COMPOUND.findall(text) if (a + b).lower() in self._surface]
                features |= self._features(" ".join(joined)) if joined else frozenset()
            if len(self._stems_memo) > 8192:
                self._stems_memo.clear()
            self._stems_memo[text] = features
        return features

    def _corrected(self, word: str) -> str:
        """One word with its spelling corrected to a field term, if it closely resembles one (remembered per word)."""
        fixed = self._words_memo.get(word)
        if fixed is None:
            fixed = correct_spelling(word, self._surface, self._terms, FUZZY_SCORE)[0]
            if len(self._words_memo) > 65536:
                self._words_memo.clear()
                self._unchanged.clear()
            self._words_memo[word] = fixed
            if fixed == word:
                self._unchanged.add(word)
        return fixed

    def match(self, text: str, emphasis: str = "", share: float = 1.0, whom: bool = True) -> list[Match]:
        """The item a clause is about (several only when they tie; with `share` < 1, all within that share of the best, best first).

        Terms in `emphasis` (its predicate) count twice; with `whom`, the patients an uncurated item is for count too.
        """
        stems, stressed = self.clause_stems(text), self.clause_stems(emphasis) if emphasis.strip() else frozenset()
        candidates = {rec_id for stem in stems | stressed for rec_id in self._postings.get(stem, ())}  # the others score 0
        profiles, weights = self._profiles, self._weights
        scored = sorted(
            (
                (sum(weights[s] for s in stems & profiles[rec_id]) + sum(weights[s] for s in stressed & profiles[rec_id]), rec_id)
                for rec_id in candidates
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < MIN_SCORE:
            return []
        if whom and self._whom:  # whom an uncurated item is for ranks the items the clause's other words match (as a curated title would)
            named = stems | stressed
            scored = sorted(
                (
                    (score + sum(self._whom_weights[s] for s in named & self._whom.get(rec_id, frozenset())), rec_id)
                    for score, rec_id in scored
                ),
                reverse=True,
            )
        floor = scored[0][0] * share - 1e-9
        return [Match(self._recs[rec_id], score) for score, rec_id in scored if score >= floor]

    def prefers_comparator(self, preferred: str, rec_id: str) -> bool:
        """Whether the preferred side of a clause names the item's comparator and not its intervention."""
        intervention, comparator = self._sides.get(rec_id, (frozenset(), frozenset()))
        features = self.clause_stems(preferred)
        named = features & comparator  # common words name it only together ("routine first"), not one alone ("approach")
        return bool(named - self._generic or len(named) > 1) and not features & intervention

    def names_intervention(self, phrase: str, rec_id: str) -> bool:
        """Whether a phrase (e.g. what a clause goes 'without') names the item's intervention."""
        intervention, _ = self._sides.get(rec_id, (frozenset(), frozenset()))
        return bool(self.clause_stems(phrase) & intervention)

    def intervention_weight(self, phrase: str, rec_id: str) -> float:
        """How specifically a phrase names the item's intervention: the summed weights of the intervention terms it names."""
        intervention, _ = self._sides.get(rec_id, (frozenset(), frozenset()))
        return sum(self._weights.get(stem, 0.0) for stem in self.clause_stems(phrase) & intervention)

    def names_option_itself(self, phrase: str, rec_id: str) -> bool:
        """Whether a phrase names the item's intervention (words it shares with its comparator too) and nothing only its comparator has."""
        features = self.clause_stems(phrase)
        return (
            bool(features & self._interventions.get(rec_id, frozenset())) and not features & self._sides.get(rec_id, ((), frozenset()))[1]
        )

    def names_concept(self, phrase: str, rec_id: str) -> bool:
        """Whether a phrase names a field concept (synonym group) of the item's profile that is no population's."""
        shared = self.clause_stems(phrase) & self._profiles.get(rec_id, frozenset())
        return any(c.startswith("group:") and c not in self.population_concepts for c in shared)

    def names_side(self, phrase: str, rec_id: str) -> bool:
        """Whether a phrase names anything of the item's intervention or comparator."""
        return bool(self.clause_stems(phrase) & self._options.get(rec_id, frozenset()))

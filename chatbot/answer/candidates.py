"""The items a question's hits point at, ordered by population fit and by how many of its asks they cover."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from chatbot.answer.actions import actions, side_only
from chatbot.answer.coverage import Ask, uncovered
from chatbot.answer.facet_reading import ReadPopulation, read_population
from chatbot.answer.measures import leaves_out
from chatbot.answer.singled import acted_items
from chatbot.answer.statement_terms import StatementTerms, question_stems
from chatbot.answer.timing import timed_first
from chatbot.index.lexical import tokenize
from chatbot.packs.domain import OPEN_VALUES, Domain
from chatbot.packs.synonyms import SynonymGroup, Thesaurus
from chatbot.recs.population import NamedPopulation, population_conflicts
from chatbot.recs.schema import Certainty, Direction, Recommendation, RecommendationSet, Strength
from chatbot.types import Hit, Passage

FEW_PASSAGES = 3  # an item with at most this many passages speaks with all of them
LEAD_CANDIDATES = 5  # how far down the hits a better-fitting item may come from
# One matched facet is weak evidence (many items share one); two or more single out the population.
MIN_FACET_MATCHES = 2
# ... and so does one whose value few of the pack's items state (Ph-positive, long-term opioid therapy): at most this share.
RARE_VALUE_SHARE = 0.1
# What the structured set can say of any item: its grading words belong to every item's text.
_GRADING_WORDS = " ".join(value.value.replace("_", " ") for enum in (Strength, Certainty, Direction) for value in enum)

# English that names advice against something as what is asked: 'the rec against antibiotics', 'recommends against'.
_ASKED_AGAINST = re.compile(r"(?i)\b(?:rec|recs|recommendations?|recommends?|recommended|advice|advises?|suggests?)\s+against\b")


@dataclass(frozen=True)
class Candidate:
    """A hit as a possible lead: its item, the population conflicts, the asks it leaves uncovered, its facet matches."""

    hit: Hit
    rank: int
    rec: Recommendation | None
    conflicts: tuple[str, ...]
    missing: tuple[Ask, ...]
    matches: int
    rare: bool = False  # one of the matched facets has a value few items state: it singles the item out
    outside: bool = False  # the item's statement sets a range that leaves out the amount the question gives ('4 cm or larger')
    contrary: bool = False  # the question asks for advice against something and the item advises for it
    said: float = 0.0  # how much of the question the item's own statement says (items discussed at length only)

    @property
    def fit(self) -> tuple[int, int]:
        """How well the candidate fits: no population conflict first, then fewest uncovered asks."""
        return (1 if self.conflicts else 0, len(self.missing))

    @property
    def population_key(self) -> tuple[int, int, float, int]:
        """Among items that fit alike: one whose range holds the question's amount and whose direction is the one asked, then the one whose stated population the
        question names (in two or more facets) first, then the one whose own statement says more of the question."""
        named = -self.matches if self.matches >= MIN_FACET_MATCHES or self.rare else 0
        return (int(self.outside or self.contrary), named, -self.said, self.rank)


class ItemTexts:
    """The text that speaks for each item (its fields and every passage linked to it), or for an unlinked passage."""

    def __init__(
        self, passages: tuple[Passage, ...], rec_set: RecommendationSet, thesaurus: Thesaurus | None = None, lexicon_dir: Path | None = None
    ) -> None:
        """`lexicon_dir`: WordNet's folder, for other names of a question's uncommon words (None: none)."""
        self._passages = passages
        self._rec_set = rec_set
        self._thesaurus = thesaurus
        self.lexicon_dir = lexicon_dir
        self._covered_groups: dict[str, frozenset[str]] = {}  # each item's population groups, by id

    @cached_property
    def _population_groups(self) -> list[tuple[SynonymGroup, str, str]]:
        """(group, facet, value) for each synonym group whose first term names a population facet's value ('LTOT' and the rest
        of the 'long-term opioid therapy' group)."""
        facets = self._rec_set.domain.facets
        phrases = [(n, v, re.compile(rf"(?<![\w]){p}", re.I)) for n, f in facets.items() for v, e in f.values.items() for p in e.phrases]
        groups = self._thesaurus.groups if self._thesaurus is not None else ()
        return list(dict.fromkeys((g, n, v) for g in groups for n, v, pattern in phrases if pattern.search(g.canonical)))

    def population_groups(self, rec: Recommendation) -> frozenset[str]:
        """The first terms of the population groups the item's population covers: the value it states, one that value covers,
        or any value of a facet it leaves open (an item for every patient covers the patient on long-term therapy).

        Worked out once per item (it depends on the item and the pack alone).
        """
        groups = self._covered_groups.get(rec.id)
        if groups is None:
            domain = self._rec_set.domain
            groups = frozenset(
                group.canonical
                for group, name, value in self._population_groups
                if (stated := _stated(rec, name, domain)) in OPEN_VALUES or value in domain.facets[name].covered_by(stated)
            )
            self._covered_groups[rec.id] = groups
        return groups

    @cached_property
    def _linked(self) -> dict[str, str]:
        """Every linked passage's text, joined per item."""
        joined: dict[str, list[str]] = {}
        for passage in self._passages:
            if passage.recommendation_id:
                joined.setdefault(passage.recommendation_id, []).append(passage.text)
        return {rec_id: "\n".join(texts) for rec_id, texts in joined.items()}

    def fields(self, hit: Hit) -> list[str]:
        """What the structured set says of the hit's item (title, intervention, comparator, remarks, population); none for a passage."""
        rec = self._rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        if rec is None:
            return []
        return [rec.title, rec.intervention, rec.comparator or "", rec.direction_detail or "", *rec.remarks, rec.population.description]

    def core(self, hit: Hit) -> str:
        """What the item itself states (title, intervention, comparator, direction, population); a passage's own text."""
        rec = self._rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        if rec is None:
            return "\n".join([*hit.passage.section_path, hit.passage.text])
        return "\n".join([rec.title, rec.intervention, rec.comparator or "", rec.direction_detail or "", rec.population.description])

    def of(self, hit: Hit, hits: tuple[Hit, ...] = (), keywords: bool = True) -> str:
        """The text an answer led by this hit can draw on: the item's fields (and keywords) and its retrieved passages
        (all of them when few)."""
        rec = self._rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        if rec is None:
            return "\n".join([*hit.passage.section_path, hit.passage.text])
        fields = [*self.fields(hit), " ".join(rec.keywords) if keywords else "", _GRADING_WORDS]
        linked = self._linked.get(rec.id, "")
        if self._counts.get(rec.id, 0) > FEW_PASSAGES:  # an item repeated through a long publication: what was retrieved of it
            linked = "\n".join(h.passage.text for h in (hit, *hits) if h.passage.recommendation_id == rec.id)
        return "\n".join([*fields, linked])

    def missing(self, asks: tuple[Ask, ...], hit: Hit, hits: tuple[Hit, ...] = ()) -> tuple[Ask, ...]:
        """The asks an answer led by this hit leaves uncovered (a population the item covers is no ask: 'LTOT' of an item for all).

        A keyword covers a field term or a class, but not one agent or product named on its own: keywords are what a
        reader might search for, and an item listing 'clonazepam' among them never says anything of it.
        """
        full = self.of(hit, hits)
        rec = self._rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        missing = outside_population(uncovered(asks, full), self.population_groups(rec) if rec is not None else frozenset())
        named = [a for a in asks if a.specific and a not in missing and not any(c.named_in(full) for c in a.classes)]
        if not named or hit.passage.recommendation_id is None:
            return missing
        unsaid = uncovered(named, self.of(hit, hits, keywords=False))
        return tuple(a for a in asks if a in missing or a in unsaid)

    def statement(self, hit: Hit) -> str:
        """The text of the passage holding the hit's item's statement ('' for a passage, or an item with no such passage)."""
        rec = self._rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        where = rec.statement if rec is not None else None
        if rec is None or where is None or where.char_start is None:
            return ""
        at, document = where.char_start, where.document
        holding = (p for p in self._passages if p.recommendation_id == rec.id and p.char_start <= at < p.char_end)
        return next((p.text for p in holding if p.document_id == document), "")

    def discussed_at_length(self, rec_id: str) -> bool:
        """Whether an item has more passages than FEW_PASSAGES (a long publication's discussion of it)."""
        return self._counts.get(rec_id, 0) > FEW_PASSAGES

    @cached_property
    def statement_terms(self) -> StatementTerms:
        """The stems of each item's own statement, weighed across the items."""
        return StatementTerms.of(self._rec_set)

    def passage(self, position: int) -> Passage:
        """The passage at a position of the index."""
        return self._passages[position]

    @cached_property
    def _counts(self) -> dict[str, int]:
        """How many passages each item has."""
        return Counter(passage.recommendation_id for passage in self._passages if passage.recommendation_id)


def by_statement(window: list[Candidate], question: str, read: ReadPopulation, texts: ItemTexts, carried: str = "") -> list[Candidate]:
    """The window's items scored by how much of the question (its population left out) their own statements say, when every
    item there is curated and discussed at length: one of its many passages is weak evidence of what the item advises, its
    curated statement not (an uncurated item's fields are its statement passage's words: retrieval has weighed them)."""
    items = [c.rec for c in window if c.rec is not None]
    if len({rec.id for rec in items}) < 2 or not all(texts.discussed_at_length(rec.id) and not rec.is_uncurated for rec in items):
        return window
    earlier = set(tokenize(carried))  # an earlier turn's words would point back at its item
    stems = [stem for stem in question_stems(question, read.named.spans.values(), texts.lexicon_dir) if stem not in earlier]
    terms = texts.statement_terms
    return [replace(c, said=terms.said(c.rec.id, stems)) if c.rec is not None else c for c in window]


def outside_population(asks: tuple[Ask, ...], groups: frozenset[str]) -> tuple[Ask, ...]:
    """The asks other than those naming a population the item covers (`groups`: their groups' first terms)."""
    return tuple(ask for ask in asks if ask.group is None or ask.group.canonical not in groups)


def _stated(rec: Recommendation, name: str, domain: Domain) -> str:
    """The item's value for a facet, its part's default when it leaves the facet open."""
    stated = rec.population.facet(name)
    part = domain.parts.get(rec.guideline)
    return part.defaults[name] if stated in OPEN_VALUES and part and name in part.defaults else stated


def within_named(named: NamedPopulation, rec: Recommendation, domain: Domain) -> NamedPopulation:
    """The named population without the facets where the item covers a narrower group (a subgroup of the one named)."""
    narrower = {
        name
        for name, facet in domain.facets.items()
        if (said := named.facet(name)) and said != (stated := _stated(rec, name, domain)) and stated in facet.covered_by(said)
    }
    if not narrower:
        return named
    kept = {name: value for name, value in named.facets.items() if name not in narrower}
    return NamedPopulation(named.age, kept, named.excluded, named.spans)


def matched_facets(named: NamedPopulation, rec: Recommendation, domain: Domain) -> list[tuple[str, str]]:
    """(facet, the item's value) for each facet the question names that the item states (not leaves open), part defaults included."""
    matched = []
    for name, facet in domain.facets.items():
        said, stated = named.facet(name), _stated(rec, name, domain)
        if said is not None and said not in OPEN_VALUES and stated not in OPEN_VALUES and said in facet.covered_by(stated):
            matched.append((name, stated))
    return matched


def facet_matches(named: NamedPopulation, rec: Recommendation, domain: Domain) -> int:
    """How many facets the question names that the item states (not leaves open), its part's defaults included."""
    return len(matched_facets(named, rec, domain))


def singled_out(read: ReadPopulation, matched: list[tuple[str, str]], rare: frozenset[tuple[str, str]]) -> bool:
    """Whether the item states, exactly as the question names it (first or later), a facet value few items state (not a wider
    one covering it): "relapsed, now back in remission" names the remission after relapse too."""
    return any(pair in rare and read.names_value(*pair) for pair in matched)


def rare_values(rec_set: RecommendationSet) -> frozenset[tuple[str, str]]:
    """(facet, value) pairs that at most RARE_VALUE_SHARE of the set's items state: a question naming one singles them out."""
    counts = Counter((name, _stated(rec, name, rec_set.domain)) for rec in rec_set.items for name in rec_set.domain.facets)
    limit = RARE_VALUE_SHARE * len(rec_set.items)
    return frozenset(pair for pair, n in counts.items() if pair[1] not in OPEN_VALUES and n <= limit)


def describes_patient(question: str, named: NamedPopulation, domain: Domain) -> bool:
    """Whether the question describes a patient: an age, or a facet named other than by a part's name ('the <part> guideline').

    Such a question asks what the items advise, not what the front matter says.
    """
    if named.age is not None:
        return True
    part_spans = [m.span() for part in domain.parts.values() for p in part.phrases for m in re.finditer(rf"(?<![\w]){p}", question, re.I)]
    facet_spans = [named.spans[name] for name in named.facets if name in named.spans]
    return any(not any(s < e2 and s2 < e for s2, e2 in part_spans) for s, e in facet_spans)


def covering_items(
    asks: tuple[Ask, ...],
    acts: tuple[Ask, ...],
    read: ReadPopulation,
    rec_set: RecommendationSet,
    texts: ItemTexts,
    near: dict[int, float],
    rare: frozenset[tuple[str, str]],
    only: frozenset[str] | None = None,
) -> list[Candidate]:
    """Items with a passage among those nearest the question (`near`: index position -> similarity) that names every ask
    (or, given `only`, those items), and whose population fits (`rare`: the set's rare facet values); each led by that passage.

    Fusion may push such a passage out of the first hits (its words are rarer in the question than others), but an
    item that says what the question asks about in a passage this near to it addresses the question.
    """
    found: list[Candidate] = []
    named = read.named
    for position in sorted(near, key=lambda p: -near[p]):
        passage = texts.passage(position)
        rec = rec_set.get(passage.recommendation_id) if passage.recommendation_id else None
        wanted = rec is not None and (rec.id in only if only is not None else not uncovered(asks, passage.text))
        if rec is None or rec.is_placeholder or any(c.rec is rec for c in found) or not wanted:
            continue
        if population_conflicts(within_named(named, rec, rec_set.domain), rec.population, rec.guideline, rec_set.domain):
            continue
        hit = Hit(passage=passage, fused_score=0.0, dense_score=near[position])
        if only is not None or not side_only(asks, acts, texts.core(hit), texts.of(hit)):
            matched, missing = matched_facets(named, rec, rec_set.domain), texts.missing(asks, hit) if only is not None else ()
            found.append(Candidate(hit, 0, rec, (), missing, len(matched), singled_out(read, matched, rare)))
    return sorted(found, key=lambda c: c.population_key[0])


def rank_candidates(
    hits: tuple[Hit, ...],
    asks: tuple[Ask, ...],
    question: str,
    rec_set: RecommendationSet,
    texts: ItemTexts,
    near: dict[int, float] | None = None,
    items_first: bool = False,
    carried: str = "",
) -> list[Candidate]:
    """The first hits as candidates, best first; the rest follow in retrieval order (items before passages when
    `items_first`: the question asks what only an item has, such as its strength; `carried`: a follow-up's topic words).

    When every one of the first hits leaves an ask uncovered, the items with a passage near the question that covers
    them all (`covering_items`) join them.
    """
    read = read_population(question, rec_set.domain)
    named = read.named
    candidates = []
    acts = actions(question) if asks else ()
    rare = rare_values(rec_set) if named.facets else frozenset()
    against = _ASKED_AGAINST.search(question) is not None
    for rank, hit in enumerate(hits):
        rec = rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        within = within_named(named, rec, rec_set.domain) if rec else named
        conflicts = tuple(population_conflicts(within, rec.population, rec.guideline, rec_set.domain)) if rec else ()
        matched = matched_facets(named, rec, rec_set.domain) if rec else []
        missing = texts.missing(asks, hit, hits) if asks else ()  # no asks: no item text to gather and read
        if asks and not missing and rec is not None:
            missing = side_only(asks, acts, texts.core(hit), texts.of(hit, hits))
        outside = rec is not None and leaves_out(question, texts.statement(hit))
        contrary = rec is not None and against and rec.direction is Direction.FOR
        candidates.append(Candidate(hit, rank, rec, conflicts, missing, len(matched), singled_out(read, matched, rare), outside, contrary))
    # A question about a patient, or with asks an item covers as well as a passage does, wants the item's advice first.
    items_first = items_first or bool(asks) or describes_patient(question, named, rec_set.domain)
    window = candidates[:LEAD_CANDIDATES]
    if asks and near and window and all(c.missing for c in window):
        extra = covering_items(asks, acts, read, rec_set, texts, near, rare)
        window += [replace(c, rank=len(hits) + n) for n, c in enumerate(extra)]
    if rare and near and (acted := acted_items(question, read, rec_set, rare, (c.rec for c in window if c.rec), texts.lexicon_dir)):
        extra = covering_items(asks, acts, read, rec_set, texts, near, rare, acted)  # the rare population's item for the act asked
        window += [replace(c, rank=len(hits) + len(window) + n) for n, c in enumerate(extra)]
    # A rare value reorders the items of the guideline part retrieval points at; it never moves the answer to another part.
    part = next((c.rec.guideline for c in candidates if c.rec is not None), None)
    window = [replace(c, rare=False) if c.rare and c.rec is not None and c.rec.guideline != part else c for c in window]
    window = by_statement(window, question, read, texts, carried)
    window = sorted(window, key=lambda c: (c.fit, 1 if items_first and c.rec is None else 0, c.outside or c.contrary, c.rank))
    slots = [position for position, c in enumerate(window) if c.rec is not None]  # items trade places; passages keep theirs
    for fit in {c.fit for c in window}:
        same = [position for position in slots if window[position].fit == fit]
        for position, candidate in zip(same, sorted((window[p] for p in same), key=lambda c: c.population_key)):
            window[position] = candidate
    window = timed_first(window, candidates, question, carried)  # a question asking when: the item whose advice says when
    return window + [c for c in candidates[LEAD_CANDIDATES:] if c not in window]

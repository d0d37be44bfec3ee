"""What the guard checks against, prepared once per pack: the set, its vocabulary, the corpus text and the details both hold."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from chatbot.answer.english import common_words
from chatbot.answer.vocabulary import CorpusVocabulary
from chatbot.guard.details import detail_keys
from chatbot.guard.matching import RecommendationMatcher, profile_text
from chatbot.guard.negated import affirmed_stems, negated_stems
from chatbot.index.discussion import DISCUSSION_TERMS, discussion_terms
from chatbot.index.lexical import tokenize
from chatbot.ingest.normalise import normal_form
from chatbot.packs.initialisms import Initialisms
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import Passage


def squash(text: str) -> str:
    """The normalised text with whitespace collapsed, for verbatim comparison (a key; quotes themselves stay sliced)."""
    return " ".join(normal_form(text).split())


def part_counts(rec_set: RecommendationSet, kind: str = "recommendation") -> dict[str, int]:
    """How many items of a kind each part has: the declared counts, else the numbers its items carry ('7a' and '7b' are one)."""
    declared = {guideline: count for guideline, k, count in rec_set.expected_counts if k.value == kind}
    if declared or rec_set.expected_counts:
        return declared
    numbers: dict[str, set[int | str]] = {}
    for rec in rec_set.items:
        if rec.kind == kind:  # an unnumbered item counts by itself
            numbers.setdefault(str(rec.guideline), set()).add(rec.number if rec.number is not None else rec.id)
    return {guideline: len(found) for guideline, found in numbers.items()}


COMMON_SHARE = 0.1  # a stem in this share of the passages or more is common to the corpus
MIN_PASSAGES = 20  # fewer passages than this tell nothing of how common a word is
MIN_DISCUSSION = 5  # an item's own passages, fewer than this, tell nothing of the words its paraphrases use


FUNCTION_ZIPF = 5.5  # English words this frequent (Zipf) or more are function words and the like
GRAMMAR_ZIPF = 6.0  # and these name nothing even as the head of what a negation governs ("just", "any"; not "stop", "use")


def function_words() -> frozenset[str]:
    """English words frequent enough to name no thing ("never", "only", "every"); read once."""
    return common_words(FUNCTION_ZIPF)


def _own_words(rec: Recommendation) -> list[str]:
    """An item's own fields: what it is about and advises, its detail and remarks."""
    return [profile_text(rec), rec.direction_detail or "", *rec.remarks]


def _statement_words(rec: Recommendation) -> list[str]:
    """What an item itself states (title, whom, intervention, detail, remarks): not its search keywords ("90 MME") nor the
    comparator it advises against, so a bound only they name is not the item's."""
    return [rec.title, rec.population.description, rec.intervention, rec.direction_detail or "", *rec.remarks]


@dataclass(frozen=True)
class GuardContext:
    """What the guard checks against: the set, the field's vocabulary and the corpus text."""

    rec_set: RecommendationSet
    thesaurus: Thesaurus
    matcher: RecommendationMatcher
    vocabulary: CorpusVocabulary
    passages: tuple[Passage, ...]
    squashed: tuple[str, ...]  # each passage's text, squashed, for quotes and their closest passage
    item_details: dict[str, frozenset[tuple[str, str]]]  # the doses, durations, thresholds each item and its passages hold
    corpus_details: frozenset[tuple[str, str]]  # those the whole set and corpus hold
    set_details: dict[str, frozenset[tuple[str, str]]]  # those each item's own fields set (its passages only discuss)
    advice_stems: dict[str, frozenset[str]]  # what each item advises (profile, direction detail): stems and concepts, no population words
    population_stems: frozenset[str]  # the words of every item's population and of the pack's subject
    common_stems: frozenset[str]  # stems found in a tenth or more of the passages: they name no particular topic
    corpus_text: str  # the squashed passages joined by NUL, for one search whether a quote is verbatim
    shorthand: Initialisms  # undefined initialisms and clipped words, read as the pack's own phrases
    negated: dict[
        str, tuple[frozenset[str], ...]
    ]  # what each item's fields and passages advise against, its intervention for, its comparator

    def explains(self, term: str) -> bool:
        """Whether a term unknown to the corpus is shorthand for its words ("LBP", "benzos")."""
        return (term.isupper() and self.shorthand.long_form(term) is not None) or self.shorthand.clipped(term) is not None

    @cached_property
    def ignored_stems(self) -> frozenset[str]:
        """Stems that name no particular thing a clause is for or against: people, and words common to the corpus."""
        names = " ".join([*self.rec_set.domain.facts.names, *(rec.id for rec in self.rec_set.items)])
        return self.population_stems | self.common_stems | frozenset(tokenize(names))

    @cached_property
    def discussed_stems(self) -> dict[str, frozenset[str]]:
        """The stems of each item's own passages, for the items the corpus discusses at length: the words a faithful
        paraphrase of its advice may use (an item known by its record alone shows none)."""
        texts: dict[str, list[str]] = {rec.id: [] for rec in self.rec_set.items}
        for passage in self.passages:
            texts.get(passage.recommendation_id or "", []).append(passage.text)
        return {
            rec_id: frozenset(stem for text in found for stem in tokenize(text))
            for rec_id, found in texts.items()
            if len(found) >= MIN_DISCUSSION
        }

    @cached_property
    def all_advice_stems(self) -> frozenset[str]:
        """What any item advises: a word of one of them names no advice the set lacks."""
        return frozenset().union(*self.advice_stems.values())

    @cached_property
    def idle_stems(self) -> frozenset[str]:
        """The stems of English's commonest words ("take", "use"): alone they name no option an item rejects."""
        return frozenset(stem for word in function_words() for stem in tokenize(word))

    @cached_property
    def grammar_stems(self) -> frozenset[str]:
        """The stems of English's grammar words ("just", "any", "all"): no negated phrase is about them."""
        return frozenset(stem for word in common_words(GRAMMAR_ZIPF) for stem in tokenize(word))

    @classmethod
    def build(cls, rec_set: RecommendationSet, thesaurus: Thesaurus, passages: tuple[Passage, ...]) -> GuardContext:
        """Prepare the matcher, the squashed corpus and the details once."""
        background = frozenset(f"group:{g.canonical}" for g in thesaurus.ubiquitous_groups([p.text for p in passages]))
        # an item nobody gave keywords is recognised by what its discussion is most about, as BM25 finds it
        matcher = RecommendationMatcher(rec_set, thesaurus, background, discussion_terms(passages, rec_set, DISCUSSION_TERMS))
        vocabulary = CorpusVocabulary.from_texts([p.text for p in passages] + [profile_text(rec) for rec in rec_set.items], thesaurus)
        squashed = tuple(squash(p.text) for p in passages)
        item_texts = {rec.id: _own_words(rec) for rec in rec_set.items}
        set_details = {rec.id: detail_keys(_statement_words(rec)) for rec in rec_set.items}
        for passage, text in zip(passages, squashed, strict=True):
            if passage.recommendation_id in item_texts:
                item_texts[passage.recommendation_id].append(text)
            elif detail_keys([text]):  # a passage outside any item's section holds details of the items it is about
                for match in matcher.match(text, whom=False):  # a passage's details go by what it discusses, not whom
                    item_texts[match.rec.id].append(text)
        item_details = {rec_id: detail_keys(texts) for rec_id, texts in item_texts.items()}
        corpus = detail_keys(list(squashed)) | frozenset().union(*item_details.values())
        people = " ".join([rec_set.domain.subject or "", *(rec.population.description for rec in rec_set.items)])
        population = frozenset(tokenize(people))
        advice = {rec.id: matcher.clause_stems(" ".join(_own_words(rec)[:2])) - population for rec in rec_set.items}  # remarks: reporting
        function_words()  # read the word list now, not during the first check
        df = Counter(stem for text in squashed for stem in set(tokenize(text)))
        common = (
            frozenset(stem for stem, n in df.items() if n >= COMMON_SHARE * len(squashed)) if len(squashed) >= MIN_PASSAGES else frozenset()
        )
        joined = "\x00".join(squashed)
        own = {
            rec.id: [rec.intervention, rec.direction_detail or "", *rec.remarks] for rec in rec_set.items
        }  # a comparator's "without" is no advice
        discussed: dict[str, list[str]] = {rec.id: [] for rec in rec_set.items}
        for passage in passages:
            discussed.get(passage.recommendation_id or "", []).append(passage.text)
        return cls(
            rec_set,
            thesaurus,
            matcher,
            vocabulary,
            passages,
            squashed,
            item_details,
            corpus,
            set_details,
            advice,
            population,
            common,
            joined,
            Initialisms.from_texts([p.text for p in passages], {t for g in thesaurus.groups for t in g.terms}),
            {
                rec.id: (
                    negated_stems(own[rec.id]),
                    negated_stems(discussed[rec.id]),
                    affirmed_stems(rec.intervention),
                    affirmed_stems(rec.comparator or "") - frozenset(tokenize(rec.intervention)),  # "without that extra caution": not it
                )
                for rec in rec_set.items
            },
        )

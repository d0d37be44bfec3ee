"""A question's specific asks (read with the pack's synonyms, domain and English word frequency) and whether a text covers each."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from chatbot.answer.english import EVERYDAY_ZIPF, is_common_english
from chatbot.answer.formed_words import formed_from
from chatbot.answer.loose import TYPO_SCORE, loose_words
from chatbot.answer.markers import marker_spans
from chatbot.answer.restated import (
    clipped_from,
    clipped_shorthand,
    initials_of,
    misspelt_common,
    names_a_person,
    names_a_procedure,
    names_a_thing,
    names_in,
    other_names,
    spelled_out,
    spellings,
    spelt_in,
)
from chatbot.answer.sentences import ask_sentences
from chatbot.answer.spelling_variants import spelling_variants
from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.index.lexical import STOPWORDS, stems_of, tokenize
from chatbot.packs.derivations import derived_nouns, describes_a_noun
from chatbot.packs.domain import Domain
from chatbot.packs.parts_of_speech import qualifier_only
from chatbot.packs.synonyms import SynonymGroup, TermClass, Thesaurus, term_key
from chatbot.recs.population import named_population

# Word endings of adjectives: they qualify an ask ('prophylactic', 'cranial') rather than name one.
_MODIFIER_ENDINGS = ("ic", "al", "ive", "ous")
# A word in more than this share of a pack's passages is its background (e.g. 'opioid' in an opioid guideline).
BACKGROUND_SHARE = 0.25
SHORT_STEM = 4  # a stem shorter than this is found only where a word starts with it
_REMEMBERED_TEXTS = 256  # questions whose setting spans are kept (the memo is emptied when full)
_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_PART = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)?")
_QUANTITY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(mg|mcg|µg|g|mL|ml|units?|IU|Gy|%)(?!\w)")
_MEASURED = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?[A-Za-z]+(?:/[A-Za-z]+)?")
# 'on <drug>', 'taking daily <drug>': what the patient already receives is setting, not the ask ('on hemodialysis' asks).
_CURRENT_THERAPY = re.compile(
    r"\b(?:on|taking|receiving)\s+(?:(?:a|an|his|her|their)\s+)?(?:(?:daily|long-term|high-dose|low-dose)\s+)?([A-Za-z][\w-]*)",
    re.IGNORECASE,
)
_HEAD = re.compile(r"\s+([A-Za-z][\w-]*)")  # the word after a qualifier: what it qualifies
_CONTRACTION = re.compile(r"([a-z]+?)(?:'ll|'re|'ve|'d|'m|n't)")  # English clitics: "who'll" is "who" + "will"


@dataclass(frozen=True)
class Ask:
    """One thing a question asks about: a field term (with what else names it) or a rare word."""

    text: str
    start: int
    end: int
    group: SynonymGroup | None = None
    specific: bool = False  # the question names one member of a class (a product, an agent): only it covers the ask
    quantity: bool = False  # an amount the question asks about ('4 mg'): only that amount covers it
    classes: tuple[TermClass, ...] = ()  # classes whose own terms also cover this member (named alone in the question)
    head: str = ""  # what a qualifier ask qualifies ('donor' of 'haploidentical'): named with it, not needed to cover it
    members: tuple[re.Pattern[str], ...] = ()  # an ask for one member of a group ('which TKI'): a text naming one covers it
    aliases: tuple[str, ...] = ()  # other names ('Keflex': cephalexin; 'IV': intravenous): a text saying one covers it
    clipped: bool = False  # shorthand ('outpt'): a text word its letters are clipped from covers it
    label: str = ""  # how a reply names it when not by its own words ('fentanyl test strips' for 'strips')

    @property
    def name(self) -> str:
        """How a reply names the ask: a qualifier with what it qualifies ('haploidentical donor'), or its label."""
        return self.label or (f"{self.text} {self.head}" if self.head else self.text)

    def covered_by(self, text: str, words: frozenset[str]) -> bool:
        """Whether a text (its lowercased words given) says what this ask names."""
        if any(term_class.named_in(text) for term_class in self.classes):
            return True
        if self.members:
            return any(pattern.search(text) for pattern in self.members)
        if self.quantity:
            amount = _QUANTITY.fullmatch(self.text)
            number, unit = amount.groups() if amount else (self.text, "")
            return re.search(rf"(?<![\w.]){re.escape(number)}\s?{re.escape(unit)}(?!\w)", text, re.IGNORECASE) is not None
        if self.group is not None and not self.specific:
            return self.group.found_in(text)
        if self.group is not None and any(p.search(text) for t, p in zip(self.group.terms, self.group.patterns) if _same(t, self.text)):
            return True
        stems = tokenize(self.text)
        folded = text.lower()
        if stems and all(_stem_in(stem, folded) or stem in stems_of(words) for stem in stems):
            return True  # a word of the same family ('vapes': 'vaping') covers it too
        upper = self.text.removesuffix("s").isupper()  # an acronym of letters is not one letter off another ('SSRI', 'SNRI')
        if (upper and spelled_out(self.text, folded)) or (not (upper and self.text.isalpha()) and _word_covered(self.text.lower(), words)):
            return True
        return (self.clipped and clipped_from(self.text, folded)) or any(names_in(a, folded) or spelt_in(a, words) for a in self.aliases)


def _stem_in(stem: str, folded: str) -> bool:
    """Whether a text has a stem: inside a word when it is long, as a word's start when short ('iv' is not in 'give')."""
    if len(stem) >= SHORT_STEM:
        return stem in folded or stem in folded.replace("-", "")
    return re.search(rf"\b{re.escape(stem)}", folded) is not None


def _word_covered(word: str, words: frozenset[str]) -> bool:
    """A word written short ('chemo', 'recs'), with another ending ('prophylactic') or misspelled, that a text word spells out."""
    return loose_words(words).covers(word)


def _same(term: str, written: str) -> bool:
    """Whether a group term is the one the question wrote (ignoring case, hyphens and spaces)."""
    return re.sub(r"[\s-]+", "", term.lower()) == re.sub(r"[\s-]+", "", written.lower())


class AskReader:
    """Finds a question's asks with one pack's synonyms, domain, background words and names."""

    def __init__(
        self, thesaurus: Thesaurus, domain: Domain, passages: list[str], names: Iterable[str] = (), lexicon: Path | None = None
    ) -> None:
        self.thesaurus = thesaurus
        self.lexicon = lexicon  # WordNet's folder: a rare word's other names
        self.domain = domain
        counts: Counter[str] = Counter(stem for text in passages for stem in set(tokenize(text)))
        limit = BACKGROUND_SHARE * max(len(passages), 1)
        self.background = frozenset(stem for stem, n in counts.items() if n > limit)
        self._stems = frozenset(counts)
        self.ubiquitous = frozenset(g.canonical for g in thesaurus.ubiquitous_groups(passages)) if passages else frozenset()
        self.names = frozenset(stem for name in names for stem in tokenize(name))
        patterns = [p for facet in domain.facets.values() for entry in facet.values.values() for p in entry.phrases]
        patterns += [*domain.people, *(w.pattern for w in domain.age_words), *(p for e in domain.exclusions for p in e.phrases)]
        patterns += [p for part in domain.parts.values() for p in part.phrases]
        patterns += [rf"{re.escape(term)}(?![\w])" for term in thesaurus.domain_terms]
        self.setting = [re.compile(rf"(?<![\w]){p}", re.IGNORECASE) for p in patterns]
        self.names_words = frozenset(w.lower() for name in names for w in _TERM.findall(name) if len(w) >= 4)
        self.word_groups = {
            stem: group
            for group in thesaurus.groups
            if group.canonical not in self.ubiquitous
            for term in group.terms
            if _PART.fullmatch(term) and not term.isupper() and len(stems := tokenize(term)) == 1
            for stem in stems
        }
        self.specific = frozenset(re.sub(r"[\s-]+", "", t.lower()) for t in thesaurus.specific_terms)
        self._folded = "\n".join(passages).lower()
        self._plain_acronyms: dict[str, bool] = {}
        self._pack_words = frozenset(w for w in re.findall(r"[a-z][a-z0-9]+", self._folded) if len(w) >= 3)
        self._used: dict[str, bool] = {}
        self._masks: dict[str, tuple[tuple[int, int], ...]] = {}

    def masked(self, text: str) -> list[tuple[int, int]]:
        """Spans that name the setting (population facets, people, parts, exclusions, what a patient is on) rather than an ask.

        Remembered per text: an answer asks for the same question's spans more than once (a fresh list each time).
        """
        spans = self._masks.get(text)
        if spans is None:
            spans = self._setting_spans(text)
            if len(self._masks) >= _REMEMBERED_TEXTS:
                self._masks.clear()
            self._masks[text] = spans
        return list(spans)

    def _setting_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """The setting's spans of a text, worked out."""
        spans = [m.span() for pattern in self.setting for m in pattern.finditer(text) if m.end() > m.start()]
        age = named_population(text, self.domain).spans.get("age")  # 'in her twenties': the patient's age
        current = [m.span(1) for m in _CURRENT_THERAPY.finditer(text) if not names_a_procedure(m.group(1), self.lexicon)]
        markers = marker_spans(text)  # 'CD19-positive': the patient's disease
        return tuple(spans + current + markers + ([age] if age else []))

    def without_setting(self, question: str) -> str:
        """The question with what names its setting (population, people, what the patient is on) blanked out."""
        kept = list(question)
        for start, end in self.masked(question):
            kept[start:end] = " " * (end - start)
        return "".join(kept)

    def asks(self, question: str) -> tuple[Ask, ...]:
        """The question's asks, in order: amounts weighed against each other, field terms, then rare words."""
        found: list[Ask] = []
        taken = self.masked(question)
        for start, end in ask_sentences(question):
            sentence = question[start:end]
            self._amounts(sentence, start, found, taken)
            taken += [
                (start + m.start(), start + m.end()) for m in _MEASURED.finditer(sentence)
            ]  # '120 units a day': the patient's measure
            self._terms(sentence, start, found, taken)
            self._words(sentence, start, found, taken)
        return tuple(sorted((self._with_classes(ask, question) for ask in found), key=lambda ask: ask.start))

    def _with_classes(self, ask: Ask, question: str) -> Ask:
        """The ask with the classes it is a member of, when the question names neither the class nor another of its members."""
        covering = []
        for term_class in self.thesaurus.classes:
            own = _member_of(term_class, ask.group, ask.text)
            if own is None or term_class.named_in(question):
                continue
            if _members_named(term_class, question) <= {own}:
                covering.append(term_class)
        return replace(ask, classes=tuple(covering)) if covering else ask

    @staticmethod
    def _amounts(sentence: str, start: int, found: list[Ask], taken: list[tuple[int, int]]) -> None:
        """Amounts weighed against each other ('4 mg or 8 mg'); a single amount describes the patient."""
        amounts = list(_QUANTITY.finditer(sentence))
        for match in amounts if len(amounts) > 1 else ():
            span = (start + match.start(), start + match.end())
            if not _inside(span, taken):
                found.append(Ask(match.group(0), *span, quantity=True))
                taken.append(span)

    def _terms(self, sentence: str, start: int, found: list[Ask], taken: list[tuple[int, int]]) -> None:
        """Field terms: one ask per group for its general terms, one per specific term named."""
        for group in self.thesaurus.groups_in(sentence):  # in the thesaurus's order; a group with no term here adds nothing
            if group.canonical in self.ubiquitous:
                continue
            general = False
            for term, pattern in zip(group.terms, group.patterns):
                for match in pattern.finditer(sentence):
                    span = (start + match.start(), start + match.end())
                    specific = re.sub(r"[\s-]+", "", term.lower()) in self.specific
                    if not _inside(span, taken) and (specific or not general):
                        found.append(Ask(match.group(0), *span, group=group, specific=specific))
                        general = general or not specific
                    taken.append(span)

    def _words(self, sentence: str, start: int, found: list[Ask], taken: list[tuple[int, int]]) -> None:
        """Words outside the terms: a plural or other form of a one-word field term, or a rare word."""
        for match in _PART.finditer(sentence):
            span = (start + match.start(), start + match.end())
            word = match.group(0)
            if _inside(span, taken):
                continue
            grouped = self.word_groups.get(next(iter(tokenize(word)), ""))
            if grouped is not None and not any(ask.group is grouped for ask in found):
                found.append(Ask(word, *span, group=grouped))
            elif grouped is None and self._is_ask(word):
                after = _HEAD.match(sentence, match.end())  # "athlete's foot": the word with the next one may be a name
                aliases = other_names(word, self.lexicon, after.group(1) if after else "") + initials_of(word, self._pack_words)
                modifies = after is not None and word.lower().endswith(_MODIFIER_ENDINGS) and after.group(1).lower() not in STOPWORDS
                qualified = after.group(1) if after and modifies else ""
                aliases += derived_nouns(word, self.lexicon)  # the nouns WordNet links a verb or adjective to ('dialyze': dialysis)
                aliases += spelling_variants(word, self.lexicon)  # 'oedema': a text saying edema covers it
                found.append(Ask(word, *span, head=qualified, aliases=aliases, clipped=clipped_shorthand(word, bool(aliases))))

    def _is_ask(self, word: str) -> bool:
        """A rare word or an acronym that is neither background, the pack's name, nor generic question wording."""
        lower = word.lower()
        if (contracted := _CONTRACTION.fullmatch(lower)) is not None:  # "who'll", "hasn't": the word without its clitic
            return self._is_ask(word[: len(contracted.group(1))])
        acronym = word.isalpha() and sum(ch.isupper() for ch in word) >= 2  # 'TBI', 'QTc'
        if lower in STOPWORDS or lower in GENERIC_TERMS or (len(word) < 4 and not acronym):
            return False
        stems = set(tokenize(word))
        if not stems or stems <= self.background or stems <= self.names:
            return False
        if len(lower) >= 5 and process.extractOne(lower, list(self.names_words), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            return False
        if acronym:
            return not self._spelled_in_plain_words(word)
        parts = formed_from(lower, self.lexicon) if not self._uses(lower) else ()  # "timeframe": time, frame
        spelt = next((v for v in spelling_variants(lower, self.lexicon) if is_common_english(v)), lower)  # 'tumour': tumor
        if all(is_common_english(p) and not (names_a_thing(p, self.lexicon) and not self._uses(p)) for p in parts or (spelt,)):
            return False  # a common word (or two joined) asks for nothing in particular, unless a thing the pack never names
        described = not set(tokenize(lower)) <= self._stems and describes_a_noun(word, self.lexicon, self._uses)  # 'wheezy': wheeze
        if misspelt_common(word) or names_a_person(word, self.lexicon) or described:
            return False  # a kind of person ('pharmacist') is who asks or is treated; a word describing what the pack names narrows
        return not lower.endswith(_MODIFIER_ENDINGS) if self._uses(lower) else not qualifier_only(word, self.lexicon)

    def _uses(self, lower: str) -> bool:
        """Whether the pack's text uses the word in some form ('prophylactic' for 'prophylaxis'; 'haploidentical' it never uses)."""
        if lower not in self._used:
            self._used[lower] = set(tokenize(lower)) <= self._stems or _word_covered(lower, self._pack_words)
        return self._used[lower]

    def unused(self, acts: Iterable[Ask]) -> tuple[Ask, ...]:
        """The actions asked about ('should doses be capped') whose verb the pack's text never uses: asks no item covers.

        An everyday verb ('be handled', 'be addressed') asks how, not for a step, and is left to the item's advice.
        """
        verbs = [(act, act.text.split()[-1].lower()) for act in acts]
        return tuple(act for act, verb in verbs if not is_common_english(verb, EVERYDAY_ZIPF) and not self._uses(verb))

    def _spelled_in_plain_words(self, acronym: str) -> bool:
        """Whether the pack's text spells the acronym out most often in common or background words ('LBP': low back pain).

        Such an acronym is shorthand for the setting, like the words it stands for; one the text never spells out, or
        spells with a rare word ('TBI': total body irradiation), stays an ask.
        """
        if acronym not in self._plain_acronyms:
            letters = acronym.lower().removesuffix("s") if len(acronym) > 3 else acronym.lower()
            spelled = Counter(spellings(letters, self._folded)) if len(letters) >= 3 else Counter()
            phrase, count = spelled.most_common(1)[0] if spelled else ("", 0)
            words = [w for w in re.findall(r"[a-z]+", phrase) if w not in STOPWORDS]
            self._plain_acronyms[acronym] = count >= 2 and all(is_common_english(w) or set(tokenize(w)) <= self.background for w in words)
        return self._plain_acronyms[acronym]


def _member_of(term_class: TermClass, group: SynonymGroup | None, written: str) -> str | None:
    """The key of a member term as written (a term of a member's group, or a member term of the class's group); None if not a member."""
    if group is None:
        return None
    if group is term_class.group:
        return term_key(written) if term_key(written) in term_class.member_keys else None
    return term_key(written) if group in term_class.member_groups else None


def _members_named(term_class: TermClass, question: str) -> set[str]:
    """The member terms of the class that the question names (two products of one drug are two: 'Xtampza or OxyContin')."""
    named = {term_key(m.group(0)) for p in term_class.group.patterns for m in p.finditer(question)} & term_class.member_keys
    return named | {term_key(m.group(0)) for group in term_class.member_groups for p in group.patterns for m in p.finditer(question)}


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether a span overlaps any of the spans."""
    return any(span[0] < end and start < span[1] for start, end in spans)


def uncovered(asks: Iterable[Ask], text: str) -> tuple[Ask, ...]:
    """The asks a text does not cover."""
    words = _long_words(text)
    return tuple(ask for ask in asks if not ask.covered_by(text, words))


@lru_cache(maxsize=1024)  # an item's text is weighed against every question that retrieves it
def _long_words(text: str) -> frozenset[str]:
    """The text's lowercased words of three or more characters."""
    return frozenset(w for w in re.findall(r"[a-z][a-z0-9]+", text.lower()) if len(w) >= 3)


def named_only_as_class(asks: Iterable[Ask], text: str) -> list[tuple[str, str]]:
    """(member, class) for each ask a text covers only through its class: it advises on the class, never naming the member."""
    return [(ask.text, ask.classes[0].group.canonical) for ask in asks if ask.classes and uncovered([replace(ask, classes=())], text)]

"""Abbreviation and synonym groups of the field: loading, matching in a question, and expansion."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from chatbot.errors import ConfigError
from chatbot.packs.termscan import Term, TermScan
from chatbot.yaml_files import parse_yaml

SYNONYMS_FILE = "synonyms.yaml"
_WORD_CHAR = re.compile(r"\w")


def _is_case_sensitive(term: str) -> bool:
    """Short terms with capitals (ALL, IT, InO) only match as written."""
    letters = re.sub(r"[^A-Za-z]", "", term)
    return len(letters) <= 5 and any(ch.isupper() for ch in letters)


# English 'non-' before a term says the text is about everything but it ('non-cancer pain').
_NEGATING_PREFIX = re.compile(r"(?i)\bnon[\s-]?$")


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> re.Pattern[str]:
    """A regex for a term on word boundaries, tolerant of hyphen/space variation (compiled once, when first needed)."""
    parts = [re.escape(piece) for piece in re.split(r"(?<=\w)[\s-]+(?=\w)", term.strip())]
    body = r"[\s-]*".join(parts)
    flags = 0 if _is_case_sensitive(term) else re.IGNORECASE
    return re.compile(rf"(?<![\w/]){body}(?![\w])", flags)


@dataclass(frozen=True)
class SynonymGroup:
    """Terms that mean the same thing; `canonical` is the first one."""

    terms: tuple[str, ...]

    @property
    def canonical(self) -> str:
        """The group's canonical (first) term."""
        return self.terms[0]

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """One compiled pattern per term."""
        return tuple(_term_pattern(term) for term in self.terms)

    @cached_property
    def anchors(self) -> tuple[tuple[str, bool], ...]:
        """Each term's longest piece and whether it matches as written: a text without it cannot hold the term (a cheap test first)."""
        anchors = []
        for term in self.terms:
            piece = max(re.split(r"(?<=\w)[\s-]+(?=\w)", term.strip()), key=len)
            sensitive = _is_case_sensitive(term)
            anchors.append((piece if sensitive else piece.lower(), sensitive))
        return tuple(anchors)

    def found_in(self, text: str, lowered: str | None = None) -> bool:
        """Whether any term of the group occurs in text (`lowered`: the text lowercased, when the caller has it)."""
        lowered = text.lower() if lowered is None else lowered
        return any(
            (anchor in text if sensitive else anchor in lowered) and _term_pattern(term).search(text)
            for (anchor, sensitive), term in zip(self.anchors, self.terms, strict=True)
        )


def term_key(term: str) -> str:
    """A term compared ignoring case, hyphens and spaces."""
    return re.sub(r"[\s-]+", "", term.lower())


@dataclass(frozen=True)
class TermClass:
    """A class the guideline advises on as a whole (opioids, TKIs): its terms cover a question naming one member alone."""

    group: SynonymGroup
    members: tuple[str, ...]  # member terms: a member's own group counts as the member when it is not the class's group
    member_groups: tuple[SynonymGroup, ...] = ()  # the groups (other than the class's) that hold a member term

    @cached_property
    def member_keys(self) -> frozenset[str]:
        """The keys of the member terms (the class group's own terms that are members: only those listed)."""
        return frozenset(term_key(m) for m in self.members)

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The patterns of the class's own terms (its group's terms that are not members)."""
        return tuple(p for t, p in zip(self.group.terms, self.group.patterns) if term_key(t) not in self.member_keys)

    def named_in(self, text: str) -> bool:
        """Whether text names the class itself (not only a member)."""
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass(frozen=True)
class DetailRequest:
    """A kind of detail a question may ask for (e.g. dosing) and what a passage needs to give it.

    `nouns` name the detail when they head a what/which phrase ('what asparaginase activity level'), `verbs`
    act on what it is about ('have their X checked'); without `requires`, a text gives the detail by naming it.
    """

    name: str
    asks: tuple[str, ...]
    requires: str | None
    nouns: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()  # verbs whose object the detail is about ('have their X checked', 'should X be monitored')

    @cached_property
    def _ask_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled patterns of the asking phrases."""
        return tuple(_term_pattern(term) for term in self.asks)

    def asked_in(self, question: str) -> bool:
        """Whether the question asks for this detail."""
        return any(pattern.search(question) for pattern in self._ask_patterns)

    def asked_at(self, question: str) -> list[tuple[int, int]]:
        """Where the question's asking phrases for this detail are."""
        return [match.span() for pattern in self._ask_patterns for match in pattern.finditer(question)]

    def given_in(self, text: str) -> bool:
        """Whether a passage contains this detail (a detail without a value pattern: never by pattern alone)."""
        return self.requires is not None and re.search(self.requires, text) is not None


@dataclass(frozen=True)
class Thesaurus:
    """The field's synonym groups, its domain words, other conditions, and detail requests."""

    groups: tuple[SynonymGroup, ...]
    domain_terms: tuple[str, ...]
    other_conditions: tuple[str, ...] = ()
    detail_requests: tuple[DetailRequest, ...] = ()
    subject: str | None = None
    specific_terms: tuple[str, ...] = ()  # group terms naming one member of a class (a product): only they cover a question naming them
    field_words: frozenset[str] = frozenset()  # words that place a question in the field (pack init: the text's rare words), still asks
    classes: tuple[TermClass, ...] = ()  # classes the guideline advises on as a whole, with their member terms

    def __hash__(self) -> int:
        """The value hash, worked out once: caches key on the thesaurus, and hashing every group per lookup cost more than the lookup."""
        return self._value_hash

    @cached_property
    def _value_hash(self) -> int:
        """Hash of the fields' values, as the dataclass would hash them (it is frozen, so it never changes)."""
        return hash(tuple(getattr(self, f.name) for f in fields(self) if f.compare))

    @cached_property
    def _domain_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled domain-term patterns."""
        return tuple(_term_pattern(term) for term in self.domain_terms)

    @cached_property
    def _other_condition_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled patterns of conditions outside the guideline."""
        return tuple(_term_pattern(term) for term in self.other_conditions)

    def names_subject(self, text: str) -> bool:
        """Whether text names the guideline's own condition (any term of the subject's group)."""
        return any(group.canonical == self.subject and group.found_in(text) for group in self.groups)

    def other_condition_in(self, text: str) -> str | None:
        """The first condition outside the guideline that text names, if any ('non-cancer pain' names no cancer)."""
        for term, pattern in zip(self.other_conditions, self._other_condition_patterns):
            if any(not _NEGATING_PREFIX.search(text, 0, match.start()) for match in pattern.finditer(text)):
                return term
        return None

    def other_condition_in_any(self, condition: str, texts: list[str]) -> bool:
        """Whether any of the texts (e.g. retrieved passages) names the condition: then it is covered."""
        pattern = _term_pattern(condition)
        return any(pattern.search(text) for text in texts)

    @cached_property
    def _groups_memo(self) -> dict[str, tuple[SynonymGroup, ...]]:
        """matching_groups' answers by text (the guard asks about the same clause several times)."""
        return {}

    @cached_property
    def _scan(self) -> TermScan:
        """The groups' terms indexed for one scan of a text: by the first three characters (lowercased) of each term's opening,
        and the terms opening shorter or on a non-word character."""
        index: dict[str, list[Term]] = {}
        always: list[Term] = []
        for number, group in enumerate(self.groups):
            for (anchor, sensitive), term in zip(group.anchors, group.terms, strict=True):
                pieces = re.split(r"(?<=\w)[\s-]+(?=\w)", term.strip())
                opening = pieces[0]  # the pattern's first piece, matched literally
                plain = tuple(pieces if sensitive else (piece.lower() for piece in pieces)) if term.isascii() else None
                entry = (number, anchor, sensitive, term, plain)
                if _WORD_CHAR.match(opening) and len(opening) >= 3:
                    index.setdefault(opening[:3].lower(), []).append(entry)
                else:
                    always.append(entry)
        return TermScan({key: tuple(terms) for key, terms in index.items()}, tuple(always), _term_pattern)

    def _groups_found(self, text: str, lowered: str) -> tuple[SynonymGroup, ...]:
        """The groups with a term in text, found in one scan."""
        return tuple(self.groups[number] for number in sorted(self._scan.groups_found(text, lowered)))

    def _groups_in(self, text: str) -> tuple[SynonymGroup, ...]:
        """The groups with a term in text (not remembered)."""
        lowered = text.lower()
        if len(lowered) == len(text):
            return self._groups_found(text, lowered)
        return tuple(group for group in self.groups if group.found_in(text, lowered))  # lowercasing changed the length (rare letters)

    def groups_in(self, text: str) -> tuple[SynonymGroup, ...]:
        """The groups with a term in text, in the thesaurus's order, worked out afresh (matching_groups remembers its answers)."""
        return self._groups_in(text)

    def matching_groups(self, text: str) -> list[SynonymGroup]:
        """Groups with a term in text."""
        found = self._groups_memo.get(text)
        if found is None:
            found = self._groups_in(text)
            if len(self._groups_memo) > 4096:
                self._groups_memo.clear()
            self._groups_memo[text] = found
        return list(found)

    def groups_named_by(self, word: str) -> list[SynonymGroup]:
        """The groups one of whose terms is the whole word (its groups found in it, then matched whole)."""
        return [group for group in self.matching_groups(word) if any(_term_pattern(term).fullmatch(word) for term in group.terms)]

    def mentions_domain(self, text: str) -> bool:
        """Whether text names any term of the field."""
        if self.field_words and self.field_words.intersection(re.findall(r"[a-z][a-z-]+", text.lower())):
            return True
        return bool(self.matching_groups(text)) or any(p.search(text) for p in self._domain_patterns)

    @cached_property
    def _ubiquitous_memo(self) -> dict[tuple[int, float], tuple[tuple[str, ...], list[SynonymGroup]]]:
        """ubiquitous_groups' answers by hash of the texts (a pack's passages are asked about by several stages)."""
        return {}

    def ubiquitous_groups(self, texts: list[str], share: float = 0.5) -> list[SynonymGroup]:
        """Groups found in more than `share` of the texts (e.g. ALL in an ALL guideline): they tell texts apart no better than chance."""
        if not texts:
            return []
        key = (hash(tuple(texts)), share)
        remembered = self._ubiquitous_memo.get(key)
        if remembered is not None and remembered[0] == tuple(texts):
            return list(remembered[1])
        texts_with = Counter(group for text in texts for group in self._groups_in(text))
        groups = [group for group in self.groups if texts_with[group] > share * len(texts)]
        self._ubiquitous_memo[key] = (tuple(texts), groups)
        return list(groups)

    @cached_property
    def _single_words(self) -> frozenset[str]:
        """single_words, made once."""
        words = {word.lower() for group in self.groups for term in group.terms for word in re.findall(r"[\w-]+", term) if len(word) > 2}
        words.update(term.lower() for term in self.domain_terms if re.fullmatch(r"[\w-]+", term))
        return frozenset(words)

    def single_words(self) -> frozenset[str]:
        """Lowercased words of the field's terms (drug names, abbreviations, 'paediatric'), for spelling and vocabulary."""
        return self._single_words


def load_thesaurus(corpus_dir: Path) -> Thesaurus:
    """Read corpus/synonyms.yaml; a missing file gives an empty thesaurus."""
    path = corpus_dir / SYNONYMS_FILE
    if not path.exists():
        return Thesaurus(groups=(), domain_terms=())
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        groups = tuple(SynonymGroup(tuple(str(term) for term in group)) for group in data.get("groups", []))
        domain_terms = tuple(str(term) for term in data.get("domain_terms", []))
        other_conditions = tuple(str(term) for term in data.get("other_conditions", []))
        details = tuple(
            DetailRequest(
                str(item["name"]),
                tuple(str(a) for a in item.get("asks") or ()),
                None if item.get("requires") is None else str(item["requires"]),
                tuple(str(n).lower() for n in item.get("nouns") or ()),
                tuple(str(v).lower() for v in item.get("verbs") or ()),
            )
            for item in data.get("detail_requests", [])
        )
        for detail in details:
            re.compile(detail.requires or "")
    except (yaml.YAMLError, TypeError, AttributeError, KeyError, re.error) as exc:
        raise ConfigError(f"{path}: not a valid synonyms file: {exc}", hint="see the comments at its top") from exc
    subject = data.get("subject")
    specific = tuple(str(term) for term in data.get("specific", []) or [])
    if unknown := sorted(set(specific) - {term for group in groups for term in group.terms}):
        raise ConfigError(f"{path}: specific terms that are in no group: {', '.join(unknown)}")
    if subject is not None and subject not in {group.canonical for group in groups}:
        raise ConfigError(f"{path}: subject {subject!r} is not the first term of any group")
    field_words = frozenset(str(word).lower() for word in data.get("field_words", []) or [])
    return Thesaurus(groups, domain_terms, other_conditions, details, subject, specific, field_words, _classes(path, data, groups))


def _classes(path: Path, data: dict[str, object], groups: tuple[SynonymGroup, ...]) -> tuple[TermClass, ...]:
    """The `classes:` mapping (a group's first term to its member terms), each member checked to be a group term."""
    raw = data.get("classes") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: classes must map a group's first term to its member terms")
    by_canonical = {group.canonical: group for group in groups}
    known = {term_key(term) for group in groups for term in group.terms}
    classes = []
    for name, members in raw.items():
        if str(name) not in by_canonical:
            raise ConfigError(f"{path}: class {name!r} is not the first term of any group")
        listed = tuple(str(m) for m in members or ())
        if unknown := [m for m in listed if term_key(m) not in known]:
            raise ConfigError(f"{path}: members of class {name!r} that are in no group: {', '.join(unknown)}")
        keys = {term_key(m) for m in listed}
        group = by_canonical[str(name)]
        member_groups = tuple(g for g in groups if g is not group and any(term_key(t) in keys for t in g.terms))
        classes.append(TermClass(group, listed, member_groups))
    return tuple(classes)

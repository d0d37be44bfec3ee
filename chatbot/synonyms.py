"""Abbreviation and synonym groups of the field: loading, matching in a question, and expansion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from chatbot.errors import ConfigError

SYNONYMS_FILE = "synonyms.yaml"


def _is_case_sensitive(term: str) -> bool:
    """Short terms with capitals (ALL, IT, InO) only match as written."""
    letters = re.sub(r"[^A-Za-z]", "", term)
    return len(letters) <= 5 and any(ch.isupper() for ch in letters)


def _term_pattern(term: str) -> re.Pattern[str]:
    """A regex for a term on word boundaries, tolerant of hyphen/space variation."""
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

    def found_in(self, text: str) -> bool:
        """Whether any term of the group occurs in text."""
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass(frozen=True)
class Thesaurus:
    """The synonym groups and the words that mark a question as about the guideline's subject."""

    groups: tuple[SynonymGroup, ...]
    domain_terms: tuple[str, ...]

    @cached_property
    def _domain_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled domain-term patterns."""
        return tuple(_term_pattern(term) for term in self.domain_terms)

    def matching_groups(self, text: str) -> list[SynonymGroup]:
        """Groups with a term in text."""
        return [group for group in self.groups if group.found_in(text)]

    def mentions_domain(self, text: str) -> bool:
        """Whether text names any term of the field."""
        return bool(self.matching_groups(text)) or any(p.search(text) for p in self._domain_patterns)

    def single_words(self) -> frozenset[str]:
        """Lowercased one-word terms (drug names, abbreviations), for spelling correction."""
        words = {term.lower() for group in self.groups for term in group.terms if re.fullmatch(r"[\w-]+", term)}
        words.update(term.lower() for term in self.domain_terms if re.fullmatch(r"[\w-]+", term))
        return frozenset(words)


def load_thesaurus(corpus_dir: Path) -> Thesaurus:
    """Read corpus/synonyms.yaml; a missing file gives an empty thesaurus."""
    path = corpus_dir / SYNONYMS_FILE
    if not path.exists():
        return Thesaurus(groups=(), domain_terms=())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        groups = tuple(SynonymGroup(tuple(str(term) for term in group)) for group in data.get("groups", []))
        domain_terms = tuple(str(term) for term in data.get("domain_terms", []))
    except (yaml.YAMLError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: not a valid synonyms file: {exc}", hint="see the comments at its top") from exc
    return Thesaurus(groups=groups, domain_terms=domain_terms)

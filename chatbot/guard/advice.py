"""Clauses not to compare with the item they match: the writer's own plans, and advice about something the item does not cover."""

from __future__ import annotations

import re

from chatbot.answer.vocabulary import unseen_terms
from chatbot.guard.claims import Clause, sentences
from chatbot.guard.context import GuardContext
from chatbot.guard.details import attribution_removed, cites_guideline
from chatbot.recs.schema import Recommendation

ANAPHOR = re.compile(r"\b(?:it|this|that|these|those|them|they)\b(?! is (?:not )?(?:true|the case))", re.IGNORECASE)

# The writer as the one who acts: "I'd give", "we'll start", "personally".
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I(?:['’](?:d|ll|m|ve))?|(?i:we['’](?:d|ll|re)|let['’]s|personally|my plan|our plan))(?![\w'’])")


# The guideline as a whole as the subject of a verb of scope or nature ("the guideline covers ...", "the guideline is voluntary").
_WHOLE_GUIDELINE = re.compile(
    r"^[^;:]*?\bguidelines?(?:['’]s)?\s+(?:\w+\s+)?(?:covers?|spans?|focus(?:es)? on|address(?:es)?|deals? with|updates?|replaces?"
    r"|(?:is|are) (?:intended|meant|not meant|designed|aimed|written|organi[sz]ed|divided))\b",
    re.IGNORECASE,
)


def describes_guideline(clause: Clause) -> bool:
    """Whether a clause describes a whole guideline's scope or nature (no item's advice): its subject is the guideline itself."""
    match = _WHOLE_GUIDELINE.search(clause.preferred)
    return match is not None and not re.search(r"\brec(?:ommendation)?s?\b|\bitems?\b", match.group(0), re.IGNORECASE)


def own_plan(clause: Clause, text: str, context: GuardContext) -> bool:
    """Whether a clause is the writer's own plan or view, in a sentence that cites no guideline: nothing to check against it."""
    if not _FIRST_PERSON.search(clause.preferred):
        return False
    sentence = next((text[start:end] for start, end in sentences(text) if start <= clause.start < end), clause.text)
    return not cites_guideline(sentence, context.rec_set.domain)


def advised_elsewhere(clause: Clause, matches: list[Recommendation], context: GuardContext) -> tuple[list[Recommendation], list[str]]:
    """For advice naming field terms but none of the matched items' options: the item it names instead, else those terms."""
    if clause.direction not in ("for", "against") or ANAPHOR.search(clause.preferred):
        return [], []
    phrase = attribution_removed(clause.preferred, context.rec_set.domain)
    matcher = context.matcher
    if any(matcher.names_side(clause.text, rec.id) for rec in matches):
        return [], []  # what it prefers to, or rejects, is the item's own option: a reversal, compared with the item
    concepts = matcher.population_concepts  # who a clause is about is compared by the population check
    terms = [g.canonical for g in context.thesaurus.matching_groups(phrase) if f"group:{g.canonical}" not in concepts]
    terms += unseen_terms(phrase, context.vocabulary, context.thesaurus)
    if not terms:
        return [], []
    ranked = [m.rec for m in matcher.match(clause.text, share=0.0)]
    named = [rec for rec in ranked if rec not in matches and not rec.is_placeholder and matcher.names_concept(phrase, rec.id)]
    return named[:1], terms

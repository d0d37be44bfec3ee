"""Clauses not to compare with the item they match: the writer's own plans, and advice about something the item does not cover."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.answer.english import is_common_elsewhere, is_common_english
from chatbot.answer.vocabulary import GENERIC_TERMS, content_terms, unseen_terms
from chatbot.guard.claims import Clause, direction_of, is_cue, option_words, rejected_option, sentences
from chatbot.guard.context import GuardContext, function_words
from chatbot.guard.details import attributed, attribution_removed, cites_guideline
from chatbot.guard.scope import states_scope
from chatbot.guard.voice import own_practice
from chatbot.index.lexical import tokenize
from chatbot.ingest.text import english_words, is_word
from chatbot.packs.scan import scanned
from chatbot.recs.population import named_population
from chatbot.recs.schema import Recommendation

ANAPHOR = re.compile(r"\b(?:it|this|that|these|those|them|they)\b(?! is (?:not )?(?:true|the case))", re.IGNORECASE)

# The writer as the one who acts: "I'd give", "we'll start", "personally".
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I(?:['’](?:d|ll|m|ve))?|(?i:we['’](?:d|ll|re)|let['’]s|personally|my plan|our plan))(?![\w'’])")


# The guideline as a whole as the subject of a verb of scope or nature ("the guideline covers ...", "the guideline is voluntary").
_WHOLE_GUIDELINE = re.compile(
    r"^[^;:]*?\b(?:guidelines?|update|version|edition)(?:['’]s)?\s+(?:(?:for|on) (?:[\w-]+ ){1,5}?)?(?:\w+\s+)?"  # its title ("... for Pain")
    r"(?:(?:(?:does|do)(?: not|n['’]t) )?(?:covers?|spans?|focus(?:es)? on|address(?:es)?|deals? with|appl(?:y|ies) to)|exclud(?:es?|ed)"
    r"|updat(?:es?|ed)|replac(?:es?|ed)|widen(?:s|ed)?|expand(?:s|ed)?|extend(?:s|ed)?"
    r"|(?:is|are) (?:intended|meant|not meant|designed|aimed|written|organi[sz]ed|divided))\b",
    re.IGNORECASE,
)


def known_parts(term: str, context: GuardContext) -> bool:
    """Whether a compound the corpus never writes is made of parts it does ("diminishing-returns"), opens ("asp-containing"),
    English's commonest short words ("follow-up") or misspells as a word checked alone would be ("immediate-releese")."""
    parts = [part for part in term.lower().split("-") if part]
    vocabulary, field = context.vocabulary, context.thesaurus.single_words()
    return len(parts) > 1 and all(
        vocabulary.mentions(p)
        or (len(p) >= 3 and vocabulary.opens_a_word(p))
        or (len(p) >= 5 and vocabulary.resembles(p, field))
        or (len(p) == 2 and p in function_words())  # "follow-up": "up" is English's, whatever the corpus writes
        for p in parts
    )


# How the guideline was made ("used the GRADE approach"), and what its recommendations as a whole are (voluntary, not rules).
_METHOD = re.compile(r"\b(?:used?|uses|using|adopted|followed|applied)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?(?:GRADE|Evidence-to-Decision)\b")
_ALL_ITEMS = re.compile(
    r"^\W*(?:the|its|all|these)\s+(?:\w+\s+)?recommendations\s+(?:are|were)\s+(?:not\s+)?(?:voluntary|intended|meant|designed|binding)\b",
    re.IGNORECASE,
)
_RESEARCH_CALL = re.compile(r"\bcall(?:s|ed|ing)? for\b[^.;]*?\b(?:trials?|stud(?:y|ies)|research)\b", re.IGNORECASE)

_NAMES_ITEM = re.compile(r"\brec(?:ommendation)?s?\b|\bitems?\b", re.IGNORECASE)

# The guideline or its recommendations as a whole as the subject of "to be" ("its recommendations are not meant ...",
# "the guideline is voluntary", "it is not a law"): the predicate after the verb says what the guideline is.
_GUIDELINE_IS = re.compile(
    r"^[^;:]*?\b(?:guidelines?|guidance|recommendations|recommendation statements)(?:\s+(?:itself|themselves))?"
    r"\s+(?:is|are|was|were)(?:n['’]t|\s+not)?\s+((?:[\w-]+\s*){1,3})",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"\b(?:rec(?:ommendation)?s?|items?)\s*#?\d", re.IGNORECASE)  # "recommendations 8 and 12 are"
_COMPLEMENT = re.compile(r"\b(?:that|whether)\b", re.IGNORECASE)  # "the guideline is clear that ...": what it says follows


def _says_what_guideline_is(clause: Clause) -> bool:
    """Whether a clause's subject is the whole guideline or all its recommendations and its verb "to be" with a predicate
    that advises nothing and grades nothing ("is voluntary", "are not meant to be applied as limits")."""
    match = _GUIDELINE_IS.search(clause.preferred)
    if match is None or clause.strength or clause.certainty or _NUMBERED.search(match.group(0)):
        return False
    head = match.group(1)
    return direction_of(head) is None and _COMPLEMENT.search(head) is None


def describes_guideline(clause: Clause) -> bool:
    """Whether a clause describes a whole guideline's scope, nature or method, or calls for research: no item's advice."""
    names_item = _NAMES_ITEM  # then it is about that item's content
    if scanned(_METHOD).search(clause.preferred) or _ALL_ITEMS.search(clause.preferred) or _says_what_guideline_is(clause):
        return True  # "the guideline used GRADE", "the recommendations are voluntary"
    if scanned(_RESEARCH_CALL).search(clause.preferred) and not names_item.search(clause.preferred):
        return True  # a call for trials advises research, not care
    match = _WHOLE_GUIDELINE.search(clause.preferred)
    return match is not None and not names_item.search(match.group(0))


# What was done, in the past ("pegaspargase given at 10:00", "she received cryoprecipitate"): a record, not advice.
_DONE = re.compile(
    "|".join(
        rf"\b{word}\b"
        for word in "given received started added used administered treated offered switched premedicated transplanted ordered".split()
    ),
    re.IGNORECASE,
)


def records_event(clause: Clause, text: str, context: GuardContext) -> bool:
    """Whether a clause only records what was done (its one action word in the past), in a sentence citing no guideline."""
    if clause.direction not in ("for", "against") or not scanned(_DONE).search(clause.preferred):
        return False
    sentence = next((text[start:end] for start, end in sentences(text) if start <= clause.start < end), clause.text)
    return not cites_guideline(sentence, context.rec_set.domain) and direction_of(scanned(_DONE).sub(" ", clause.preferred)) is None


# Advice with no subject, opening its sentence ("Recommend rejecting the amendment."): the writer's own, as in a note.
_WRITER_ADVISES = re.compile(r"^\W*(?:recommend|suggest|advise|propose)(?![\w-])", re.IGNORECASE)


# An issuer advising in its own voice ("NCCN v2.2025 suggests ...", "the XYZ panel recommends ..."): what comes before is its name.
_ISSUER_ADVISES = re.compile(r"^(?P<issuer>[^,:;()]*?)\s+(?:recommends|suggests|advises|endorses|favou?rs|prefers)\b", re.IGNORECASE)


def others_advice(clause: Clause, context: GuardContext) -> bool:
    """Whether a clause gives another issuer's advice: its subject, before an advice verb, is not the guideline and names
    something neither set nor corpus knows ("NCCN ... suggests"): no claim about this guideline."""
    match = _ISSUER_ADVISES.match(clause.preferred.strip())
    if match is None or scanned(_PRONOUN).search(match.group("issuer")) or _names_issuer(match.group("issuer"), context):
        return False
    issuer = attribution_removed(match.group("issuer"), context.rec_set.domain)  # "the NCCN panel": "panel" is no name
    unseen = unseen_terms(issuer, context.vocabulary, context.thesaurus)
    return any(not known_parts(term, context) and not context.explains(term) for term in unseen)


def _names_issuer(text: str, context: GuardContext) -> bool:
    """Whether a text names the guideline's issuer ("ASH", "the CDC")."""
    names = context.rec_set.domain.facts.names
    return bool(names) and re.search("|".join(f"(?:{n})" for n in names), text, re.IGNORECASE) is not None


def own_plan(clause: Clause, text: str, context: GuardContext) -> bool:
    """Whether a clause is the writer's own plan, view or record, or another issuer's advice, in a sentence that cites no
    guideline: nothing to check."""
    if records_event(clause, text, context):
        return True  # "pegaspargase given at 10:00"
    if others_advice(clause, context):
        return True  # "NCCN suggests ...": whatever it advises, it is not this guideline's claim
    if own_practice(clause.text, context.rec_set.domain):
        return True  # "the panel names no agents; on our ward we give ...": an attribution covers its own clause only
    if not _FIRST_PERSON.search(clause.preferred) and not _WRITER_ADVISES.match(clause.preferred):
        return False
    sentence = next((text[start:end] for start, end in sentences(text) if start <= clause.start < end), clause.text)
    return not cites_guideline(sentence, context.rec_set.domain)


def advised_elsewhere(clause: Clause, matches: list[Recommendation], context: GuardContext) -> tuple[list[Recommendation], list[str]]:
    """For advice naming field terms but none of the matched items' options: the item it names instead, else those terms."""
    if clause.direction not in ("for", "against") or scanned(ANAPHOR).search(clause.preferred):
        return [], []
    phrase = attribution_removed(clause.preferred, context.rec_set.domain)
    matcher = context.matcher
    if any(matcher.names_side(clause.text, rec.id) for rec in matches):
        return [], []  # what it prefers to, or rejects, is the item's own option: a reversal, compared with the item
    concepts = matcher.population_concepts  # who a clause is about is compared by the population check
    terms = [g.canonical for g in context.thesaurus.matching_groups(phrase) if f"group:{g.canonical}" not in concepts]
    unseen = unseen_terms(phrase, context.vocabulary, context.thesaurus)
    terms += [term for term in unseen if not known_parts(term, context) and not context.explains(term)]
    if not terms:
        return [], []
    ranked = [m.rec for m in matcher.match(clause.text, share=0.0)]
    named = [rec for rec in ranked if rec not in matches and not rec.is_placeholder and matcher.names_concept(phrase, rec.id)]
    return named[:1], terms


# Clauses about the guideline's recommendations, grading or scope rather than about what to do.
_ABOUT_ITEMS = re.compile(
    r"\brecommendations?\b|\bcategory\b|\btype \d\b|\bevidence\b|\bGRADE\b|\bcovers?\b|\bappl(?:y|ies)\b|\bcontains?\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:it|this|these|those|them|they)\b", re.IGNORECASE)  # advice about something named before
_GENERIC_STEMS = frozenset(stem for word in GENERIC_TERMS for stem in tokenize(word))


_population_of = lru_cache(maxsize=2048)(named_population)


def _advised_thing(phrase: str, context: GuardContext) -> str:
    """The words of an advice phrase left when the patients it names (facets, ages, exclusions, people) are blanked out."""
    domain = context.rec_set.domain
    chars = list(phrase)
    for start, end in _population_of(phrase, domain).spans.values():
        chars[start:end] = " " * (end - start)
    people = domain.people_pattern
    return people.sub(" ", "".join(chars)) if people else "".join(chars)


_WHO = re.compile(r"\b(?:for|in|among|with|at|during)\b|[,;:(]", re.IGNORECASE)  # the patients, or a clause of its own after it
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def _ranks_within(preferred: str, option: str, rec: Recommendation, context: GuardContext) -> bool:
    """Whether a preference sets two forms of the item's own intervention, each a field concept, against each other (one
    drug of a class over another): the item does not rank them."""
    matcher = context.matcher
    both = all(matcher.names_intervention(side, rec.id) and matcher.names_concept(side, rec.id) for side in (preferred, option))
    return both and not matcher.prefers_comparator(option, rec.id)


def _mostly_advised(thing: str, stems: frozenset[str], rec_id: str, context: GuardContext) -> bool:
    """Whether an item's advice names what a phrase advises: a field concept they share, or shared words at least as many as
    the naming words before its purpose ("so that ...") that no item advises and the item's discussion does not use: one
    shared "sign" does not make "sign an opioid treatment agreement" the item's advice."""
    advised = context.advice_stems.get(rec_id, frozenset())
    shared = stems & advised
    if not shared or any(":" in stem for stem in shared):
        return bool(shared)
    discussed = context.discussed_stems.get(rec_id)
    if discussed is None:
        return True  # an item the corpus does not discuss: nothing shows which words a faithful paraphrase may use
    named = context.matcher.clause_stems(_PURPOSE.split(thing.rsplit(":", 1)[-1], maxsplit=1)[0])  # "Reminder: ..." labels it
    known = context.all_advice_stems | discussed | context.common_stems | context.population_stems
    lacking = {stem for stem in named - known if _names_thing(stem, context)}
    return len(shared) >= len(lacking)


_PURPOSE = re.compile(r"\b(?:so that|so|in order to|to avoid|because|since)\b", re.IGNORECASE)  # why, not what


def _names_thing(stem: str, context: GuardContext) -> bool:
    """A stem that can name a thing: three letters or more, no number, no function word or its negation ("shouldn"), no
    cue, no concept tag."""
    negation = stem.endswith("n") and stem[:-1] in function_words()
    return stem.isalpha() and len(stem) >= 3 and stem not in context.idle_stems and not negation and not is_cue(stem)


def advises_other_thing(clause: Clause, text: str, matches: list[Recommendation], context: GuardContext) -> list[str]:
    """For advice attributed to the guideline: the terms of what it advises when none of them is in the matched items' own fields.

    The item was matched through the patients or setting the clause names ("for patients on long-term opioids"), while
    the thing it advises ("an annual scan") is in none of the items' titles, options, keywords or remarks.
    """
    if (
        clause.direction not in ("for", "against")
        or scanned(_PRONOUN).search(clause.preferred)
        or scanned(_ABOUT_ITEMS).search(clause.text)
    ):
        return []
    sentence = next((text[start:end] for start, end in sentences(text) if start <= clause.start < end), clause.text)
    matcher = context.matcher
    rejected = clause.text[len(clause.preferred) :]
    if not attributed(sentence, context.rec_set.domain):
        return []  # the writer's own words
    option = _WHO.split(rejected_option(clause), maxsplit=1)[0]  # what it is preferred to, before the patients ("imatinib for Ph+ AYAs")
    preferred = option_words(clause.preferred)
    if option.strip() and any(_ranks_within(preferred, option, rec, context) for rec in matches):
        return [f"{' '.join(content_terms(preferred))} over {' '.join(content_terms(option))}".strip()]
    if any(matcher.names_side(rejected, rec.id) for rec in matches):
        return []  # a preference over one of the item's options: a reversal or agreement, compared with the item
    thing = _advised_thing(option_words(attribution_removed(clause.preferred, context.rec_set.domain)), context)
    stems = matcher.clause_stems(thing) - context.population_stems - _GENERIC_STEMS
    own_words = cites_guideline(clause.text, context.rec_set.domain)  # the clause itself gives it as the guideline's: weigh what it names
    if any(
        _mostly_advised(thing, stems, rec.id, context) if own_words else stems & context.advice_stems.get(rec.id, frozenset())
        for rec in matches
    ):
        return []
    named = " ".join(word for word in _WORD.findall(clause.preferred) if is_cue(word) and not is_common_english(word))
    if named and any(matcher.clause_stems(named) & context.advice_stems.get(rec.id, frozenset()) for rec in matches):
        return []  # a rare word that is both a cue and the item's option ("premedication favoured")
    specific = stems - context.common_stems  # "prescribed" in an opioid guideline names nothing in particular
    terms = content_terms(thing, context.vocabulary.background_stems)
    return [
        term
        for term in terms
        if set(tokenize(term)) & specific
        and term.lower() not in function_words()
        and not is_cue(term)
        and not context.explains(term)
        and not is_common_elsewhere(term)
    ]


_EMBEDDED_QUESTION = re.compile(r"\b(?:whether|what|how)\b", re.IGNORECASE)


def is_treatment_claim(text: str, context: GuardContext) -> bool:
    """A clause that names a therapy or procedure (a field term, or a word outside common English), not only whom items are for."""
    dictionary = english_words()
    concepts = context.matcher.population_concepts  # "AYA", "T-ALL": the patients every item is about, no treatment
    groups = context.thesaurus.matching_groups(text)
    who = {term.lower() for group in groups if f"group:{group.canonical}" in concepts for term in group.terms}
    terms = [term for term in content_terms(text) if term.lower() not in who]
    if any(not is_word(term.lower(), dictionary) for term in terms) or any(f"group:{g.canonical}" not in concepts for g in groups):
        return True
    # Naming only whom the items are for, it still advises care ("AYAs should be treated at ..."), unless it says whom a
    # guideline covers or asks what it says ("whether it covers T-ALL", "not sure what the guideline says about T-ALL").
    return bool(who) and not states_scope(text) and _EMBEDDED_QUESTION.search(text) is None

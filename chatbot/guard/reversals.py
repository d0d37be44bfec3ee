"""Negations aimed at an option ("no routine prophylaxis is favoured") or at a manner ("should not be used to dismiss")."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.guard import cues
from chatbot.guard.claims import (
    ARROW,
    NEGATED,
    SECOND_LINE,
    Clause,
    cues_blanked,
    direction_of,
    is_cue,
    option_words,
    unqualified,
    without_phrases,
)
from chatbot.guard.context import GuardContext, function_words
from chatbot.guard.negated import unnegated_options
from chatbot.index.lexical import tokenize

_NEGATOR = re.compile(r"(?<![\w-])(?:no|not|without)\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w/+'’-]+")
_MANNER = re.compile(r"(?<![\w-])(?:not|never|\w+n[’']t)\s+(?:be\s+|been\s+)?([a-z]+)\s+(to|as|\w+ly)\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:unless|except|because|once|if|when|whether|how)\b", re.IGNORECASE)
OPTION_WORDS = 4  # a negated option is this many words or fewer ("not transplanting routinely in CR1")
# Words that end a negated option before it starts or on the way: verbs and links ("not be given") and limits
# ("no more than the amount needed" names the bound, which is advised).
_STOP = frozenset(
    "be been being is are was were am has have had do does did should must can could may might will would shall "
    "that which who whom whose what when where if unless because than only just all every any one to".split()
)
# Where a clause's option ends and the bound it is measured against begins ("a supply beyond the expected period",
# "larger quantities than the expected duration"): the bound names neither the item's option nor its comparator.
# A relative clause ("the range where extra benefit shrinks") describes the option before it and names none.
_BOUND = re.compile(r"\b(?:beyond|exceeding|in excess of|(?<!other )(?<!rather )than|where)\b", re.IGNORECASE)
# A preference said in words ("X rather than Y"): the verb before it ("should start X") names no option ("X vs Y" and
# "benefits > risks" weigh two things, and may name the option in their verb).
_WORDED = re.compile(r"\s*(?:over|rather than|instead of|in preference to|ahead of)\b", re.IGNORECASE)
_RANKS = re.compile(r"\b(?:favou?r|prefer|recommend|suggest|advis|endors|choos|select)\w*", re.IGNORECASE)  # "X is favoured over Y"
_LIMITS = frozenset("more greater longer less fewer higher larger lower later earlier sooner exceed exceeding beyond over".split())


@lru_cache(maxsize=1)
def _against() -> re.Pattern[str]:
    """The phrases against something ("advises against", "discouraged", "no routine"), as the claim reader reads them."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(cues.AGAINST) + r")(?![\w-])", re.IGNORECASE)


def against_cue(text: str) -> bool:
    """Whether a text holds a phrase against something."""
    return _against().search(text) is not None


def _negated_option(preferred: str, rec_id: str, context: GuardContext) -> tuple[int, int] | None:
    """The span of 'no/not/without <a few words naming the item's intervention>' in a clause, if any."""
    main = _SUBORDINATE.split(preferred)[0]  # a negation in "if benefits do not outweigh risks" qualifies, it names no option
    for negator in _NEGATOR.finditer(main):
        end, words = negator.end(), list[str]()
        for word in _WORD.finditer(preferred, negator.end()):
            gap = preferred[end : word.start()]
            token = word.group(0).lower()
            if len(words) == OPTION_WORDS or gap.strip() or token in _STOP or (not words and token in _LIMITS):
                break
            if is_cue(token) and not context.matcher.names_option_itself(token, rec_id):  # "not favour", "without premedication"
                break
            words.append(token)
            end = word.end()
        if (
            words
            and context.matcher.names_option_itself(" ".join(words), rec_id)
            and not _own_negation(preferred[negator.start() : end], rec_id, context)
        ):
            return negator.start(), end
    return None


def _own_negation(phrase: str, rec_id: str, context: GuardContext) -> bool:
    """Whether the item's own option holds the negated phrase ("primary anastomosis without a diverting stoma"): part of it."""
    rec = context.rec_set.get(rec_id)
    return rec is not None and " ".join(phrase.lower().split()) in " ".join(rec.intervention.lower().split())


def option_negated(preferred: str, rec_id: str, context: GuardContext) -> str | None:
    """for / against the item's intervention when a clause's subject or object is its negation ("no routine UFH is
    favoured", "giving peg without premedication is the option not favoured", "not transplanting in CR1 is favoured")."""
    span = _negated_option(preferred, rec_id, context)
    if span is None:
        return None
    rest = preferred[: span[0]] + " " + preferred[span[1] :]
    return None if against_cue(rest) else _flip(direction_of(rest))  # "advises against X, favouring no X": read as it is


def aims_elsewhere(preferred: str, rec_id: str, context: GuardContext) -> bool:
    """Whether a clause's negation governs a manner or purpose, not the item's option: a negated advice verb followed by
    'to', 'as' or a manner word, then words of its own naming none of the item's options ("PDMP data should not be
    used to dismiss patients", "not applied as rigid limits", "shouldn't be used punitively")."""
    if against_cue(preferred):
        return False
    for negated in _MANNER.finditer(preferred):
        if not is_cue(negated.group(1)):
            continue
        scope, common = preferred[negated.start(2) :], function_words()
        words = [w for w in re.findall(r"[a-z][a-z-]+", scope.lower()) if w not in common and w not in GENERIC_TERMS and not is_cue(w)]
        own = frozenset(tokenize(" ".join(words))) - context.ignored_stems
        return bool(own) and not context.matcher.names_side(scope, rec_id)
    return False


def _flip(direction: str | None) -> str | None:
    """for <-> against."""
    return {"for": "against", "against": "for"}.get(direction or "", direction)


def _less_the_intervention(preferred: str, rejected: str, rec_id: str, context: GuardContext) -> bool:
    """Whether what a clause prefers names the item's intervention less than what it puts second: not at all, or, in a
    preference said in words, by less specific terms ("systemic chemotherapy over intrathecal therapy")."""
    matcher = context.matcher
    worded = _WORDED.match(rejected)  # "benefit vs harm", "benefits > risks", "go over benefits": weighed, not ranked
    if not worded or (worded.group(0).strip().lower() == "over" and not _RANKS.search(preferred)):
        return not matcher.names_intervention(preferred, rec_id)
    options = cues_blanked(preferred)  # "should start X rather than Y": the verb names no option
    return matcher.intervention_weight(rejected, rec_id) > matcher.intervention_weight(options, rec_id)


_AFTER_OPTION = re.compile(r"(?<=\w)[,;:(]")  # what a clause puts second ends at its next punctuation


def said_of(clause: Clause, rec_id: str, context: GuardContext) -> str | None:
    """What a clause says of the item's intervention: its direction, turned when its preferred side is the item's
    comparator, the intervention denied, or what it puts second."""
    matcher = context.matcher
    said = clause.direction
    if said in ("for", "against") and (denied := option_negated(clause.preferred, rec_id, context)):
        return denied  # "no routine prophylaxis is the favoured option over UFH"
    rejected = _AFTER_OPTION.split(clause.text[len(clause.preferred) :], maxsplit=1)[0]  # "X over Y, she continues Z": Y
    if rejected.strip() and said in ("for", "against") and (core := unnegated_options(clause.preferred)) != clause.preferred:
        said = direction_of(core) or said  # "favours no routine prophylaxis over UFH": the option it favours is a "no"
    advice = ARROW.split(clause.preferred)[-1]  # "risks > benefits → stop abruptly": the case before the arrow is no option
    options = _BOUND.split(option_words(unqualified(advice)))[0]  # "once X, stop Y": Y is the option
    if (
        said in ("for", "against")
        and matcher.prefers_comparator(unnegated_options(options), rec_id)
        and not matcher.names_intervention(options, rec_id)
    ):
        said = _flip(said)  # "an adult regimen is preferred over a pediatric one" argues against the item
    elif (
        said in ("for", "against")
        and matcher.names_intervention(rejected, rec_id)
        and _less_the_intervention(clause.preferred, rejected, rec_id, context)
    ):
        said = _flip(said)  # "X rather than <the item's intervention>", whatever X is, or a form of it less its own
    second = SECOND_LINE.search(clause.preferred)
    if said == "for" and second and matcher.names_intervention(option_words(clause.preferred[: second.start()]), rec_id):
        said = "against"  # "<the item's intervention> is kept for patients in whom <its comparator> failed" puts it second
    own = without_phrases(rec.intervention) if (rec := context.rec_set.get(rec_id)) else ()  # "X without a stoma": its option
    if said in ("for", "against") and any(matcher.names_intervention(p, rec_id) for p in clause.without if p not in own):
        said = _flip(said)  # "chemotherapy alone without a TKI is favoured"
    return said


_CONDITION = re.compile(r"\b(?:if|when|whenever|once|unless|because|since|where)\b[^,;:—→]*", re.IGNORECASE)


_AVOIDED = re.compile(r"\b(?:avoid\w*|discourag\w*|refrain\w*|forgo\w*)", re.IGNORECASE)  # "says to avoid raising the dose"


def denies(clause: Clause) -> bool:
    """Whether a clause says against or denies something itself, rather than only preferring an item's comparator."""
    main = _CONDITION.sub(" ", clause.preferred)  # "when benefits don't outweigh risks, stop abruptly": the case denies nothing
    return clause.direction == "against" or bool(NEGATED.search(main) or _AVOIDED.search(main)) or against_cue(main)

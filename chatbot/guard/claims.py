"""Reading claims in free text: clauses, and what each asserts (direction, strength, certainty, scope)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from chatbot.guard import cues, moods
from chatbot.guard.marks import mark_cuts
from chatbot.guard.quotations import QUOTE, QUOTED_WORDS
from chatbot.ingest.sentences import sentence_spans
from chatbot.packs.domain import Domain
from chatbot.packs.scan import Scan, scanned

# Where the preferred option ends and the one it is preferred to begins ("X over Y", "X, not Y").
_CONTRAST = re.compile(
    r"\b(?:over(?! \d)|rather than|instead of|in preference to|ahead of|versus|vs\.?|compared (?:with|to)|in place of)\b|, not\b|\s>\s",
    re.IGNORECASE,
)
# "prefers X to Y", "X is preferred to Y": the comparator after "to" (not "prefer to give").
_PREFER_TO = re.compile(r"(?:\bprefer(?:s|red|ring)?\s+(?!to\b)[^,;:]+?\s|\b(?:is|are|was|were|be)\s+preferred\s+)(to)\s+(?!be\b)", re.I)
# Contrasts that state a preference by themselves ("X over Y", "X > Y"), unlike "versus" or "compared with".
ARROW = re.compile(r"→|->|=>|⇒")  # shorthand's "case → advice"
_PREFERENCE = re.compile(r"over|rather than|instead of|in preference to|ahead of|>", re.IGNORECASE)
# "X is kept for patients in whom Y failed": X put after Y, so the clause prefers Y (the words before the match name X).
SECOND_LINE = re.compile(
    r"\b(?:reserv\w*|kept|keep\w*|sav(?:e|ed|ing)|h[oe]ld back)\s+(?:for|until)\b[^.;]*?"
    r"(?:\bfail\w*|(?:\bnot|n['’]t)\s+(?:work\w*|help\w*|respond\w*)|\binadequate\w*|\brefractory|\bexhausted)\b",  # "don't work"
    re.IGNORECASE,
)
_WITHOUT = re.compile(r"(?<!\bwith or )\b(?:without|omitting)\s+(?:a |an |the |any |further )?([\w-]+(?:\s+[\w-]+)?)", re.IGNORECASE)
_CERTAINTY = re.compile(
    r"\b(very[- ]low|high|moderate|low)[- ](?:certainty|quality)\b"
    r"|\bcertainty\b[^.;]{0,80}?(?:\b(?:is|was|are|were|rated(?: as)?)\s+|:\s*)(very[- ]low|high|moderate|low)\b"
    r"|\bcertainty(?: of (?:the )?evidence)?\s*[:=]\s*(very[- ]low|high|moderate|low)\b"
    r"|\bcertainty of (?:the )?evidence\s+(very[- ]low|high|moderate|low)\b"  # GRADE's full name: "certainty of evidence very low"
    r"|\b(very[- ]low|high|moderate|low)\s+(?:CoE|certainty of (?:the )?evidence)\b",  # and its initialism: "low CoE"
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r";|•|▪|◦|‣|☐|,? but |,? whereas |,? while |,? although |,? however,? "  # a bullet opens an entry of its own
    r"| and (?:also |then )?(?=(?:recommends?|suggests?|advises?|favou?rs?|prefers?|discourages?)\b)"
    r"|, and (?=(?:it|they|the panel|the guidelines?|nobody|no one|\w+) (?:also )?(?:(?:should|must|is|are|was|were|do|does|did|can|may)(?:n[’']t)?"
    r"|discourages?|favou?rs?|advises?|recommends?|suggests?)(?![\w-]))"
    r"|,? and (?=(?:do not|don[’']t|never|avoid)\b)"
    r"|, (?:so|therefore|hence),? (?=(?:[\w-]+ ){0,3}?(?:we|I|our|us)\b)",  # the writer's consequence ("…, so we won't start it")
    re.IGNORECASE,
)
# Between a negator and what it governs: spaces and hyphens, no phrase-ending punctuation ("not bleeding: no cryo")
_GAP = r"[^\w,;:.!?()]+"


NEGATED = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


@lru_cache(maxsize=16)
def _issuer_cited(domain: Domain) -> re.Pattern[str]:
    """'per <issuer>' / 'according to <issuer>' closing a clause, with the pack's issuer names (domain.yaml facts)."""
    names = "|".join(f"(?:{n})" for n in domain.facts.names) or "(?!)"
    return re.compile(rf"\b(?:per|according to)\s+(?:the\s+)?(?:{names})(?![\w-])[\s.)\]]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Scan]:
    """Each cue family as one alternation on word boundaries, searched where one of its cues can begin (one scan)."""

    def alternation(parts: list[str]) -> Scan:
        return Scan(r"(?<![\w-])", parts, r"(?![\w-])", re.IGNORECASE)

    any_cue = "|".join(c for c in cues.FOR + cues.AGAINST if not c.startswith(cues.SYMBOLS))  # no negator governs an arrow
    return {
        "cue": alternation(cues.FOR + cues.AGAINST),
        "against": alternation(cues.AGAINST),
        "negator": Scan(
            r"(?<![\w-])",
            cues.NEGATORS,
            r"(?![\w-])(?=(?:%s(?!(?:%s)\b)\w+){0,%d}?%s(?:%s)(?![\w-]))" % (_GAP, cues.CLAUSE_OPENERS, cues.NEGATOR_REACH, _GAP, any_cue),
            re.IGNORECASE,
        ),
        "negation": alternation(cues.NEGATIONS),
        "for": alternation(cues.FOR),
        "word_cue": alternation([c for c in cues.FOR + cues.AGAINST if not c.startswith(cues.SYMBOLS)]),
        "individualized": alternation(cues.INDIVIDUALIZED),
        "scope": alternation(cues.SCOPE),
        "strong": alternation(cues.STRONG),
        "conditional": alternation(cues.CONDITIONAL),
    }


@dataclass(frozen=True)
class Clause:
    """One clause of a claim: where it is and what it asserts."""

    start: int
    end: int
    text: str
    direction: str | None  # for | against | individualized | None when it asserts no action (of its preferred side)
    strength: str | None  # strong | conditional | None
    certainty: str | None  # high | moderate | low | very_low | None
    scoped: bool  # limited to part of the population ("only in high-risk", "may be considered")
    preferred: str = ""  # the part before "over", "rather than", ", not": what the clause is for (or against)
    without: tuple[str, ...] = ()  # what the clause says to do without ("without a TKI")

    @property
    def asserts(self) -> bool:
        """Whether the clause asserts anything the guard can compare (an action, a strength or a certainty)."""
        return bool(self.direction or self.strength or self.certainty)


@lru_cache(maxsize=2048)  # asked of each clause, and of an item's intervention for every clause read against it
def without_phrases(text: str) -> tuple[str, ...]:
    """What a text says to do without ("without a TKI" -> "tki"); "with or without X" allows both and excludes nothing."""
    return tuple(m.group(1).lower() for m in scanned(_WITHOUT).finditer(text))


def is_cue(word: str) -> bool:
    """Whether a word is one of the direction cues ("endorse", "favours"): it names no topic."""
    return _patterns()["cue"].fullmatch(word) is not None


# A condition clause ("if no benefit", "unless it isn't helping"), up to the next punctuation: it says when, not what to do.
_CONDITION = re.compile(r"(?<![\w-])(?:if|unless)(?![\w-])[^,;:.!?()\[\]→]*", re.IGNORECASE)


# A clause saying where ("into the range where extra benefit shrinks"): a cue inside it is no advice.
_WHERE = re.compile(r"(?<![\w-])where(?![\w-])[^,;:.!?()\[\]→]*", re.IGNORECASE)


def _outside_conditions(text: str) -> str:
    """The text without its "where" clauses, and without its condition clauses when a cue remains outside them."""
    text = _WHERE.sub(" ", text) if "where" in text.lower() else text
    if "if" not in text.lower() and "unless" not in text.lower():
        return text
    outside = _CONDITION.sub(" ", text)
    return outside if _patterns()["cue"].search(outside) else text


def direction_of(text: str) -> str | None:
    """for / against / individualized: against if an against-cue is present, flipped by each governing negation; a negation
    or cue inside a condition clause ("plan an exit if no benefit") says when, not what."""
    patterns = _patterns()
    text = _outside_conditions(text)
    text = moods.as_advice(text, bool(patterns["word_cue"].search(text)))
    against = patterns["against"].search(text) is not None
    if not against and moods.denies_necessity(text):
        return None  # "testing is not mandated": no must, which is no "must not"; it leaves the choice open
    if not against and moods.reports_only(text):
        return None  # "the strength was not reported" says what is known, not what to do
    if patterns["individualized"].search(text):
        return "individualized"
    if not against and not patterns["for"].search(text):
        return None
    negations = len(patterns["negation"].findall(text))
    flips = negations + len(patterns["negator"].findall(patterns["negation"].sub(" NEGATION ", text) if negations else text))
    return "against" if against != bool(flips % 2) else "for"


@lru_cache(maxsize=16)
def _grading(domain: Domain) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The pack's own words for strength and certainty ('category A', 'type 4 evidence'), compiled."""

    def compiled(table: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((value, re.compile(rf"(?<![\w-])(?:{'|'.join(ps)})(?![\w-])", re.IGNORECASE)) for value, ps in table if ps)

    return compiled(domain.grading.strength.items()), compiled(domain.grading.certainty.items())


_UNNEGATED = re.compile(  # a negated word states no strength, nor one whose strength is said to be unclear
    r"\b(?:not|rather than)\s+(?:a\s+)?\w+|\b(?:unclear|unknown|uncertain|not (?:clear|stated|reported|known))\s+(?:how|whether|if)\s+\w+",
    re.IGNORECASE,
)


# A strength verb that grades nothing: with no subject, opening the clause (the writer's), or said of the guideline's body
# text rather than of a recommendation ("the supporting text suggests reassessing every 3 months").
_WRITERS_VERB = re.compile(r"^\W*(?:recommend|suggest|advise|propose)(?![\w-])|(?<=\btext )(?:recommends|suggests)\b", re.IGNORECASE)


def _strength(text: str, domain: Domain | None = None) -> str | None:
    """The GRADE strength a clause's wording carries, if any ("strong, not conditional" is strong), else the pack's words."""
    patterns = _patterns()
    unnegated = scanned(_UNNEGATED).sub(" ", _WRITERS_VERB.sub(" ", text))  # "Suggest we follow ASH here": no grade
    labelled = next((value for value, pattern in _grading(domain)[0] if pattern.search(unnegated)), None) if domain else None
    if labelled:
        return labelled  # "recommends PDMP review (category B)": the pack's own label grades it, not the verb
    if patterns["conditional"].search(unnegated):
        return "conditional"
    return "strong" if patterns["strong"].search(unnegated) else None


def _certainty(text: str, domain: Domain | None = None) -> str | None:
    """The certainty of evidence a clause states, if any, in GRADE's words or the pack's."""
    match = scanned(_CERTAINTY).search(text)
    if not match:
        return next((value for value, pattern in _grading(domain)[1] if pattern.search(text)), None) if domain else None
    level = next(group for group in match.groups() if group).lower().replace("-", " ")
    return level.replace(" ", "_")


def grading_blanked(text: str, domain: Domain) -> str:
    """The text without its grading words ("type 4 evidence", "very low certainty", "category A"): they name no item."""
    strength, certainty = _grading(domain)
    for _, pattern in (*strength, *certainty):
        text = pattern.sub(" ", text)
    return scanned(_CERTAINTY).sub(" ", text)


def _blank_quotes(text: str) -> str:
    """The text with quoted passages (6+ words, as quoted_texts) blanked out, same length; a few quoted words stay the writer's own."""
    return QUOTE.sub(lambda m: f'"{" " * len(m.group(1))}"' if len(m.group(1).split()) >= QUOTED_WORDS else m.group(0), text)


_LIST_WORDS = 8  # a list's entries are this short or shorter ("no routine UFH", "Erwinia after peg allergy ✔")
_LIST_ENTRIES = 4  # this many short entries after a colon make a list; fewer (or no colon) only when each states its advice


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A clause split further: at a colon between two claims, and into the entries of a short list ("a, b, c")."""
    piece = text[start:end]
    if piece.count(",") < 2 and ": " not in piece:
        return [(start, end)]  # neither a colon nor a list
    colon = piece.find(": ")
    cue = _patterns()["cue"]
    left = piece[:colon].rstrip()
    if colon > 0 and cue.search(piece[colon:]) and any(m.end() < len(left) for m in cue.finditer(left)):  # not "X says: ..."
        return [(start, start + colon), *_pieces(text, start + colon + 1, end)]
    head = colon + 1 if colon > 0 else 0
    commas = [head - 1, *(i for i, char in enumerate(piece) if char == "," and i > head), len(piece)]
    entries = [(a + 1, b) for a, b in zip(commas, commas[1:], strict=False)]
    if len(entries) < 3 or any(len(piece[a:b].split()) > _LIST_WORDS for a, b in entries):
        return [(start, end)]
    if (len(entries) < _LIST_ENTRIES or colon < 0) and not all(cue.search(piece[a:b]) for a, b in entries):
        return [(start, end)]  # "Rec 6, on how much to prescribe, is category A": a phrase set off by commas, no list
    return ([(start, start + colon)] if colon > 0 else []) + [(start + a, start + b) for a, b in entries]


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The text's sentence spans, remembered (claims, facts and details each go through the same text), answers joined."""
    return tuple(moods.with_answers(text, sentence_spans(text)))


def read_clauses(text: str, domain: Domain | None = None) -> list[Clause]:
    """Every clause of every sentence (quotations and questions left out), with what it asserts (in the pack's words too)."""
    return list(_read_clauses(text, domain))


@lru_cache(maxsize=256)
def _read_clauses(text: str, domain: Domain | None) -> tuple[Clause, ...]:
    """read_clauses, remembered: one check reads its text for claims and again for details."""
    text = _blank_quotes(text)
    clauses: list[Clause] = []
    for sentence_start, sentence_end in sentences(text):
        if text[sentence_start:sentence_end].rstrip().endswith("?"):
            continue  # a question asks; it claims nothing
        if (judged := moods.posed(text[sentence_start:sentence_end], text[sentence_end : sentence_end + 40])) == "open":
            continue  # "True or false: ..." with no verdict after it asks too
        cuts = [sentence_start]
        for match in scanned(_CLAUSE_BREAK).finditer(text, sentence_start, sentence_end):
            cuts += [match.start(), match.end()]
        cuts = sorted([*cuts, *mark_cuts(text, sentence_start, sentence_end)]) + [sentence_end]
        for start, end in (p for a, b in zip(cuts[::2], cuts[1::2], strict=True) for p in _pieces(text, a, b)):
            piece = text[start:end]
            if piece.strip():
                contrast = scanned(_CONTRAST).search(piece)
                if contrast and ARROW.search(piece, contrast.end()):
                    contrast = None  # "risks > benefits → taper": a comparison before the arrow describes the case
                cut = contrast.start() if contrast else (m.start(1) if (m := scanned(_PREFER_TO).search(piece)) else len(piece))
                preferred = piece[:cut]
                without = without_phrases(preferred)
                direction = direction_of(preferred)
                if direction is None and contrast and _PREFERENCE.fullmatch(contrast.group(0).strip()) and preferred.strip():
                    direction = "for"  # shorthand "chemo over blinatumomab": the contrast itself states the preference
                elif direction is None and domain is not None and _issuer_cited(domain).search(preferred):
                    # shorthand "alloSCT in CR1 routinely per ASH": what the issuer is cited for is advised (or, negated, advised against)
                    direction = "against" if NEGATED.search(preferred) else "for"
                if contrast and not _PREFERENCE.fullmatch(contrast.group(0).strip()) and _patterns()["individualized"].search(piece):
                    direction = "individualized"  # "transplant vs no transplant should be individualised": a choice, left to each case
                if piece.rstrip().endswith(":") and text.startswith(tuple("•▪◦‣☐"), end):
                    direction = None  # "Before starting opioids:" heading a bulleted list sets the scene for its entries
                if judged == "false" and direction in ("for", "against"):
                    direction = "against" if direction == "for" else "for"  # "True or false: X. Answer: false" says not X
                clauses.append(
                    Clause(
                        start,
                        end,
                        piece,
                        direction,
                        None if judged == "false" else _strength(piece, domain),
                        _certainty(piece, domain),
                        bool(_patterns()["scope"].search(piece)),
                        preferred,
                        without,
                    )
                )
    return tuple(clauses)


def unquoted(text: str, spans: set[tuple[int, int] | None]) -> str:
    """The text with the quotation marks around unverified quotes blanked: words not the guideline's are read as claims."""
    marks = {i for span in spans if span for i in (span[0] - 1, span[1])}
    return "".join(" " if i in marks else char for i, char in enumerate(text)) if marks else text


# What follows qualifies the advice ("unless in danger", "once risks exceed benefits"); it names no option.
_QUALIFIER = re.compile(r"\b(?:unless|except|because|once|if|when)\b", re.IGNORECASE)


def unqualified(text: str) -> str:
    """A text without its qualifiers: an opening condition up to its comma is dropped ("Per CDC, once X, stop Y" -> "Per
    CDC, stop Y"), a later one ends the text ("taper unless X" -> "taper")."""
    while qualifier := _QUALIFIER.search(text):
        before = text[: qualifier.start()]
        comma = text.find(",", qualifier.end())
        if before.strip() and before.rstrip()[-1] not in ",:;(" or comma < 0:
            return before
        text = f"{before} {text[comma + 1 :]}"
    return text


def cues_blanked(text: str) -> str:
    """A text with its direction cues blanked ("should start opioids" -> "should   opioids"): they name no option."""
    patterns = _patterns()
    return patterns["for"].sub(" ", patterns["against"].sub(" ", text))


@lru_cache(maxsize=2048)  # asked once per clause and item
def option_words(preferred: str) -> str:
    """The words of a clause's preferred side that can name an option: before any qualifier, direction cues blanked."""
    return cues_blanked(_QUALIFIER.split(preferred)[0])


def rejected_option(clause: Clause) -> str:
    """What a clause prefers its option to, without the contrast word ("X over Y for Z" -> "Y for Z")."""
    rejected = clause.text[len(clause.preferred) :]
    contrast = _CONTRAST.match(rejected) or (_PREFER_TO.search(clause.text) and re.match(r"to\b", rejected))
    return rejected[contrast.end() :] if contrast else rejected

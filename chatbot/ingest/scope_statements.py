"""What a publication says, in its own words, that it does not cover: the topics of its scope-exclusion sentences.

"This guideline does not address X, Y or Z", "X was outside the scope of this guideline", "the panel did not review X",
"questions about X were not considered", "The following topics were outside the panel's remit: X, Y": each names topics
the guideline leaves out. English sentence shapes only; no guideline's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chatbot.ingest.sentences import sentence_spans

# Who or what has a scope: the guideline, its recommendations (plural: the set, not one item), the panel, its reviews.
_HOLDER = (
    r"(?:this|the|these|our|present|current)\s+(?:(?:clinical\s+)?(?:practice\s+)?guidelines?|guidance|recommendations|"
    r"document|panel|(?:systematic\s+)?(?:evidence\s+)?reviews?|update|statements)"
)
_NOT_DONE = r"(?:address|cover|consider|review|evaluate|examine|assess)"
_NOT_DONE_PASSIVE = r"not\s+(?:been\s+)?(?:addressed|covered|considered|reviewed|evaluated|examined|assessed)"
_OUTSIDE = r"(?:outside|beyond)\s+(?:of\s+)?(?:the\s+)?(?:[\w’']+\s+)?(?:scope|remit)"
_NO_RECOMMENDATION = (
    rf"{_HOLDER}\s+(?:(?:makes?|made|issues?|issued|gives?|gave|provides?|provided)\s+no|"
    r"(?:does|do|did)\s+not\s+(?:make|issue|give|provide))\s+(?:a\s+|any\s+)?recommendations?\s+(?:on|about|for|regarding)"
)
# A listed object after the verb: "... does not address X, Y or Z", "... makes no recommendation on X".
_OBJECT = re.compile(rf"(?i)\b(?:{_HOLDER}\s+(?:does|do|did)\s+not\s+{_NOT_DONE}|{_NO_RECOMMENDATION}):?\s+(?P<topics>.+)")
# A list after a colon in a sentence that says it is left out: "The following were outside the panel's remit: X, Y".
_COLON = re.compile(rf"(?i)\b(?:{_NOT_DONE_PASSIVE}|{_OUTSIDE})\b[^:]*:\s*(?P<topics>.+)")
# A subject that is left out: "X is outside the scope of this guideline", "X, which is not covered by this guideline".
_SUBJECT = re.compile(
    rf"(?i)(?P<topics>[^;:]+?)(?<!\bof)\s*,?\s+(?:which\s+)?(?:is|are|was|were|has|have)\s+"
    rf"(?:{_OUTSIDE}\s+of\s+{_HOLDER}|{_NOT_DONE_PASSIVE}\s+(?:in|by)\s+{_HOLDER}|{_NOT_DONE_PASSIVE}\b(?=\s*[.;,]|\s*$))"
)
# What both sentence shapes with a passive "not covered" or "outside the scope" need: without it neither can match, and the
# subject pattern (a lazy run tried from every position) is not tried at all.
_LEFT_OUT = re.compile(rf"(?i)\b(?:{_NOT_DONE_PASSIVE}|{_OUTSIDE})")
_ASKED_ABOUT = re.compile(r"(?i)^(?:the\s+)?(?:questions?|issues?|topics?)\s+(?:about|of|on|regarding|concerning)\s+")
# Where a listed object ends: a new clause ("X, which ...", "X, because ...", "X; ...").
_CLAUSE_END = re.compile(
    r"(?i)\s*(?:;|,\s*(?:which|for\s+which|because|as|since|so|but|and\s+(?:the|these|this|it|they))\b|\s+(?:because|since|as\s+(?:the|these|evidence))\b)"
)
_EXCEPT = re.compile(r"(?i)\s*\((?:other\s+than|except|apart\s+from|besides)\b[^)]*\)|\s*,?\s+(?:other\s+than|except(?:\s+for)?)\s+.*$")
_INCLUDING = re.compile(r"(?i)\s*\((?:including|such\s+as|e\.g\.,?|for\s+example)\s+([^)]*)\)")
_ASIDE = re.compile(r"\s*\([^()]*\)")
_CITATION = re.compile(r"\s*[\[(]\s*\d[\d,\s–-]*[\])]")
_SPLIT = re.compile(r"(?i)\s*,\s*(?:and|or)?\s*|\s+(?:and|or|nor)\s+")
_LEADING = re.compile(r"(?i)^(?:the\s+following(?:\s+\w+)?:?\s*|the\s+|a\s+|an\s+|any\s+|other\s+|specific\s+|either\s+|neither\s+)+")
# The last words before a subject's verb, after a preposition: "Topical agents may be used for impetigo, which" -> "impetigo".
_LAST_PREPOSITION = re.compile(r"(?i).*\b(?:for|on|about|of|in|to|with|than)\s+(?=\S)")
# A bulleted or numbered list item: "• bariatric surgery;", "(a) heliox", "2) caffeine"
_BULLET = re.compile(r"^\s*(?:[•▪◦●■‣∙–—-]|\(?(?:\d{1,2}|[a-z])[.)])\s+")
_MAX_TOPIC_WORDS = 8  # longer pieces are clauses, not topics
# A piece that points back ("... on these") or is a clause of its own ("makes no recommendation") names no topic.
_NO_TOPIC = re.compile(r"(?i)\b(?:these|those|them|it|this|which|of|recommend\w*)$|\brecommendations?\b")


@dataclass(frozen=True)
class ScopeExclusion:
    """A topic a publication says it does not cover, and the sentence that says so (char span of its canonical text)."""

    topic: str
    document_id: str
    start: int
    end: int


def _pieces(listed: str) -> list[str]:
    """The topics of a listed object: its items, with the ones named in '(including X)' and without '(other than Y)'."""
    listed = _CITATION.sub("", listed.strip().rstrip(".").strip())
    named = [inner for found in _INCLUDING.findall(listed) for inner in _SPLIT.split(found)]
    listed = _ASIDE.sub("", _EXCEPT.sub("", _INCLUDING.sub("", listed)))  # "bariatric (metabolic) surgery": the aside goes
    items = [*_SPLIT.split(listed), *named]
    topics = []
    for item in items:
        item = _LEADING.sub("", " ".join(item.split()).strip(" .,;:()"))
        if item and len(item.split()) <= _MAX_TOPIC_WORDS and any(ch.isalpha() for ch in item) and not _NO_TOPIC.search(item):
            topics.append(item)
    return topics


def _listed_object(rest: str) -> str:
    """A listed object up to the end of its clause."""
    end = _CLAUSE_END.search(rest)
    return rest[: end.start()] if end else rest


def excluded_topics(sentence: str) -> list[str]:
    """The topics a sentence says the guideline (its panel, its reviews) does not cover, as written; [] for other sentences."""
    sentence = " ".join(sentence.split())
    left_out = _LEFT_OUT.search(sentence) is not None
    if match := _OBJECT.search(sentence) or (left_out and _COLON.search(sentence)):
        return _pieces(_listed_object(match.group("topics")))
    if left_out and (match := _SUBJECT.search(sentence)):
        subject = match.group("topics")
        if (within := _LAST_PREPOSITION.match(subject)) and not _ASKED_ABOUT.match(subject):
            subject = subject[within.end() :]  # "... used for impetigo, which is not covered" names impetigo
        subject = _ASKED_ABOUT.sub("", subject.split(",")[-1] if "which" in match.group(0).lower() else subject)
        return _pieces(subject)
    return []


def _opens_list(sentence: str) -> bool:
    """Whether a sentence leads into a list of what is left out: "This guideline does not address:" with items after it."""
    return sentence.rstrip().endswith(":") and excluded_topics(f"{sentence.rstrip()} topic") == ["topic"]


def scope_exclusions(document_id: str, text: str) -> tuple[ScopeExclusion, ...]:
    """Every topic the document says it does not cover, with the sentence that says so (for a listed item, the list's lead
    sentence up to the item)."""
    found: list[ScopeExclusion] = []
    spans = sentence_spans(text, cells=False)
    for position, (start, end) in enumerate(spans):
        sentence = text[start:end]
        found.extend(ScopeExclusion(topic, document_id, start, end) for topic in excluded_topics(sentence))
        if not _opens_list(sentence):
            continue
        for item_start, item_end in spans[position + 1 :]:
            item = text[item_start:item_end]
            if not _BULLET.match(item):
                break
            found.extend(ScopeExclusion(topic, document_id, start, item_end) for topic in _pieces(_listed_object(_BULLET.sub("", item))))
    return tuple(found)


def exclusions_json(exclusions: Iterable[ScopeExclusion]) -> list[dict[str, object]]:
    """Exclusions as the index manifest stores them."""
    return [{"topic": e.topic, "document": e.document_id, "start": e.start, "end": e.end} for e in exclusions]


def exclusions_from_json(rows: Iterable[dict[str, object]]) -> tuple[ScopeExclusion, ...]:
    """Exclusions read back from the index manifest."""
    return tuple(ScopeExclusion(str(r["topic"]), str(r["document"]), int(str(r["start"])), int(str(r["end"]))) for r in rows)

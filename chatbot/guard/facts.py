"""Statements about the guideline itself (counts, publisher, journal, dates, authors, ages) against the pack's fact sheet."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from chatbot.guard.claims import sentences
from chatbot.guard.context import GuardContext, part_counts
from chatbot.guard.details import cites_guideline
from chatbot.guard.voice import local_voice
from chatbot.packs.domain import Domain
from chatbot.packs.fact_sheet import FactSheet
from chatbot.packs.scan import scanned
from chatbot.types import GuardFinding

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_WORDS |= {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "a dozen": 12}
_COUNT = re.compile(
    r"(?<![\w.'’-])(\d{1,3}|"  # not a year written short ("CDC '22")
    + "|".join(_WORDS)
    + r"|no)\s+((?:(?!(?:of|the|plus|and|or|"
    + "|".join(_WORDS)
    + r")\b)[a-z][a-z/-]*\s+){0,2}?)(research[- ]only\s+)?rec(?:ommendation)?s?\b(?!\s*#?\d)",  # not "Slide 6 - Rec 10"
    re.IGNORECASE,
)
_SUBSET = re.compile(
    r"\b(?:reported|described|disclosed|publicly|unreported|undescribed|remaining|other|more|unknown|of them|of the)\b", re.IGNORECASE
)
_TOTAL = re.compile(r"\b(?:in total|together|between them|combined|both|altogether|overall|all told)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:publish\w*|appear\w*|releas\w*|issu\w*|came out|print\w*|posted)\b", re.IGNORECASE)
_AGENT = re.compile(
    r"\b(?i:published|issued|released|developed|written|produced|authored) by (?:the )?([A-Z][A-Za-z]{1,7})\b|^([A-Z]{2,7}) (?:published|issued|released)\b"
)
# An organisation named by its kind of body ("the American Pain Society", "the World Health Organization"), as issuer.
_ORGANISATION = (
    r"(?:[A-Z][a-z]+ ){0,5}(?:Society|Academy|Association|College|Network|Organi[sz]ation|Administration|Agency|Foundation|Federation"
    r"|Council|Committee)\b(?: (?:of|for|on) [A-Z][a-z]+(?: [A-Z][a-z]+)*)?"
)
_BODY = re.compile(
    rf"\b(?i:published|issued|released|developed|written|produced|authored|endorsed)(?: \w+ly)? by (?:[A-Z]{{2,7}} and )?"
    rf"(?:(?i:a panel|members) of )?(?:the )?({_ORGANISATION})"  # "issued jointly by ASH and the X Association"
)
# Another body's guideline ("NCCN's 2026 AYA guideline", "the FDA's opioid guideline"), and two bodies given as joint issuers.
_OWNED = re.compile(r"\b([A-Z]{2,7})['’]s\s+(?:[\w/-]+\s+){0,5}?(?i:guidelines?)\b")
_DIGIT = re.compile(r"\d")  # a year needs one: a cheap look before the issuer's pattern
_JOINT = re.compile(r"\bjoint(?:ly)?\b", re.IGNORECASE)
_PAIR = re.compile(r"\b([A-Z][A-Za-z]?[A-Z]{1,5})\s*(?:/|\band\b|&)\s*(?:the\s+)?([A-Z][A-Za-z]?[A-Z]{1,5})\b")
_JOURNAL = re.compile(r"\b(?i:published|appeared|printed|out)(?: online)? in (?:the )?(?:journal )?([A-Z][\w-]*(?: [A-Z][\w-]*)*)")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A month written in full or short ("Feb", "Sept."): its first three letters name it.
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
_DATE = re.compile(rf"\b(?:(\d{{1,2}}) )?({_MONTH})(?: (\d{{1,2}}),?)? (\d{{4}})\b|\bin (\d{{4}})\b", re.IGNORECASE)
# A year given as the guideline's own ("the guideline (2025)", "its 2023 update").
_DATED = re.compile(r"\bguidelines?\s*\((?:[^()]*?\W)?(\d{4})\)|\b(?:its|the) (\d{4}) (?:update|revision)\b", re.IGNORECASE)
_NAME = r"[A-Z][a-z]+(?:\s[A-Z]\.)?\s(?:O'|Mc|Mac|De|Du|Van )?[A-Z][A-Za-z'-]+"
_SURNAME = r"(?:O'|Mc|Mac|De|Du|Van )?[A-Z][a-z][A-Za-z'-]*(?![\w'-]|\s[A-Z])"  # a surname alone ("first author O'Dwyer")
_AUTHOR_SLOT = re.compile(
    rf"\b(?i:first|lead)[- ]author(?:ed)?(?: of [^,.:]+?)?(?: is| was| by|:)?\s+({_NAME}|{_SURNAME})"
    rf"|\b(?i:led) by (?:Dr\.? )?({_NAME}|{_SURNAME})"
    rf"|({_NAME})(?: \([^)]*\))?(?:(?: from [^,.]+?| of [^,.]+?)? led\b|,? (?:(?:is|was|as) )?(?:the )?(?i:first|lead)[- ]author\b)"
    rf"|\bauthors? (?:were|are|is|was|included?)\s+((?:[A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+)*(?:,\s*|\s+and\s+)?)+)"
    r"|\b(?:written|authored) by\s+((?:[A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+)*(?:,\s*|,?\s+and\s+)?)+)",
)
_AUTHOR_CUE = re.compile(
    r"author|\bled\b|written by|Universit|Clinic|Institute|Hospital", re.IGNORECASE
)  # what every author or institution slot holds
_INSTITUTION = re.compile(
    r"\b(?:University of (?:[A-Z][a-z]+)(?: [A-Z][a-z]+)*|[A-Z][A-Za-z]+ University|[A-Z][a-z]+ (?:Clinic|Institute|Hospital)s?)\b"
)
_AGE_RANGE = re.compile(
    r"\b(?:aged?|ages|as)\s+(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\b|\b(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s*years?\b", re.IGNORECASE
)


def _value(word: str) -> int:
    """'12' -> 12, 'twelve' -> 12, 'no' -> 0."""
    word = word.lower()
    return 0 if word == "no" else _WORDS.get(word) or int(word)


@lru_cache(maxsize=16)
def _part_patterns(domain: Domain) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per part of the guideline, from its phrases."""
    return tuple(
        (pid, re.compile(rf"(?<![\w-])(?:{'|'.join(part.phrases)})(?![\w-])", re.IGNORECASE))
        for pid, part in domain.parts.items()
        if part.phrases
    )


def _parts(sentence: str, domain: Domain) -> list[str]:
    """The parts of the guideline a sentence names, the one named last at the end."""
    last = {pid: max(m.end() for m in pattern.finditer(sentence)) for pid, pattern in _part_patterns(domain) if pattern.search(sentence)}
    return sorted(last, key=last.__getitem__)


def _count_problems(sentence: str, context: GuardContext) -> list[str]:
    """Counts of recommendations a sentence gives that differ from the set's; each count goes with the part named last before it."""
    if "rec" not in sentence.lower():
        return []  # every count the check reads is a count of recommendations
    domain = context.rec_set.domain
    problems: list[str] = []
    named: list[str] = []
    segment = 0
    for m in scanned(_COUNT).finditer(sentence):
        named = _parts(sentence[segment : m.end()], domain) or named
        segment = m.end()
        if scanned(_SUBSET).search(sentence[max(0, m.start() - 20) : m.end()] + sentence[m.end() :].split(",")[0][:40]):
            continue  # "seven reported recommendations", "3 recommendations were described": a subset is counted
        if not m.group(0).lower().endswith("s"):
            continue  # "one recommendation meant for research", "two recommendation categories": an item or a kind, not a count
        kind = "research_only" if m.group(3) else "recommendation"
        counts = part_counts(context.rec_set, kind)
        if not counts or any(p not in counts for p in named) or (kind == "research_only" and set(named or domain.parts) - set(counts)):
            continue  # a part whose count is not known
        allowed: set[int]
        if named:  # parts named together ("part A + part B ... Part A: 15 recommendations"): the last one too
            allowed = {sum(counts[p] for p in named)} | (set() if scanned(_TOTAL).search(sentence) else {counts[named[-1]]})
        elif scanned(_TOTAL).search(sentence):
            allowed = {sum(counts.values())}
        else:
            allowed = {sum(counts.values()), *counts.values()}
        if _value(m.group(1)) not in allowed:
            noun = "research-only recommendations" if kind == "research_only" else "recommendations"
            problems.append(f"says {m.group(1)} {noun}; the set has {' or '.join(map(str, sorted(allowed)))}")
    return problems


def _matches(patterns: tuple[str, ...], text: str) -> bool:
    """Whether one of the fact sheet's patterns matches at the start of the text."""
    return any(re.match(p, text, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=16)
def _issuer_dated(sheet: FactSheet) -> re.Pattern[str]:
    """A year written beside the issuer's name and "guideline": 'the 2023 CDC opioid guideline', 'CDC guideline 2019'."""
    names = "|".join(f"(?:{name})" for name in sheet.names)
    return re.compile(
        rf"\b((?:19|20)\d\d)\s+(?:{names})(?:['’]s)?\s+(?:[\w-]+\s+){{0,3}}?(?i:guidelines?)\b"
        rf"|\b(?:{names})(?:['’]s)?\s+(?:[\w-]+\s+){{0,3}}?(?i:guidelines?),?\s+((?:19|20)\d\d)\b(?!\s*(?:\)|MME|mg))",
    )


def _publication_problems(sentence: str, domain: Domain) -> list[str]:
    """Publisher, journal and date of publication that differ from the fact sheet's."""
    sheet = domain.facts
    problems = []
    for m in scanned(_AGENT).finditer(sentence):
        agent = m.group(1) or m.group(2)
        if sheet.publishers and not _matches(sheet.publishers + sheet.names, agent) and agent.isupper():
            problems.append(f"names {agent} as publisher")
    known = sheet.publishers + sheet.names
    others = [m.group(1) for m in scanned(_BODY).finditer(sentence)] if " by " in sentence else []
    if "s " in sentence and ("'s" in sentence or "’s" in sentence):
        others += [m.group(1) for m in _OWNED.finditer(sentence)]
    if "oint" in sentence and _JOINT.search(sentence):
        others += [name for m in _PAIR.finditer(sentence) for name in m.groups()]
    for other in dict.fromkeys(others):
        if sheet.publishers and not _matches(known, other):
            problems.append(f"names {other} as publisher")
    for acronym in (name for name in sheet.names if name.isalpha() and name.isupper() and name in sentence):  # spelled as written
        for m in re.finditer(rf"\b{acronym}\s*\((?:the\s+)?([A-Z][a-z]+(?: [A-Za-z]+){{2,8}})\)", sentence):
            if not _matches(sheet.names + sheet.journals, m.group(1)):
                problems.append(f"spells {acronym} out as {m.group(1)}")
    years = {date.year for date in sheet.published}
    for m in scanned(_DATED).finditer(sentence):
        if local_voice(" ".join(sentence[: m.start()].split()[-3:])):
            continue  # "our local guideline (2024)": the writer's own, not this one
        if years and int(m.group(1) or m.group(2)) not in years:
            problems.append(f"dates the guideline {m.group(1) or m.group(2)}")
    if years and sheet.names and _DIGIT.search(sentence):  # "the 2023 CDC opioid guideline", "CDC guideline 2019"
        for m in _issuer_dated(sheet).finditer(sentence):
            year = int(m.group(1) or m.group(2))
            if year not in years and year not in sheet.earlier_editions:
                problems.append(f"dates the guideline {year}")
    if not scanned(_PUBLISHED).search(sentence):
        return problems
    for m in _JOURNAL.finditer(sentence):
        where = m.group(1)
        if sheet.journals and not re.match(_MONTHS, where, re.IGNORECASE) and not _matches(sheet.journals, where):
            problems.append(f"names {where} as the journal")
    if sheet.published:
        for m in _DATE.finditer(sentence):
            year = int(m.group(4) or m.group(5))
            month = m.group(2).lower() if m.group(2) else None
            day = int(m.group(1) or m.group(3)) if (m.group(1) or m.group(3)) else None
            if not any(_same_date(date, year, month, day) for date in sheet.published):
                problems.append(f"dates the publication {m.group(0).removeprefix('in ')}")
    return list(dict.fromkeys(problems))


def _same_date(date: datetime.date, year: int, month: str | None, day: int | None) -> bool:
    """Whether a date as written (year, maybe month and day) agrees with a known date."""
    if year != date.year:
        return False
    if month and f"{date:%b}".lower() != month[:3]:
        return False
    return day is None or day == date.day


def _surname(name: str) -> str:
    """The last word of a name, lowercased."""
    return name.split()[-1].strip(".,;:").lower()


def _author_problems(sentence: str, domain: Domain) -> list[str]:
    """Authors named for the guideline (or one of its parts) who are not its authors."""
    authors = domain.facts.authors
    if not authors or not scanned(_AUTHOR_CUE).search(sentence):
        return []
    named_parts = _parts(sentence, domain)
    problems = []
    for m in _AUTHOR_SLOT.finditer(sentence):
        single = m.group(1) or m.group(2) or m.group(3)
        first = m.group(1) is not None or m.group(2) is not None or re.search(r"first|lead", m.group(0), re.IGNORECASE) is not None
        names = [single] if single else re.split(r",\s*|,?\s+and\s+", m.group(4) or m.group(5))
        for name in filter(None, (n.strip() for n in names)):
            known = [a for a in authors if _surname(a.name) == _surname(name)]
            if first:
                known = [a for a in known if a.first]
            if named_parts:
                known = [a for a in known if a.part is None or a.part in named_parts]
            if not known:
                problems.append(f"names {name} as {'first ' if first else ''}author")
    for m in _INSTITUTION.finditer(sentence):
        if domain.facts.institutions and not _matches(domain.facts.institutions, m.group(0)):
            problems.append(f"names {m.group(0)}, which the guideline's reports do not")
    return problems


_SCOPE_CUE = re.compile(r"\bdefin\w*|\bcover\w*|\bmeans?\b|\bguidelines? for\b", re.IGNORECASE)
# Whom a sentence naming the guideline says it is for: "applies to", "written for", "(for ages 18 to 30)" after its name.
_NAMED_SCOPE_CUE = re.compile(r"\bappl(?:y|ies)\b|\bwritten for\b|\b(?:is|are) for\b|\bguid\w*\s*\((?:for )?ages?\b", re.IGNORECASE)
_ANY_SCOPE_CUE = re.compile(f"{_SCOPE_CUE.pattern}|{_NAMED_SCOPE_CUE.pattern}", re.IGNORECASE)
_AGE_FROM = re.compile(  # an open-ended age: "aged 16 and older", "16+", "18 years and over"
    r"\b(?:aged?|ages)\s+(\d{1,2})(?:\s*\+|\s+(?:years?\s+)?(?:and|or)\s+(?:older|over|above))|\b(\d{1,2})(?:\+|\s+years?\s+(?:and|or)\s+(?:older|over))",
    re.IGNORECASE,
)


def _age_problems(sentence: str, domain: Domain) -> list[str]:
    """An age range (or, in a sentence naming the guideline, an open-ended age) for the guideline's patients that differs
    from the fact sheet's."""
    sheet = domain.facts
    if sheet.age_min is None or not _ANY_SCOPE_CUE.search(sentence):
        return []
    named = cites_guideline(sentence, domain)
    if not (named or _SCOPE_CUE.search(sentence)):
        return []
    covers = f"{sheet.age_min}-{sheet.age_max}" if sheet.age_max is not None else f"{sheet.age_min} and older"
    problems = []
    for m in scanned(_AGE_RANGE).finditer(sentence) if sheet.age_max is not None else ():
        low, high = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        if (low, high) != (sheet.age_min, sheet.age_max):
            problems.append(f"gives ages {low}-{high}; the guideline covers {covers}")
    for m in _AGE_FROM.finditer(sentence) if named and sheet.age_max is None else ():
        if (low := int(m.group(1) or m.group(2))) != sheet.age_min:
            problems.append(f"gives ages {low} and older; the guideline covers {covers}")
    return problems


def fact_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """A finding for each sentence whose statements about the guideline itself contradict the pack's facts."""
    domain = context.rec_set.domain
    findings = []
    for start, end in sentences(text):
        sentence = text[start:end]
        problems = _count_problems(sentence, context) + _publication_problems(sentence, domain)
        problems += _author_problems(sentence, domain) + _age_problems(sentence, domain)
        if problems:
            findings.append(GuardFinding("guideline_fact_mismatch", "; ".join(problems), None, (start, end)))
    return findings

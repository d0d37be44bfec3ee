"""Facts about a guideline read from its publication for the guard: who issued it, when it was published, who wrote it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence

FRONT_CHARS = 6000  # the front matter: masthead, title, byline and affiliations come before this
_WORD = r"[A-Z][^\W\d_]+(?:['’-][A-Za-z][^\W\d_]*)*"  # "Dowell", "Hjorth-Hansen", "O'Neil", "Wróbel"
_PERSON = re.compile(
    rf"^(?:(?:[A-Z]\.\s?(?:-\s?[A-Z]\.\s?)?)+{_WORD}"  # "J. F. Apperley", "H. Hjorth-Hansen"
    rf"|{_WORD}(?:\s(?:[A-Z]\.|{_WORD})){{0,2}}\s(?:(?:van|von|de|da|du|le)\s)?{_WORD})$"  # "Christopher M. Jones"
)
_SEPARATORS = re.compile(r"\s*[●•·;]\s*")
_PLACEHOLDERS = frozenset({"anonymous", "unknown", "user", "admin", "administrator", "author", "unspecified"})
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"\b(?:(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})|({_MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b", re.I
)
_PUBLISHED = re.compile(r"\b(?:published(?:\s+online)?|publication\s+date|date\s+of\s+publication)\s*:?\s*$", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(r"\b(?:received|revised|accepted|submitted|updated|reviewed)\b[^.;/]*$", re.IGNORECASE)
_JOINING = frozenset("of for the and in on to with a an".split())


def _person(segment: str) -> str | None:
    """A segment of a byline as a person's name ("Deborah Dowell, MD1" -> "Deborah Dowell"), or None."""
    name = re.sub(r"^[\d,*†‡§\s]+|[\d,*†‡§\s]+$", "", segment.split(",")[0].strip())
    return name if _PERSON.match(name) and any(c.islower() for c in name) else None


def _byline(paragraph: str, going_on: bool = False) -> list[str]:
    """The people a paragraph names, when it is a byline: two or more names making most of its parts (going on with one: any
    name that is all it holds)."""
    flat = " ".join(paragraph.split())
    parts = _SEPARATORS.split(flat) if _SEPARATORS.search(flat) else re.split(r",\s*", flat)
    parts = [piece for part in parts for piece in re.split(r"\s+and\s+", part) if re.sub(r"[\d,*†‡§\s]", "", piece)]
    names = [name for part in parts if (name := _person(part))]
    if going_on and names and len(names) == len(parts):
        return names
    return names if len(names) >= 2 and len(names) * 10 >= len(parts) * 6 else []


def authors(front: str) -> list[dict[str, object]]:
    """The front matter's first byline (its paragraphs in a row) as fact-sheet authors, the first marked first."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", front):
        names = _byline(paragraph, going_on=bool(found))
        if names:
            found += names
        elif found:
            break
    return [{"name": name, **({"first": True} if position == 0 else {})} for position, name in enumerate(dict.fromkeys(found))]


def _date(match: re.Match[str]) -> datetime.date | None:
    """The date a _DATE match writes, or None when it is no calendar date."""
    day, month, year = (
        (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(5), match.group(4), match.group(6))
    )
    try:
        if match.group(7):
            return datetime.date(int(match.group(7)), int(match.group(8)), int(match.group(9)))
        return datetime.datetime.strptime(f"{int(day)} {month} {year}", "%d %B %Y").date()
    except (ValueError, TypeError):
        return None


def published(front: str) -> list[datetime.date]:
    """The publication date the front matter gives: one introduced by "published", else the masthead's date (in its first
    lines), never a date received, revised or accepted."""
    dated = [(m, d) for m in _DATE.finditer(front) if (d := _date(m)) is not None]
    introduced = [d for m, d in dated if _PUBLISHED.search(front[max(0, m.start() - 40) : m.start()])]
    if introduced:
        return introduced[:1]
    masthead = [d for m, d in dated if m.start() < 300 and not _NOT_PUBLISHED.search(front[max(0, m.start() - 60) : m.start()])]
    return masthead[:1]


def _organisation(author: str | None) -> str | None:
    """The metadata author when it names an organisation (not a person, not a placeholder), without its abbreviation."""
    if not author or author.strip().lower() in _PLACEHOLDERS:
        return None
    name = re.sub(r"\s*\([^)]*\)\s*$", "", " ".join(author.split()))
    return None if _PERSON.match(name) or len(name.split()) < 2 else name


def _initials_fit(abbreviation: str, phrase: str) -> bool:
    """Whether the abbreviation's letters follow the phrase's initials in order, from the first ("CDC" in "Centers for Disease
    Control and Prevention")."""
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z][\w-]*", phrase) if w.lower() not in _JOINING]
    letters, position = [c.lower() for c in abbreviation if c.isalpha()], 0
    if not initials or not letters or letters[0] != initials[0]:
        return False
    for letter in letters:
        position = initials.index(letter, position) + 1 if letter in initials[position:] else -1
        if position < 0:
            return False
    return True


def issuers(title: str, metadata_author: str | None, abbreviations: Sequence[tuple[str, str]]) -> list[str]:
    """The names the guideline's issuer goes by: the organisation the metadata names, the abbreviation that opens the title
    ("CDC Clinical Practice Guideline ..."), and a defined abbreviation of a capitalised name that the title holds or opens
    with ("European LeukemiaNet (ELN)"), or of the organisation."""
    names: list[str] = []
    organisation = _organisation(metadata_author)
    if organisation:
        names.append(organisation)
    opening = re.match(r"([A-Z][A-Z-]{1,7})\b", title)
    if opening and (organisation is None or _initials_fit(opening.group(1), organisation) or not abbreviations):
        names.append(opening.group(1))
    for long_form, abbreviation in abbreviations:
        named = long_form.lower() in title.lower() or (opening is not None and abbreviation == opening.group(1))
        if named and all(w[0].isupper() for w in long_form.split() if w.lower() not in _JOINING):
            names += [long_form, abbreviation]
        elif organisation and (long_form.lower() == organisation.lower() or abbreviation in (metadata_author or "")):
            names.append(abbreviation)
    return list(dict.fromkeys(names))


def publication_facts(
    text: str, title: str, metadata: Mapping[str, str] | None = None, abbreviations: Sequence[tuple[str, str]] = ()
) -> dict[str, object]:
    """domain.yaml `facts` from the publication: its issuer's names (as patterns), publication date and authors; empty parts left out."""
    front = text[:FRONT_CHARS]
    names = issuers(title, (metadata or {}).get("/Author"), abbreviations)
    facts: dict[str, object] = {}
    if names:
        patterns = [re.escape(name).replace("\\ ", " ") for name in names]
        facts |= {"names": patterns, "publishers": list(patterns)}
    if dates := published(front):
        facts["published"] = [date.isoformat() for date in dates]
    if people := authors(front):
        facts["authors"] = people
    return facts

"""Facts about a pack's guideline as a whole (domain.yaml `facts`): who published it, where, when, who wrote it."""

from __future__ import annotations

import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    """A frozen model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Author(_Strict):
    """An author of the guideline (or of one part of it) and the institution they are reported with."""

    name: str = Field(min_length=1, description="as written, e.g. 'Adam S. DuVall'; matched on the surname")
    part: str | None = Field(None, description="the part (domain.yaml parts) this person led; None: the whole guideline")
    first: bool = Field(False, description="the first author (of the part, or of the guideline)")


class FactSheet(_Strict):
    """What a statement about the guideline itself is checked against; every list may stay empty."""

    names: tuple[str, ...] = Field((), description="regular expressions naming the guideline's issuer in attributions ('ASH', 'CDC')")
    publishers: tuple[str, ...] = Field((), description="regular expressions naming the publisher")
    journals: tuple[str, ...] = Field((), description="regular expressions naming where it was published")
    published: tuple[datetime.date, ...] = Field((), description="dates of publication (online, print, press release)")
    earlier_editions: tuple[int, ...] = Field((), description="years of the guideline's earlier editions, which a text may name")
    authors: tuple[Author, ...] = ()
    institutions: tuple[str, ...] = Field((), description="regular expressions naming institutions reported with it")
    age_min: int | None = Field(None, ge=0, le=130, description="the youngest age the guideline covers")
    age_max: int | None = Field(None, ge=0, le=130, description="the oldest age it covers; none with an age_min: no upper age")

    def __hash__(self) -> int:
        """Hashed by identity, so a sheet can key caches of compiled patterns."""
        return id(self)

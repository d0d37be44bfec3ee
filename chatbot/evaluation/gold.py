"""The gold question set: JSONL loading and validation into typed items."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chatbot.errors import ChatbotError
from chatbot.types import AnswerStatus

CATEGORIES = (
    "full_sentence",
    "terse",
    "abbreviation",
    "misspelling",
    "vignette",
    "about",
    "placeholder",
    "not_addressed",
    "out_of_scope",
    "ambiguous_population",
    "multi_turn",
)
# Rows reported on their own and left out of the targets until conversations exist.
SEPARATE_CATEGORIES = ("multi_turn", "ambiguous_population")


ModelT = TypeVar("ModelT", bound=BaseModel)


class GoldSetError(ChatbotError):
    """A gold file that cannot be used: every bad line is named."""

    code = "gold_set_error"
    status = 422


class StrictModel(BaseModel):
    """A frozen model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldTurn(StrictModel):
    """One question and what the bot should do with it."""

    question: str = Field(min_length=1)
    expected_status: AnswerStatus
    acceptable_statuses: tuple[AnswerStatus, ...] = ()
    expected_ids: tuple[str, ...] = ()
    expected_pages: tuple[int, ...] = Field((), description="pages that answer it, for packs without a recommendation set")
    note: str | None = None


class GoldItem(StrictModel):
    """A gold line: one question, or a chain of turns in one conversation."""

    id: str = Field(min_length=1)
    category: str
    question: str | None = None
    expected_status: AnswerStatus | None = None
    acceptable_statuses: tuple[AnswerStatus, ...] = ()
    expected_ids: tuple[str, ...] = ()
    expected_pages: tuple[int, ...] = ()
    turns: tuple[GoldTurn, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> GoldItem:
        """Either a question with its expectation, or turns; and a known category."""
        if self.category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)}")
        single = self.question is not None
        if single == bool(self.turns):
            raise ValueError("give either 'question' (with 'expected_status') or 'turns', not both")
        if single and self.expected_status is None:
            raise ValueError("'expected_status' is required with 'question'")
        return self

    def as_turns(self) -> tuple[GoldTurn, ...]:
        """The item as a sequence of turns (one for a single question)."""
        if self.turns:
            return self.turns
        assert self.question is not None and self.expected_status is not None
        return (
            GoldTurn(
                question=self.question,
                expected_status=self.expected_status,
                acceptable_statuses=self.acceptable_statuses,
                expected_ids=self.expected_ids,
                expected_pages=self.expected_pages,
                note=self.note,
            ),
        )


@dataclass(frozen=True)
class GoldSet:
    """The items of a gold file and where it came from."""

    path: Path
    items: tuple[GoldItem, ...]


def read_jsonl(path: Path, model: type[ModelT]) -> tuple[list[tuple[int, ModelT]], list[str]]:
    """Validated (line number, item) pairs of a JSONL file, and a message for each malformed or repeated line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldSetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    items: list[tuple[int, ModelT]] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append((number, model.model_validate(json.loads(line))))
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
        except ValidationError as exc:
            details = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors())
            problems.append(f"line {number}: {details}")
    seen: set[str] = set()
    for number, item in items:
        item_id = getattr(item, "id", None)
        if item_id in seen:
            problems.append(f"line {number}: duplicate id {item_id}")
        seen.add(str(item_id))
    return items, problems


def raise_problems(path: Path, problems: list[str], count: int) -> None:
    """GoldSetError naming every bad line, or an empty file."""
    if problems:
        raise GoldSetError(f"{path}: {len(problems)} malformed line(s):\n" + "\n".join(problems), hint="fix the lines named")
    if not count:
        raise GoldSetError(f"{path}: no items")


def load_gold(path: Path, known_ids: frozenset[str] | None = None) -> GoldSet:
    """Read a gold question file; GoldSetError lists every malformed line by number."""
    items, problems = read_jsonl(path, GoldItem)
    for number, item in items:
        unknown = [
            i
            for turn in item.as_turns()
            for i in turn.expected_ids
            if known_ids is not None and not i.startswith("section:") and i not in known_ids
        ]
        if unknown:
            problems.append(f"line {number}: unknown recommendation ids {', '.join(unknown)}")
    raise_problems(path, sorted(problems, key=lambda p: int(p.split()[1].rstrip(":"))), len(items))
    return GoldSet(path, tuple(item for _, item in items))

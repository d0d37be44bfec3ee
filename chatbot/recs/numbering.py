"""Numbers for statements printed without a plain one: unnumbered good practice statements and section-style numbers."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Protocol, TypeVar

from chatbot.recs.schema import GOOD_PRACTICE_PART, Kind


class NumberedStatement(Protocol):
    """An extracted statement as numbering sees it (a dataclass)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def number(self) -> int: ...  # noqa: D102
    @property
    def part(self) -> str | None: ...  # noqa: D102
    @property
    def statement(self) -> str: ...  # noqa: D102
    @property
    def kind(self) -> Kind: ...  # noqa: D102
    @property
    def labels(self) -> dict[str, str]: ...  # noqa: D102


Item = TypeVar("Item", bound=NumberedStatement)


def number_in_order(items: list[Item]) -> list[Item]:
    """Unnumbered good practice statements numbered by order of first appearance of their wording, and statements with
    section-style numbers ("Recommendation 1.1.2", kept in `labels`) by order of first appearance of that number."""

    def family(item: NumberedStatement) -> str:
        if "number" in item.labels:  # one count for a section's statements, unless good practice is numbered apart ("R-1gps")
            return "gps" if (item.part or "").startswith(GOOD_PRACTICE_PART) else "rec"
        return "gps" if item.kind == Kind.GOOD_PRACTICE_STATEMENT else "rec"

    printed = {family(item): 0 for item in items}  # the largest number printed plainly in each family: the order counts on
    for item in items:
        if "number" not in item.labels:
            printed[family(item)] = max(printed[family(item)], item.number)
    order: dict[tuple[str, str], int] = {}
    numbered: list[Item] = []
    for item in items:
        if "number" in item.labels:  # a section-style number: counted on after the plainly printed numbers
            key = (family(item), item.labels["number"])
            order.setdefault(key, printed[key[0]] + sum(1 for other in order if other[0] == key[0]) + 1)
            item = dataclasses.replace(item, number=order[key])
        elif item.number == 0 and item.kind == Kind.GOOD_PRACTICE_STATEMENT:
            key = ("unnumbered", " ".join(item.statement.lower().split()))
            order.setdefault(key, sum(1 for other in order if other[0] == key[0]) + 1)
            item = dataclasses.replace(item, number=order[key])
        numbered.append(item)
    return numbered

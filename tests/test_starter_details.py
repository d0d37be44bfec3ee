"""The kinds of detail every new pack starts with: a statement's amount written with a hyphen gives the detail too."""

from __future__ import annotations

import re

import yaml

from chatbot.packs.starter import STARTER_DETAILS


def _requires(name: str) -> re.Pattern[str]:
    details = yaml.safe_load(STARTER_DETAILS.read_text(encoding="utf-8"))["detail_requests"]
    return re.compile(next(detail["requires"] for detail in details if detail["name"] == name), re.IGNORECASE)


def test_a_course_written_with_a_hyphen_gives_its_duration_and_timing() -> None:
    statement = "we suggest a 5-day course of zentoparin rather than a 10-day course"
    assert _requires("duration").search(statement) and _requires("timing").search(statement)
    assert _requires("duration").search("a course of 4 to 7 days") and _requires("duration").search("for 3-6 months")
    assert not _requires("duration").search("we suggest zentoparin for adults with glimmerfever")

"""The wording templates in prompts/templates.yaml."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from chatbot.config import PROJECT_ROOT
from chatbot.errors import ConfigError
from chatbot.yaml_files import parse_yaml

TEMPLATES_FILE = PROJECT_ROOT / "prompts" / "templates.yaml"
_REQUIRED = (
    "answered",
    "statuses",
    "placeholder",
    "not_found",
    "missing_detail",
    "unseen_terms",
    "uncovered",
    "excluded_topic",
    "not_compared",
    "class_only",
    "answer_type",
    "population_mismatch",
    "age_outside",
    "excluded_population",
    "clarification",
    "other_condition",
    "out_of_scope",
    "scope",
    "directions",
)


@dataclass(frozen=True)
class Templates:
    """Summary, refusal and placeholder wording."""

    answered: str
    statuses: dict[str, str]
    placeholder: str
    not_found: str
    missing_detail: str
    unseen_terms: str
    uncovered: str
    excluded_topic: str
    not_compared: str
    class_only: str
    answer_type: str
    population_mismatch: str
    age_outside: str
    excluded_population: str
    clarification: str
    other_condition: str
    out_of_scope: str
    scope: str
    directions: dict[str, str]


def load_templates(path: Path = TEMPLATES_FILE) -> Templates:
    """Read and check the templates file."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read templates: {exc}") from exc
    missing = [key for key in _REQUIRED if key not in (data or {})]
    if missing:
        raise ConfigError(f"{path}: missing templates: {', '.join(missing)}")
    return Templates(**{key: data[key] for key in _REQUIRED})


def worded_for(templates: Templates, wording: dict[str, str]) -> Templates:
    """The templates with a pack's own wording (domain.yaml) in place of the defaults it overrides."""
    known = {key: value for key, value in wording.items() if key in _REQUIRED and isinstance(getattr(templates, key), str)}
    return replace(templates, **known)  # type: ignore[arg-type]  # only the str templates are replaced

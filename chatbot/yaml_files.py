"""Reading the corpus's YAML files and turning pydantic errors into readable messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from chatbot.errors import ChatbotError


def parse_yaml(text: str) -> Any:
    """YAML text parsed safely, with libyaml's C parser when PyYAML was built with it."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml_mapping(path: Path, error: type[ChatbotError]) -> dict[str, Any]:
    """The top-level mapping of a YAML file; a missing, unparsable or non-mapping file raises `error`."""
    if not path.is_file():
        raise error(f"{path.name}: file not found at {path}", hint="restore the file from the repository")
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise error(f"{path.name}: cannot be read as YAML: {exc}", hint=f"fix the syntax of {path}") from exc
    if not isinstance(data, dict):
        raise error(f"{path.name}: expected a mapping at the top level", hint=f"see the other files in {path.parent}")
    return data


def describe_errors(exc: ValidationError) -> str:
    """Pydantic errors as 'field.path: message' joined by '; '."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{field}: {message}" if field else message)
    return "; ".join(parts)

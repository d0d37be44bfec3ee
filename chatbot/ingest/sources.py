"""corpus/sources.yaml: the list of documents the chatbot reads, validated into SourceRef values."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chatbot.errors import ConfigError
from chatbot.types import DocumentKind, SourceRef
from chatbot.yaml_files import describe_errors, read_yaml_mapping

SOURCES_FILE = "sources.yaml"


class _DocumentEntry(BaseModel):
    """One entry of `documents:`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    kind: DocumentKind
    path: str = Field(min_length=1)
    date: datetime.date | None = None
    doi: str | None = None
    url: str | None = None
    guideline: str | None = Field(None, pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$", description="checked when the file is found by name elsewhere")

    @field_validator("path")
    @classmethod
    def _inside_corpus(cls, value: str) -> str:
        """Paths are relative to corpus/ and stay inside it."""
        pure = PurePosixPath(value)
        if pure.is_absolute() or ".." in pure.parts:
            raise ValueError("must be a path relative to corpus/ that stays inside it")
        return value

    def to_ref(self) -> SourceRef:
        """The pipeline's SourceRef value."""
        return SourceRef(
            id=self.id,
            title=self.title,
            kind=self.kind,
            path=self.path,
            date=self.date.isoformat() if self.date else None,
            doi=self.doi,
            url=self.url,
            guideline=self.guideline,
            sha256=self.sha256,
        )


class _SourcesFile(BaseModel):
    """The whole file: a non-empty list of documents with unique ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: tuple[_DocumentEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> _SourcesFile:
        """Document ids and paths are unique."""
        for name in ("id", "path"):
            values = [getattr(entry, name) for entry in self.documents]
            duplicates = sorted({value for value in values if values.count(value) > 1})
            if duplicates:
                raise ValueError(f"duplicate document {name}: {', '.join(duplicates)}")
        return self


def load_sources(corpus_dir: Path) -> list[SourceRef]:
    """The documents listed in corpus_dir/sources.yaml; a missing file or bad entry raises ConfigError."""
    path = corpus_dir / SOURCES_FILE
    data = read_yaml_mapping(path, ConfigError)
    try:
        parsed = _SourcesFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path.name}: {describe_errors(exc)}", hint=f"fix {path}") from exc
    return [entry.to_ref() for entry in parsed.documents]

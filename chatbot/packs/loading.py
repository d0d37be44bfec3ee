"""Guideline packs: a folder with pack.yaml, sources.yaml, documents, recommendations, synonyms and gold questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chatbot.config import PROJECT_ROOT, Settings
from chatbot.errors import ConfigError
from chatbot.yaml_files import describe_errors, read_yaml_mapping

PACK_FILE = "pack.yaml"
DEFAULT_PACK = PROJECT_ROOT / "corpus"


class _PackFile(BaseModel):
    """The contents of pack.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=40, description="names the pack in every citation")
    scope: str = Field(min_length=1, description="what the pack covers, for out-of-scope replies")
    gold: tuple[str, ...] = Field((), description="gold question files, relative to the pack folder")
    guard: tuple[str, ...] = Field((), description="labelled texts for the rules guard (JSONL), relative to the pack folder")
    id_prefix: str = Field("", pattern=r"^([A-Z][A-Z0-9]*)?$", description="prefix of ids made for official items, e.g. CDC")

    @field_validator("gold", "guard")
    @classmethod
    def _inside_pack(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """Gold paths are relative and stay inside the pack."""
        for path in value:
            pure = PurePosixPath(path)
            if pure.is_absolute() or ".." in pure.parts:
                raise ValueError(f"{path}: must be a path relative to the pack folder that stays inside it")
        return value


@dataclass(frozen=True)
class Pack:
    """A loaded pack description: its identity, its folder and its gold files."""

    id: str
    title: str
    short_name: str
    scope: str
    folder: Path
    gold_files: tuple[Path, ...] = ()
    id_prefix: str = ""
    guard_files: tuple[Path, ...] = ()


def load_pack(folder: Path) -> Pack:
    """Read folder/pack.yaml; ConfigError names the folder when it is missing or invalid."""
    path = folder / PACK_FILE
    if not folder.is_dir():
        raise ConfigError(f"no pack folder at {folder}", hint="give a folder made by `chatbot pack init`")
    if not path.is_file():
        raise ConfigError(f"{folder} is not a guideline pack: it has no {PACK_FILE}", hint="create one with `chatbot pack init`")
    data = read_yaml_mapping(path, ConfigError)
    try:
        parsed = _PackFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe_errors(exc)}", hint=f"fix {path}") from exc
    gold = tuple(folder.resolve() / g for g in parsed.gold)
    guard = tuple(folder.resolve() / g for g in parsed.guard)
    return Pack(parsed.id, parsed.title, parsed.short_name, parsed.scope, folder.resolve(), gold, parsed.id_prefix, guard)


def pack_or_default(folder: Path) -> Pack:
    """The folder's pack; a plain corpus folder without pack.yaml is a pack named after the folder."""
    if (folder / PACK_FILE).is_file() or not folder.is_dir():
        return load_pack(folder)
    name = folder.resolve().name
    return Pack(slug(name), name, name[:40], "", folder.resolve())


def pack_folders(settings: Settings) -> tuple[Path, ...]:
    """The packs to serve: the primary pack (corpus_dir) first, then the extra ones, without repeats."""
    folders: list[Path] = []
    for folder in (settings.corpus_dir, *settings.packs):
        if folder.resolve() not in [f.resolve() for f in folders]:
            folders.append(folder)
    return tuple(folders)


def settings_for_pack(settings: Settings, pack: Pack) -> Settings:
    """Settings whose corpus_dir is the pack; a named pack keeps its index in index_dir/packs/<id>.

    The default pack (and copies of it) and plain corpus folders without pack.yaml use index_dir itself.
    """
    default_id = load_pack(DEFAULT_PACK).id if (DEFAULT_PACK / PACK_FILE).is_file() else None
    shared = pack.id == default_id or not (pack.folder / PACK_FILE).is_file()
    index_dir = settings.index_dir if shared else settings.index_dir / "packs" / pack.id
    return settings.model_copy(update={"corpus_dir": pack.folder, "index_dir": index_dir, "packs": ()})


def primary_settings(settings: Settings) -> Settings:
    """Settings for the primary pack (corpus_dir) alone."""
    return settings_for_pack(settings, pack_or_default(settings.corpus_dir))


def slug(text: str) -> str:
    """A lowercase id made of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "pack"

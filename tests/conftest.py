"""Shared pytest fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# --- Real publications in ../shared (readers' tests) -------------------------------------------

SHARED_PDF_DIR = Path(__file__).resolve().parents[2] / "shared" / "external" / "pdfs"


@pytest.fixture(scope="session")
def shared_pdf_dir() -> Path:
    """The folder of real PDFs; skipped when absent, except under CI where its absence fails the test."""
    if not SHARED_PDF_DIR.is_dir() or not any(SHARED_PDF_DIR.glob("*.pdf")):
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_PDF_DIR} is missing but CI is set: the shared PDFs are required")
        pytest.skip(f"{SHARED_PDF_DIR} not present (real-PDF tests need ../shared)")
    return SHARED_PDF_DIR


# --- The default corpus with the real model -----------------------------------------------------


@pytest.fixture(scope="session")
def default_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index folder for the default corpus, built by the first test module that asks and reused by the others."""
    return tmp_path_factory.mktemp("default-index")


@pytest.fixture(scope="module")
def default_bot(tmp_path_factory: pytest.TempPathFactory, default_index_dir: Path):
    """A chatbot on the default corpus (real model, the session's index) with this module's own scratch stores."""
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot
    from chatbot.stores.bundle import scratch_stores

    settings = load_settings(corpus_dir=Path(__file__).resolve().parents[1] / "corpus", index_dir=default_index_dir)
    return build_chatbot(settings, stores=scratch_stores(tmp_path_factory.mktemp("stores")))


# --- Where conversations and the audit trail go during tests ------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _data_dir_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Sessions and audit records written by tests go to a temporary folder, never into the checkout."""
    os.environ["CHATBOT_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))


# --- A real PostgreSQL server (a throwaway cluster for the whole run) ----------------------------


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL cluster on a free port, started once and stopped at the end of the run."""
    from pg_cluster import Cluster

    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture()
def database_url(postgres_cluster) -> Iterator[str]:
    """The URL of a new, empty database of the throwaway cluster (its pooled connections closed afterwards)."""
    from chatbot.stores.postgres import close_shared

    url = postgres_cluster.new_database()
    yield url
    close_shared(url)


@pytest.fixture
def hashing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process CLI runs use the HashingEmbedder instead of the real model (a setting, not a patch)."""
    monkeypatch.setenv("CHATBOT_EMBEDDER", "fakes:hashing_embedder")


@pytest.fixture(scope="module")
def ash():
    """The guard over the default pack's digest passages (test modules that need another `ash` define their own)."""
    from corpora import digest_guard_context

    return digest_guard_context()


@pytest.fixture(scope="module")
def cdc():
    """The guard over the CDC pack's set and domain, without passages (facts and counts need none)."""
    from corpora import pack_guard_context

    return pack_guard_context(Path(__file__).resolve().parents[1] / "packs" / "cdc-opioids-2022")


# --- The default corpus's recommendation set and thesaurus (test modules that need others define their own) -------------


@pytest.fixture(scope="module")
def rec_set():
    """The default corpus's recommendation set."""
    from chatbot.recs.loading import load_recommendations

    return load_recommendations(Path(__file__).resolve().parents[1] / "corpus")


@pytest.fixture(scope="module")
def thesaurus():
    """The default corpus's synonym thesaurus."""
    from chatbot.packs.synonyms import load_thesaurus

    return load_thesaurus(Path(__file__).resolve().parents[1] / "corpus")

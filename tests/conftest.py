"""Shared pytest fixtures."""

from __future__ import annotations

import os
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


# --- Where conversations and the audit trail go during tests ------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _data_dir_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Sessions and audit records written by tests go to a temporary folder, never into the checkout."""
    os.environ["CHATBOT_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))

"""Session fixtures for the legacy-format tests: .doc files made once by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_docs import make_doc_dir, make_encrypted_doc


@pytest.fixture(scope="session")
def doc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_doc_dir(tmp_path_factory)


@pytest.fixture(scope="session")
def encrypted_doc(doc_dir: Path) -> bytes:
    return make_encrypted_doc(doc_dir)

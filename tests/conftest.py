"""Shared test fixtures. The spaCy pipeline loads once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from generator.nlp import load_pipeline

    return load_pipeline()


def write_files(base: Path, files: dict[str, str | bytes]) -> Path:
    """Build a tiny project tree: {relative path: content}."""
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return base

"""A content-hash cache of per-article analyses.

Re-running `extract` on unchanged articles parses nothing again: an analysis
is keyed by the article's text and metadata and by a fingerprint of the code
and data files that produced it, so any change to either misses the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from generator.model import Article

PACKAGE_DIR = Path(__file__).parent


@cache
def code_fingerprint() -> str:
    """Hash of the package's code and data files (a few dozen small files)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(article: Article) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    # Captions too: the events stage reads them.
    values = (article.id, article.text, article.published or "", article.title, article.published_window or "")
    for value in (*values, *article.captions):
        digest.update(value.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def corpus_key(articles: list[Article]) -> str:
    """Key of what publication-date inference reads from the whole corpus."""
    digest = hashlib.sha256(b"corpus\0" + code_fingerprint().encode())
    for article in articles:
        for value in (article.id, article.title, article.text, article.published or "", *article.captions):
            digest.update(value.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()


class AnalysisCache:
    """Pickled analyses in `folder`, one file per key (safe for concurrent runs)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                # Only files this tool wrote into its own cache folder are read.
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{key}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

"""Date highlights on source pages: the dates stage run over each article, remembered.

Scanning every article for dates is a large share of a render, and the answer
only changes when the text, its publication date or the code does. So answers
are kept by (text, reference) for the life of the process (`mkdocs serve`
rebuilds on every edit) and, when the caller gives a file, across builds: a
JSON file named after a fingerprint of the package, so a code change starts
afresh. The cache never changes what is shown, only how soon.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from generator.model import Article
from generator.render._article import Highlight

log = logging.getLogger(__name__)

Found = list[tuple[int, int, str, str]]  # (start, end, type, value) of each expression
_found: dict[str, Found] = {}
_changed = False
MAX_ENTRIES = 100_000


def _key(text: str, reference: str) -> str:
    return hashlib.sha256(f"{reference}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def date_highlights(article: Article) -> list[Highlight]:
    """A highlight per date expression in the article's text (none if the dates stage fails)."""
    global _changed
    text = article.text or ""
    if not text:
        return []
    # The reference extraction resolved against (the publication window, else `published`),
    # so that a page highlights the values the YAML holds.
    key = _key(text, f"{article.published or ''}/{article.published_window or ''}")
    found = _found.get(key)
    if found is None:
        try:
            from generator.dates import article_reference, find_time_expressions
        except ImportError:  # the dates stage is optional for rendering
            return []
        try:
            expressions = find_time_expressions(text, article_reference(article))
        except Exception as error:  # noqa: BLE001 - a dates bug must not take the site down
            log.warning("dates not highlighted on the page of article %s: %s", article.id, error)
            return []
        found = [(x.start, x.end, x.type, x.value) for x in expressions]
        if len(_found) < MAX_ENTRIES:
            _found[key] = found
            _changed = True
    return [
        Highlight(start, end, "date", [], f"{kind} {value}", value)
        for start, end, kind, value in found
        if 0 <= start < end <= len(text)
    ]


def clear_cache() -> None:
    """Forget every date found (for tests that swap the dates stage)."""
    global _changed
    _found.clear()
    _changed = False


def _cache_file(folder: Path) -> Path:
    from generator.cache import code_fingerprint

    return folder / f"render-dates-{code_fingerprint()}.json"


def load_cache(folder: Path) -> None:
    """Remember the dates found by earlier builds (a missing or damaged file is ignored)."""
    try:
        data = json.loads(_cache_file(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict):
        for key, found in data.items():
            if isinstance(found, list) and all(isinstance(item, list) and len(item) == 4 for item in found):
                _found.setdefault(key, [tuple(item) for item in found])  # type: ignore[misc]


def save_cache(folder: Path) -> None:
    """Write what this process found for the next build (atomically; a failure only logs)."""
    global _changed
    target = _cache_file(folder)
    if not _found or (not _changed and target.is_file()):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("render-dates-*.json"):  # older code's answers
            if old != target:
                old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(_found, out, separators=(",", ":"))
        os.replace(temporary, target)
        _changed = False
    except OSError as error:
        log.info("summit-timeline: could not keep the dates found for the next build in %s: %s",
                 folder, error)

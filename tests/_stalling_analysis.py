"""A per-article analysis that never finishes on one marked article (for the time-budget tests).

Module-level, so that `--jobs 2`'s spawned worker processes can import it.
"""

from __future__ import annotations

from generator.pipeline import analyse_article

STALL_MARKER = "never-ending-article"


def analyse_or_stall(article, doc):
    """Loop forever on an article whose text carries STALL_MARKER, else the real analysis."""
    while STALL_MARKER in article.text:
        pass
    return analyse_article(article, doc)  # bound at import: still the real one if patched


FAIL_MARKER = "article-that-breaks-a-stage"


def analyse_or_fail(article, doc):
    """Raise inside the analysis of an article whose text carries FAIL_MARKER, else the real analysis."""
    if FAIL_MARKER in article.text:
        raise IndexError("list index out of range")
    return analyse_article(article, doc)

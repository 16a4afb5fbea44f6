"""The dates stage: time expressions in a text, and publication dates of articles.

The engine is `_find`; the other modules are its parts (patterns, resolution,
tense, publication-date inference). Other stages use only the names below.
"""

from generator.dates._find import (
    Reference,
    TaggedExpression,
    article_reference,
    find_time_expressions,
    parse_window,
    resolve_relative_date,
    tag_text,
)
from generator.dates._publication import Inferred, infer_publication, infer_publication_dates

__all__ = [
    "Inferred",
    "Reference",
    "TaggedExpression",
    "article_reference",
    "find_time_expressions",
    "infer_publication",
    "infer_publication_dates",
    "parse_window",
    "resolve_relative_date",
    "tag_text",
]

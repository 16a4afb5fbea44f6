"""Topic tagging from the user-extendable vocabulary in `generator/knowledge/data/topics.yaml`.

`find_topics` is cheap: one compiled regular expression per topic, built once,
matched on word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.knowledge import load_data


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    keywords: tuple[str, ...]


def _keyword_pattern(keyword: str) -> str:
    prefix = keyword.endswith("*")
    words = keyword.rstrip("*").split()
    # Spaces and hyphens inside a phrase match any run of spaces or a hyphen.
    body = r"[\s\-]+".join(re.escape(word) for word in words)
    # A plain keyword also matches its plural and possessive ("Syrians", "NATO's").
    return body + (r"\w*" if prefix else r"(?:s|'s|’s)?(?!\w)")


@cache
def load_topics() -> tuple[Topic, ...]:
    """The topic vocabulary, in file order; raise ValueError naming a malformed entry."""
    data = load_data("topics") or {}
    topics: list[Topic] = []
    for number, entry in enumerate(data.get("topics", []), start=1):
        if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("keywords"):
            raise ValueError(
                f"topics.yaml: topic #{number} needs a `slug` and a list of `keywords`, got {entry!r}"
            )
        keywords = tuple(str(k) for k in entry["keywords"])
        topics.append(Topic(str(entry["slug"]), str(entry.get("label") or entry["slug"]), keywords))
    return tuple(topics)


@cache
def _matchers() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    matchers = []
    for topic in load_topics():
        # Keywords written in capitals (NATO, INF) are acronyms: match them only in capitals.
        upper = [k for k in topic.keywords if len(k) > 1 and k.rstrip("*").isupper()]
        other = [k for k in topic.keywords if k not in upper]
        patterns = []
        for keywords, flags in ((other, re.IGNORECASE), (upper, 0)):
            if keywords:
                alternatives = "|".join(map(_keyword_pattern, keywords))
                patterns.append(re.compile(r"(?<!\w)(?:" + alternatives + ")", flags))
        matchers.append((topic.slug, tuple(patterns)))
    return tuple(matchers)


def find_topics(text: str) -> list[str]:
    """Slugs of the topics whose keywords occur in `text`, in vocabulary order."""
    return [slug for slug, patterns in _matchers() if any(p.search(text) for p in patterns)]


def topic_labels() -> dict[str, str]:
    """{slug: label} for every topic in the vocabulary."""
    return {topic.slug: topic.label for topic in load_topics()}

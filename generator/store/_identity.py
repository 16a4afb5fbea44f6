"""Records keep their identity when their article changes a little.

Extraction names a statement by a hash of its words and an event by its date
and title, so rewording an article gives a record a new id. Matched by id
alone, the editor's corrected record would stay beside a new copy, and one
the editor deleted would come back. Before merging, a new record whose id
extraction never gave before takes over the id of a record of the last
extraction that is no longer produced, when both come from the same article
and their texts are alike (difflib ratio at least SIMILAR), the most alike
and then the nearest in the article first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from typing import Any

Mapping = dict[str, Any]

SIMILAR = 0.6


def _articles(kind: str, record: Mapping) -> set[str]:
    if kind == "statements":
        source = record.get("source")
        return {str(source.get("article"))} if isinstance(source, dict) else set()
    sources = record.get("sources")
    return {str(s.get("article")) for s in sources if isinstance(s, dict)} if isinstance(sources, list) else set()


def _texts(kind: str, record: Mapping) -> list[str]:
    """The words a record is recognised by: the quote and its sentence, or the title and sentences."""
    if kind == "statements":
        source = record.get("source")
        sentence = source.get("text") if isinstance(source, dict) else None
        return [str(t) for t in (record.get("text"), sentence) if t]
    sources = record.get("sources")
    sentences = [str(s.get("text")) for s in sources if isinstance(s, dict) and s.get("text")] if isinstance(
        sources, list
    ) else []
    return [str(record.get("title") or ""), *sentences]


def _likeness(kind: str, new: Mapping, old: Mapping) -> float:
    best = 0.0
    for a in _texts(kind, new):
        for b in _texts(kind, old):
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
    return best


def carried_ids(
    kind: str,
    new: list[Mapping],
    old_ids: Iterable[str],
    old_record: Callable[[str], Mapping | None],
    taken: set[str],
) -> dict[str, str]:
    """{new id: old id} for the records of `new` that are a reworded record of the last extraction.

    `old_ids`: the last extraction's ids in its order; `taken`: ids that must not
    be reused (in the data file as the editor's own records, say).
    """
    if kind not in ("statements", "events"):
        return {}
    new_ids = {str(r.get("id")) for r in new}
    old_order = list(old_ids)
    old_set = set(old_order)
    gone = [i for i in old_order if i not in new_ids and i not in taken]
    arrivals = [(position, r) for position, r in enumerate(new) if str(r.get("id")) not in old_set]
    if not gone or not arrivals:
        return {}
    old_position = {record_id: position for position, record_id in enumerate(old_order)}
    gone_by_article: dict[str, list[tuple[str, Mapping]]] = {}
    for old_id in gone:
        old = old_record(old_id)
        if isinstance(old, dict):
            for article in _articles(kind, old):
                gone_by_article.setdefault(article, []).append((old_id, old))
    pairs = []
    for position, record in arrivals:
        candidates = {old_id: old for a in _articles(kind, record) for old_id, old in gone_by_article.get(a, [])}
        for old_id, old in candidates.items():
            likeness = _likeness(kind, record, old)
            if likeness >= SIMILAR:
                pairs.append((-likeness, abs(position - old_position[old_id]), str(record.get("id")), old_id))
    carried: dict[str, str] = {}
    used: set[str] = set()
    for _, _, new_id, old_id in sorted(pairs):
        if new_id not in carried and old_id not in used:
            carried[new_id] = old_id
            used.add(old_id)
    return carried


def rename(records: list[Mapping], carried: dict[str, str], field: str = "id") -> list[Mapping]:
    """The records with `field` (an id or a reference to one) following `carried`."""
    if not carried:
        return records
    return [
        {**r, field: carried[r[field]]} if isinstance(r.get(field), str) and r[field] in carried else r
        for r in records
    ]

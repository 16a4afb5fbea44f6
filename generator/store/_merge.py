"""Three-way merge of a new extraction with the file as the editor left it.

The rule: `.extracted/<kind>.yaml` holds what extraction wrote last time; any
difference between it and the data file is the editor's and is kept, and
extraction updates only what the editor left as it was. In detail, records
matched by `id`:

- in the data file and untouched (equal to the last extraction) field by
  field: take the new extraction's value;
- a field the editor changed, added or removed keeps the editor's version (a
  list the editor changed still gains items extraction finds for the first
  time, so a corrected event gets the sources of newly added articles);
- a record the editor deleted stays deleted; a record the editor added stays;
- a record extraction no longer produces goes, unless the editor touched it;
- a new record is placed after the record that precedes it in the extraction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

Mapping = dict[str, Any]
_ABSENT = object()


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: int = 0  # records where at least one field keeps the editor's value
    editor_added: int = 0
    deleted_by_editor: int = 0
    removed: int = 0  # untouched records extraction no longer produces


@dataclass
class Keep:
    """A record of the data file, kept in place; `updates` maps field -> new value (_ABSENT deletes)."""

    index: int
    updates: dict[str, Any] = field(default_factory=dict)
    untouched: bool = False  # equal to the last extraction: safe to rewrite wholesale
    merged: Mapping = field(default_factory=dict)


@dataclass
class Add:
    record: Mapping


@dataclass
class Drop:
    """A record of the data file that goes (untouched, and no longer extracted)."""

    index: int


@dataclass
class Plan:
    """What the merged file holds, in order, plus what to remember as the last extraction."""

    entries: list[Keep | Add | Drop]
    base: list[Mapping]
    counts: Counts


class LastExtraction(Protocol):
    """The records extraction wrote last time, by id (possibly read lazily)."""

    def ids(self) -> Iterable[str]: ...

    def __contains__(self, record_id: object) -> bool: ...

    def get(self, record_id: str) -> Mapping | None: ...

    def same(self, record_id: str, record: Any) -> bool:
        """Is `record` exactly what extraction wrote under this id?"""
        ...


class RecordsById:
    """A last extraction held as parsed records."""

    def __init__(self, records: Iterable[Any]) -> None:
        self._by_id = {_id(r): r for r in records if _id(r)}

    def ids(self) -> Iterable[str]:
        return [i for i in self._by_id if i]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def get(self, record_id: str) -> Mapping | None:
        return self._by_id.get(record_id)

    def same(self, record_id: str, record: Any) -> bool:
        base = self._by_id.get(record_id)
        return base is not None and base == record


def _id(record: Any) -> str | None:
    if isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"]:
        return record["id"]
    return None


def merge_value(base: Any, current: Any, new: Any) -> tuple[Any, bool]:
    """(value to keep, kept the editor's?) for one field; _ABSENT means the field is not there."""
    if current == base and (current is _ABSENT) == (base is _ABSENT):
        return new, False
    if isinstance(current, list) and isinstance(new, list):
        seen = base if isinstance(base, list) else []
        fresh = [item for item in new if item not in seen and item not in current]
        return current + fresh, True
    return current, True


def merge_record(
    base: Mapping | None, current: Mapping, new: Mapping | None, order: tuple[str, ...]
) -> tuple[Mapping, bool]:
    """The merged record (keys in the editor's order, new keys in layout order) and whether edits were kept."""
    base = base or {}
    new = new if new is not None else (base or current)
    merged: Mapping = {}
    edited = False
    keys = (
        list(current) + [k for k in order if k not in current] + [k for k in new if k not in current and k not in order]
    )
    for key in dict.fromkeys(keys):
        value, kept = merge_value(base.get(key, _ABSENT), current.get(key, _ABSENT), new.get(key, _ABSENT))
        edited = edited or kept
        if value is not _ABSENT:
            merged[key] = value
    return merged, edited


def plan_merge(
    base: LastExtraction | list[Mapping] | None,
    current: list[Any],
    new: list[Mapping],
    order: tuple[str, ...],
) -> Plan:
    """Merge `new` into `current` (the data file's records) against `base` (the last extraction).

    Without a `base` (no record of the last extraction) every record in the
    file counts as the editor's: nothing they may have written is overwritten.
    """
    counts = Counts()
    if base is None or isinstance(base, list):
        base = RecordsById(base or [])
    new_by_id = {_id(r): r for r in new if _id(r)}
    current_ids: dict[str, int] = {}
    for index, record in enumerate(current):
        record_id = _id(record)
        if record_id and record_id not in current_ids:
            current_ids[record_id] = index

    kept: dict[int, Keep] = {}
    dropped: set[int] = set()
    for index, record in enumerate(current):
        record_id = _id(record)
        if record_id is None or current_ids[record_id] != index:
            kept[index] = Keep(index)  # no id or a duplicate id: the editor's, left as written
            counts.editor_added += 1
            continue
        new_record = new_by_id.get(record_id)
        untouched = base.same(record_id, record)
        if new_record is None and untouched:
            dropped.add(index)
            counts.removed += 1
            continue
        # Only a record the editor touched needs the last extraction's version of it.
        base_record = record if untouched else base.get(record_id)
        merged, edited = merge_record(base_record, record, new_record, order)
        updates = {k: v for k, v in merged.items() if record.get(k, _ABSENT) != v}
        updates.update({k: _ABSENT for k in record if k not in merged})
        kept[index] = Keep(index, updates, untouched, merged)
        if base_record is None:
            counts.editor_added += 1
        elif edited:
            counts.kept_edits += 1
        if updates:
            counts.updated += 1
        elif not edited and base_record is not None:
            counts.unchanged += 1

    # New records go after the record preceding them in the extraction's order.
    after: dict[int, list[Add]] = {-1: []}
    anchor = -1
    for record in new:
        record_id = _id(record)
        if record_id in current_ids:
            index = current_ids[record_id]
            if index in kept:
                anchor = index
            continue
        if record_id in base:
            counts.deleted_by_editor += 1
            continue
        after.setdefault(anchor, []).append(Add(record))
        counts.added += 1

    entries: list[Keep | Add | Drop] = list(after[-1])
    for index in range(len(current)):
        entries.append(kept[index] if index in kept else Drop(index))
        entries.extend(after.get(index, []))

    # Remember deletions even once extraction stops producing the record, so it never returns.
    remembered = [base.get(i) for i in base.ids() if i not in current_ids and i not in new_by_id]
    return Plan(entries, list(new) + [r for r in remembered if r is not None], counts)

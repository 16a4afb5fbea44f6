"""Writing a merge plan back into the editor's file without disturbing it.

The file is cut into records by the PyYAML node positions: a record's text
runs from its `- ` line to the end of its last value, and the comment and
blank lines above it travel with it. Records the merge leaves alone are
copied byte for byte; records it changes are round-tripped through
ruamel.yaml one at a time (keeping comments inside them); new records are
written like a fresh file. Whole-file ruamel.yaml is the fallback for a
layout the cutter does not handle (for example a flow-style list).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from generator.store import _yaml
from generator.store._merge import _ABSENT, Add, Drop, Plan


@dataclass
class Cut:
    prefix: str
    leads: list[str]  # comment/blank lines above each record
    bodies: list[str]
    suffix: str


def _content_end(node: yaml.Node) -> int:
    """Index just after the last character of `node`'s content (block ends lie past comments)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    if isinstance(node, yaml.MappingNode) and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value:
        return _content_end(node.value[-1])
    return node.end_mark.index


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def cut(text: str, root: yaml.Node | None) -> Cut | None:
    """Cut a block list of records into pieces, or None if the layout is not one this handles."""
    if not isinstance(root, yaml.SequenceNode) or root.flow_style or not root.value:
        return None
    dash_lines: list[int] = []
    for item in root.value:
        start = _line_start(text, item.start_mark.index)
        # "- id: x" starts the record on the dash's line; "-\n  id: x" one line below.
        if not text.startswith("-", start):
            start = _line_start(text, start - 1)
        if not text.startswith("-", start) or (dash_lines and start <= dash_lines[-1]):
            return None
        dash_lines.append(start)
    ends = [_line_end(text, max(_content_end(item) - 1, 0)) for item in root.value]
    leads, bodies = [], []
    for position, dash in enumerate(dash_lines):
        if position == 0:
            lead_start = dash
        else:
            lead_start = ends[position - 1]
            if lead_start > dash:
                return None
        leads.append(text[lead_start:dash])
        bodies.append(text[dash : ends[position]])
        if not bodies[-1].endswith("\n"):
            bodies[-1] += "\n"
    return Cut(text[: dash_lines[0]], leads, bodies, text[ends[-1] :])


def apply_updates(record: Any, updates: dict[str, Any], order: tuple[str, ...]) -> None:
    """Change a ruamel CommentedMap in place: set, add (in layout order) or delete fields."""
    for key, value in updates.items():
        if value is _ABSENT:
            if key in record:
                del record[key]
        elif key in record:
            record[key] = value
        else:
            rank = order.index(key) if key in order else len(order)
            position = len(record)
            for place, existing in enumerate(record):
                if existing in order and order.index(existing) > rank:
                    position = place
                    break
            record.insert(position, key, value)


def _round_trip_record(body: str, updates: dict[str, Any], order: tuple[str, ...]) -> str:
    handler = _yaml.round_trip()
    document = handler.load(body)
    apply_updates(document[0], updates, order)
    out = io.StringIO()
    handler.dump(document, out)
    return out.getvalue()


def render_plan(
    text: str,
    root: yaml.Node | None,
    plan: Plan,
    order: tuple[str, ...],
    fresh: Callable[[list[dict[str, Any]]], str],
) -> str:
    """The merged file's text. `fresh` writes records the way a new file has them."""
    pieces = cut(text, root)
    if pieces is None:
        return _render_whole(text, plan, order)
    out = [pieces.prefix]
    for entry in plan.entries:
        if isinstance(entry, Add):
            out.append(("\n" if len(out) > 1 else "") + fresh([entry.record]))
            continue
        if isinstance(entry, Drop):
            if "#" in pieces.leads[entry.index]:
                out.append(pieces.leads[entry.index])  # an editor's comment outlives the record below it
            continue
        body = pieces.bodies[entry.index]
        out.append(pieces.leads[entry.index])
        if not entry.updates:
            out.append(body)
        elif entry.untouched and "#" not in body:
            out.append(fresh([entry.merged]))  # the editor never touched it: nothing to preserve
        else:
            out.append(_round_trip_record(body, entry.updates, order))
    out.append(pieces.suffix)
    return "".join(out)


def _render_whole(text: str, plan: Plan, order: tuple[str, ...]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    handler = _yaml.round_trip()
    document = handler.load(text)
    merged = CommentedSeq()
    for entry in plan.entries:
        if isinstance(entry, Add):
            merged.append(CommentedMap(entry.record))
        elif isinstance(entry, Drop):
            continue
        else:
            record = document[entry.index]
            if isinstance(record, dict) and entry.updates:
                apply_updates(record, entry.updates, order)
            merged.append(record)
    if hasattr(document, "ca"):
        merged._yaml_comment = document.ca  # header comments stay on top
    out = io.StringIO()
    handler.dump(merged, out)
    return out.getvalue()

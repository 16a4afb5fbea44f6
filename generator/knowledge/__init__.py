"""Domain knowledge kept as data: YAML files in `generator/knowledge/data/` that users read and extend.

Rules in the stages consult these files instead of naming people, places or
phrases in code. A project can add to them: a file of the same name in the
folder given by the environment variable SUMMIT_TIMELINE_KNOWLEDGE is read
after the shipped one, and its list entries are appended (mappings are merged).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SummitTimelineError

# libyaml's loader when PyYAML was built with it (it is, from PyPI wheels): 10× faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA_DIR = Path(__file__).parent / "data"


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


class KnowledgeError(SummitTimelineError):
    """A knowledge file says something its readers cannot use."""


@cache
def load_data(name: str) -> Any:
    """The shipped data file `name`.yaml, extended by the user's file of that name."""
    data = _read(DATA_DIR / f"{name}.yaml")
    user_dir = os.environ.get("SUMMIT_TIMELINE_KNOWLEDGE")
    if user_dir and (Path(user_dir) / f"{name}.yaml").is_file():
        data = _merge(data, _read(Path(user_dir) / f"{name}.yaml"))
    return data


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SafeLoader)
    _refuse_yes_no(data, path, "")
    return data


def _refuse_yes_no(value: Any, path: Path, where: str) -> None:
    """YAML reads an unquoted on, off, yes or no as true or false: in a list of words
    the word would silently never match."""
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_yes_no(item, path, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, bool):
                raise KnowledgeError(
                    f"{path}: {where}[{index}] is read as {str(item).lower()}, not a word: "
                    f'quote the word ("on", "off", "yes", "no")'
                )
            _refuse_yes_no(item, path, f"{where}[{index}]")


@dataclass(frozen=True)
class KnownSummit:
    """One entry of `data/summits.yaml`: a summit whose date and place are known."""

    name: str
    first: datetime.date
    last: datetime.date
    places: tuple[str, ...]
    leaders: tuple[str, ...]  # the word that names each leader in a text (family name)
    aliases: tuple[str, ...]


@cache
def known_summits() -> tuple[KnownSummit, ...]:
    summits = []
    for entry in load_data("summits").get("summits", []):
        leaders = []
        for leader in entry.get("leaders", []):
            if isinstance(leader, dict):
                leaders.append(str(leader.get("short") or str(leader["name"]).split()[-1]))
            else:
                leaders.append(str(leader).split()[-1])
        first = datetime.date.fromisoformat(str(entry["date"]))
        summits.append(
            KnownSummit(
                name=str(entry["name"]),
                first=first,
                last=datetime.date.fromisoformat(str(entry["end"])) if entry.get("end") else first,
                places=tuple(str(p) for p in entry.get("places", [])),
                leaders=tuple(leaders),
                aliases=tuple(str(a) for a in entry.get("aliases", []) or []),
            )
        )
    return tuple(summits)

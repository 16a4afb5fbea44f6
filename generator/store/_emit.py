"""A fast writer for the record shapes the store writes (PyYAML's emitter is the slow part).

Records are mappings of scalars, lists of scalars, lists of flat mappings, and
flat mappings. Anything else goes to PyYAML. A string is written plain only
when it is unmistakably a string to any YAML 1.1 or 1.2 reader, otherwise
single-quoted, or double-quoted with escapes when it holds line breaks or
unprintable characters.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from generator.store import _yaml

# Characters any YAML reader accepts raw; everything else is escaped in double quotes.
_UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_PLAIN_TROUBLE = re.compile(r": |:$| #|\s$|\t")
_STR_TAG = "tag:yaml.org,2002:str"
_resolver = _yaml._WriteResolver()
_cache: dict[str, str] = {}


def _string(value: str) -> str:
    cached = _cache.get(value)
    if cached is not None:
        return cached
    if _UNPRINTABLE.search(value) or "\n" in value or "\r" in value:
        text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else m.group(),
                                json.dumps(value, ensure_ascii=False))
    elif (
        _PLAIN.fullmatch(value)
        and not _PLAIN_TROUBLE.search(value)
        and _resolver.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    ):
        text = value
    else:
        text = "'" + value.replace("'", "''") + "'"
    if len(_cache) < 200_000:
        _cache[value] = text
    return text


def scalar(value: Any) -> str | None:
    """`value` as a YAML scalar, or None if it is not a scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None  # rare: let PyYAML spell it
        text = repr(value)
        return text if "." in text or "e" not in text else text.replace("e", ".0e", 1)
    if isinstance(value, str):
        return _string(value)
    return None


def _flat(mapping: Any, indent: str, first_prefix: str, out: list[str]) -> bool:
    prefix = first_prefix
    for key, value in mapping.items():
        text = scalar(value)
        if text is None or not isinstance(key, str):
            return False
        out.append(f"{prefix}{_string(key)}: {text}")
        prefix = indent
    return True


def _record(record: dict[str, Any], out: list[str]) -> bool:
    prefix = "- "
    for key, value in record.items():
        if not isinstance(key, str):
            return False
        name = _string(key)
        text = scalar(value)
        if text is not None:
            out.append(f"{prefix}{name}: {text}")
        elif isinstance(value, list):
            if not value:
                out.append(f"{prefix}{name}: []")
            else:
                out.append(f"{prefix}{name}:")
                for item in value:
                    item_text = scalar(item)
                    if item_text is not None:
                        out.append(f"  - {item_text}")
                    elif not isinstance(item, dict) or not item or not _flat(item, "    ", "  - ", out):
                        return False
        elif isinstance(value, dict):
            if not value:
                out.append(f"{prefix}{name}: {{}}")
            else:
                out.append(f"{prefix}{name}:")
                if not _flat(value, "    ", "    ", out):
                    return False
        else:
            return False
        prefix = "  "
    return prefix == "  "  # an empty record is left to PyYAML


def dump_record(record: Any) -> str:
    """One record as an item of a YAML list, ending in a newline."""
    out: list[str] = []
    if isinstance(record, dict) and _record(record, out):
        return "\n".join(out) + "\n"
    return _yaml.dump([record])


def dump_records(records: list[Any], separator: str = "\n") -> str:
    """The records as a YAML list, `separator` between records (a blank line by default)."""
    return separator.join(dump_record(record) for record in records)


_ID_LINE = re.compile(r"^- id: (.*)$", re.MULTILINE)


def record_texts(text: str) -> dict[str, str]:
    """{id: record text} of a file this module wrote (every record starts `- id: `)."""
    starts = list(_ID_LINE.finditer(text))
    texts: dict[str, str] = {}
    for position, match in enumerate(starts):
        end = starts[position + 1].start() if position + 1 < len(starts) else len(text)
        chunk = text[match.start() : end]
        if chunk.endswith("\n\n"):
            chunk = chunk[:-1]  # the blank line between records
        texts[_unquote(match.group(1))] = chunk
    return texts


def _unquote(value: str) -> str:
    if value.startswith("'") and value.endswith("'"):
        return value[1:-1].replace("''", "'")
    if value.startswith('"'):
        return str(_yaml.load_fast(value))
    return value


class WrittenRecords:
    """The last extraction read lazily from the text this module wrote.

    A record the editor left alone is written back identically, so comparing
    texts settles most records without parsing; only the few that differ are
    parsed (a large file saves in a fraction of the time).
    """

    def __init__(self, text: str) -> None:
        self._texts = record_texts(text)
        self._parsed: dict[str, Any] = {}

    def ids(self) -> list[str]:
        return list(self._texts)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._texts

    def get(self, record_id: str) -> Any:
        if record_id not in self._texts:
            return None
        if record_id not in self._parsed:
            try:
                data = _yaml.load_fast(self._texts[record_id])
            except _yaml.YamlError:
                data = None
            self._parsed[record_id] = data[0] if isinstance(data, list) and data else None
        return self._parsed[record_id]

    def same(self, record_id: str, record: Any) -> bool:
        text = self._texts.get(record_id)
        if text is None:
            return False
        return text == dump_record(record) or self.get(record_id) == record

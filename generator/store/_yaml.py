"""YAML reading and writing for the store: safe, fast, located, atomic.

PyYAML's C parser reads and writes whole files (ruamel.yaml is pure Python
and ten times slower); ruamel.yaml round-trips only the records a merge must
change, so an editor's comments and formatting survive. Both follow YAML 1.2
scalars (`yes` is a string, as editors' language servers read it) and never
turn a date into a date object: `2018-02-30` must reach validation as text.

Everything read is bounded before a Python object is built (see LIMITS):
anchors and aliases are refused and nesting depth is counted as the parser's
events arrive, so neither the recursive composer nor alias expansion (a
437-byte "billion laughs") ever runs on hostile input. Every path data takes
into the store (check, the site build, extract's merge, `.extracted/`) reads
through `read_data` and `parse`/`load_fast`; ruamel.yaml only ever sees text
that `parse` accepted.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import BaseConstructor, SafeConstructor
from yaml.representer import SafeRepresenter
from yaml.resolver import BaseResolver, Resolver

from generator.errors import SummitTimelineError

try:  # the C extension is ten times faster; fall back quietly without it
    from yaml.cyaml import CEmitter as _Emitter
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.emitter import Emitter
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    from yaml.serializer import Serializer

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: Any) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    class _Emitter(Emitter, Serializer):  # type: ignore[no-redef]
        def __init__(self, stream: Any, **kwds: Any) -> None:
            Emitter.__init__(self, stream, width=kwds.get("width"), allow_unicode=True)
            Serializer.__init__(self)


# Emit long quotes on one line: a wrapped plain scalar confuses editors.
LINE_WIDTH = 100_000

# Bounds on what a data file may hold, far above real data: 5,000 events with
# their sources are ~3 MB, 20,000 statements ~9 MB; a record nests 4 deep
# (list > record > sources > source); the longest real texts (a quoted answer
# in an interview, a summary) are a few thousand characters.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_DEPTH = 20
LIMITS = {"file bytes": MAX_FILE_BYTES, "text characters": MAX_TEXT_CHARS, "nesting depth": MAX_DEPTH}

_CORE_12 = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]


class _ReadResolver(BaseResolver):
    """YAML 1.2 core scalars; resolve() is called for every scalar, so it is kept lean."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


class _WriteResolver(Resolver):
    """Quotes whatever YAML 1.1 or 1.2 would read as other than a string (`yes`, `12:30`, dates)."""


for _tag, _pattern, _first in _CORE_12:
    _ReadResolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)
    _WriteResolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class _Constructor(SafeConstructor):
    """SafeConstructor minus timestamps: every other tag outside YAML's core is refused."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


class YamlError(SummitTimelineError):
    """A file that is not YAML the store can read, located for the editor."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def where(self, path: Path | str) -> str:
        """`path:line:column` (or just the path when the problem has no place)."""
        return f"{path}:{self.line}:{self.column}" if self.line else str(path)


_ALIAS, _SCALAR = yaml.AliasEvent, yaml.ScalarEvent


def _refuse(mark: Any, message: str) -> YamlError:
    return YamlError(message, mark.line + 1, mark.column + 1) if mark else YamlError(message, None, None)


class _GuardedComposer(Composer):
    """PyYAML's composer, refusing anchors, aliases, deep nesting and huge texts event by event.

    The checks run on each event before its node is composed, so the
    composer's recursion is at most MAX_DEPTH deep and no alias is resolved.
    (It replaces the C composer, which recurses without bound; the C parser
    still produces the events, so reading is as fast as before.)
    """

    def __init__(self) -> None:
        Composer.__init__(self)
        self._depth = 0
        self.duplicates: list[DuplicateKey] = []

    def compose_mapping_node(self, anchor: Any) -> Any:
        found_before = len(self.duplicates)
        node = Composer.compose_mapping_node(self, anchor)
        first: dict[str, yaml.Node] = {}
        record_id = ""
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                record_id = value.value
            if key.value in first:
                self.duplicates.append(
                    DuplicateKey(key.value, first[key.value].start_mark.line + 1, key.start_mark.line + 1,
                                 key.start_mark.column + 1)
                )
            else:
                first[key.value] = key
        # Duplicates inside this mapping (or its sources) belong to the nearest record with an id.
        for duplicate in self.duplicates[found_before:]:
            if not duplicate.record:
                duplicate.record = record_id
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        kind = type(event)
        if kind is _ALIAS:
            raise _refuse(
                event.start_mark,
                f"the alias *{event.anchor} repeats a value written elsewhere; anchors (&name) and "
                "aliases (*name) are not read here: write the value out in full",
            )
        if event.anchor is not None:
            raise _refuse(
                event.start_mark,
                f"the anchor &{event.anchor} is not allowed; anchors (&name) and aliases (*name) are "
                f"not read here: remove '&{event.anchor}' and write each value out in full",
            )
        if kind is _SCALAR:
            if len(event.value) > MAX_TEXT_CHARS:
                raise _refuse(
                    event.start_mark,
                    f"a text of {len(event.value):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
                    "for one value; shorten it (a summary or quote is a few paragraphs at most)",
                )
            return Composer.compose_node(self, parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _refuse(
                event.start_mark,
                f"lists or mappings nested more than {MAX_DEPTH} deep, which no value needs (a data "
                "file's records use 4 levels): remove the extra brackets or indentation here",
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


class Loader(_GuardedComposer, _Parser, _Constructor, _ReadResolver):  # type: ignore[misc,valid-type]
    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        _GuardedComposer.__init__(self)
        _Constructor.__init__(self)
        _ReadResolver.__init__(self)


class TextLoader(_GuardedComposer, _Parser, BaseConstructor, BaseResolver):  # type: ignore[misc,valid-type]
    """Every scalar as text (like yaml.BaseLoader), with the same bounds as Loader."""

    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        _GuardedComposer.__init__(self)
        BaseConstructor.__init__(self)
        BaseResolver.__init__(self)


class _Representer(SafeRepresenter):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never write &anchors: editors should see every value in place


class Dumper(_Emitter, _Representer, _WriteResolver):  # type: ignore[misc,valid-type]
    def __init__(self, stream: Any, **kwds: Any) -> None:
        _Emitter.__init__(
            self,
            stream,
            canonical=None,
            indent=None,
            width=LINE_WIDTH,
            allow_unicode=True,
            line_break=None,
            encoding=kwds.get("encoding"),
            explicit_start=None,
            explicit_end=None,
            version=None,
            tags=None,
        )
        _Representer.__init__(self, default_style=None, default_flow_style=False, sort_keys=False)
        _WriteResolver.__init__(self)


@dataclass
class DuplicateKey:
    """A key written twice in one mapping (YAML readers silently keep the last value)."""

    key: str
    first_line: int
    line: int
    column: int
    record: str = ""

    @property
    def message(self) -> str:
        return (
            f"`{self.key}` is written twice in this record (lines {self.first_line} and {self.line}) and "
            "only the last value would be read; delete the line you do not mean"
        )


@dataclass
class Parsed:
    """A file's data plus its node tree, so problems can name line and column."""

    data: Any
    root: yaml.Node | None
    duplicates: list[DuplicateKey] = field(default_factory=list)

    def locate(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of the value at `path` (or of its key), or of its nearest parent."""
        node = self.root
        found = _mark(node) if node is not None else None
        for step in path:
            child: yaml.Node | None = None
            key_node: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == step:
                        key_node, child = k, v
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    child = node.value[step]
            if child is None:
                return found
            node = child
            found = _mark(key_node if key and key_node is not None and step == path[-1] else child)
        return found


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse(text: str) -> Parsed:
    """Safe-load `text` keeping its nodes; raise YamlError with the place of a syntax error or unsafe tag."""
    loader = Loader(text)
    try:
        with _located_errors(text):
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return Parsed(data, root, loader.duplicates)


def load_fast(text: str) -> Any:
    """Safe-load without keeping nodes (the quick path when nothing needs locating)."""
    return load_checked(text)[0]


def load_checked(text: str) -> tuple[Any, list[DuplicateKey]]:
    """Safe-load without keeping nodes, with the keys written twice in a mapping."""
    loader = Loader(text)
    try:
        with _located_errors(text):
            return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def load_text(text: str) -> Any:
    """Safe-load with every scalar as text (like yaml.BaseLoader), bounded like `parse`.

    For YAML from outside the data files, such as a seed file's front matter:
    YamlError (a SummitTimelineError) carries the line and column within `text`.
    """
    loader = TextLoader(text)
    try:
        with _located_errors(text):
            return loader.get_single_data()
    finally:
        loader.dispose()


def decode(data: bytes) -> str:
    """`data` as UTF-8 text; YamlError at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise YamlError(
            f"is not UTF-8 text (byte 0x{data[start]:02x} at offset {start}): save it as UTF-8",
            line,
            column,
        ) from None


def read_data(path: Path) -> str | None:
    """A data file's text (None if there is none); YamlError if too large or not UTF-8."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(
            f"is over {MAX_FILE_BYTES // (1024 * 1024)} MB, the limit for a data file (real archives "
            "need a few MB); remove what does not belong in it",
            None,
            None,
        )
    return decode(data)


@contextlib.contextmanager
def _located_errors(text: str) -> Iterator[None]:
    try:
        yield
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if line is not None and not isinstance(error, yaml.constructor.ConstructorError):
            likely = likely_mistake(text, line)
            if likely is not None:
                raise YamlError(*likely) from None
        raise YamlError(_explain(error), line, column) from None
    except yaml.YAMLError as error:
        raise YamlError(f"YAML error: {error}", None, None) from None


# `key: value` on one line, the value not a block scalar, flow collection or comment.
_KEY_VALUE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\s#|>\[{].*?)\s*$")
_LOOK_BACK_LINES = 400


def _unclosed(value: str, quote: str) -> bool:
    """Whether a value that opens with `quote` leaves it open at the end of its line."""
    body = value[1:]
    if quote == "'":
        return body.replace("''", "").count("'") == 0
    escaped = re.sub(r"\\.", "", body)
    return '"' not in escaped


def _after_quote(value: str, quote: str) -> str:
    """What follows the closing quote of a value that opens with `quote` (on its line)."""
    if quote == "'":
        match = re.match(r"'(?:[^']|'')*'(.*)$", value)
    else:
        match = re.match(r'"(?:[^"\\]|\\.)*"(.*)$', value)
    return match.group(1).strip() if match else ""


def likely_mistake(text: str, failed_line: int) -> tuple[str, int, int] | None:
    """(message, line, column) of the editor's likely mistake at or above where the parser failed.

    PyYAML reports where its scanner gave up, which for an unclosed quote is
    many lines later. The usual mistakes are recognised on the lines up to
    the failure: an unquoted value holding ': ', a quote that is not closed,
    and a quoted value that goes on after its closing quote.
    """
    lines = text.split("\n")
    last = min(failed_line, len(lines))
    for number in (last - 1, last):  # `title:Trump`: the key runs into the next line's
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        glued = re.match(r"^\s*(?:- )?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/'\"].*)$", line)
        if glued and not _KEY_VALUE.match(line):
            return (
                f"`{glued.group('key')}:` needs a space after the colon; write {glued.group('key')}: "
                f"{glued.group('value')}",
                number,
                glued.start("value"),
            )
    for number in range(last, max(last - _LOOK_BACK_LINES, 0), -1):
        match = _KEY_VALUE.match(lines[number - 1])
        if not match:
            continue
        key, value = match.group("key"), match.group("value")
        column = match.start("value") + 1
        if value[0] in "'\"":
            quote = value[0]
            if _unclosed(value, quote):
                inside = quote * 2 if quote == "'" else "\\" + quote
                return (
                    f"the value of `{key}` opens a quote ({quote}) that is not closed on this line; "
                    f"end the value with {quote} (a {quote} inside it is written {inside})",
                    number,
                    column,
                )
            rest = _after_quote(value, quote)
            if rest and not rest.startswith("#") and number == last:
                other = '"' if quote == "'" else "'"
                return (
                    f"the value of `{key}` starts with a quote mark but goes on after the closing one; "
                    f"quote the whole value: {key}: {other}{value}{other}",
                    number,
                    column,
                )
            continue
        if ": " in value or value.endswith(":"):
            return (
                f"the value of `{key}` contains ': ' and is not quoted, so it reads as a new field; "
                f"quote a value that contains ': ', e.g. {key}: '{value.replace(chr(39), chr(39) * 2)}'",
                number,
                column,
            )
    return None


def _explain(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or str(error)
    tag = re.search(r"tag '([^']*)'", problem)
    if isinstance(error, yaml.constructor.ConstructorError) and tag:
        return (
            f"the tag {tag.group(1).replace('tag:yaml.org,2002:', '!!')} is not allowed; "
            "data files hold plain values only (strings, numbers, lists, mappings), remove the tag"
        )
    context = f" {error.context}" if error.context else ""
    return f"YAML syntax error: {problem}{context}; fix the YAML at this place"


def dump(data: Any) -> str:
    """Block-style YAML with keys in the given order."""
    stream = io.StringIO()
    dumper = Dumper(stream)
    try:
        dumper.open()
        dumper.represent(data)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


def round_trip() -> Any:
    """A ruamel.yaml round-trip instance emitting the same layout as `dump`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class _Keep(RoundTripConstructor):
        pass

    # An invalid plain date (2018-02-30) must stay text for `check` to report, not crash the merge.
    _Keep.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
    handler = YAML(typ="rt")
    handler.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    handler.Constructor = _Keep
    handler.width = LINE_WIDTH
    handler.preserve_quotes = True
    handler.allow_unicode = True
    return handler


def write_temp(path: Path, text: str) -> str:
    """Write `text` to a new temporary file beside `path` (same file system) and return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, mode_for(path))  # mkstemp makes files private; data files are not
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as temp:
            write_text(temp, text)
            temp.flush()
            os.fsync(temp.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once: a crash leaves the old file whole."""
    os.replace(write_temp(path, text), path)


def write_text(stream: Any, text: str) -> None:
    """The one place text reaches a file (tests make it fail half-way)."""
    stream.write(text)

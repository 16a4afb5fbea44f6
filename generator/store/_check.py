"""Validation of the data files: structure from the JSON Schemas, meaning from here.

Every problem names the file, line and column, the record id and field, what
is wrong and what would be right, in the manner of MkDocs' config errors.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.model import Problem
from generator.store._records import KINDS, url_problem

Locator = Callable[[Sequence[str | int], bool], "tuple[int, int] | None"]

_SINGULAR = {"articles": "an article", "events": "an event", "statements": "a statement", "people": "a person"}
_DATE_FIELDS = {"events": ("date",), "statements": ("date",), "articles": ("published",)}
_ID_EXAMPLE = "lowercase letters, digits and hyphens, e.g. helsinki-summit"


@functools.cache
def schema_text(kind: str) -> str:
    """The JSON Schema of `kind`'s file, as shipped in generator/store/schemas/."""
    return resources.files("generator.store").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")


@functools.cache
def _record_validator(kind: str) -> Draft202012Validator:
    """A validator of one record (the schema's `items`), so errors name their record."""
    return Draft202012Validator(json.loads(schema_text(kind))["items"])


_JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
_IGNORED_KEYWORDS = {"description", "title", "$schema", "$id"}


def compile_schema(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A quick yes/no test equivalent to the schema (only the keywords our schemas use).

    jsonschema takes most of a load's time; it now runs only on records this
    test rejects, to word the problems. An unknown keyword is an error here,
    so a schema change cannot silently weaken the test.
    """
    tests: list[Callable[[Any], bool]] = []
    for keyword, value in schema.items():
        if keyword in _IGNORED_KEYWORDS:
            continue
        if keyword == "type":
            names = value if isinstance(value, list) else [value]
            checks = [_JSON_TYPES[name] for name in names]
            tests.append(lambda v, checks=checks: any(check(v) for check in checks))
        elif keyword == "enum":
            tests.append(lambda v, options=value: any(v == o and type(v) is type(o) for o in options))
        elif keyword == "pattern":
            pattern = re.compile(value)
            tests.append(lambda v, p=pattern: not isinstance(v, str) or p.search(v) is not None)
        elif keyword == "minLength":
            tests.append(lambda v, n=value: not isinstance(v, str) or len(v) >= n)
        elif keyword == "minimum":
            tests.append(lambda v, n=value: not _JSON_TYPES["number"](v) or v >= n)
        elif keyword == "maximum":
            tests.append(lambda v, n=value: not _JSON_TYPES["number"](v) or v <= n)
        elif keyword == "required":
            tests.append(lambda v, names=tuple(value): not isinstance(v, dict) or all(n in v for n in names))
        elif keyword == "properties":
            subs = {name: compile_schema(sub) for name, sub in value.items()}
            tests.append(
                lambda v, subs=subs: not isinstance(v, dict) or all(k not in subs or subs[k](x) for k, x in v.items())
            )
        elif keyword == "additionalProperties":
            if value is not False:
                raise ValueError("compile_schema handles only additionalProperties: false")
            allowed = frozenset(schema.get("properties", {}))
            tests.append(lambda v, allowed=allowed: not isinstance(v, dict) or allowed.issuperset(v))
        elif keyword == "items":
            item = compile_schema(value)
            tests.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
        else:
            raise ValueError(f"compile_schema does not know the keyword {keyword!r}; teach it before using it")
    return lambda v: all(test(v) for test in tests)


@functools.cache
def _quick_record_test(kind: str) -> Callable[[Any], bool]:
    return compile_schema(json.loads(schema_text(kind))["items"])


@dataclass
class FileData:
    """One data file as read: its records (None when unreadable) and a way to locate a path in it."""

    kind: str
    path: str
    records: list[Any] | None
    locate: Locator
    # Problems found in this file alone and its ids, kept so an unchanged file is checked once.
    local: tuple[list[Problem], set[str] | None] | None = None


def _label(record: Any, index: int) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"]:
        return record["id"]
    return f"item {index + 1}"


def _field_path(path: Iterable[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({_short(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "…" + text[-1]


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value pairs)",
    "null": "null",
}


def _expected_types(schema_type: Any) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in (schema_type if isinstance(schema_type, list) else [schema_type])]
    return " or ".join(names)


def suggest_date(value: str) -> str:
    """An ISO form of a date written another way ('16 July 2018' -> '2018-07-16'), or ''."""
    from datetime import datetime

    from dateutil import parser as date_parser

    if not re.search(r"\d{4}", value):
        return ""
    try:
        first = date_parser.parse(value, default=datetime(2000, 1, 1))  # noqa: DTZ001 - calendar only
        second = date_parser.parse(value, default=datetime(2001, 2, 2))  # noqa: DTZ001
    except (ValueError, OverflowError):
        return ""
    if first.year != second.year:
        return ""
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"


def date_problem(value: Any) -> str | None:
    """What is wrong with a date value, or None if it is a real YYYY, YYYY-MM or YYYY-MM-DD."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return None
    text = str(value)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", text)
    if not match:
        hint = suggest_date(text)
        hint = f" ({hint})" if hint else ""
        return (
            f"{_short(value)} is not a date in a form this file accepts; write it as YYYY-MM-DD, YYYY-MM or YYYY{hint}"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f"{_short(text)} has month {month:02d}; months run from 01 to 12 (YYYY-MM-DD)"
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            return (
                f"{_short(text)} is not a day of the calendar: {name} {year} has {last} days; "
                f"write a real date as YYYY-MM-DD, or YYYY-MM if the day is unknown"
            )
    return None


def _schema_messages(kind: str, error: ValidationError) -> list[tuple[list[str | int], bool, str]]:
    """[(path within the record, point at the key?, message)] for a schema violation."""
    if error.validator != "additionalProperties":
        return [_schema_message(error)]
    path = list(error.path)
    allowed = list(error.schema.get("properties", {}))
    where = _SINGULAR[kind] if not path else f"'{_field_path(path)}'"
    found = []
    for key in (key for key in error.instance if key not in allowed):
        near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'? " if near else ""
        message = f"unknown field '{key}'; {hint}the fields of {where} are: {', '.join(allowed)}"
        found.append((path + [key], True, message))
    return found


def _schema_message(error: ValidationError) -> tuple[list[str | int], bool, str]:
    path = list(error.path)
    field = path[-1] if path else ""
    validator = error.validator
    if validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        return path, False, f"missing required field '{name}'; add it ({_hint_for(name)})"
    if validator == "type":
        return (
            path,
            False,
            f"expected {_expected_types(error.validator_value)} but received {_describe(error.instance)}",
        )
    if validator == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return path, False, f"{_short(error.instance)} is not allowed here; expected one of: {options}"
    if validator == "pattern":
        if field in ("id", "speaker", "event", "article") or (path and path[0] == "people"):
            return (
                path,
                False,
                f"{_short(error.instance)} is not a valid id; ids use {_ID_EXAMPLE}",
            )
        return path, False, date_problem(error.instance) or f"{_short(error.instance)} has the wrong form"
    if validator == "minLength":
        return path, False, "is empty; write the text here, or remove the record"
    if validator in ("minimum", "maximum"):
        if field in ("date", "published"):
            return path, False, date_problem(str(error.instance)) or f"{error.instance} is not a year"
        return path, False, f"{error.instance} is out of range ({validator} {error.validator_value})"
    return path, False, error.message


def _hint_for(name: str) -> str:
    examples = {
        "id": f"id: a-stable-id ({_ID_EXAMPLE})",
        "date": "e.g. date: 2018-07-16",
        "title": "e.g. title: Leaders meet in Helsinki",
        "text": "the words, verbatim",
        "kind": "kind: direct or kind: indirect",
        "speaker": "an id from people.yaml, or null if unknown",
        "name": "the person's full name",
        "article": "an id from articles.yaml",
        "file": "the seed file name",
        "part": "part: 1",
    }
    return examples.get(name, f"{name}: ...")


class Checker:
    """Collects the problems of the four files, structural then semantic."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.people_names: dict[str, str] = {}
        self.captions: dict[str, list[str]] | None = None  # normalised photo captions by article

    def add(
        self, data: FileData, index: int | None, path: Sequence[str | int], message: str, key: bool = False
    ) -> None:
        record = ""
        full_path: list[str | int] = []
        if index is not None and data.records is not None:
            record = _label(data.records[index], index)
            full_path = [index, *path]
        where = data.locate(full_path, key)
        line, column = where if where else (None, None)
        self.problems.append(Problem(data.path, message, line, column, record, _field_path(path)))

    def structure(self, data: FileData) -> None:
        """Schema checks per record; a record's errors are reported in document order."""
        if data.records is None:
            return
        validator = _record_validator(data.kind)
        quick = _quick_record_test(data.kind)
        for index, record in enumerate(data.records):
            if isinstance(record, dict) and quick(record):
                continue
            if not isinstance(record, dict):
                self.add(
                    data,
                    index,
                    [],
                    f"expected a record (a mapping of fields like id: ...) but received {_describe(record)}",
                )
                continue
            errors = sorted(
                validator.iter_errors(record),
                key=lambda e: [str(p) for p in e.path],
            )
            for error in errors:
                for path, key, message in _schema_messages(data.kind, error):
                    self.add(data, index, path, message, key)

    def dates(self, data: FileData) -> None:
        for index, record in _records(data):
            for name in _DATE_FIELDS.get(data.kind, ()):
                value = record.get(name)
                if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?([T ].*)?", value):
                    problem = date_problem(value)
                    if problem:
                        self.add(data, index, [name], problem)

    def urls(self, data: FileData) -> None:
        if data.kind != "articles":
            return
        for index, record in _records(data):
            url = record.get("url")
            problem = url_problem(url) if isinstance(url, str) and url else None
            if problem:
                self.add(data, index, ["url"], f"{problem} (the site shows no link until then)")

    def duplicates(self, data: FileData) -> set[str]:
        seen: dict[str, int] = {}
        for index, record in _records(data):
            record_id = record.get("id")
            if not isinstance(record_id, str):
                continue
            if record_id in seen:
                first = data.locate([seen[record_id]], False)
                where = f" at line {first[0]}" if first else ""
                self.add(
                    data, index, ["id"], f"duplicate id '{record_id}', already used{where}; give each record its own id"
                )
            else:
                seen[record_id] = index
        return set(seen)

    def references(
        self,
        data: FileData,
        ids: dict[str, set[str] | None],
        article_texts: dict[str, str] | None,
        people_names: dict[str, str] | None = None,
        article_captions: dict[str, list[str]] | None = None,
    ) -> None:
        self.people_names = people_names or {}
        people, articles, events = ids.get("people"), ids.get("articles"), ids.get("events")
        texts = _normalised(article_texts) if article_texts is not None else None
        self.captions = (
            {key: [" ".join(c.split()) for c in captions] for key, captions in article_captions.items()}
            if article_captions is not None
            else None
        )
        for index, record in _records(data):
            if data.kind == "statements":
                self._reference(data, index, ["speaker"], record.get("speaker"), people, "people.yaml", "a person")
                self._reference(data, index, ["event"], record.get("event"), events, "events.yaml", "an event")
                self._source(data, index, ["source"], record.get("source"), articles, texts)
            elif data.kind == "events":
                people_ids = record.get("people")
                if isinstance(people_ids, list):
                    for position, person in enumerate(people_ids):
                        self._reference(data, index, ["people", position], person, people, "people.yaml", "a person")
                sources = record.get("sources")
                if isinstance(sources, list):
                    for position, source in enumerate(sources):
                        self._source(data, index, ["sources", position], source, articles, texts)

    def _reference(
        self,
        data: FileData,
        index: int,
        path: list[str | int],
        value: Any,
        known: set[str] | None,
        file: str,
        what: str,
    ) -> None:
        if known is None or not isinstance(value, str) or not value or value in known:
            return
        near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        if not near and file == "people.yaml":
            # 'trump' is no id, but a person called or also known as Trump has one.
            named = self.people_names.get(value.replace("-", " ").casefold())
            near = [named] if named else []
        hint = f"did you mean '{near[0]}'?" if near else f"add {what} with id '{value}' to {file}, or use an id from it"
        self.add(data, index, path, f"unknown id '{value}': no {what[what.index(' ') + 1 :]} in {file} has it; {hint}")

    def _source(
        self,
        data: FileData,
        index: int,
        path: list[str | int],
        source: Any,
        articles: set[str] | None,
        texts: dict[str, str] | None,
    ) -> None:
        if not isinstance(source, dict):
            return
        article = source.get("article")
        self._reference(data, index, [*path, "article"], article, articles, "articles.yaml", "an article")
        sentence = source.get("text")
        if source.get("caption") is True:
            self._caption_source(data, index, path, article, sentence)
            return
        if texts is None or not isinstance(article, str) or article not in texts or not isinstance(sentence, str):
            return
        if " ".join(sentence.split()) not in texts[article]:
            self.add(
                data,
                index,
                [*path, "text"],
                f"the sentence {_short(sentence)} no longer occurs in article '{article}'; "
                "copy the sentence exactly as the article has it now",
            )


    def _caption_source(self, data: FileData, index: int, path: list[str | int], article: Any, sentence: Any) -> None:
        """A source marked `caption: true` must be in one of its article's photo captions."""
        captions = self.captions
        if captions is None or not isinstance(article, str) or article not in captions or not isinstance(sentence, str):
            return
        wanted = " ".join(sentence.split())
        if not any(wanted in caption for caption in captions[article]):
            self.add(
                data,
                index,
                [*path, "text"],
                f"the sentence {_short(sentence)} no longer occurs in the photo captions of article '{article}'; "
                "copy it exactly as the caption has it now, or remove `caption: true` if it is in the body",
            )


def _records(data: FileData) -> Iterable[tuple[int, dict[str, Any]]]:
    for index, record in enumerate(data.records or []):
        if isinstance(record, dict):
            yield index, record


def _normalised(texts: dict[str, str]) -> dict[str, str]:
    return {key: " ".join(text.split()) for key, text in texts.items()}


def check_files(
    files: dict[str, FileData],
    article_texts: dict[str, str] | None = None,
    article_captions: dict[str, list[str]] | None = None,
) -> list[Problem]:
    """All problems of the four files, file by file in line order.

    `article_captions` ({article id: its photo captions}) checks the sources marked `caption`.
    """
    checker = Checker()
    ids: dict[str, set[str] | None] = {}
    for kind in KINDS:
        data = files[kind]
        if data.local is None:
            local = Checker()
            local.structure(data)
            local.dates(data)
            local.urls(data)
            data.local = (local.problems, local.duplicates(data) if data.records is not None else None)
        checker.problems.extend(data.local[0])
        ids[kind] = data.local[1]
    names = _people_names(files["people"])
    for kind in ("statements", "events"):
        checker.references(files[kind], ids, article_texts, names, article_captions)
    order = {files[kind].path: position for position, kind in enumerate(KINDS)}
    return sorted(
        _unique(checker.problems),
        key=lambda p: (order.get(p.file, 99), p.file, p.line or 0, p.column or 0),
    )


def _people_names(data: FileData) -> dict[str, str]:
    """{casefolded name, alias or last name: person id} for suggesting a speaker's id."""
    names: dict[str, str] = {}
    for _, record in _records(data):
        person_id = record.get("id")
        if not isinstance(person_id, str):
            continue
        aliases = record.get("aliases") if isinstance(record.get("aliases"), list) else []
        for name in [record.get("name"), *aliases]:
            if isinstance(name, str) and name.strip():
                names.setdefault(" ".join(name.split()).casefold(), person_id)
                names.setdefault(name.split()[-1].casefold(), person_id)
    return names


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))

"""Records ↔ YAML mappings, one layout per data file.

Layout rule: the contract fields of DESIGN.md are always written, in the
order below, with `null` for "not known" (and `[]` for an empty list), so an
editor sees every field they may fill; the extra fields are written only when
they hold something. Reading accepts any of them missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from generator.model import Article, Event, Person, Source, Statement, Timeline

KINDS = ("articles", "events", "statements", "people")
Mapping = dict[str, Any]

# kind -> (contract fields in written order, optional fields written when set)
LAYOUT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "articles": (
        ("id", "file", "part", "title", "published", "published_basis", "publisher"),
        ("published_window", "url", "byline", "captions"),
    ),
    "events": (
        ("id", "date", "title", "summary", "type", "people", "place", "topics", "sources"),
        ("end", "background", "importance"),
    ),
    "statements": (
        ("id", "speaker", "text", "kind", "date", "audience", "event", "source"),
        ("speaker_label", "topics"),
    ),
    "people": (("id", "name", "role", "aliases"), ("country",)),
}


def field_names(kind: str) -> tuple[str, ...]:
    contract, optional = LAYOUT[kind]
    return contract + optional


def _or_none(value: str | None) -> str | None:
    return value if value else None


def _source(source: Source) -> Mapping:
    mapping: Mapping = {"article": source.article, "text": source.text}
    if source.caption:
        mapping["caption"] = True  # written only when set: old files stay as they were
    return mapping


def _layout(kind: str, values: Mapping) -> Mapping:
    contract, optional = LAYOUT[kind]
    mapping = {name: values[name] for name in contract}
    for name in optional:
        if values.get(name):
            mapping[name] = values[name]
    return mapping


def article_to_mapping(article: Article) -> Mapping:
    return _layout(
        "articles",
        {
            "id": article.id,
            "file": article.file,
            "part": article.part,
            "title": article.title,
            "published": _or_none(article.published),
            "published_basis": _or_none(article.published_basis),
            "publisher": _or_none(article.publisher),
            "url": article.url,
            "byline": article.byline,
            "captions": list(article.captions),
            "published_window": article.published_window,
        },
    )


def event_to_mapping(event: Event) -> Mapping:
    return _layout(
        "events",
        {
            "id": event.id,
            "date": event.date,
            "title": event.title,
            "summary": _or_none(event.summary),
            "type": _or_none(event.type),
            "people": list(event.people),
            "place": _or_none(event.place),
            "topics": list(event.topics),
            "sources": [_source(source) for source in event.sources],
            "end": event.end,
            "background": event.background,
            # Rounded: a score's last digits are noise in a file people read.
            "importance": round(float(event.importance), 3),
        },
    )


def statement_to_mapping(statement: Statement) -> Mapping:
    return _layout(
        "statements",
        {
            "id": statement.id,
            "speaker": _or_none(statement.speaker),
            "text": statement.text,
            "kind": statement.kind,
            "date": _or_none(statement.date),
            "audience": _or_none(statement.audience),
            "event": _or_none(statement.event),
            "source": _source(statement.source),
            "speaker_label": statement.speaker_label,
            "topics": list(statement.topics),
        },
    )


def person_to_mapping(person: Person) -> Mapping:
    return _layout(
        "people",
        {
            "id": person.id,
            "name": person.name,
            "role": _or_none(person.role),
            "aliases": list(person.aliases),
            "country": person.country,
        },
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def url_problem(url: str) -> str | None:
    """What keeps `url` from being published as a link, or None for a plain http(s) address."""
    example = "write the article's web address, e.g. https://example.com/news/1, or null"
    if any(character.isspace() or ord(character) < 0x20 or ord(character) == 0x7F for character in url):
        return f"{url[:80]!r} contains a space or control character; {example} (a space is written %20)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it validates the port
    except ValueError as error:
        return f"{url[:80]!r} is not a valid web address ({error}); {example}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{url[:80]!r} is not an http:// or https:// address, and only those are published as links; {example}"
    if not parts.hostname:
        return f"{url[:80]!r} names no host (the part after //); {example}"
    return None


def _web_address(value: Any) -> str | None:
    """The url field as the site may link it; an invalid one (check reports it) is left out."""
    url = _optional_text(value)
    return url if url is None or url_problem(url) is None else None


def _texts(value: Any) -> list[str]:
    return [_text(item) for item in value] if isinstance(value, list) else []


def _source_from(value: Any) -> Source:
    if not isinstance(value, dict):
        return Source(article="", text="")
    return Source(
        article=_text(value.get("article")), text=_text(value.get("text")), caption=value.get("caption") is True
    )


def _number(value: Any, default: float | int) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else default


def article_from_mapping(m: Mapping) -> Article:
    return Article(
        id=_text(m.get("id")),
        file=_text(m.get("file")),
        part=_number(m.get("part"), 1),
        title=_text(m.get("title")),
        text="",  # texts come from the seeds, never from the data files
        published=_optional_text(m.get("published")),
        published_basis=_optional_text(m.get("published_basis")),
        publisher=_optional_text(m.get("publisher")),
        url=_web_address(m.get("url")),
        captions=_texts(m.get("captions")),
        byline=_optional_text(m.get("byline")),
        published_window=_optional_text(m.get("published_window")),
    )


def event_from_mapping(m: Mapping) -> Event:
    sources = m.get("sources")
    return Event(
        id=_text(m.get("id")),
        date=_text(m.get("date")),
        title=_text(m.get("title")),
        type=_text(m.get("type")),
        sources=[_source_from(s) for s in sources] if isinstance(sources, list) else [],
        summary=_text(m.get("summary")),
        people=_texts(m.get("people")),
        place=_text(m.get("place")),
        topics=_texts(m.get("topics")),
        background=m.get("background") is True,
        importance=float(_number(m.get("importance"), 0.0)),
        end=_text(m.get("end")),
    )


def statement_from_mapping(m: Mapping) -> Statement:
    kind = m.get("kind")
    return Statement(
        id=_text(m.get("id")),
        speaker=_text(m.get("speaker")),
        text=_text(m.get("text")),
        kind=kind if kind in ("direct", "indirect") else "direct",
        source=_source_from(m.get("source")),
        date=_optional_text(m.get("date")),
        audience=_text(m.get("audience")),
        event=_text(m.get("event")),
        topics=_texts(m.get("topics")),
        speaker_label=_text(m.get("speaker_label")),
    )


def person_from_mapping(m: Mapping) -> Person:
    return Person(
        id=_text(m.get("id")),
        name=_text(m.get("name")),
        role=_text(m.get("role")),
        country=_text(m.get("country")),
        aliases=_texts(m.get("aliases")),
    )


TO_MAPPING: dict[str, Callable[[Any], Mapping]] = {
    "articles": article_to_mapping,
    "events": event_to_mapping,
    "statements": statement_to_mapping,
    "people": person_to_mapping,
}
FROM_MAPPING: dict[str, Callable[[Mapping], Any]] = {
    "articles": article_from_mapping,
    "events": event_from_mapping,
    "statements": statement_from_mapping,
    "people": person_from_mapping,
}


def records_of(timeline: Timeline, kind: str) -> list[Any]:
    return list(getattr(timeline, kind))


def sorted_for_new_file(kind: str, records: Iterable[Any]) -> list[Any]:
    """The order of a freshly written file (an existing file keeps the editor's order).

    Events by date then id; statements by article then position in it;
    people by id; articles by file then part.
    """
    items = list(records)
    if kind == "events":
        return sorted(items, key=lambda e: (e.date or "9999", e.id))
    if kind == "statements":
        return sorted(items, key=lambda s: (s.source.article, s.start if s.start >= 0 else 1 << 62))
    if kind == "people":
        return sorted(items, key=lambda p: p.id)
    if kind == "articles":
        return sorted(items, key=lambda a: (a.file, a.part, a.id))
    return items

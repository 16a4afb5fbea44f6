"""The data downloads: the YAML, TimelineJS JSON, iCalendar and CSV.

Everything is deterministic (no build timestamps) so rebuilding unchanged data
gives identical files.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
from dataclasses import asdict

from generator.model import Event, Statement, Timeline, slugify
from generator.render._text import date_range, format_date, parse_date
from generator.store import dump_records

_CONTRACT_FIELDS = {
    "articles": ["id", "file", "part", "title", "published", "published_basis", "publisher", "url"],
    "people": ["id", "name", "role", "country", "aliases"],
}


def _plain(record: object, drop: tuple[str, ...] = ()) -> dict:
    data = asdict(record)  # type: ignore[call-overload]
    return {k: v for k, v in data.items() if k not in drop and v not in (None, "", [], -1)}


def yaml_files(timeline: Timeline) -> dict[str, bytes]:
    """The four data files as the site shows them (article texts left out)."""
    kinds = {
        "articles": [
            {k: v for k, v in _plain(a).items() if k in _CONTRACT_FIELDS["articles"]}
            for a in timeline.articles
        ],
        "events": [_plain(e) for e in timeline.events],
        "statements": [_plain(s, drop=("start", "end")) for s in timeline.statements],
        "people": [_plain(p) for p in timeline.people],
    }
    # The store's writer: the same YAML as docs/data, several times faster than PyYAML's.
    return {
        f"downloads/{kind}.yaml": (dump_records(records) if records else "[]\n").encode("utf-8")
        for kind, records in kinds.items()
    }


def _timelinejs_date(value: str) -> dict | None:
    date = parse_date(value)
    if date is None:
        return None
    result: dict[str, object] = {"year": date.year}
    if date.month is not None:
        result["month"] = date.month
    if date.day is not None:
        result["day"] = date.day
    result["display_date"] = format_date(value)
    return result


def _unique_slug(record_id: str, used: set[str]) -> str:
    """`record_id` as a slug (ids already are one) not in `used`; added to `used`."""
    base = slugify(record_id, max_length=max(len(record_id), 1))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    used.add(slug)
    return slug


def timelinejs(timeline: Timeline, names: dict[str, str]) -> bytes:
    """TimelineJS3 JSON: `events` with `start_date` at the date's own precision, summits as `eras`.

    TimelineJS shows `text` fields and `group` labels as HTML, so text is HTML-escaped here;
    `unique_id` becomes an element id and the URL fragment, so it is a slug (unique).
    """
    events = []
    eras = []
    used_ids: set[str] = set()
    for event in timeline.events:
        start = _timelinejs_date(event.date)
        if start is None:
            continue
        people = ", ".join(names.get(p, p) for p in event.people)
        body = html.escape(event.summary or "")
        if people:
            body += f"<p>People: {html.escape(people)}</p>"
        events.append(
            {
                "unique_id": _unique_slug(event.id, used_ids),
                "start_date": start,
                "text": {"headline": html.escape(event.title), "text": body},
                "group": html.escape(event.type),
            }
        )
        if event.type.lower() == "summit":
            eras.append(
                {
                    "start_date": dict(start),
                    "end_date": dict(start),
                    "text": {"headline": html.escape(event.place or event.title)},
                }
            )
    document = {
        "title": {"text": {"headline": "Summit Timeline", "text": "Events extracted from news articles"}},
        "events": events,
        "eras": eras,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 line folding: at most 75 octets per line, continuation lines start with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def icalendar(timeline: Timeline, names: dict[str, str]) -> bytes:
    """All-day VEVENTs; a month- or year-only date spans its whole month or year."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Summit Timeline//summit-timeline//EN",
        "CALSCALE:GREGORIAN", "X-WR-CALNAME:Summit Timeline",
    ]
    for event in timeline.events:
        date = parse_date(event.date)
        if date is None:
            continue
        first, last = date_range(date)
        description = event.summary or ""
        if date.precision != "day":
            description = f"Date known to the {date.precision}: {format_date(event.date)}. {description}"
        people = ", ".join(names.get(p, p) for p in event.people)
        if people:
            description += f"\nPeople: {people}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(event.id)}@summit-timeline",
            f"DTSTAMP:{first:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(description.strip())}",
        ]
        if event.place:
            lines.append(f"LOCATION:{_ics_text(event.place)}")
        if event.type:
            lines.append(f"CATEGORIES:{_ics_text(event.type)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def events_csv(events: list[Event], names: dict[str, str]) -> bytes:
    header = ["id", "date", "precision", "type", "title", "summary", "people", "place", "topics",
              "importance", "source_articles", "source_sentences"]
    rows = []
    for e in events:
        date = parse_date(e.date)
        rows.append([
            e.id, e.date, date.precision if date else "unknown", e.type, e.title, e.summary,
            [names.get(p, p) for p in e.people], e.place, e.topics, e.importance,
            [s.article for s in e.sources], [s.text for s in e.sources],
        ])
    return _csv(header, rows)


def statements_csv(statements: list[Statement], names: dict[str, str]) -> bytes:
    header = ["id", "date", "speaker_id", "speaker", "kind", "text", "audience", "event",
              "article", "source_sentence"]
    rows = [
        [s.id, s.date or "", s.speaker, names.get(s.speaker, ""), s.kind, s.text, s.audience, s.event,
         s.source.article, s.source.text]
        for s in statements
    ]
    return _csv(header, rows)

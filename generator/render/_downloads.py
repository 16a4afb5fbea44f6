"""The data downloads: the YAML, TimelineJS JSON, iCalendar and CSV.

The files are reproducible: the calendar's DTSTAMP (when the file was made) is
the build time `build_time` gives, which is SOURCE_DATE_EPOCH when set
(https://reproducible-builds.org/specs/source-date-epoch/), else the data
files' latest change, so rebuilding unchanged data gives identical files.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.model import Event, Statement, Timeline, slugify
from generator.render._summits import summit_span
from generator.render._text import date_range, format_date, format_days, parse_date
from generator.store import dump_records

_CONTRACT_FIELDS = {
    "articles": ["id", "file", "part", "title", "published", "published_basis", "publisher", "url"],
    "people": ["id", "name", "role", "country", "aliases"],
}
# Excel opens a CSV file as UTF-8 only when it starts with a byte order mark.
UTF8_BOM = b"\xef\xbb\xbf"


def build_time(data_files: Iterable[Path] = ()) -> datetime.datetime:
    """When the downloads were made, in UTC: SOURCE_DATE_EPOCH if set, else the latest
    change of `data_files`, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except ValueError as error:
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970: "
                             "set it to e.g. $(git log -1 --format=%ct) or unset it") from error
    times = [path.stat().st_mtime for path in data_files if path.is_file()]
    if times:
        return datetime.datetime.fromtimestamp(int(max(times)), tz=datetime.UTC)
    return datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class EventDays:
    """When an event took place, as the downloads give it.

    `start` is the ISO date at its precision; `end` the last day (ISO) when the event
    lasted several days (a summit whose days are known), else "".
    """

    start: str
    precision: str
    end: str = ""


def event_days(event: Event) -> EventDays | None:
    date = parse_date(event.date)
    if date is None:
        return None
    if event.type.lower() == "summit":
        span = summit_span(event)
        if span is not None:
            first, last = span
            return EventDays(first.isoformat(), "day", last.isoformat() if last > first else "")
    end = parse_date(event.end) if event.end else None
    if end is not None and date.precision == "day" and end.precision == "day" and end.iso() > date.iso():
        return EventDays(date.iso(), date.precision, end.iso())  # a span the article gives ("from June 3 to 9")
    return EventDays(date.iso(), date.precision)


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


# -- TimelineJS ----------------------------------------------------------------------


def _timelinejs_date(value: str) -> dict | None:
    """A TimelineJS date at the value's own precision (TimelineJS shows a year-only date as the year)."""
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


def _timelinejs_day(day: datetime.date, *, end_of_day: bool = False, start_of_day: bool = False) -> dict:
    """A day as a TimelineJS date; its last minute for an end, its first for an era's start, so a
    one-day era still has a length: TimelineJS drops an end whose fields all equal the start's,
    then refuses the whole file ("All eras must have start and end dates")."""
    result: dict[str, object] = {"year": day.year, "month": day.month, "day": day.day}
    if end_of_day:
        result.update(hour=23, minute=59)
    elif start_of_day:
        result.update(hour=0, minute=0)
    result["display_date"] = format_date(day.isoformat())
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
    """TimelineJS3 JSON: a slide per dated event, summits over their days and as `eras`.

    Background events (earlier history an article recalls, e.g. a treaty decades ago) are
    left out: TimelineJS first shows its whole span, and a few of them would squash every
    event of the summits into one point at the edge. They are in the other downloads.
    TimelineJS shows `text` fields and `group` labels as HTML, so text is HTML-escaped here;
    `unique_id` becomes an element id and the URL fragment, so it is a slug (unique).
    """
    events = []
    eras = []
    used_ids: set[str] = set()
    background = 0
    for event in timeline.events:
        days = event_days(event)
        if days is None:
            continue
        if event.background:
            background += 1
            continue
        people = ", ".join(names.get(p, p) for p in event.people)
        body = html.escape(event.summary or "")
        if people:
            body += f"<p>People: {html.escape(people)}</p>"
        slide: dict[str, object] = {
            "unique_id": _unique_slug(event.id, used_ids),
            "start_date": _timelinejs_date(days.start),
            "text": {"headline": html.escape(event.title), "text": body},
            "group": html.escape(event.type),
        }
        if days.end:
            first, last = datetime.date.fromisoformat(days.start), datetime.date.fromisoformat(days.end)
            slide["end_date"] = _timelinejs_day(last, end_of_day=True)
            slide["display_date"] = format_days(first, last)
        events.append(slide)
        if event.type.lower() == "summit":
            first, last = date_range(parse_date(days.start))  # type: ignore[arg-type]
            if days.end:
                last = datetime.date.fromisoformat(days.end)
            eras.append(
                {
                    "start_date": _timelinejs_day(first, start_of_day=True),
                    "end_date": _timelinejs_day(last, end_of_day=True),
                    "text": {"headline": html.escape(event.place or event.title)},
                }
            )
    intro = "Events extracted from news articles."
    if background:
        intro += (f" {background} background {'event' if background == 1 else 'events'} (earlier history the"
                  " articles recall) are in the calendar and spreadsheet downloads.")
    document = {
        "title": {"text": {"headline": "Summit Timeline", "text": intro}},
        "events": events,
        "eras": eras,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# -- iCalendar (RFC 5545) ------------------------------------------------------------------


def _ics_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
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


_PRECISION_WORDS = {"month": "day not known", "year": "month and day not known"}


def icalendar(events: list[Event], names: dict[str, str], *, built_at: datetime.datetime,
              event_urls: dict[str, str] | None = None) -> bytes:
    """All-day VEVENTs over the days each event lasted (a summit: its known days).

    An event known only to the month or year is one all-day event on the period's first
    day, its summary saying so ("(June 2021, day not known)"): blocking out a whole month or
    year would be wrong. Events are marked TRANSP:TRANSPARENT: news, not the reader's
    appointments, so they never show the reader as busy. `event_urls` gives each
    event's page (absolute, so only when the site's address is known).
    """
    event_urls = event_urls or {}
    stamp = built_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Summit Timeline//summit-timeline//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Summit Timeline",
    ]
    for event in events:
        days = event_days(event)
        if days is None:
            continue
        first = date_range(parse_date(days.start))[0]  # type: ignore[arg-type]
        last = datetime.date.fromisoformat(days.end) if days.end else first
        summary, description = event.title, event.summary or ""
        if days.precision in _PRECISION_WORDS:
            summary += f" ({format_date(days.start)}, {_PRECISION_WORDS[days.precision]})"
            description = f"Date known only to the {days.precision}: {format_date(days.start)}. {description}"
        people = ", ".join(names.get(p, p) for p in event.people)
        if people:
            description += f"\nPeople: {people}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(event.id)}@summit-timeline",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + datetime.timedelta(days=1):%Y%m%d}",  # exclusive
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description.strip())}",
            "TRANSP:TRANSPARENT",
        ]
        if event.place:
            lines.append(f"LOCATION:{_ics_text(event.place)}")
        if event.type:
            lines.append(f"CATEGORIES:{_ics_text(event.type)}")
        if event.id in event_urls:
            lines.append(f"URL:{event_urls[event.id]}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


# -- spreadsheets ----------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return UTF8_BOM + buffer.getvalue().encode("utf-8")


# Both spreadsheets start with the same columns for when: the date at its precision, the
# precision (day, month, year or unknown), and the last day of a several-day event.
DATE_COLUMNS = ["id", "date", "precision", "end"]


def events_csv(events: list[Event], names: dict[str, str]) -> bytes:
    header = [*DATE_COLUMNS, "type", "title", "summary", "people", "place", "topics", "background",
              "importance", "source_articles", "source_sentences"]
    rows = []
    for e in events:
        days = event_days(e)
        rows.append([
            e.id, days.start if days else e.date, days.precision if days else "unknown", days.end if days else "",
            e.type, e.title, e.summary, [names.get(p, p) for p in e.people], e.place, e.topics,
            "yes" if e.background else "", e.importance,
            [s.article for s in e.sources], [s.text for s in e.sources],
        ])
    return _csv(header, rows)


def statements_csv(statements: list[Statement], names: dict[str, str]) -> bytes:
    header = [*DATE_COLUMNS, "speaker_id", "speaker", "kind", "text", "audience", "event",
              "article", "source_sentence"]
    rows = []
    for s in statements:
        date = parse_date(s.date)
        rows.append([
            s.id, date.iso() if date else "", date.precision if date else "unknown", "",
            s.speaker, names.get(s.speaker, ""), s.kind, s.text, s.audience, s.event,
            s.source.article, s.source.text,
        ])
    return _csv(header, rows)

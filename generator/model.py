"""Records shared by the pipeline stages.

Every stage takes and returns these typed objects; only `store` turns them
into YAML mappings and back. Field names follow the data contract in
DESIGN.md ("The data an editor sees"): rename none.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year", "decade", "century", "unknown"]
StatementKind = Literal["direct", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known only to some precision (TIMEX3-style value).

    `PartialDate(2018, 7)` is "July 2018"; nothing is invented below what
    the text supports.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def day_range(self) -> tuple[datetime.date, datetime.date]:
        """The first and last calendar day this date may mean."""
        if self.month is None:
            return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return datetime.date(self.year, self.month, 1), datetime.date(self.year, self.month, last)
        day = datetime.date(self.year, self.month, self.day)
        return day, day

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        match = _ISO_PREFIX.match(str(value).strip())
        if not match:
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} is not between 01 and 12 in {value!r}")
        if day is not None:
            assert month is not None
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"{value!r} is not a day of the calendar") from None
        return cls(year, month, day)


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text, normalised TIMEX3-style.

    `value` is e.g. `2018-07-16`, `2018-07`, `2018`, `201` (a decade),
    `2017-07-09T12:00`, `PT140M`, `P17Y`, `PRESENT_REF`; `start`/`end` are
    character offsets into the text as given.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    # True when the expression was resolved against the reference date
    # ("yesterday", "on Monday") rather than read off the text.
    relative: bool = False

    @property
    def date(self) -> PartialDate | None:
        """The calendar date this expression names, if it names one."""
        if self.type not in ("DATE", "TIME"):
            return None
        try:
            return PartialDate.parse(self.value[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Article:
    """One article part after ingest: cleaned text plus metadata."""

    id: str
    file: str
    part: int
    title: str
    text: str  # cleaned body; paragraphs separated by a blank line
    published: str | None = None
    published_basis: str | None = None
    publisher: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    byline: str | None = None
    # "YYYY-MM-DD/YYYY-MM-DD": the days an inferred `published` narrows down to,
    # when the clues say more than its precision; relative dates resolve against it.
    published_window: str | None = None

    def published_date(self) -> PartialDate | None:
        """`published` as a date (its first ten characters), or None if absent or malformed."""
        if not self.published:
            return None
        try:
            return PartialDate.parse(self.published[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: an article and its verbatim sentence.

    `caption`: the sentence is in one of the article's photo captions, not its body.
    """

    article: str
    text: str
    caption: bool = False


@dataclass
class Person:
    id: str
    name: str
    role: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that refers to a person."""

    start: int
    end: int
    text: str
    person: str  # Person.id


@dataclass
class Statement:
    id: str
    speaker: str  # Person.id, or "" when nobody can be named
    text: str
    kind: StatementKind
    source: Source
    date: str | None = None
    audience: str = ""
    event: str = ""
    topics: list[str] = field(default_factory=list)
    # Who spoke when it is no person we can name, in the text's words
    # ("a State Department spokesman", "the Kremlin"); "" when `speaker` is set.
    speaker_label: str = ""
    # Offsets of `text` in the source article's text (not stored in YAML).
    start: int = -1
    end: int = -1


@dataclass
class Event:
    id: str
    date: str
    title: str
    type: str
    sources: list[Source]
    summary: str = ""
    people: list[str] = field(default_factory=list)
    place: str = ""
    topics: list[str] = field(default_factory=list)
    background: bool = False
    importance: float = 0.0
    # The last day of a happening that spans several ("7-8 July"): same format as `date`.
    end: str = ""


@dataclass
class Timeline:
    """Everything the site shows: the four YAML files, loaded."""

    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input, located for the person who can fix it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    record: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = ".".join(p for p in (self.record, self.field) if p)
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug safe as a file name and URL part."""
    import unicodedata

    dashed = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # "Trump–Putin" keeps its break
    ascii_text = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"

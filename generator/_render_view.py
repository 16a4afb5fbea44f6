"""What the pages show, worked out once from a Timeline: lookups, pages, summits, anchors.

Every page path is derived here (with `model.slugify`, so a path made from
editable text stays inside its folder), and every anchor on a source page is
decided here, so a link to a source sentence is only made when that sentence
was found in the article.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from generator._render_dates import date_highlights
from generator._render_source import Highlight, locate, render_article
from generator._render_summits import summit_span
from generator._render_text import anchor, date_range, format_days, parse_date, sort_key
from generator.model import Article, Event, Person, Statement, Timeline, slugify

# Events this many days before or after a summit belong on its page.
SUMMIT_WINDOW_DAYS = 31
# Statements this many days from a summit (not in an article about it) count as said about it.
SUMMIT_STATEMENT_DAYS = 7
# An event dated more coarsely than this (a whole year) is too vague to place around a summit.
MAX_WINDOW_SPAN_DAYS = 31
# Article texts are searchable while they total at most this many characters; beyond it
# search holds the events and statements drawn from them, each once, and the index stays small.
SEARCH_ARTICLE_TEXT_LIMIT = 1_000_000
# Share of events shown as "key events" (at least KEY_EVENTS_MIN).
KEY_EVENTS_SHARE = 0.2
KEY_EVENTS_MIN = 3


@dataclass
class SummitView:
    event: Event
    path: str
    name: str
    before: list[Event] = field(default_factory=list)
    during: list[Event] = field(default_factory=list)
    after: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    # The days it lasted ("11–13 June 2021") when known (data/summits.yaml) or dated to the day.
    days: str = ""
    first_day: str = ""  # ISO date of its first day, when `days` is known


@dataclass
class TopicView:
    slug: str
    label: str
    path: str
    keywords: list[str]
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Fact:
    """An event or statement drawn from an article, where it stands in the text."""

    kind: str  # "event" | "statement"
    record: Event | Statement
    position: int  # offset of its sentence in the article; -1 when it was not found
    fragment: str  # anchor of its highlight on the source page ("" when not found)


@dataclass
class SourceView:
    article: Article
    path: str
    html: Markup
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    dates_found: int = 0
    # Events and statements in the order the article tells them; ones not found last.
    facts: list[Fact] = field(default_factory=list)


def _unique_paths(keys: list[str], folder: str, names: dict[str, str]) -> dict[str, str]:
    """{key: folder/slug.md} with slugs made unique by a number suffix."""
    paths: dict[str, str] = {}
    used: set[str] = {"index"}
    for key in keys:
        base = slugify(names.get(key) or key)
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        paths[key] = f"{folder}/{slug}.md"
    return paths


def _window(event: Event) -> tuple[datetime.date, datetime.date] | None:
    date = parse_date(event.date)
    if date is None:
        return None
    first, last = date_range(date)
    return None if (last - first).days > MAX_WINDOW_SPAN_DAYS else (first, last)


class SiteView:
    """Lookups and derived groupings the templates read."""

    def __init__(self, timeline: Timeline, topic_vocabulary: list[tuple[str, str, list[str]]]):
        self.timeline = timeline
        self.people: dict[str, Person] = {p.id: p for p in timeline.people}
        self.articles: dict[str, Article] = {a.id: a for a in timeline.articles}
        self.events = sorted(timeline.events, key=lambda e: (sort_key(e.date), e.title, e.id))
        self.statements = sorted(
            timeline.statements, key=lambda s: (sort_key(self.statement_date(s)), s.id)
        )
        self.event_by_id = {e.id: e for e in self.events}
        self._statement_order = {id(s): n for n, s in enumerate(self.statements)}
        self._found_topics: dict[int, list[str]] = {}
        # Pages are named by id, which stays when an editor renames a person.
        self.person_paths = _unique_paths([p.id for p in timeline.people], "people", {})
        self.source_paths = _unique_paths([a.id for a in timeline.articles], "sources", {})
        self.event_anchor: dict[str, Markup] = self._event_anchors()
        self.event_page = {e.id: self._year_page(e) for e in self.events}
        self.years = sorted({self.event_page[e.id] for e in self.events}, key=self._year_order)
        self._index_records()
        self.summits = self._summits()
        self.summit_of: dict[str, list[SummitView]] = defaultdict(list)
        for summit in self.summits:
            for event in [summit.event, *summit.before, *summit.during, *summit.after]:
                self.summit_of[event.id].append(summit)
        self.topics = self._topics(topic_vocabulary)
        self.topic_by_slug = {t.slug: t for t in self.topics}
        self.key_event_ids = self._key_events()
        # (article id, anchor) for every sentence found in its article.
        self.found_anchors: set[tuple[str, str]] = set()
        self.sources = [self._source(a) for a in timeline.articles]
        self.search_article_texts = sum(len(a.text or "") for a in timeline.articles) <= SEARCH_ARTICLE_TEXT_LIMIT

    def _index_records(self) -> None:
        """Statements and events by event, speaker, person and article, each in date order."""
        self.statements_by_event: dict[str, list[Statement]] = defaultdict(list)
        self.statements_by_speaker: dict[str, list[Statement]] = defaultdict(list)
        self.statements_by_article: dict[str, list[Statement]] = defaultdict(list)
        for statement in self.statements:
            if statement.event:
                self.statements_by_event[statement.event].append(statement)
            self.statements_by_speaker[statement.speaker].append(statement)
            self.statements_by_article[statement.source.article].append(statement)
        self.events_by_person: dict[str, list[Event]] = defaultdict(list)
        self.events_by_article: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for person in dict.fromkeys(event.people):
                self.events_by_person[person].append(event)
            for article_id in dict.fromkeys(source.article for source in event.sources):
                self.events_by_article[article_id].append(event)

    # -- dates and pages ---------------------------------------------------

    def statement_date(self, statement: Statement) -> str | None:
        """When it was said, else when its article was published."""
        if statement.date:
            return statement.date
        article = self.articles.get(statement.source.article)
        return article.published if article else None

    def _year_page(self, event: Event) -> str:
        date = parse_date(event.date)
        return f"events/{date.year}.md" if date else "events/undated.md"

    @staticmethod
    def _year_order(path: str) -> tuple[int, str]:
        return (1, path) if path.endswith("undated.md") else (0, path)

    def _event_anchors(self) -> dict[str, Markup]:
        anchors: dict[str, Markup] = {}
        used: set[str] = set()
        for event in self.events:
            base = anchor("e", event.id)
            name, number = base, 2
            while name in used:
                name, number = Markup(f"{base}-{number}"), number + 1
            used.add(name)
            anchors[event.id] = name
        return anchors

    def event_source_anchor(self, event: Event, index: int) -> Markup:
        return self.event_anchor[event.id] + Markup("" if index == 0 else f"-src{index + 1}")

    def statement_anchor(self, statement: Statement) -> Markup:
        return anchor("s", statement.id)

    def source_link_anchor(self, article_id: str, fragment: str) -> str:
        """`fragment` if that sentence was found on the source page, else "" (top of the page)."""
        return fragment if (article_id, fragment) in self.found_anchors else ""

    def event_fragment_in(self, article_id: str, event: Event) -> str:
        """The anchor of `event`'s first source sentence found in article `article_id`, or ""."""
        for index, source in enumerate(event.sources):
            fragment = self.event_source_anchor(event, index)
            if source.article == article_id and (article_id, fragment) in self.found_anchors:
                return fragment
        return ""

    def sources_by_date(self) -> list[SourceView]:
        """Source pages, newest article first; undated ones last."""
        dated = [s for s in self.sources if parse_date(s.article.published)]
        undated = [s for s in self.sources if not parse_date(s.article.published)]
        return sorted(dated, key=lambda s: sort_key(s.article.published), reverse=True) + undated

    def person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else (person_id or "Unnamed speaker")

    # -- summits -------------------------------------------------------------

    def _summits(self) -> list[SummitView]:
        summit_events = [e for e in self.events if e.type.lower() == "summit"]
        names: dict[str, str] = {}
        for event in summit_events:
            date = parse_date(event.date)
            names[event.id] = f"{event.place or event.title} {date.year if date else ''}"
        paths = _unique_paths([e.id for e in summit_events], "summits", names)
        # Events placeable around a summit, by first day (windows span at most MAX_WINDOW_SPAN_DAYS).
        placeable = sorted(((w, e) for e in self.events if (w := _window(e)) is not None), key=lambda i: i[0][0])
        starts = [w[0] for w, _ in placeable]
        summits = []
        for event in summit_events:
            view = SummitView(event, paths[event.id], event.title)
            span = summit_span(event)
            window = span or _window(event)
            if span:
                view.days, view.first_day = format_days(*span), span[0].isoformat()
            if window is not None:
                start, end = window
                earliest = start - datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
                latest = end + datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
                first = bisect.bisect_left(starts, earliest - datetime.timedelta(days=MAX_WINDOW_SPAN_DAYS))
                for (o_start, o_end), other in placeable[first:bisect.bisect_right(starts, latest)]:
                    if other is event:
                        continue
                    if o_end < earliest or o_start > latest:
                        continue
                    if o_end < start:
                        view.before.append(other)
                    elif o_start > end:
                        view.after.append(other)
                    else:
                        view.during.append(other)
            view.statements = self._summit_statements(view, window)
            summits.append(view)
        return summits

    def _dated_statements(self) -> tuple[list[datetime.date], list[tuple[datetime.date, datetime.date, Statement]]]:
        """Statements dated to a month or better, by first day (for window look-ups), cached."""
        if self._dated is None:
            spans = []
            for statement in self.statements:
                linked = self.event_by_id.get(statement.event)
                date = parse_date(statement.date or (linked.date if linked else None))
                if date is not None:
                    first, last = date_range(date)
                    if (last - first).days <= MAX_WINDOW_SPAN_DAYS:
                        spans.append((first, last, statement))
            spans.sort(key=lambda item: item[0])
            self._dated = ([first for first, _, _ in spans], spans)
        return self._dated

    _dated: tuple[list[datetime.date], list[tuple[datetime.date, datetime.date, Statement]]] | None = None

    def _summit_statements(
        self, summit: SummitView, window: tuple[datetime.date, datetime.date] | None
    ) -> list[Statement]:
        """What was said at or about the summit.

        Statements tied to the summit or to an event during it; statements dated
        to the day within SUMMIT_STATEMENT_DAYS of it; and statements in the
        articles that report the summit, when made within its window (or undated).
        """
        at_summit = [summit.event.id, *(e.id for e in summit.during)]
        articles = {s.article for s in summit.event.sources}
        chosen: dict[int, Statement] = {}  # by object: ids may repeat in edited data
        for event_id in at_summit:
            for statement in self.statements_by_event.get(event_id, []):
                chosen[id(statement)] = statement
        for article_id in articles:
            for statement in self.statements_by_article.get(article_id, []):
                linked = self.event_by_id.get(statement.event)
                if not statement.event and not parse_date(statement.date or (linked.date if linked else None)):
                    chosen[id(statement)] = statement
        if window is not None:
            starts, spans = self._dated_statements()
            wide = datetime.timedelta(days=SUMMIT_WINDOW_DAYS)
            near = datetime.timedelta(days=SUMMIT_STATEMENT_DAYS)
            earliest = window[0] - wide - datetime.timedelta(days=MAX_WINDOW_SPAN_DAYS)
            for first, last, statement in spans[bisect.bisect_left(starts, earliest):
                                                bisect.bisect_right(starts, window[1] + wide)]:
                about = statement.source.article in articles
                reach = wide if about else near
                # Outside the summit's own articles only a statement dated to the day is near enough.
                if (about or first == last) and window[0] - reach <= last and first <= window[1] + reach:
                    chosen[id(statement)] = statement
        return sorted(chosen.values(), key=lambda s: self._statement_order[id(s)])

    def sides(self, statements: list[Statement]) -> list[tuple[str, list[Statement]]]:
        """Statements grouped by the speaker's country, biggest group first."""
        groups: dict[str, list[Statement]] = defaultdict(list)
        for statement in statements:
            person = self.people.get(statement.speaker)
            side = (person.country if person and person.country else "") or (
                "Other speakers" if person else "Unattributed"
            )
            groups[side].append(statement)
        return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))

    # -- topics and key events ----------------------------------------------

    def statement_topics(self, statement: Statement) -> list[str]:
        """Its topics as stored, else found in its words (once: several pages ask)."""
        if statement.topics:
            return statement.topics
        found = self._found_topics.get(id(statement))
        if found is None:
            from generator.topics import find_topics

            found = self._found_topics[id(statement)] = find_topics(statement.text)
        return found

    def _topics(self, vocabulary: list[tuple[str, str, list[str]]]) -> list[TopicView]:
        views = {slug: TopicView(slug, label, "", keywords) for slug, label, keywords in vocabulary}
        for event in self.events:
            for slug in dict.fromkeys(event.topics):
                views.setdefault(slug, TopicView(slug, slug.replace("-", " ").capitalize(), "", []))
                views[slug].events.append(event)
        for statement in self.statements:
            for slug in dict.fromkeys(self.statement_topics(statement)):
                views.setdefault(slug, TopicView(slug, slug.replace("-", " ").capitalize(), "", []))
                views[slug].statements.append(statement)
        used = [v for v in views.values() if v.events or v.statements]
        paths = _unique_paths([v.slug for v in used], "topics", {})
        for view in used:
            view.path = paths[view.slug]
        return used

    def _key_events(self) -> set[str]:
        def score(event: Event) -> tuple[float, int, int]:
            return (event.importance, int(event.type.lower() == "summit"), len(event.sources))

        ranked = sorted((e for e in self.events if not e.background), key=score, reverse=True)
        count = max(KEY_EVENTS_MIN, round(len(self.events) * KEY_EVENTS_SHARE))
        return {e.id for e in ranked[:count]}

    # -- source pages --------------------------------------------------------

    def _source(self, article: Article) -> SourceView:
        events = self.events_by_article.get(article.id, [])
        statements = self.statements_by_article.get(article.id, [])
        text = article.text or ""
        highlights: list[Highlight] = []
        quotes: list[Highlight] = []
        positions: dict[int, int] = {}  # id(record) -> offset of its first sentence found
        for event in events:
            for index, source in enumerate(event.sources):
                if source.article != article.id:
                    continue
                span = locate(text, source.text)
                if span:
                    fragment = self.event_source_anchor(event, index)
                    highlights.append(Highlight(*span, "event", [fragment], f"Event: {event.title}"))
                    positions[id(event)] = min(positions.get(id(event), span[0]), span[0])
        for statement in statements:
            fragment = self.statement_anchor(statement)
            sentence = locate(text, statement.source.text) if statement.source.text else None
            quote = None
            if 0 <= statement.start < statement.end <= len(text) and (
                text[statement.start : statement.end] == statement.text
            ):
                quote = (statement.start, statement.end)
            elif sentence:
                quote = locate(text, statement.text, *sentence)
            if quote is None:
                quote = locate(text, statement.text)
            speaker = self.person_name(statement.speaker)
            if sentence and quote and sentence[0] <= quote[0] and quote[1] <= sentence[1]:
                highlights.append(Highlight(*sentence, "statement", [fragment], f"Statement by {speaker}"))
                quotes.append(Highlight(*quote, "quote", [], ""))
                positions[id(statement)] = sentence[0]
            elif quote or sentence:
                span = quote or sentence
                assert span is not None
                highlights.append(Highlight(*span, "statement", [fragment], f"Statement by {speaker}"))
                positions[id(statement)] = span[0]
        dates = date_highlights(article)
        accepted_ids = set()
        for span in [*highlights, *quotes, *dates]:
            accepted_ids.update(span.ids)
        html = render_article(text, [*highlights, *quotes, *dates])
        for fragment in accepted_ids:
            if f'id="{fragment}"' in html:
                self.found_anchors.add((article.id, fragment))
        facts = [Fact("event", e, positions.get(id(e), -1), self.event_fragment_in(article.id, e))
                 for e in events]
        facts += [Fact("statement", s, positions.get(id(s), -1),
                       self.source_link_anchor(article.id, self.statement_anchor(s))) for s in statements]
        # Text order; facts not found in the text keep their date order after the rest.
        facts.sort(key=lambda f: (f.position < 0, f.position if f.position >= 0 else 0))
        return SourceView(
            article, self.source_paths[article.id], html, events, statements, len(dates), facts
        )

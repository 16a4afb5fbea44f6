"""What the pages show, worked out once from a Timeline: lookups, pages, anchors, topics.

Every page path is derived here or in the modules it calls (with
`model.slugify`, so a path made from editable text stays inside its folder).
Summit pages are grouped in `_summits`, source pages (with the anchors
of the sentences found in each article) in `_source`; a link to a source
sentence is only made when that sentence was found in the article.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Article, Event, Person, Statement, Timeline
from generator.render._source import SourceView, source_view
from generator.render._summits import SummitView, sides, summit_views
from generator.render._text import anchor, parse_date, sort_key, unique_paths

# Article texts are searchable while they total at most this many characters; beyond it
# search holds the events and statements drawn from them, each once, and the index stays small.
SEARCH_ARTICLE_TEXT_LIMIT = 1_000_000
# Topics named as what a page is mainly about (and as its tags), at most.
MAX_MAIN_TOPICS = 3
# Share of events shown as "key events" (at least KEY_EVENTS_MIN).
KEY_EVENTS_SHARE = 0.2
KEY_EVENTS_MIN = 3


@dataclass
class TopicView:
    slug: str
    label: str
    path: str
    keywords: list[str]
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


class SiteView:
    """Lookups and derived groupings the templates read."""

    def __init__(self, timeline: Timeline, topic_vocabulary: list[tuple[str, str, list[str]]]):
        self.timeline = timeline
        self.people: dict[str, Person] = {p.id: p for p in timeline.people}
        self.articles: dict[str, Article] = {a.id: a for a in timeline.articles}
        self.parts_of_file: dict[str, int] = defaultdict(int)
        for article in timeline.articles:
            self.parts_of_file[article.file] += 1
        self.events = sorted(timeline.events, key=lambda e: (sort_key(e.date), e.title, e.id))
        self.statements = sorted(
            timeline.statements, key=lambda s: (sort_key(self.statement_date(s)), s.id)
        )
        self.event_by_id = {e.id: e for e in self.events}
        self.statement_order = {id(s): n for n, s in enumerate(self.statements)}
        self._found_topics: dict[int, list[str]] = {}
        self.source_paths = unique_paths([a.id for a in timeline.articles], "sources", {})
        self.event_anchor: dict[str, Markup] = self._event_anchors()
        self.event_page = {e.id: self._year_page(e) for e in self.events}
        self.years = sorted({self.event_page[e.id] for e in self.events}, key=self._year_order)
        self._index_records()
        # A person gets a page (and a place in the index, the navigation and links) only
        # with something on it: statements, or events they take part in. The others stay
        # in the data, where an editor can give them statements, and read as plain text.
        # Pages are named by id, which stays when an editor renames a person.
        self.listed_people = sorted(
            (p for p in timeline.people if self.has_page_content(p.id)), key=lambda p: (p.name, p.id)
        )
        self.person_paths = unique_paths([p.id for p in self.listed_people], "people", {})
        self.summits = summit_views(self)
        self.summit_by_event = {s.event.id: s for s in self.summits}
        self.summit_of: dict[str, list[SummitView]] = defaultdict(list)
        for summit in self.summits:
            for event in [summit.event, *summit.before, *summit.during, *summit.after]:
                self.summit_of[event.id].append(summit)
        self._vocabulary_order = {slug: n for n, (slug, _, _) in enumerate(topic_vocabulary)}
        self.topics = self._topics(topic_vocabulary)
        self.topic_by_slug = {t.slug: t for t in self.topics}
        self.key_event_ids = self._key_events()
        # (article id, anchor) for every sentence found in its article.
        self.found_anchors: set[tuple[str, str]] = set()
        self.sources = [source_view(self, a) for a in timeline.articles]
        texts = sum(len(a.text or "") for a in timeline.articles)
        self.search_article_texts = texts <= SEARCH_ARTICLE_TEXT_LIMIT

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

    def has_page_content(self, person_id: str) -> bool:
        """Whether the person speaks or takes part in an event (what a person page shows)."""
        return bool(self.statements_by_speaker.get(person_id) or self.events_by_person.get(person_id))

    # -- dates and pages ---------------------------------------------------

    def statement_date(self, statement: Statement) -> str | None:
        """When it was said, else when its article was published."""
        if statement.date:
            return statement.date
        article = self.articles.get(statement.source.article)
        return article.published if article else None

    def statements_by_year(self, statements: list[Statement]) -> list[tuple[str, list[Statement]]]:
        """[(year, or "Date not known"; its statements)] in the order given (date order)."""
        years: dict[str, list[Statement]] = {}
        for statement in statements:
            date = parse_date(self.statement_date(statement))
            years.setdefault(str(date.year) if date else "Date not known", []).append(statement)
        return list(years.items())

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

    def speaker_name(self, statement: Statement) -> str:
        """The person who spoke, else the organisation or unnamed source the text names."""
        if statement.speaker or not statement.speaker_label:
            return self.person_name(statement.speaker)
        return statement.speaker_label

    def sides(self, statements: list[Statement]) -> list[tuple[str, list[Statement]]]:
        """Statements grouped by the speaker's country (the summit page's columns)."""
        return sides(self.people, statements)

    # -- topics and key events ----------------------------------------------

    def statement_topics(self, statement: Statement) -> list[str]:
        """Its topics as stored, else found in its words (once: several pages ask)."""
        if statement.topics:
            return statement.topics
        found = self._found_topics.get(id(statement))
        if found is None:
            from generator.knowledge.topics import find_topics

            found = self._found_topics[id(statement)] = find_topics(statement.text)
        return found

    def main_topics(self, events: list[Event], statements: list[Statement] = ()) -> list[TopicView]:
        """The vocabulary topics these records are most about (at most MAX_MAIN_TOPICS).

        A year or a person touches most topics once or twice; naming them all
        would say nothing (and put every tag on every page).
        """
        counts: dict[str, int] = {}
        for slug in [t for e in events for t in dict.fromkeys(e.topics)] + [
                t for s in statements for t in dict.fromkeys(self.statement_topics(s))]:
            counts[slug] = counts.get(slug, 0) + 1
        known = [slug for slug in counts if slug in self._vocabulary_order and slug in self.topic_by_slug]
        known.sort(key=lambda t: (-counts[t], self._vocabulary_order[t]))
        main = set(known[:MAX_MAIN_TOPICS])
        return [t for t in self.topics if t.slug in main]

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
        paths = unique_paths([v.slug for v in used], "topics", {})
        for view in used:
            view.path = paths[view.slug]
        return used

    def _key_events(self) -> set[str]:
        def score(event: Event) -> tuple[float, int, int]:
            return (event.importance, int(event.type.lower() == "summit"), len(event.sources))

        ranked = sorted((e for e in self.events if not e.background), key=score, reverse=True)
        count = max(KEY_EVENTS_MIN, round(len(self.events) * KEY_EVENTS_SHARE))
        return {e.id for e in ranked[:count]}


"""Source pages: where each fact drawn from an article stands in its text.

Each event's source sentence and each statement (its sentence, and its quoted
words inside it) is looked up in the article text (an event's, in the photo
captions when its source is marked `caption`); what is found is
highlighted and anchored (`_article`), and the facts are listed in the
order the article tells them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.model import Article, Event, Statement
from generator.render._article import Highlight, locate, render_article
from generator.render._dates import date_highlights

if TYPE_CHECKING:
    from generator.render._view import SiteView


@dataclass
class Fact:
    """An event or statement drawn from an article, where it stands in the text."""

    kind: str  # "event" | "statement"
    record: Event | Statement
    position: int  # offset of its sentence in the article; -1 when it was not found
    fragment: str  # anchor of its highlight on the source page ("" when not found)
    in_caption: bool = False  # that highlight is in a photo caption, not the body


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
    # The photo captions as HTML, with the events they source anchored ("" without captions).
    captions_html: Markup = Markup("")


def _statement_highlights(text: str, statement: Statement, fragment: str, title: str) -> list[Highlight]:
    """The statement's sentence (anchored) and, inside it, its quoted words; or whichever was found."""
    sentence = locate(text, statement.source.text) if statement.source.text else None
    quote = None
    if 0 <= statement.start < statement.end <= len(text) and (
        text[statement.start : statement.end] == statement.text
    ):
        quote = (statement.start, statement.end)  # offsets from extraction, still right
    elif sentence:
        quote = locate(text, statement.text, *sentence)
    if quote is None:
        quote = locate(text, statement.text)
    if sentence and quote and sentence[0] <= quote[0] and quote[1] <= sentence[1]:
        return [Highlight(*sentence, "statement", [fragment], title), Highlight(*quote, "quote", [], "")]
    span = quote or sentence
    return [Highlight(*span, "statement", [fragment], title)] if span else []


def source_view(view: SiteView, article: Article) -> SourceView:
    """The page of one article: its text as HTML with its facts anchored, and the facts in text order.

    Records in `view.found_anchors` which anchors made it into the page, so that
    links elsewhere only point at sentences that are there.
    """
    events = view.events_by_article.get(article.id, [])
    statements = view.statements_by_article.get(article.id, [])
    text = article.text or ""
    # The captions, one paragraph each, after the text: their facts come after the body's.
    captions = "\n\n".join(article.captions)
    highlights: list[Highlight] = []
    caption_highlights: list[Highlight] = []
    quotes: list[Highlight] = []
    positions: dict[int, int] = {}  # id(record) -> offset of its first sentence found
    for event in events:
        for index, source in enumerate(event.sources):
            if source.article != article.id:
                continue
            span = locate(captions if source.caption else text, source.text)
            if span:
                fragment = view.event_source_anchor(event, index)
                found = Highlight(*span, "event", [fragment], f"Event: {event.title}")
                (caption_highlights if source.caption else highlights).append(found)
                position = span[0] + len(text) + 1 if source.caption else span[0]
                positions[id(event)] = min(positions.get(id(event), position), position)
    for statement in statements:
        found = _statement_highlights(text, statement, view.statement_anchor(statement),
                                      f"Statement by {view.speaker_name(statement)}")
        if found:
            highlights.append(found[0])
            quotes.extend(found[1:])
            positions[id(statement)] = found[0].start
    dates = date_highlights(article)
    accepted_ids = set()
    for span in [*highlights, *quotes, *dates, *caption_highlights]:
        accepted_ids.update(span.ids)
    html = render_article(text, [*highlights, *quotes, *dates])
    captions_html = render_article(captions, caption_highlights) if captions else Markup("")
    for fragment in accepted_ids:
        if f'id="{fragment}"' in html or f'id="{fragment}"' in captions_html:
            view.found_anchors.add((article.id, fragment))
    in_captions = {fragment for span in caption_highlights for fragment in span.ids}
    facts = [Fact("event", e, positions.get(id(e), -1), fragment, fragment in in_captions)
             for e in events for fragment in [view.event_fragment_in(article.id, e)]]
    facts += [Fact("statement", s, positions.get(id(s), -1),
                   view.source_link_anchor(article.id, view.statement_anchor(s))) for s in statements]
    # Text order; facts not found in the text keep their date order after the rest.
    facts.sort(key=lambda f: (f.position < 0, f.position if f.position >= 0 else 0))
    return SourceView(
        article, view.source_paths[article.id], html, events, statements, len(dates), facts, captions_html
    )

"""Events told by an article's photo captions ("Berg and Mol at their working lunch
in Oslo on 3 May 2019"): each caption is read as a text of its own, and its
events' sources are marked `caption`, so that the source check and the source page
look for the sentence in the captions, not in the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.dates import Reference
from generator.events._find import find_events
from generator.knowledge import load_data
from generator.model import Article, Event, Mention, Person, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_caption_events(
    docs: Sequence[Doc],
    article: Article,
    expressions: Sequence[list[TimeExpression]],
    people: dict[str, Person],
    reference: Reference | None = None,
) -> list[Event]:
    """Dated happenings in each caption of `article` (`docs` and `expressions`: one per
    caption, in order). The article's people are found in a caption by their names; a
    caption names no undated happening of its own (it has no lead)."""
    weight = load_data("event_types")["importance"]["caption"]
    found: list[Event] = []
    for doc, caption_expressions in zip(docs, expressions, strict=True):
        caption = replace(article, text=doc.text, captions=[])
        mentions = caption_mentions(doc.text, people)
        events = find_events(doc, caption, caption_expressions, mentions, people, (), reference, own_news=False)
        named = list(dict.fromkeys(mention.person for mention in mentions))
        for event in events:
            event.sources = [replace(source, caption=True) for source in event.sources]
            # "Berg and Mol at their working lunch": no verb ties them to it, but a caption
            # names who the picture shows at the happening.
            event.people = event.people or named
            event.importance = round(event.importance * weight, 4)
        found.extend(events)
    return found


def caption_mentions(text: str, people: dict[str, Person]) -> list[Mention]:
    """Where a caption names one of the article's people: their full name, an alias, or
    their last name (longest first; no two mentions overlap)."""
    forms: list[tuple[str, str]] = []
    for person in people.values():
        names = [person.name, *person.aliases]
        if len(person.name.split()) > 1:
            names.append(person.name.split()[-1])
        forms.extend((name, person.id) for name in names if len(name) > 2)
    forms.sort(key=lambda form: len(form[0]), reverse=True)
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for name, person_id in forms:
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            mentions.append(Mention(match.start(), match.end(), match.group(), person_id))
    return sorted(mentions, key=lambda mention: mention.start)

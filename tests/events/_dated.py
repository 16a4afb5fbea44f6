"""One date in a small written text, and the events it gives (shared by the events tests)."""

from __future__ import annotations

from generator.events import find_events
from generator.model import Article, Event, Mention, Person, TimeExpression


def events_dated(nlp, text: str, phrase: str, value: str, people: dict[str, str] | None = None,
                 pronoun: str = "") -> list[Event]:
    """The events `phrase` (a DATE of `value`) gives in `text`, published 2019-05-10.

    `people`: name -> id, each found by name; `pronoun`: a word that refers to the first of
    them, as the people stage finds.
    """
    start = text.index(phrase)
    expression = TimeExpression(start, start + len(phrase), phrase, "DATE", value)
    people = people or {}
    persons = {pid: Person(pid, name) for name, pid in people.items()}
    mentions = [Mention(text.index(n), text.index(n) + len(n), n, pid) for n, pid in people.items()]
    if pronoun:
        at = text.index(f" {pronoun} ") + 1
        mentions.append(Mention(at, at + len(pronoun), pronoun, next(iter(people.values()))))
        mentions.sort(key=lambda m: m.start)
    article = Article(id="a", file="a.txt", part=1, title="T", text=text, published="2019-05-10")
    return [e for e in find_events(nlp(text), article, [expression], mentions, persons) if e.date == value]

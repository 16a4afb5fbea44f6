"""Corrections that flow into the next extraction.

An editor's corrected publication date must re-date the article's relative
dates, and people the editor merged (a name moved into another person's
aliases) or gave a new id must take their statements with them. The pipeline
asks for the first before extracting; save_timeline applies the second.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.model import Timeline
from generator.store._check import date_problem
from generator.store._files import data_path, extracted_path, read_file


def _current_and_base(data_dir: Path, kind: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The records of a data file and of its last extraction by id (unreadable ones: none)."""

    def records(path: Path) -> list[dict[str, Any]]:
        return [r for r in read_file(kind, path)[0].records or [] if isinstance(r, dict)]

    current = records(data_path(data_dir, kind))
    base = {r["id"]: r for r in records(extracted_path(data_dir, kind)) if isinstance(r.get("id"), str)}
    return current, base


def edited_publication_dates(data_dir: Path) -> dict[str, str]:
    """{article id: published} for every publication date the editor set or changed.

    The pipeline resolves each article's relative dates ("yesterday") against these.
    """
    current, base = _current_and_base(Path(data_dir), "articles")
    edited: dict[str, str] = {}
    for record in current:
        article_id, published = record.get("id"), record.get("published")
        if not isinstance(article_id, str) or published is None or date_problem(published):
            continue
        if article_id not in base or base[article_id].get("published") != published:
            edited[article_id] = str(published)
    return edited


def _norm(name: Any) -> str:
    return " ".join(str(name).split()).casefold()


def person_id_remap(data_dir: Path, extracted_people: list[Any]) -> dict[str, str]:
    """{extracted person id: the id the editor's people.yaml uses for that person}.

    Merging two people is putting one's name among the other's `aliases`:
    every extracted person of that name then maps to the other. A person the
    editor deleted or gave a new id is found again by its name. The rule reads
    only the file as it is now, so it holds on every later extraction too.
    """
    current, base = _current_and_base(Path(data_dir), "people")
    current_ids = {r.get("id") for r in current}
    base_names = {_norm(r.get("name")) for r in base.values()}
    by_alias: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for record in current:
        person_id = record.get("id")
        if not isinstance(person_id, str):
            continue
        by_name.setdefault(_norm(record.get("name")), person_id)
        aliases = record.get("aliases")
        extracted = base.get(person_id, {}).get("aliases")
        known = {_norm(a) for a in extracted} if isinstance(extracted, list) else set()
        # An alias merges the person of that name into this one when the editor
        # added it, or when the last extraction already had them merged. An alias
        # extraction gave ("Smith" for "Anna Smith") while it kept a separate
        # "Smith" must not swallow that other person.
        for alias in aliases if isinstance(aliases, list) else []:
            if _norm(alias) not in known or _norm(alias) not in base_names:
                by_alias.setdefault(_norm(alias), person_id)
    remap: dict[str, str] = {}
    for person in extracted_people:
        name = _norm(person.name)
        target = by_alias.get(name)
        if target is None and person.id in base and person.id not in current_ids:
            target = by_name.get(name)  # the editor deleted it or gave it a new id
        if target and target != person.id:
            remap[person.id] = target
    for source in remap:  # a merge into a person who was merged in turn: follow to the end
        seen = {source}
        while remap[source] in remap and remap[source] not in seen:
            seen.add(remap[source])
            remap[source] = remap[remap[source]]
    return remap


def apply_editor_corrections(timeline: Timeline, data_dir: Path) -> Timeline:
    """The timeline with people the editor merged or re-identified following the editor.

    Speakers and event participants move to the editor's person id; the
    merged-away person's aliases join the person they were merged into.
    """
    remap = person_id_remap(Path(data_dir), timeline.people)
    if not remap:
        return timeline
    people: dict[str, Any] = {}
    for person in timeline.people:
        target = remap.get(person.id, person.id)
        if target in people:
            into = people[target]
            extra = [a for a in [person.name, *person.aliases] if a not in into.aliases and a != into.name]
            people[target] = replace(into, aliases=[*into.aliases, *extra])
        else:
            people[target] = replace(person, id=target) if target != person.id else person
    statements = [
        replace(s, speaker=remap.get(s.speaker, s.speaker)) if s.speaker in remap else s for s in timeline.statements
    ]
    events = [
        replace(e, people=list(dict.fromkeys(remap.get(p, p) for p in e.people))) if set(e.people) & set(remap) else e
        for e in timeline.events
    ]
    return Timeline(articles=timeline.articles, events=events, statements=statements, people=list(people.values()))




def pinned_publication_dates(data_dir: Path) -> dict[str, dict[str, Any]]:
    """{article id: {"published": value extraction gave}} for dates the editor corrected.

    The pipeline feeds a corrected date back into extraction, so the new
    extraction echoes it; remembering the echo would erase the sign of the
    edit. The last extraction keeps the value extraction found instead.
    """
    _, base = _current_and_base(data_dir, "articles")
    edited = edited_publication_dates(data_dir)
    return {
        article_id: {"published": base[article_id].get("published"), "_edited": value}
        for article_id, value in edited.items()
        if article_id in base
    }

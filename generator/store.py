"""The `store` stage: the timeline as YAML files in docs/data/, edits kept, errors located.

Files: articles.yaml, events.yaml, statements.yaml, people.yaml, each a list
of records whose first line names its JSON Schema (shipped beside it) so
editors' YAML language servers check edits as they type. `.extracted/` keeps
what extraction wrote last; the difference between it and a data file is the
editor's work, which a new extraction never overwrites (see _store_merge).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import _store_yaml
from generator._store_check import FileData, check_files, schema_text
from generator._store_emit import dump_record, dump_records, record_texts
from generator._store_merge import Add, Counts, plan_merge
from generator._store_records import FROM_MAPPING, KINDS, TO_MAPPING, field_names, sorted_for_new_file
from generator._store_text import render_plan
from generator.model import Problem, Timeline

EXTRACTED = ".extracted"


class StoreError(Exception):
    """The data cannot be merged or written; the message says where and what to do."""


@dataclass
class SaveReport:
    """What a save did, per kind of record."""

    counts: dict[str, Counts] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    def _total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.counts.values())

    @property
    def added(self) -> int:
        return self._total("added")

    @property
    def updated(self) -> int:
        return self._total("updated")

    @property
    def kept_edits(self) -> int:
        return self._total("kept_edits")

    @property
    def deleted_by_editor(self) -> int:
        return self._total("deleted_by_editor")

    @property
    def editor_added(self) -> int:
        return self._total("editor_added")

    @property
    def removed(self) -> int:
        return self._total("removed")

    def __str__(self) -> str:
        parts = []
        for kind, c in self.counts.items():
            bits = [f"{c.added} added", f"{c.updated} updated"]
            bits += [f"{n} {label}" for n, label in (
                (c.kept_edits, "with edits kept"),
                (c.editor_added, "added by editor"),
                (c.deleted_by_editor, "deleted by editor"),
                (c.removed, "no longer extracted"),
            ) if n]
            parts.append(f"{kind}: {', '.join(bits)}")
        return "; ".join(parts)


def header(kind: str) -> str:
    return f"# yaml-language-server: $schema=./{kind}.schema.json\n"


def data_path(data_dir: Path, kind: str) -> Path:
    return data_dir / f"{kind}.yaml"


def extracted_path(data_dir: Path, kind: str) -> Path:
    return data_dir / EXTRACTED / f"{kind}.yaml"


def _fresh(records: list[dict[str, Any]]) -> str:
    """Records as a new file has them: a blank line between records, for the eye."""
    return dump_records(records, separator="\n")


def _fresh_file(kind: str, records: list[dict[str, Any]]) -> str:
    return header(kind) + (_fresh(records) if records else "[]\n")


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


# -- saving -------------------------------------------------------------------------------


def save_timeline(timeline: Timeline, data_dir: Path, *, follow_edits: bool = True) -> SaveReport:
    """Write the timeline into `data_dir`, merged with the editor's changes, all files at once.

    With `follow_edits`, people the editor merged or renamed by id are
    followed first (see apply_editor_corrections). Nothing is replaced until
    every file's new text is ready, so a failure leaves all previous files.
    """
    data_dir = Path(data_dir)
    if follow_edits:
        timeline = apply_editor_corrections(timeline, data_dir)
    report = SaveReport()
    outputs: dict[Path, str] = {}
    pinned = {"articles": _pinned_publication_dates(data_dir)}
    for kind in KINDS:
        records = [TO_MAPPING[kind](r) for r in sorted_for_new_file(kind, getattr(timeline, kind))]
        text, base_text, counts = _merged_file(kind, records, data_dir, pinned.get(kind, {}))
        report.counts[kind] = counts
        outputs[extracted_path(data_dir, kind)] = base_text
        outputs[data_path(data_dir, kind)] = text
        outputs[data_dir / f"{kind}.schema.json"] = schema_text(kind)
    report.written = write_all(outputs)
    return report


def _as_extracted(data_text: str) -> str:
    # The copy in .extracted/ names the schema one folder up.
    return data_text.replace("$schema=./", "$schema=../", 1)


def _pinned_publication_dates(data_dir: Path) -> dict[str, dict[str, Any]]:
    """{article id: {"published": value extraction gave}} for dates the editor corrected.

    The pipeline feeds a corrected date back into extraction, so the new
    extraction echoes it; remembering the echo would erase the sign of the
    edit. The last extraction keeps the value extraction found instead.
    """
    current, base = _current_and_base(data_dir, "articles")
    edited = edited_publication_dates(data_dir)
    return {
        article_id: {"published": base[article_id].get("published"), "_edited": value}
        for article_id, value in edited.items()
        if article_id in base
    }


def _merged_file(
    kind: str, new: list[dict[str, Any]], data_dir: Path, pinned: dict[str, dict[str, Any]] | None = None
) -> tuple[str, str, Counts]:
    """(data file text, last-extraction text, counts) for one kind."""
    path = data_path(data_dir, kind)
    text = _read_text(path)
    base_text = _read_text(extracted_path(data_dir, kind))
    fresh = _fresh_file(kind, new)
    if text is None:
        return fresh, _as_extracted(fresh), Counts(added=len(new))
    if base_text is not None and _as_extracted(text) == base_text:
        # The editor has not touched the file: it becomes the new extraction, no parsing needed.
        return fresh, _as_extracted(fresh), _counts_by_text(base_text, new)
    try:
        parsed = _store_yaml.parse(text)
    except _store_yaml.YamlError as error:
        where = f"{path}:{error.line}:{error.column}" if error.line else str(path)
        raise StoreError(
            f"{where}: {error.message}. The file was left as it is; fix it (summit-timeline check) "
            "and extract again"
        ) from None
    current = parsed.data if parsed.data is not None else []
    if not isinstance(current, list):
        raise StoreError(f"{path}: expected a list of records (lines starting with '- '); fix the file and extract again")
    base = _load_base(base_text, extracted_path(data_dir, kind))
    plan = plan_merge(base, current, new, field_names(kind))
    for position, record in enumerate(plan.base):
        pin = (pinned or {}).get(str(record.get("id")))
        if pin and record.get("published") == pin["_edited"]:
            plan.base[position] = {**record, "published": pin["published"]}
    if len(plan.base) != len(new) or pinned:
        remembered = _as_extracted(_fresh_file(kind, plan.base))
    else:
        remembered = _as_extracted(fresh)
    if not current:  # only comments or `[]`: append the new records
        adds = [entry.record for entry in plan.entries if isinstance(entry, Add)]
        if not adds:
            return text, remembered, plan.counts
        kept = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "[]")
        kept = kept if kept.endswith("\n") or not kept else kept + "\n"
        return (kept or header(kind)) + _fresh(adds), remembered, plan.counts
    try:
        merged = render_plan(text, parsed.root, plan, field_names(kind), _fresh)
    except Exception as error:  # noqa: BLE001 - say which file could not be merged
        raise StoreError(
            f"{path}: could not merge the new extraction into this file ({error}); "
            "it was left as it is. Run summit-timeline check, fix what it reports, and extract again"
        ) from error
    return merged, remembered, plan.counts


def _counts_by_text(base_text: str, new: list[dict[str, Any]]) -> Counts:
    before = record_texts(base_text)
    counts = Counts()
    for record in new:
        old = before.pop(str(record.get("id")), None)
        if old is None:
            counts.added += 1
        elif old == dump_record(record):
            counts.unchanged += 1
        else:
            counts.updated += 1
    counts.removed = len(before)
    return counts


def _load_base(text: str | None, path: Path) -> list[dict[str, Any]] | None:
    if text is None:
        return None
    try:
        data = _store_yaml.load_fast(text)
    except _store_yaml.YamlError:  # a damaged record of the past is no reason to stop
        return None  # without it every record counts as the editor's: nothing is overwritten
    return data if isinstance(data, list) else None


def write_all(outputs: dict[Path, str]) -> list[Path]:
    """Write every changed file via a temporary file beside it, then rename them all.

    The slow part (writing and syncing temporary files) finishes before the
    first rename, so an interrupted run leaves the previous files whole. The
    last extraction (`.extracted/`) is renamed before the data files.
    """
    pending: list[tuple[str, Path]] = []
    try:
        for path, text in sorted(outputs.items(), key=lambda item: EXTRACTED not in item[0].parts):
            if _read_text(path) == text:
                continue  # unchanged: keep its time stamp so `mkdocs serve` does not rebuild
            pending.append((_store_yaml.write_temp(path, text), path))
    except BaseException:
        for temp, _ in pending:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, path in pending:
        os.replace(temp, path)
    return [path for _, path in pending]


# -- loading and checking -----------------------------------------------------------------


# Files read before, by path, with the stat that identifies the version read: a `mkdocs serve`
# rebuild after one file was saved parses and checks only that file again.
_READ_CACHE: dict[str, tuple[tuple[int, int, int], FileData, list[Problem]]] = {}


def read_files(data_dir: Path) -> tuple[dict[str, FileData], list[Problem]]:
    """Safe-load the four files; problems for the files that cannot be read at all."""
    files: dict[str, FileData] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        path = data_path(Path(data_dir), kind)
        try:
            stat = path.stat()
        except FileNotFoundError:
            files[kind] = FileData(kind, str(path), [], _nowhere)
            continue
        version = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cache_key = str(path.absolute())
        cached = _READ_CACHE.get(cache_key)
        if cached is None or cached[0] != version:
            cached = (version, *_read_file(kind, path))
            _READ_CACHE[cache_key] = cached
        files[kind] = cached[1]
        problems.extend(cached[2])
    return files, problems


def _read_file(kind: str, path: Path) -> tuple[FileData, list[Problem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return FileData(kind, name, None, _nowhere), [
            Problem(name, f"is not UTF-8 text (byte {error.start}); save it as UTF-8")
        ]
    except FileNotFoundError:  # removed since the stat
        return FileData(kind, name, [], _nowhere), []
    try:
        data = _store_yaml.load_fast(text)
    except _store_yaml.YamlError as error:
        return FileData(kind, name, None, _nowhere), [Problem(name, error.message, error.line, error.column)]
    locate = _lazy_locator(text)
    if data is None:
        data = []
    if not isinstance(data, list):
        problem = Problem(
            name,
            f"expected a list of records (each starting with '- ') but found {type(data).__name__}; "
            "see the first lines of the file as extract writes it",
            1,
            1,
        )
        return FileData(kind, name, None, locate), [problem]
    return FileData(kind, name, data, locate), []


def _nowhere(path: Any, key: bool = False) -> None:
    return None


def _lazy_locator(text: str) -> Callable[[Any, bool], tuple[int, int] | None]:
    parsed: list[_store_yaml.Parsed] = []

    def locate(path: Any, key: bool = False) -> tuple[int, int] | None:
        if not parsed:
            parsed.append(_store_yaml.parse(text))  # only when a problem needs a place
        return parsed[0].locate(path, key)

    return locate


def load_timeline(
    data_dir: Path, *, article_texts: dict[str, str] | None = None
) -> tuple[Timeline, list[Problem]]:
    """The timeline as the YAML files hold it now, and every problem found in them.

    Records with problems are still loaded where they can be (a plain build
    warns and shows the rest); records without an id are left out. Article
    texts stay empty: they come from the seeds. With `article_texts` ({article
    id: cleaned text}) the problems include source sentences no longer found.
    """
    files, problems = read_files(Path(data_dir))
    problems = problems + check_files(files, article_texts)
    timeline = Timeline()
    for kind in KINDS:
        build = FROM_MAPPING[kind]
        records = [build(r) for r in files[kind].records or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
        setattr(timeline, kind, records)
    return timeline, problems


def check_timeline(data_dir: Path, article_texts: dict[str, str] | None = None) -> list[Problem]:
    """Every problem in the data files, located; with `article_texts` ({article id: cleaned
    text}) also every source sentence that no longer occurs in its article."""
    data_dir = Path(data_dir)
    if not any(data_path(data_dir, kind).exists() for kind in KINDS):
        return [Problem(str(data_dir), "holds no data files (articles.yaml, events.yaml, ...); "
                        "run `summit-timeline extract` first, or pass --data DIR")]
    files, problems = read_files(data_dir)
    return problems + check_files(files, article_texts)


def record_count(data_dir: Path) -> int:
    """How many records the four files hold (for `check`'s summary)."""
    files, _ = read_files(Path(data_dir))
    return sum(len(f.records or []) for f in files.values())


# -- corrections that flow into the next extraction ----------------------------------------


def _current_and_base(data_dir: Path, kind: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    def records(text: str | None) -> list[dict[str, Any]]:
        if text is None:
            return []
        try:
            data = _store_yaml.load_fast(text)
        except _store_yaml.YamlError:  # `check` reports it; nothing to follow
            return []
        return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []

    current = records(_read_text(data_path(data_dir, kind)))
    base = {r["id"]: r for r in records(_read_text(extracted_path(data_dir, kind))) if isinstance(r.get("id"), str)}
    return current, base


def edited_publication_dates(data_dir: Path) -> dict[str, str]:
    """{article id: published} for every publication date the editor set or changed.

    The pipeline resolves each article's relative dates ("yesterday") against these.
    """
    from generator._store_check import date_problem

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
    current, _ = _current_and_base(Path(data_dir), "people")
    current_ids = {r.get("id") for r in current}
    by_alias: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for record in current:
        person_id = record.get("id")
        if not isinstance(person_id, str):
            continue
        by_name.setdefault(_norm(record.get("name")), person_id)
        aliases = record.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            by_alias.setdefault(_norm(alias), person_id)
    remap: dict[str, str] = {}
    for person in extracted_people:
        name = _norm(person.name)
        target = by_alias.get(name)
        if target is None and person.id not in current_ids:
            target = by_name.get(name)
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


__all__ = [
    "SaveReport",
    "StoreError",
    "apply_editor_corrections",
    "check_timeline",
    "edited_publication_dates",
    "load_timeline",
    "person_id_remap",
    "record_count",
    "save_timeline",
]

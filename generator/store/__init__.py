"""The `store` stage: the timeline as YAML files in docs/data/, edits kept, errors located.

Files: articles.yaml, events.yaml, statements.yaml, people.yaml, each a list
of records whose first line names its JSON Schema (shipped beside it) so
editors' YAML language servers check edits as they type. `.extracted/` keeps
what extraction wrote last; the difference between it and a data file is the
editor's work, which a new extraction never overwrites (see _merge); a
record keeps its id when its article's words change a little (_identity).
A save is one transaction under the folder's lock (_transaction, _lock), and
a file that cannot be read is replaced for readers by its last good copy (_files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SummitTimelineError
from generator.model import Problem, Timeline
from generator.store import _yaml
from generator.store._check import check_files, schema_text
from generator.store._corrections import (
    apply_editor_corrections,
    edited_publication_dates,
    person_id_remap,
    pinned_publication_dates,
)
from generator.store._emit import WrittenRecords, dump_record, dump_records, record_texts
from generator.store._files import (
    UnreadableFile,
    changes_for,
    data_path,
    extracted_path,
    header,
    read_file,
    read_files,
    read_text,
)
from generator.store._identity import carried_ids, rename
from generator.store._lock import LOCK_NAME, DataFolderBusy, reader_repair, writer_lock
from generator.store._merge import Add, Counts, LastExtraction, RecordsById, plan_merge
from generator.store._records import FROM_MAPPING, KINDS, TO_MAPPING, field_names, sorted_for_new_file
from generator.store._text import cut, render_plan
from generator.store._transaction import commit, committed, digest, file_digest, needs_repair, recover
from generator.store._yaml import YamlError
from generator.store._yaml import load_text as load_yaml_text


class StoreError(SummitTimelineError):
    """The data cannot be merged or written; the message says where and what to do."""


@dataclass
class SaveReport:
    """What a save did, per kind of record."""

    counts: dict[str, Counts] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    # Data files an editor saved during the save: kept as they are, their kind not written.
    kept_by_editor: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the editor should know, in plain words

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
            bits += [
                f"{n} {label}"
                for n, label in (
                    (c.kept_edits, "with edits kept"),
                    (c.editor_added, "added by editor"),
                    (c.deleted_by_editor, "deleted by editor"),
                    (c.removed, "no longer extracted"),
                )
                if n
            ]
            parts.append(f"{kind}: {', '.join(bits)}")
        return "; ".join(parts)


def _fresh(records: list[dict[str, Any]]) -> str:
    """Records as a new file has them: a blank line between records, for the eye."""
    return dump_records(records, separator="\n")


def _fresh_file(kind: str, records: list[dict[str, Any]]) -> str:
    return header(kind) + (_fresh(records) if records else "[]\n")


# -- saving -------------------------------------------------------------------------------


def save_timeline(timeline: Timeline, data_dir: Path, *, follow_edits: bool = True) -> SaveReport:
    """Write the timeline into `data_dir`, merged with the editor's changes, as one transaction.

    With `follow_edits`, people the editor merged or renamed by id are
    followed first (see apply_editor_corrections). Every file is staged before
    any is replaced, and the next run finishes or undoes a save that was
    interrupted (see _transaction). A data file an editor saves while the
    merge runs is merged again; one saved at the last moment is kept as the
    editor left it, with its kind not written this time (`kept_by_editor`).
    """
    data_dir = Path(data_dir)
    with writer_lock(data_dir):
        recover(data_dir)
        if follow_edits:
            timeline = apply_editor_corrections(timeline, data_dir)
        report = SaveReport()
        pinned = {"articles": pinned_publication_dates(data_dir)}
        new = {
            kind: [TO_MAPPING[kind](r) for r in sorted_for_new_file(kind, getattr(timeline, kind))] for kind in KINDS
        }
        outputs: dict[Path, str] = {}
        read: dict[Path, str | None] = {}

        noticed: dict[str, Any] = {}

        def merge(kind: str) -> None:
            if kind == "statements":  # an event that kept its id through a rewording keeps its statements
                new[kind] = rename(new[kind], noticed.get("carried", {}).get("events", {}), "event")
            text, base_text, counts, read_hash = _merged_file(
                kind, new[kind], data_dir, pinned.get(kind, {}), noticed
            )
            report.counts[kind] = counts
            outputs[extracted_path(data_dir, kind)] = base_text
            outputs[data_path(data_dir, kind)] = text
            read[data_path(data_dir, kind)] = read_hash
            outputs[data_dir / f"{kind}.schema.json"] = schema_text(kind)

        for kind in KINDS:
            merge(kind)
        for _attempt in range(2):  # an editor saved while we merged: merge into their new text
            for kind in [k for k in KINDS if file_digest(data_path(data_dir, k)) != read[data_path(data_dir, k)]]:
                merge(kind)
        report.notes = _stale_notes(noticed.get("stale", {}), new["articles"], data_dir)
        applied = commit(data_dir, changes_for(outputs, read))
        report.written = applied.written
        report.kept_by_editor = [path.name for path in applied.kept]
        report.notes += [
            f"{name}: saved by someone while extract was writing it: that version was kept, and this "
            "run's changes to it were not written; run extract again to merge them into it"
            for name in report.kept_by_editor
        ]
    return report


def _as_extracted(data_text: str) -> str:
    # The copy in .extracted/ names the schema one folder up.
    return data_text.replace("$schema=./", "$schema=../", 1)


_LEFT_AS_IT_IS = "The file was left as it is; fix it (summit-timeline check) and extract again"


def _merged_file(
    kind: str,
    new: list[dict[str, Any]],
    data_dir: Path,
    pinned: dict[str, dict[str, Any]] | None = None,
    noticed: dict[str, Any] | None = None,
) -> tuple[str, str, Counts, str | None]:
    """(data file text, last-extraction text, counts, hash of the data file as read) for one kind."""
    path = data_path(data_dir, kind)
    try:
        text = read_text(path)
    except _yaml.YamlError as error:
        raise StoreError(f"{error.where(path)}: {error.message}. {_LEFT_AS_IT_IS}") from None
    read_hash = None if text is None else digest(text.encode("utf-8"))
    merged, base, counts = _merged_text(kind, new, data_dir, pinned, path, text, {} if noticed is None else noticed)
    return merged, base, counts, read_hash


def _merged_text(
    kind: str,
    new: list[dict[str, Any]],
    data_dir: Path,
    pinned: dict[str, dict[str, Any]] | None,
    path: Path,
    text: str | None,
    noticed: dict[str, Any],
) -> tuple[str, str, Counts]:
    """The merge of one kind; what it noticed (reworded ids carried, stale records) goes into `noticed`."""
    try:
        base_text = read_text(extracted_path(data_dir, kind))
    except _yaml.YamlError:  # unreadable: every record counts as the editor's, nothing is overwritten
        base_text = None
    fresh = _fresh_file(kind, new)
    if text is None:
        return fresh, _as_extracted(fresh), Counts(added=len(new))
    if base_text is not None and _as_extracted(text) == base_text:
        # The editor has not touched the file: it becomes the new extraction, no parsing needed.
        return fresh, _as_extracted(fresh), _counts_by_text(base_text, new)
    try:
        parsed = _yaml.parse(text)
    except _yaml.YamlError as error:
        raise StoreError(f"{error.where(path)}: {error.message}. {_LEFT_AS_IT_IS}") from None
    if parsed.duplicates:  # merging would silently drop one of the two values
        twice = parsed.duplicates[0]
        where = f"{path}:{twice.line}:{twice.column}: {'.'.join(p for p in (twice.record, twice.key) if p)}"
        more = f" (and {len(parsed.duplicates) - 1} more)" if len(parsed.duplicates) > 1 else ""
        raise StoreError(f"{where}: {twice.message}{more}. {_LEFT_AS_IT_IS}")
    current = parsed.data if parsed.data is not None else []
    if not isinstance(current, list):
        raise StoreError(
            f"{path}: expected a list of records (lines starting with '- '); fix the file and extract again"
        )
    base = _load_base(base_text)
    current_ids = {r["id"] for r in current if isinstance(r, dict) and isinstance(r.get("id"), str)}
    if base is not None:
        carried = carried_ids(kind, new, base.ids(), base.get, current_ids - set(base.ids()))
        if carried:
            new[:] = rename(new, carried)
            fresh = _fresh_file(kind, new)
            noticed.setdefault("carried", {}).setdefault(kind, {}).update(carried)
    plan = plan_merge(base, current, new, field_names(kind), _commented(text, parsed.root))
    noticed.setdefault("stale", {})[kind] = plan.stale
    for position, record in enumerate(plan.base):
        pin = (pinned or {}).get(str(record.get("id")))
        if pin and record.get("published") == pin["_edited"]:
            plan.base[position] = {**record, "published": pin["published"]}
    if len(plan.base) != len(new) or pinned:
        extracted_text = _as_extracted(_fresh_file(kind, plan.base))
    else:
        extracted_text = _as_extracted(fresh)
    if not current:  # only comments or `[]`: append the new records
        adds = [entry.record for entry in plan.entries if isinstance(entry, Add)]
        if not adds:
            return text, extracted_text, plan.counts
        kept = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "[]")
        kept = kept if kept.endswith("\n") or not kept else kept + "\n"
        return (kept or header(kind)) + _fresh(adds), extracted_text, plan.counts
    try:
        merged = render_plan(text, parsed.root, plan, field_names(kind), _fresh)
    except Exception as error:  # noqa: BLE001 - say which file could not be merged
        raise StoreError(
            f"{path}: could not merge the new extraction into this file ({error}); "
            "it was left as it is. Run summit-timeline check, fix what it reports, and extract again"
        ) from error
    return merged, extracted_text, plan.counts


def _commented(text: str, root: Any) -> set[int]:
    """Positions of the records with an editor's comment above or inside them."""
    pieces = cut(text, root)
    if pieces is None:
        return set()
    # The first record's comment lines sit in the file's prefix, after the schema line.
    first_lead = "".join(line for line in pieces.prefix.splitlines(keepends=True) if "yaml-language-server" not in line)
    leads = [first_lead + pieces.leads[0], *pieces.leads[1:]]
    return {
        index
        for index, (lead, body) in enumerate(zip(leads, pieces.bodies, strict=True))
        if _COMMENT.search(lead) or _COMMENT.search(body)
    }


# A comment line, or ` # ` after a value (written values holding ` #` are quoted, so this errs on keeping).
_COMMENT = re.compile(r"^\s*#|\s#(\s|$)", re.MULTILINE)


def _stale_notes(stale: dict[str, list[dict[str, Any]]], articles: list[dict[str, Any]], data_dir: Path) -> list[str]:
    """Plain words for records kept for the editor whose article is no longer in the seeds."""
    present = {str(a.get("id")) for a in articles}
    files = {}
    for record in _records_of(extracted_path(data_dir, "articles")) + _records_of(data_path(data_dir, "articles")):
        files.setdefault(str(record.get("id")), str(record.get("file") or record.get("id")))
    notes = []
    for kind, records in stale.items():
        by_article: dict[str, int] = {}
        for record in records:
            for article in sorted(_record_articles(record) - present):
                by_article[article] = by_article.get(article, 0) + 1
        for article, count in sorted(by_article.items()):
            edited = "record you edited or commented comes" if count == 1 else "records you edited or commented come"
            notes.append(
                f"{kind}.yaml: {count} {edited} from {files.get(article, article)} (article {article}), "
                "which is no longer in the seeds: kept; delete them or put the article back"
            )
    return notes


def _record_articles(record: dict[str, Any]) -> set[str]:
    source = record.get("source")
    found = {str(source.get("article"))} if isinstance(source, dict) else set()
    sources = record.get("sources")
    if isinstance(sources, list):
        found |= {str(s.get("article")) for s in sources if isinstance(s, dict)}
    return found


def _records_of(path: Path) -> list[dict[str, Any]]:
    return [r for r in read_file("articles", path)[0].records or [] if isinstance(r, dict)]


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


def _load_base(text: str | None) -> LastExtraction | None:
    """The last extraction; None (every record counts as the editor's) if there is none to read."""
    if text is None:
        return None
    written = WrittenRecords(text)
    if written.ids() or not any(line.startswith("-") for line in text.splitlines()):
        return written
    try:  # not laid out as this version writes it: read it whole
        data = _yaml.load_fast(text)
    except _yaml.YamlError:  # a damaged record of the past is no reason to stop
        return None  # without it every record counts as the editor's: nothing is overwritten
    return RecordsById(data) if isinstance(data, list) else None


# -- loading and checking -----------------------------------------------------------------


def repair(data_dir: Path) -> None:
    """Finish or undo a save that was interrupted, if the folder holds one and no one is writing.

    Readers call this first, so `check` and the site see the old state or the
    new one, never a half-applied save. A folder one cannot write is read as it is.
    """
    data_dir = Path(data_dir)
    if not needs_repair(data_dir) and not (data_dir / LOCK_NAME).exists():  # a killed run's lock file
        return
    try:
        with reader_repair(data_dir) as free:
            if free:
                recover(data_dir)
    except OSError:
        pass


def load_timeline(
    data_dir: Path,
    *,
    article_texts: dict[str, str] | None = None,
    last_good: Path | None = None,
    article_captions: dict[str, list[str]] | None = None,
) -> tuple[Timeline, list[Problem]]:
    """The timeline as the YAML files hold it now, and every problem found in them.

    A file that cannot be read is replaced by its last good copy (kept in
    `last_good` when given, see read_files) and reported as UnreadableFile.

    Records with problems are still loaded where they can be (a plain build
    warns and shows the rest); records without an id are left out. Article
    texts stay empty: they come from the seeds. With `article_texts` ({article
    id: cleaned text}) the problems include source sentences no longer found, and with
    `article_captions` ({article id: photo captions}) caption sources no longer found.
    """
    repair(Path(data_dir))
    files, problems = read_files(Path(data_dir), last_good)
    problems = problems + check_files(files, article_texts, article_captions)
    timeline = Timeline()
    for kind in KINDS:
        build = FROM_MAPPING[kind]
        records = [build(r) for r in files[kind].records or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
        setattr(timeline, kind, records)
    return timeline, problems


def check_timeline(
    data_dir: Path,
    article_texts: dict[str, str] | None = None,
    article_captions: dict[str, list[str]] | None = None,
) -> list[Problem]:
    """Every problem in the data files, located; with `article_texts` ({article id: cleaned
    text}) also every source sentence that no longer occurs in its article, and with
    `article_captions` ({article id: photo captions}) every caption source no longer in them."""
    data_dir = Path(data_dir)
    repair(data_dir)
    missing = missing_data(data_dir)
    if missing:
        return [missing]
    files, problems = read_files(data_dir)
    return problems + check_files(files, article_texts, article_captions)


def missing_data(data_dir: Path) -> Problem | None:
    """The problem of a data folder that holds none of the four files, else None."""
    data_dir = Path(data_dir)
    repair(data_dir)
    if any(data_path(data_dir, kind).exists() for kind in KINDS):
        return None
    return Problem(
        str(data_dir),
        "holds no data files (articles.yaml, events.yaml, ...); "
        "run `summit-timeline extract` first, or pass --data DIR",
    )


def record_count(data_dir: Path) -> int:
    """How many records the four files hold (for `check`'s summary)."""
    files, _ = read_files(Path(data_dir))
    return sum(len(f.records or []) for f in files.values())


__all__ = [
    "DataFolderBusy",
    "SaveReport",
    "StoreError",
    "UnreadableFile",
    "YamlError",
    "apply_editor_corrections",
    "check_timeline",
    "committed",
    "edited_publication_dates",
    "dump_records",
    "load_timeline",
    "load_yaml_text",
    "missing_data",
    "person_id_remap",
    "record_count",
    "repair",
    "save_timeline",
    "writer_lock",
]

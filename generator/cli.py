"""Command line: parses arguments, calls the pipeline, prints. Nothing else."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import SummitTimelineError
from generator.model import PartialDate

DEFAULT_SEEDS = Path("seeds")
DEFAULT_DATA = Path("docs/data")
DEFAULT_TIME_BUDGET = 60.0  # seconds; generator.pipeline.DEFAULT_TIME_BUDGET, without importing it


def _read_input(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8")


def _reference(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def command_extract(args: argparse.Namespace) -> int:
    from generator.pipeline import extract

    if args.jobs < 1:
        print("summit-timeline: --jobs must be 1 or more", file=sys.stderr)
        return 2
    if not args.time_budget >= 0:  # also refuses "nan"
        print("summit-timeline: --time-budget must be 0 (no limit) or more seconds", file=sys.stderr)
        return 2
    progress = _progress_printer() if sys.stderr.isatty() else None
    cache_dir = None if args.no_cache else args.cache
    report = extract(
        args.seeds,
        args.data,
        jobs=args.jobs,
        cache_dir=cache_dir,
        progress=progress,
        time_budget=args.time_budget or None,
    )
    if progress:
        print(file=sys.stderr)
    for problem in report.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    print(
        f"extracted {report.articles} article parts from {args.seeds} into {args.data}; "
        f"skipped {len(report.skipped)} file(s) or article part(s)"
    )
    if report.save is not None:
        print(report.save)
        for note in report.save.notes:
            print(f"note: {note}", file=sys.stderr)
    return 0


def _progress_printer():
    """A one-line progress bar on stderr (only used on a terminal)."""

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        print(f"\rparsing [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)

    return show


def command_check(args: argparse.Namespace) -> int:
    from generator.pipeline import load_site_timeline
    from generator.store import missing_data, record_count

    missing = missing_data(args.data)
    problems = [missing] if missing else load_site_timeline(args.data, args.seeds).problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{args.data}: {len(problems)} problem(s); fix them and run `check` again", file=sys.stderr)
        return 1
    print(f"{args.data}: no problems found in {record_count(args.data)} records")
    return 0


def command_render(args: argparse.Namespace) -> int:
    from generator.pipeline import render_to_folder

    count, problems = render_to_folder(args.data, args.seeds, args.out)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {count} files to {args.out}")
    return 0


def command_dates(args: argparse.Namespace) -> int:
    from generator.dates import find_time_expressions

    text = _read_input(args.file)
    records = [
        {"start": e.start, "end": e.end, "text": e.text, "type": e.type, "value": e.value}
        for e in find_time_expressions(text, args.reference)
    ]
    print(json.dumps(records, ensure_ascii=False, indent=1))
    return 0


def command_quotes(args: argparse.Namespace) -> int:
    from generator.pipeline import analyse_text
    from generator.statements import quotes_as_json_records

    analysis = analyse_text(_read_input(args.file), args.reference)
    records = quotes_as_json_records(analysis.statements, analysis.people)
    print(json.dumps(records, ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit-timeline",
        description="Turn news articles about summits into a sourced, browsable timeline.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="articles → YAML in the data folder, keeping edits")
    extract.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of articles")
    extract.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of YAML data")
    extract.add_argument("--jobs", type=int, default=1, help="processes that parse in parallel")
    extract.add_argument(
        "--cache", type=Path, default=Path(".cache/summit-timeline"), help="analysis cache folder"
    )
    extract.add_argument("--no-cache", action="store_true", help="parse every article again")
    extract.add_argument(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help=f"CPU seconds after which an article is stopped and skipped (default {DEFAULT_TIME_BUDGET:g}; 0 = none)",
    )
    extract.set_defaults(run=command_extract)

    check = commands.add_parser("check", help="validate the YAML; exit 1 with located errors")
    check.add_argument("--data", type=Path, default=DEFAULT_DATA)
    check.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="to check source sentences")
    check.set_defaults(run=command_check)

    render = commands.add_parser("render", help="write the site's Markdown pages and downloads")
    render.add_argument("--data", type=Path, default=DEFAULT_DATA)
    render.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    render.add_argument("--out", type=Path, required=True, help="folder to write into")
    render.set_defaults(run=command_render)

    dates = commands.add_parser("dates", help="print the time expressions of a text as JSON")
    dates.add_argument("--reference", type=_reference, default=None, help="YYYY-MM-DD")
    dates.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
    dates.set_defaults(run=command_dates)

    quotes = commands.add_parser("quotes", help="print the statements of a text as JSON")
    quotes.add_argument("--reference", type=_reference, default=None, help="YYYY-MM-DD")
    quotes.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
    quotes.set_defaults(run=command_quotes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except FileNotFoundError as error:
        print(f"summit-timeline: {error.filename}: no such file or folder", file=sys.stderr)
        return 2
    except SummitTimelineError as error:
        print(f"summit-timeline: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_interrupted(args), file=sys.stderr)
        return 130


def _interrupted(args: argparse.Namespace) -> str:
    """What a Ctrl-C left: for extract, whether its save had been committed."""
    if args.command != "extract":
        return "summit-timeline: interrupted"
    from generator.store import committed

    if committed(args.data):
        return (
            f"summit-timeline: interrupted: the save into {args.data} was committed and will be "
            "finished by the next run (extract or check)"
        )
    return f"summit-timeline: interrupted: nothing was written to {args.data}"

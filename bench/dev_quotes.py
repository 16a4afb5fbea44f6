"""Score the quotes stage on the PolNeAR dev split (real news, human annotation).

    .venv/bin/python bench/dev_quotes.py [--dev ../shared/dev] [--time-limit 20]
                                         [--subset statements|all] [--limit N] [--json FILE]
                                         [--without-pronoun-gold] [--by-speaker-source]

Runs the scorer that comes with the data, `DEV/quotes/score.py`, with
`--callable bench/dev_quotes.py:quotes`, and prints its table: precision,
recall and F1 of the statements found, and of those with the right speaker, for
all statements and for direct quotes alone. The same path as `summit-timeline
quotes` (`analyse_text`, then `quotes_as_json_records`).

Each document has a time limit in CPU seconds (so that a busy machine does not
make a slow document of a fast one): one past it is reported (on stderr, with
its length and first words) and counts as no statements found, so a hang shows
up as a lower recall and a line in the report instead of a run that never ends.
The data is not part of the project (see DEV/README.md); nothing of it is kept.

`--without-pronoun-gold` scores a second time with the gold items whose speaker is
only a bare pronoun or relative ("she", "he", "who"; also the stray "said") left
unattributed: the annotation could not resolve them, and no speaker a resolver
gives (a name) can ever match them, so that table shows how often the speakers
that can be judged are right. `--by-speaker-source` scores once more for each way
the annotation got its speaker (`speaker_resolved_by`: `mention`, the annotator's own
source span; `corenlp-coref`, an automatic coreference chain; `none`, the span's words
as they stand, often a pronoun or a description), every other gold speaker left
unattributed: it shows where the speakers that disagree with the gold come from. The
gold copies live in a temporary folder and are deleted after the run.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# CPU seconds one document may take (parse included); the scorer's process reads it from here.
TIME_LIMIT_VARIABLE = "DEV_QUOTES_TIME_LIMIT"
DEFAULT_TIME_LIMIT = 20.0
TIMEOUT_MARK = "dev_quotes: time limit"


# Gold "speakers" that are no one a resolver could name.
BARE_PRONOUN_SPEAKERS = frozenset(
    ["he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "his", "who", "which",
     "said"]
)


# How the annotation got a gold speaker (`speaker_resolved_by`), for --by-speaker-source.
SPEAKER_SOURCES = ("mention", "corenlp-coref", "none")


def _gold_without(gold: Path, folder: Path, drop: Callable[[dict], bool]) -> tuple[Path, int]:
    """A copy of the gold file whose speakers of the quotes `drop` picks are null; how many."""
    copy, count = folder / gold.name, 0
    with gold.open(encoding="utf-8") as source, copy.open("w", encoding="utf-8") as target:
        for line in source:
            document = json.loads(line)
            for quote in document["quotes"]:
                if quote.get("speaker") and drop(quote):
                    quote["speaker"], count = None, count + 1
            target.write(json.dumps(document) + "\n")
    return copy, count


def _bare_pronoun(quote: dict) -> bool:
    return (quote.get("speaker") or "").strip().lower() in BARE_PRONOUN_SPEAKERS


class _TimeLimit(Exception):
    pass


def _on_time_limit(signum, frame):
    raise _TimeLimit()


def setup() -> None:
    """Load the spaCy pipeline once, so that the first document is not charged for it."""
    from generator.pipeline import analyse_text

    analyse_text("The minister said the talks would go on.")


def quotes(text: str) -> list[dict]:
    """The statements of one document as the scorer reads them; [] past the time limit."""
    from generator.pipeline import analyse_text
    from generator.statements import quotes_as_json_records

    limit = float(os.environ.get(TIME_LIMIT_VARIABLE, DEFAULT_TIME_LIMIT))
    previous = signal.signal(signal.SIGPROF, _on_time_limit)
    signal.setitimer(signal.ITIMER_PROF, limit)  # counts this process's CPU time
    started = time.process_time()
    try:
        analysis = analyse_text(text)
        return quotes_as_json_records(analysis.statements, analysis.people)
    except _TimeLimit:
        opening = " ".join(text.split()[:8])
        print(
            f"{TIMEOUT_MARK} of {limit:g} CPU s passed after {time.process_time() - started:.1f} s "
            f"on a document of {len(text)} characters ({opening!r} ...): no statements counted",
            file=sys.stderr,
            flush=True,
        )
        return []
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev",
                        help="the development data folder (default: ../shared/dev next to the repository)")
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT,
                        help=f"CPU seconds per document before it is given up (default {DEFAULT_TIME_LIMIT:g})")
    parser.add_argument("--subset", choices=["statements", "all"], default="statements")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    parser.add_argument("--json", type=Path, help="also write the scorer's figures as JSON here")
    parser.add_argument("--without-pronoun-gold", action="store_true",
                        help="score a second time without the gold speakers that are bare pronouns")
    parser.add_argument("--by-speaker-source", action="store_true",
                        help="score once more for each way the annotation resolved its speakers")
    args = parser.parse_args()

    scorer = args.dev / "quotes" / "score.py"
    gold = args.dev / "quotes" / "polnear_dev.jsonl"
    for needed in (scorer, gold):
        if not needed.is_file():
            print(f"dev_quotes: {needed} not found; give the development data folder with --dev",
                  file=sys.stderr)
            return 2
    environment = dict(os.environ, **{TIME_LIMIT_VARIABLE: str(args.time_limit)})

    def score(gold_file: Path, json_out: Path | None) -> tuple[int, int]:
        command = [
            sys.executable, str(scorer), "--gold", str(gold_file),
            "--callable", f"{Path(__file__).resolve()}:quotes",
            "--subset", args.subset, "--limit", str(args.limit),
        ]
        if json_out:
            command += ["--json", str(json_out)]
        run = subprocess.run(command, env=environment, stderr=subprocess.PIPE, text=True,
                             check=False)
        timed_out = [line for line in run.stderr.splitlines() if line.startswith(TIMEOUT_MARK)]
        sys.stderr.write(run.stderr)
        print(f"{len(timed_out)} document(s) past the time limit of {args.time_limit:g} CPU s",
              flush=True)
        return run.returncode, len(timed_out)

    code, timed_out = score(gold, args.json)
    again: list[tuple[str, Callable[[dict], bool]]] = []
    if args.without_pronoun_gold:
        again.append((f"the gold speakers that are a bare pronoun ({', '.join(sorted(BARE_PRONOUN_SPEAKERS))})",
                      _bare_pronoun))
    if args.by_speaker_source:
        again += [(f"every gold speaker not resolved by {source!r}",
                   lambda quote, source=source: quote.get("speaker_resolved_by") != source)
                  for source in SPEAKER_SOURCES]
    for what, drop in again:
        if code:
            break
        with tempfile.TemporaryDirectory() as folder:
            copy, count = _gold_without(gold, Path(folder), drop)
            print(f"\nAgain, with {what} left unattributed ({count}):", flush=True)
            code, more = score(copy, None)
            timed_out += more
    return code or (1 if timed_out else 0)

if __name__ == "__main__":
    sys.exit(main())

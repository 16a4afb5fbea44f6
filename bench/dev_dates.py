"""Score the dates stage on TimeBank + AQUAINT (real news, human TIMEX3 annotation).

    .venv/bin/python bench/dev_dates.py [--dev ../shared/dev] [--show-errors]

Runs the scorer that comes with the data, `DEV/timex/score.py`, with
`--py bench/dev_dates.py:tag` (the same path as `summit-timeline dates
--reference DCT -`, without a process per document) and prints its table:
strict and relaxed span P/R/F1, value accuracy and TempEval-3 value F1, for
all TIMEX3 types and for DATE alone. The data is not part of the project (see
DEV/README.md); nothing of it is kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tag(text: str, dct: str) -> list[dict]:
    """The time expressions of one document as the scorer reads them."""
    from generator.dates import find_time_expressions
    from generator.model import PartialDate

    return [
        {"start": e.start, "end": e.end, "text": e.text, "type": e.type, "value": e.value}
        for e in find_time_expressions(text, PartialDate.parse(dct))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev",
                        help="the development data folder (default: ../shared/dev next to the repository)")
    parser.add_argument("--show-errors", action="store_true", help="also list every miss and wrong value")
    args = parser.parse_args()
    scorer, gold = args.dev / "timex" / "score.py", args.dev / "timex" / "tbaq.jsonl"
    for needed in (scorer, gold):
        if not needed.is_file():
            print(f"dev_dates: {needed} not found; give the development data folder with --dev", file=sys.stderr)
            return 2
    command = [sys.executable, str(scorer), "--gold", str(gold), "--py", f"{Path(__file__).resolve()}:tag"]
    return subprocess.run(command + (["--show-errors"] if args.show_errors else []), check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())

"""Score the events stage on the real news sets with journalists' timelines.

    .venv/bin/python bench/dev_timelines.py [--dev ../shared/dev] [--out /tmp/dev-timelines]
                                            [--cache DIR] [--sets iraq bpoil karzai sharif]

For each set, runs the real extract (`pipeline.extract`, as `summit-timeline
extract` does) into OUT/<set> and then the scorer that comes with the data,
`DEV/news/score_timeline.py` (`--window-ext 7` for the Entities sets, as
news-tls scores them), and prints one line per set: date recall and Date-F1@k,
then the trivial baseline's Date-F1@k (one event per article on its
publication day) for comparison. The data is not part of the project (see
DEV/README.md); nothing of it is kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# set name -> (folder under DEV/news, window extension in days, trivial baseline's Date-F1@k)
SETS = {
    "iraq": ("t17_iraq_guardian", 0, 0.445),
    "bpoil": ("t17_bpoil_guardian", 0, 0.673),
    "karzai": ("entities_karzai", 7, 0.118),
    "sharif": ("entities_sharif", 7, 0.074),
}


def score(dev: Path, folder: str, ext: int, pred: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, str(dev / "news" / "score_timeline.py"), "--gold", str(dev / "news" / folder),
         "--pred", str(pred), "--window-ext", str(ext)],
        capture_output=True, text=True, check=True,
    )
    return dict(line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dev-timelines")
    parser.add_argument("--cache", type=Path, default=None, help="analysis cache (default: none)")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    args = parser.parse_args()
    if not (args.dev / "news").is_dir():
        parser.error(f"no news sets under {args.dev}: pass --dev with the folder that holds news/")
    from generator import pipeline

    print("set\tdate_recall\tdate_f1_at_k\tbaseline_f1_at_k\tevents")
    for name in args.sets:
        folder, ext, baseline = SETS[name]
        out = args.out / name
        pipeline.extract(args.dev / "news" / folder / "articles", out, cache_dir=args.cache)
        figures = score(args.dev, folder, ext, out)
        row = (name, figures["date_recall"], figures["date_f1_at_k"], baseline, figures["events"])
        print("\t".join(map(str, row)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Soak test: the real `extract` over real folders of articles. Prints figures.

    python bench/soak.py FOLDER... [--jobs N] [--time-budget SECONDS] [--cache DIR] [--slowest 10]

Each folder is extracted by `generator.pipeline.extract` in a fresh process
(so each pays for loading spaCy once, as a user's run does) into a scratch
data folder under /tmp, without the analysis cache unless --cache is given.
Prints, per folder and overall: articles, wall time, articles/s, the slowest
article parts with their CPU seconds (what the time budget counts), peak
memory, and every file skipped with the reason (unreadable, empty, too long,
or past the per-article time budget).
Exits 1 when anything was skipped, so that a clean soak is a clean exit.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_folder(folder: Path, data: Path, jobs: int, time_budget: float, cache: Path | None) -> dict:
    """Extract one folder in this process; the figures as a JSON-able mapping."""
    sys.path.insert(0, str(ROOT))
    from generator import pipeline

    started = time.perf_counter()
    report = pipeline.extract(folder, data, jobs=jobs, cache_dir=cache, time_budget=time_budget or None)
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest worker, not their sum.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "folder": str(folder),
        "articles": report.articles,
        "seconds": seconds,
        "timings": report.timings,
        "skipped": [str(problem) for problem in report.skipped],
        "peak_mb": own,
        "peak_worker_mb": worker,
    }


def soak(folder: Path, jobs: int, time_budget: float, cache: Path | None) -> dict:
    """Run `run_folder` in a fresh Python process and read its figures back."""
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        command = [
            sys.executable,
            __file__,
            "--child",
            str(folder),
            "--data",
            str(Path(scratch) / "data"),
            "--jobs",
            str(jobs),
            "--time-budget",
            str(time_budget),
        ]
        if cache is not None:
            command += ["--cache", str(cache)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"soak: extract failed on {folder}:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.splitlines()[-1])


def print_figures(runs: list[dict], slowest: int) -> None:
    for run in runs:
        rate = run["articles"] / run["seconds"] if run["seconds"] else 0.0
        print(
            f"{run['folder']}: {run['articles']} article parts in {run['seconds']:.1f} s "
            f"({rate:.2f} articles/s), peak memory {run['peak_mb']:.0f} MB"
            + (f" (largest worker {run['peak_worker_mb']:.0f} MB)" if run["peak_worker_mb"] else "")
            + f", skipped {len(run['skipped'])}"
        )
    articles = sum(run["articles"] for run in runs)
    seconds = sum(run["seconds"] for run in runs)
    timings = [(value, run["folder"], name) for run in runs for name, value in run["timings"].items()]
    print(
        f"\nall: {articles} article parts in {seconds:.1f} s = {articles / seconds if seconds else 0:.2f} "
        f"articles/s (wall time, spaCy loading included); analysis {sum(t for t, _, _ in timings):.1f} "
        f"CPU seconds over {len(timings)} parts"
    )
    print(
        f"peak memory: {max(run['peak_mb'] for run in runs):.0f} MB main process, "
        f"{max(run['peak_worker_mb'] for run in runs):.0f} MB largest worker"
    )
    print(f"\nslowest {min(slowest, len(timings))} article parts, CPU seconds (parse share + stages):")
    for value, folder, name in sorted(timings, reverse=True)[:slowest]:
        print(f"  {value:7.2f} s  {Path(folder) / name}")
    skipped = [(run["folder"], problem) for run in runs for problem in run["skipped"]]
    print(f"\nskipped: {len(skipped)}")
    for folder, problem in skipped:
        print(f"  {folder}: {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="folders of articles")
    parser.add_argument("--jobs", type=int, default=1, help="extract's --jobs")
    parser.add_argument("--time-budget", type=float, default=60.0, help="extract's --time-budget (0: none)")
    parser.add_argument("--cache", type=Path, default=None, help="analysis cache folder (default: none)")
    parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest articles to list")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        (folder,) = args.folders
        print(json.dumps(run_folder(folder, args.data, args.jobs, args.time_budget, args.cache)))
        return 0
    missing = [folder for folder in args.folders if not folder.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(map(str, missing))}")
    runs = []
    for folder in args.folders:
        print(f"extracting {folder} …", file=sys.stderr, flush=True)
        runs.append(soak(folder.resolve(), args.jobs, args.time_budget, args.cache))
    print_figures(runs, args.slowest)
    return 1 if any(run["skipped"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())

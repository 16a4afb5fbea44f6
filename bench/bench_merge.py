"""Benchmark of the cross-article merge on archives of growing size. Prints figures.

    python bench/bench_merge.py FOLDER [--cache DIR] [--times 1 2 4 8]

Extracts FOLDER once (with the analysis cache, so a second run skips the parse),
then builds the timeline (people, event merge, statement links) from its
analyses repeated N times: each copy's articles, people, places and titles
are made distinct, so the copies are as many different happenings on the same
days, as a larger archive of the same period holds. Prints, per N, the reports
merged, the events left and the seconds `build_timeline` took: time that grows
much faster than N means a comparison of every event with every other.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copies(analyses: list, n: int) -> list:
    """`analyses` n times over, each copy's events of distinct articles, people and titles."""
    out = []
    for copy in range(n):
        for analysis in analyses:
            events = [
                replace(
                    event,
                    title=f"{event.title} Copy{copy}",
                    people=[f"{person}~{copy}" for person in event.people],
                    place=f"{event.place}~{copy}" if event.place else event.place,
                    sources=[replace(source, article=f"{source.article}~{copy}") for source in event.sources],
                )
                for event in analysis.events
            ]
            out.append(replace(analysis, events=events))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of articles")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "summit-timeline-bench-cache")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from generator import pipeline

    captured: list = []
    build = pipeline.build_timeline

    def keep(analyses):
        captured.extend(analyses)
        return build(captured)

    pipeline.build_timeline = keep  # the one place the analyses pass through whole
    with tempfile.TemporaryDirectory() as data:
        pipeline.extract(args.folder, Path(data), cache_dir=args.cache)
    pipeline.build_timeline = build
    print("copies\tarticles\treports\tevents\tseconds")
    for n in args.times:
        analyses = copies(captured, n)
        started = time.perf_counter()
        timeline = build(analyses)
        seconds = time.perf_counter() - started
        reports = sum(len(a.events) for a in analyses)
        print(f"{n}\t{len(analyses)}\t{reports}\t{len(timeline.events)}\t{seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

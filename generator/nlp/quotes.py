"""Find quoted stretches of text: straight and curly marks, nested and unbalanced ones.

Works on characters, not tokens, so it is cheap and independent of how the
parser splits sentences. A quote open at the end of a paragraph continues
only if the next paragraph opens with a quote mark (the news convention for
a quote running over paragraphs); otherwise it is closed there, so a stray
mark never swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

DOUBLE_MARKS = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"
DOUBLE_OPENERS = "\u201c\u201e\u201f\u00ab"
DOUBLE_CLOSERS = "\u201d\u00bb"
SINGLE_MARKS = "'\u2018\u2019"
_OPEN_BEFORE = "([{\u2015\u2014\u2013-/"
_CLOSE_AFTER = ".,;:!?)]}\u2015\u2014\u2013-/\u2026"
# Scare quotes in single marks are short; longer stretches are not quotes.
_MAX_SINGLE_QUOTE = 300


@dataclass(frozen=True)
class Quote:
    """A quoted stretch: `start`/`end` bound the words, `open`/`close` the marks too."""

    open: int
    start: int
    end: int
    close: int
    double: bool = True
    closed: bool = True  # False when recovered at a paragraph end
    paragraphs: int = 1


_WRAP_WIDTH = 30
_LINE_ENDS = ".!?:;\"\u201d\u2019'\u00bb)]"


def is_wrapped(text: str) -> bool:
    """Is this hard-wrapped text (paragraphs split by blank lines, lines broken anywhere)?

    Scraped articles put one paragraph on a line, so a line followed by
    another line mostly ends a sentence; in wrapped text most do not.
    """
    if "\n\n" not in text:
        return False
    lines = text.split("\n")
    inner = [
        (line.rstrip(), following.lstrip()) for line, following in zip(lines, lines[1:], strict=False)
        if line.strip() and following.strip()
    ]
    if len(inner) < 4:
        return False
    # A wrapped line breaks a sentence: it is long, or the next line goes on in
    # lowercase. Short lines before a capital are time stamps or headings (live blogs).
    open_ended = sum(
        1 for line, following in inner
        if line[-1:] not in _LINE_ENDS
        and (len(line) >= _WRAP_WIDTH or not following[:1].isupper())
    )
    return open_ended >= 0.6 * len(inner)


def is_soft_break(text: str, i: int, wrapped: bool | None = None) -> bool:
    """Is the line break at i inside a paragraph ("the\nsummit")?

    In wrapped text every single line break is; elsewhere only one between a
    lowercase word (or comma) and a lowercase word.
    """
    if text[i] != "\n" or (i + 1 < len(text) and text[i + 1] == "\n") or (
        i > 0 and text[:i].rstrip(" \t")[-1:] == "\n"
    ):
        return False
    before = text[:i].rstrip(" \t")[-1:]
    after = text[i + 1 :].lstrip(" \t")[:1]
    if not before or not after or after == "\n":
        return False
    if wrapped if wrapped is not None else is_wrapped(text):
        return True
    return (before.islower() or before == ",") and after.islower()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a line, or lines joined by soft breaks."""
    spans: list[tuple[int, int]] = []
    wrapped = is_wrapped(text)
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        start, end = match.start(), match.end()
        if spans and is_soft_break(text, start - 1, wrapped):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_paragraphs = paragraph_spans


def _flanks(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """(could open, could close) for the mark at i, judged by its neighbours."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    can_open = (before.isspace() or before in _OPEN_BEFORE or before in DOUBLE_MARKS) and not (
        after.isspace()
    )
    can_close = not before.isspace() and (
        after.isspace() or after in _CLOSE_AFTER or after in DOUBLE_MARKS or after in SINGLE_MARKS
    )
    return can_open, can_close


@cache
def _attribution_pattern() -> re.Pattern[str]:
    """', she said' / ', Ms Tuya added' inside a quote whose closing mark was lost."""
    from generator.knowledge.speech import speech_cues

    verbs = "|".join(sorted((re.escape(f) for f in speech_cues().forms), key=len, reverse=True))
    speaker = r"(?:he|she|they|we|I|the\s+[a-z]+(?:\s+[a-z]+)?|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})"
    return re.compile(r",\s+" + speaker + r"\s+(?:" + verbs + r")\b")


def _unclosed_end(text: str, start: int, end: int) -> int:
    """Where the words of a quote left open end: before an attribution inside it, if any."""
    matches = list(_attribution_pattern().finditer(text, start, end))
    last = matches[-1].start() if matches else end
    return last if last > start else end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _nested_close(text: str, i: int, hi: int) -> int:
    """Where an opening curly mark inside an open quote closes, if it is a quote within the
    quote: its closing mark is followed by a second one (the outer's) before any opener."""
    closes = []
    for j in range(i + 1, hi):
        if text[j] in DOUBLE_OPENERS:
            return -1
        if text[j] in DOUBLE_CLOSERS:
            closes.append(j)
            if len(closes) == 2:
                return closes[0]
    return -1


def _double_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None  # index of the pending opening mark
    paragraphs_spanned = 1
    reopening: int | None = None  # the mark that re-opens a continued quote
    nested: set[int] = set()  # inner marks of a quote within a quote (“... calls “hell” ...”)
    for number, (lo, hi) in enumerate(paragraphs):
        for i in range(lo, hi):
            char = text[i]
            if char not in DOUBLE_MARKS or i == reopening or i in nested:
                continue
            if open_at is not None and char in DOUBLE_OPENERS:
                inner_close = _nested_close(text, i, hi)
                if inner_close >= 0:
                    nested.update((i, inner_close))
                    continue
            can_open, can_close = _flanks(text, i, lo, hi)
            if can_open == can_close:  # ambiguous: the glyph or the state decides
                if char in DOUBLE_OPENERS:
                    can_open, can_close = True, False
                elif char in DOUBLE_CLOSERS:
                    can_open, can_close = False, True
                else:
                    can_open, can_close = open_at is None, open_at is not None
            if open_at is None:
                if can_open:
                    open_at, paragraphs_spanned = i, 1
                continue  # a stray closing mark is dropped
            if can_close:
                start, end = _strip(text, open_at + 1, i)
                if end > start:
                    quotes.append(Quote(open_at, start, end, i + 1, True, True, paragraphs_spanned))
                open_at = None
            elif can_open:
                # A new quote opens before the last one closed: close the last
                # one here and start again (scraped text loses marks).
                start, end = _strip(text, open_at + 1, _unclosed_end(text, open_at + 1, i))
                if end > start:
                    quotes.append(Quote(open_at, start, end, end, True, False, paragraphs_spanned))
                open_at = i
                paragraphs_spanned = 1
        if open_at is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            first = text[following[0] : following[1]].lstrip()[:1] if following else ""
            if first and first in DOUBLE_MARKS and first not in DOUBLE_CLOSERS:
                # The quote runs on into the next paragraph, which re-opens it.
                paragraphs_spanned += 1
                reopening = following[0] + len(text[following[0] : following[1]]) - len(
                    text[following[0] : following[1]].lstrip()
                )
                continue
            start, end = _strip(text, open_at + 1, _unclosed_end(text, open_at + 1, hi))
            if end > start:
                quotes.append(Quote(open_at, start, end, end, True, False, paragraphs_spanned))
            open_at = None
    return quotes


def _single_quotes(text: str, inside_double: list[Quote]) -> list[Quote]:
    quotes: list[Quote] = []
    covered = [(q.open, q.close) for q in inside_double]
    for lo, hi in _paragraphs(text):
        pending: int | None = None
        for i in range(lo, hi):
            char = text[i]
            if char not in SINGLE_MARKS:
                continue
            if any(a <= i < b for a, b in covered):
                continue  # nested in a double quote: part of that quote
            before = text[i - 1] if i > lo else " "
            after = text[i + 1] if i + 1 < hi else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: don't, Putin's
            can_open, can_close = _flanks(text, i, lo, hi)
            can_open = can_open and (after.isalnum() or after in "\u2026.")
            if pending is not None and can_close and i - pending <= _MAX_SINGLE_QUOTE:
                start, end = _strip(text, pending + 1, i)
                if end > start:
                    quotes.append(Quote(pending, start, end, i + 1, False, True))
                pending = None
            elif can_open and char != "\u2019":
                pending = i
    return quotes


def find_quotes(text: str) -> list[Quote]:
    """Every quoted stretch in `text`, in order; single-quoted ones only outside double ones.

    Two apostrophes ("''Yes,'' he said") are one double mark, as in archives typed
    in ASCII: the marks are found on the text with each pair as one '"', and the
    offsets mapped back."""
    if _APOSTROPHE_PAIR not in text:
        return _find_quotes(text)
    condensed, origin, width = _condense_apostrophe_pairs(text)

    def start_at(j: int) -> int:
        return origin[j] if j < len(origin) else len(text)

    def end_at(j: int) -> int:  # an exclusive end: after the whole character before it
        return 0 if j == 0 else origin[j - 1] + width[j - 1]

    return [
        Quote(start_at(q.open), start_at(q.start), end_at(q.end), end_at(q.close), q.double,
              q.closed, q.paragraphs)
        for q in _find_quotes(condensed)
    ]


_APOSTROPHE_PAIR = "''"


def _condense_apostrophe_pairs(text: str) -> tuple[str, list[int], list[int]]:
    """The text with each "''" as '"'; where each of its characters is in `text`, and how wide."""
    chars: list[str] = []
    origin: list[int] = []
    width: list[int] = []
    i = 0
    while i < len(text):
        pair = text.startswith(_APOSTROPHE_PAIR, i)
        chars.append('"' if pair else text[i])
        origin.append(i)
        width.append(2 if pair else 1)
        i += width[-1]
    return "".join(chars), origin, width


def _find_quotes(text: str) -> list[Quote]:
    doubles = _double_quotes(text)
    singles = _single_quotes(text, doubles)
    return sorted(doubles + singles, key=lambda q: q.start)

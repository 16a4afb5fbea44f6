"""Sentences and a light tense guess around a time expression (no parser: regexes only).

The tense decides which way a bare "on Sunday" or "in December" points from
the reference date: the nearest verbal cue in the same clause wins, then the
nearest in the sentence, looking left before right.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from generator.dates._lexicon import Lexicon

Tense = Literal["past", "future", "present"] | None

# A sentence ends at . ! ? (after closing quotes/brackets) before a capital, or at a line break.
_ABBREVIATIONS = "".join(
    rf"(?<!\b{word}\.)" for word in ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "No", "Lt", "Col")
)
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])" + _ABBREVIATIONS + r"(?<![A-Z]\.[A-Z]\.)[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*"
)
_TOKEN = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?|[’']ll|[,;:()\"“”—–]|\s-\s")
_CLAUSE_BREAK = frozenset(',;:()"“”—–') | {" - "}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, covering the text in order."""
    spans = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


class SentenceIndex:
    """Finds the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self.starts = [start for start, _ in self.spans]

    def index_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span_of(self, offset: int) -> tuple[int, int]:
        return self.spans[self.index_of(offset)]


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # lowercase, curly apostrophes straightened


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group().lower().replace("’", "'").strip())
        for m in _TOKEN.finditer(text, start, end)
    ]


def _is_break(token: _Token) -> bool:
    return token.word in _CLAUSE_BREAK or token.word == "-"


# Words after "to" that make it a preposition, not an infinitive ("due to the storm").
_NOT_A_VERB = frozenset(("the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
                         "those", "some", "any", "no", "all", "lack", "bad", "heavy", "poor"))
_PAST_AUXILIARIES = frozenset(("had", "been"))


def _cue(tokens: list[_Token], index: int, lexicon: Lexicon, ahead: bool = True) -> Tense | Literal["skip"]:
    """The tense token `index` signals, if any (looking at its neighbours); `ahead`: the
    token stands before the time expression."""
    word = tokens[index].word
    before = tokens[index - 1].word if index > 0 else ""
    after = tokens[index + 1].word if index + 1 < len(tokens) else ""
    if word == "last" and (after in lexicon.units or after in lexicon.weekdays):
        return None  # "the quarter of last year, when it reports on Tuesday": another date's word
    if word in lexicon.future:
        return "future"
    if word in lexicon.future_after_be and before in lexicon.be_forms:
        return "future"
    planned = word in lexicon.future_before_to or word in lexicon.future_after_be  # "but scheduled to leave"
    if planned and not ahead and word.endswith("ed") and word not in lexicon.future_after_be:
        return "past"  # "on Tuesday pledged to cut taxes": the date is the pledge's
    if planned and after == "to" and before not in _PAST_AUXILIARIES and (
        index + 2 >= len(tokens) or tokens[index + 2].word not in _NOT_A_VERB
    ):  # "had been due to close": a plan of the past, the auxiliary decides
        return "future"
    if word in lexicon.be_forms and after.endswith("ing") and after not in ("being", "thing"):
        return "future" if after == "going" else "present"
    if word in lexicon.conditional:
        return "skip"
    participle = word in lexicon.irregular_past or (
        word.endswith("ed") and len(word) > 4 and word not in lexicon.not_past
    )
    if participle and before == "be" and index > 1 and tokens[index - 2].word == "to":
        return "future"  # "the study, to be published on Tuesday,": a plan
    if participle and before in ("be", "been", "being"):
        return None  # "will be held": the auxiliary further left decides
    if participle and before in lexicon.be_forms:
        return "present"
    if word in ("has", "have", "'ve", "hasn't", "haven't") and not _participle_follows(tokens, index, lexicon):
        return "present"  # "we have until Friday"
    if word in lexicon.past or word in lexicon.irregular_past:
        return "past"
    if word in lexicon.present:
        return "present"
    if word.endswith("ed") and len(word) > 4 and word not in lexicon.not_past:
        if before in lexicon.be_forms or before in ("will", "be", "to"):
            return "present"
        return "past"
    return None


def _participle_follows(tokens: list[_Token], index: int, lexicon: Lexicon) -> bool:
    for token in tokens[index + 1 : index + 4]:
        word = token.word
        if word in ("not", "never", "already", "just", "also", "long", "since", "n't", "recently"):
            continue
        return (
            word
            in (
                "been",
                "done",
                "gone",
                "seen",
                "taken",
                "given",
                "known",
                "shown",
                "grown",
                "spoken",
                "written",
                "begun",
                "become",
                "come",
                "run",
                "had",
                "got",
                "gotten",
                "made",
            )
            or word in lexicon.irregular_past
            or word.endswith("ed")
        )
    return False


def guess_tense(text: str, sentence: tuple[int, int], start: int, end: int, lexicon: Lexicon) -> Tense:
    """Past, future or present for a time expression at [start, end) in `sentence`.

    Looks for the nearest cue left, then right, inside the clause; then in the
    whole sentence. Conditionals ("would") give no answer on their own.
    """
    tokens = _tokens(text, sentence[0], sentence[1])
    left = [i for i, t in enumerate(tokens) if t.end <= start]
    right = [i for i, t in enumerate(tokens) if t.start >= end]
    for within_clause in (True, False):
        for indexes in (reversed(left), right):
            for index in indexes:
                if within_clause and _is_break(tokens[index]):
                    break
                cue = _cue(tokens, index, lexicon, ahead=tokens[index].end <= start)
                if cue == "skip":
                    if within_clause:
                        return None  # "would meet on Monday": no direction
                    continue
                if cue:
                    return cue
    return None


def sentence_has_word(text: str, sentence: tuple[int, int], words: frozenset[str]) -> bool:
    return any(t.word in words for t in _tokens(text, sentence[0], sentence[1]))

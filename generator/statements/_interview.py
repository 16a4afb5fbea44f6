"""Interviews printed as questions and answers ("Q: ... / A: ..."), and transcripts
printed as turns ("HALE: ... / RASK: ...").

Each answer is a direct statement of the interviewee even without quote
marks; a question is not a statement, though speech it reports is. The
markers come from generator/knowledge/data/speech_verbs.yaml (`interview_markers`). The
interviewee is the person the introduction (the text before the first
question) names most often, else nobody. In a transcript every turn is a direct
statement of the speaker its capitalised label names: the article's person of
that surname, else the label itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.model import Person
from generator.statements._attribution import Cue
from generator.statements._context import Context

# An article needs this many answers to be read as an interview.
_MIN_ANSWERS = 2
# A transcript's turn: a paragraph that opens (perhaps after a quote mark) on a speaker
# label in capitals and a colon.
_TURN = re.compile(r"\s*[\"\u201c]?\s*([A-Z][A-Z'\u2019.\-]+(?: [A-Z][A-Z'\u2019.\-]+){0,2}):\s+")


@dataclass
class Interview:
    answers: list[tuple[int, int, Cue]] = field(default_factory=list)  # (start, end, cue)

    def in_answer(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b, _ in self.answers)


def _marker(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(r"\s*(?:" + alternatives + r")\s*[:.)\u2013\u2014-]\s+", re.IGNORECASE)


def find_interview(ctx: Context) -> Interview:
    cues = ctx.cues
    if not cues.question_markers or not cues.answer_markers:
        return Interview()
    question, answer = _marker(cues.question_markers), _marker(cues.answer_markers)
    kinds: list[tuple[str, int, int]] = []  # (kind, words start, paragraph end)
    for start, end in ctx.paragraphs:
        for kind, pattern in (("q", question), ("a", answer)):
            found = pattern.match(ctx.text, start, end)
            if found and found.end() < end:
                kinds.append((kind, found.end(), end))
                break
        else:
            kinds.append(("", start, end))
    if sum(1 for kind, _, _ in kinds if kind == "a") < _MIN_ANSWERS or not any(
        kind == "q" for kind, _, _ in kinds
    ):
        return Interview()
    first_question = next(start for kind, start, _ in kinds if kind == "q")
    interview = Interview()
    cue = _interviewee_cue(ctx, first_question)
    current: tuple[int, int] | None = None
    marker_token = 0
    for kind, start, end in kinds:
        if kind == "q":
            if current:
                interview.answers.append((*current, Cue(marker_token, cue, inherited=True)))
            current = None
        elif kind == "a":
            if current:
                interview.answers.append((*current, Cue(marker_token, cue, inherited=True)))
            current = (start, end)
            tokens = ctx.tokens(start, end)
            marker_token = tokens[0] if len(tokens) else 0
        elif current and start > first_question:
            current = (current[0], end)  # an answer running over paragraphs
    if current:
        interview.answers.append((*current, Cue(marker_token, cue, inherited=True)))
    return interview


def _interviewee_cue(ctx: Context, before: int) -> str:
    """The person the introduction names most often (first named wins a tie), or ""."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i in ctx.tokens(0, before):
        person = ctx.attribution.person_at.get(i)
        if person and not ctx.in_quote[i]:
            counts[person] += 1
            first.setdefault(person, i)
    if not counts:
        return ""
    return max(counts, key=lambda p: (counts[p], -first[p]))


def find_transcript_turns(ctx: Context, people: list[Person]) -> list[tuple[int, int, Cue]]:
    """The turns of a printed transcript, (start, end, cue) each: at least two labels, one
    of them the surname of a person the article names ("Senator Ole Rask ... RASK: Yes,
    ..."), so a lone "UPDATE:" or a dateline in capitals is no transcript."""
    turns = []
    for start, end in ctx.paragraphs:
        found = _TURN.match(ctx.text, start, end)
        if found and found.end() < end:
            turns.append((found, end))
    by_surname = {person.name.split()[-1].lower(): person.id for person in people if person.name}
    labels = {found.group(1).split()[-1].lower() for found, _ in turns}
    if len(turns) < 2 or len(labels) < 2 or not labels & by_surname.keys():
        return []
    result = []
    for found, end in turns:
        label = ctx.tokens(found.start(1), found.end(1))
        while end > found.end() and ctx.text[end - 1] in " \n\"\u201d":
            end -= 1
        speaker = by_surname.get(found.group(1).split()[-1].lower(), "")
        result.append((found.end(), end, Cue(label[-1] if len(label) else 0, speaker)))
    return result

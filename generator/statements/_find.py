"""Statements stage: who said what, to whom and when, with its exact source span.

Direct quotes come from the quote marks (`generator.nlp.quotes`, cues in
`_direct`): split quotes ('"...," he said, "..."') are one
statement, quotes over several paragraphs too, and unbalanced marks are
closed at the paragraph end. Reported speech comes from the parse
(`_attribution`): a speech verb with a clause ("said (that) ...",
"told CNN ...", "according to X, ..."). Short quoted words inside reported
speech stay part of it. The speaker is the person the cue's subject refers
to, as resolved by the people stage; "" when it is nobody we can name.

Organisations, groups and unnamed sources ("the Kremlin said", "diplomats
said", "a senior official said", "according to a statement") are not people:
their statements are kept, with text, kind, audience and date, and speaker "".
A spokesperson for a named person is not that person. Interviews printed as
"Q: / A:" give the interviewee's answers as direct statements, and a printed
transcript ("HALE: ... / RASK: ...") each turn as its speaker's
(`_interview`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from spacy.tokens import Doc

from generator.dates import Reference, article_reference
from generator.model import Article, Mention, Person, Source, Statement
from generator.nlp.sentences import all_tokens
from generator.statements._attribution import Cue, Reported
from generator.statements._context import Context
from generator.statements._dates import Dater
from generator.statements._direct import (
    MIN_FREE_QUOTE_WORDS,
    MIN_ORPHAN_QUOTE_WORDS,
    Item,
    QuoteUnit,
    attach_cue,
    cue_adjacent,
    inherited_cue,
    is_title,
    quote_units,
    words_in,
)
from generator.statements._interview import find_interview, find_transcript_turns
from generator.statements._sources import SourceLabels

__all__ = ["find_statements", "quotes_as_json_records"]

# A reported clause that is mostly one quote is that direct quote.
_QUOTE_SHARE_FOR_DIRECT = 0.85
_CLOSING_MARKS = "\"\u201d\u2019'\u00bb"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _reported(ctx: Context) -> list[Reported]:
    """Reported speech, outermost only: "X said Y told him that ..." is X's statement."""
    found: list[Reported] = []
    for token in all_tokens(ctx.doc):
        if ctx.in_quote[token.i]:
            continue
        if token.lower_ == "according":
            item = ctx.attribution.according_to(token)
            if item:
                found.append(item)
            continue
        if token.lower_ in ctx.cues.claim_nouns and token.pos_ == "NOUN":
            item = ctx.attribution.nominal(token)
            if item:
                found.append(item)
                continue
        if not ctx.attribution.is_speech_verb(token):
            continue
        item = ctx.attribution.reported(token)
        if item:
            found.append(item)
        if item or ctx.cues.verb(token.text) in ctx.cues.reporting:
            found.extend(ctx.attribution.continuing(token, item))
    outer = []
    for n, item in enumerate(found):
        verb_char = ctx.doc[item.cue.token].idx
        if not any(m != n and other.start <= verb_char < other.end for m, other in enumerate(found)):
            outer.append(item)
    return outer


def _without_trailing_source(ctx: Context, report: Reported, units: list[QuoteUnit]) -> Reported:
    """'"...," Dayton fire Chief Ruth Allen said': a misparse may hang the speaker's
    name on the quoted clause; the words between the quote and its verb are the source."""
    verb_char = ctx.doc[report.cue.token].idx
    if report.end > verb_char:
        return report
    for unit in units:
        if not (unit.open <= report.start <= unit.start and unit.close < report.end):
            continue  # only a report that opens with the quote
        tail = ctx.tokens(unit.close, report.end)
        named = any(ctx.attribution.person_at.get(i) == report.cue.speaker for i in tail)
        if named and not any(ctx.doc[i].pos_ in ("VERB", "AUX") and ctx.doc[i].is_lower for i in tail):
            return replace(report, end=unit.close)
    return report


def _reconcile(ctx: Context, reports: list[Reported], units: list[QuoteUnit]) -> list[Reported]:
    """A clause that is all quote becomes that direct quote; quotes inside a clause join it."""
    kept: list[Reported] = []
    for report in reports:
        report = _without_trailing_source(ctx, report, units)
        span = (report.start, report.end)
        quoted = sum(_overlap(span, (u.start, u.end)) for u in units)
        if quoted >= _QUOTE_SHARE_FOR_DIRECT * (report.end - report.start):
            for unit in units:
                if _overlap(span, (unit.start, unit.end)) and unit.cue is None:
                    unit.cue = report.cue
            continue
        for unit in units:
            if unit.open < report.start <= unit.start:
                report = replace(report, start=unit.open)  # keep the opening mark
            if unit.open >= report.start - 1 and unit.start < report.end:
                if unit.cue is not None and unit.cue.speaker and not report.cue.speaker:
                    continue  # a named speaker's quote inside a nameless group's claim stays his
                unit.absorbed = True
                if unit.close > report.end and unit.end - report.end < 200:
                    report = replace(report, end=max(report.end, unit.close))
        kept.append(report)
    return kept


def _direct_items(ctx: Context, units: list[QuoteUnit]) -> list[Item]:
    items: list[Item] = []
    text = ctx.text
    for unit in units:
        if unit.absorbed:
            continue
        quoted = text[unit.start : unit.end]
        if unit.cue is None:
            inherited = inherited_cue(ctx, unit, items)
            if inherited is not None:
                unit.cue = replace(inherited, inherited=True)
        words = words_in(quoted)
        if unit.cue is None and (words < MIN_ORPHAN_QUOTE_WORDS or is_title(quoted)):
            continue
        if words < MIN_FREE_QUOTE_WORDS and not cue_adjacent(ctx, unit, unit.cue):
            continue
        if _quoted_label(ctx, unit):
            continue
        end = unit.end
        while end > unit.start and text[end - 1] in ",;: ":
            end -= 1  # the comma that hands over to "he said" is not part of the words
        items.append((unit.start, end, "direct", unit.cue))
    return items


def _quoted_label(ctx: Context, unit: QuoteUnit) -> bool:
    """'praised her "deep experience of the region"': a verbless phrase quoted inside
    the writer's sentence is a label, not an utterance. Quotes that open a sentence or
    follow a colon, or that end a sentence or hand over to a cue after them, stay."""
    if len(unit.parts) > 1 or not unit.parts[0].closed:
        return False
    inner = ctx.text[unit.start : unit.end].rstrip()
    if inner[-1:] in ".?!,…":
        return False
    lead = ctx.text[ctx.paragraph_bounds(unit.open)[0] : unit.open].rstrip()
    if not lead or lead[-1:] in ":.?!”\"" or lead.endswith(" that"):
        return False
    if unit.cue is not None and ctx.doc[unit.cue.token].idx > unit.open:
        return False  # '"A strategic decision" - von der Leyen' / '... ," she said'
    tokens = ctx.tokens(unit.start, unit.end)
    return not any(ctx.doc[i].pos_ in ("VERB", "AUX") for i in tokens)


# A headline is one short line with no closing full stop, before the body.
_MAX_HEADLINE_WORDS = 20


def _headline_summary(ctx: Context, article: Article, start: int, end: int, cue: Cue | None) -> bool:
    """'Opposition leader calls for snap election': a headline with no named speaker and
    no clause or quote of its own sums up what the body reports; it is no statement."""
    if cue is None or cue.speaker:
        return False
    first = ctx.paragraphs[0] if ctx.paragraphs else (0, 0)
    if not first[0] <= start < first[1] or len(ctx.paragraphs) < 2:
        return False
    line = ctx.text[first[0] : first[1]].strip()
    headline = line == article.title.strip() or (
        "\n" not in line and len(line.split()) <= _MAX_HEADLINE_WORDS and line[-1:] not in ".!?:"
    )
    if not headline:
        return False
    if any(quote.open < end and quote.close > start for quote in ctx.quotes):
        return False
    return not any(ctx.doc[i].dep_ in ("nsubj", "nsubjpass") for i in ctx.tokens(start, end))


def _statement_id(article_id: str, text: str, start: int, used: set[str]) -> str:
    """Stable: the article id and a hash of the words (the offset only for a repeat)."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    statement_id = f"{article_id}-{digest}"
    if statement_id in used:
        statement_id = f"{statement_id}-{start}"
    used.add(statement_id)
    return statement_id


def _source_span(ctx: Context, start: int, end: int, cue: Cue | None) -> tuple[int, int]:
    """The sentence(s) holding the statement and its cue, trimmed of outer whitespace."""
    text, index = ctx.text, ctx.sentences
    tokens = ctx.tokens(start, end)
    lo, hi = start, end
    if len(tokens):
        lo = min(lo, index.of(tokens[0]).start_char)
        hi = max(hi, index.of(tokens[-1]).end_char)
    if cue is not None and not cue.inherited:
        sentence = index.of(cue.token)
        # Only a neighbouring sentence joins the source; an inherited cue stays out.
        if sentence.end_char >= lo - 2 and sentence.start_char <= hi + 2:
            lo = min(lo, sentence.start_char)
            hi = max(hi, sentence.end_char)
    # A closing quote mark the sentence splitter left outside belongs to the source.
    while hi < len(text) and text[hi] in _CLOSING_MARKS and (
        hi + 1 == len(text) or not text[hi + 1].isalnum()
    ):
        hi += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def find_statements(
    doc: Doc, article: Article, people: list[Person], mentions: list[Mention], reference: Reference | None = None
) -> list[Statement]:
    """Direct quotes and reported speech in one article, in text order.

    `doc` is the parse of `article.text`; `mentions` come from
    `people.find_people` and carry the resolved speakers. `reference` is what
    the article's relative dates resolve against (the pipeline computes it once;
    by default `dates.article_reference(article)`).
    """
    ctx = Context(doc, mentions)
    units = quote_units(ctx)
    for unit in units:
        attach_cue(ctx, unit)
    reports = _reconcile(ctx, _reported(ctx), units)
    items = _direct_items(ctx, units)
    for report in reports:
        if not any(_overlap((report.start, report.end), (s, e)) for s, e, _, _ in items):
            items.append((report.start, report.end, "indirect", report.cue))
    interview = find_interview(ctx)
    if interview.answers:
        # An answer is one statement, whatever quotes or speech verbs it holds.
        items = [item for item in items if not interview.in_answer(item[0], item[1])]
        items += [(start, end, "direct", cue) for start, end, cue in interview.answers]
    turns = find_transcript_turns(ctx, people)
    if turns:
        # A turn is one statement of its speaker, whatever quotes it holds.
        items = [item for item in items if not any(_overlap((item[0], item[1]), (s, e)) for s, e, _ in turns)]
        items += [(start, end, "direct", cue) for start, end, cue in turns]
    items.sort(key=lambda item: (item[0], item[1]))

    statements = []
    used: set[str] = set()
    seen: set[tuple[int, int]] = set()
    dater = Dater(article, article_reference(article) if reference is None else reference)
    quote_spans = [(q.open, q.close) for q in ctx.quotes]
    labels = SourceLabels(doc, ctx.attribution, {person.id: person.name for person in people})
    for start, end, kind, cue in items:
        if (start, end) in seen:
            continue
        seen.add((start, end))
        if kind == "indirect" and _headline_summary(ctx, article, start, end, cue):
            continue
        said = ctx.text[start:end]
        source = _source_span(ctx, start, end, cue)
        source_text = ctx.text[source[0] : source[1]]
        audience = ctx.attribution.audience_of(doc[cue.token], (start, end)) if cue else ""
        statements.append(
            Statement(
                id=_statement_id(article.id, said, start, used),
                speaker=cue.speaker if cue else "",
                speaker_label=labels.label(cue),
                text=said,
                kind=kind,  # type: ignore[arg-type]
                source=Source(article.id, source_text),
                date=dater.date(doc, source, source_text, (start, end), cue, quote_spans),
                audience=audience,
                start=start,
                end=end,
            )
        )
    return statements


def quotes_as_json_records(statements: list[Statement], people: list[Person]) -> list[dict]:
    """`[{"start","end","text","speaker","speaker_id","kind"}]`: the speaker's full name,
    or the words for a speaker who is no person ("a State Department spokesman"), or "";
    `speaker_id` is the person's id, "" when the speaker is no person."""
    names = {person.id: person.name for person in people}
    return [
        {
            "start": statement.start,
            "end": statement.end,
            "text": statement.text,
            "speaker": names.get(statement.speaker, "") or statement.speaker_label,
            "speaker_id": statement.speaker if statement.speaker in names else "",
            "kind": statement.kind,
        }
        for statement in sorted(statements, key=lambda s: (s.start, s.end))
    ]

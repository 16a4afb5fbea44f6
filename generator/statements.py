"""Statements stage: who said what, to whom and when, with its exact source span.

Direct quotes come from the quote marks (`_statements_quotes`): split quotes
('"...," he said, "..."') are one statement, quotes over several paragraphs
too, and unbalanced marks are closed at the paragraph end. Reported speech
comes from the parse: a speech verb with a clause ("said (that) ...", "told
CNN ...", "according to X, ..."). Short quoted words inside reported speech
stay part of it. The speaker is the person the cue's subject refers to, as
resolved by the people stage; "" when it is nobody we can name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from generator._statements_attribution import Attribution, Cue, Reported
from generator._statements_cues import speech_cues
from generator._statements_quotes import Quote, find_quotes, paragraph_spans
from generator._statements_sentences import sentences
from generator.model import Article, Mention, PartialDate, Person, Source, Statement

try:  # the dates stage is written alongside; without it statements carry the article date
    from generator.dates import find_time_expressions
except ImportError:  # pragma: no cover - only while generator/dates.py is missing
    find_time_expressions = None  # type: ignore[assignment]

__all__ = ["find_statements", "quotes_as_json_records"]

# A quote of fewer words needs a cue right next to it to count ('"Yes," he said');
# otherwise it is a scare quote or a quoted phrase.
_MIN_FREE_QUOTE_WORDS = 4
# An unattributed quote this long is still a statement (speaker unknown).
_MIN_ORPHAN_QUOTE_WORDS = 6
# A reported clause that is mostly one quote is that direct quote.
_QUOTE_SHARE_FOR_DIRECT = 0.85
_SENTENCE_END = ".?!"


@dataclass
class QuoteUnit:
    """One direct quote, possibly in parts split by its attribution."""

    parts: list[Quote]
    cue: Cue | None = None
    absorbed: bool = False

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def open(self) -> int:
        return self.parts[0].open

    @property
    def close(self) -> int:
        return self.parts[-1].close


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


class _Finder:
    def __init__(self, doc: Doc, article: Article, mentions: list[Mention]) -> None:
        self.doc = doc
        self.text = doc.text
        self.article = article
        self.cues = speech_cues()
        self.quotes = find_quotes(self.text)
        self.in_quote = [False] * len(doc)
        for quote in self.quotes:
            for i in self._tokens(quote.start, quote.end):
                self.in_quote[i] = True
        person_at: dict[int, str] = {}
        for mention in mentions:
            for i in self._tokens(mention.start, mention.end):
                person_at[i] = mention.person
        self.attribution = Attribution(doc, self.cues, person_at, self.in_quote)
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_of_char = self._paragraph_index()
        self.sentences = sentences(doc)

    def _tokens(self, start: int, end: int) -> range:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _paragraph_index(self) -> list[int]:
        """For each character, the number of its paragraph (line breaks in between count up)."""
        index = [0] * (len(self.text) + 1)
        number = 0
        cursor = 0
        for p_start, p_end in self.paragraphs:
            for i in range(cursor, p_start):
                index[i] = number
            number += 1
            for i in range(p_start, p_end):
                index[i] = number
            cursor = p_end
        for i in range(cursor, len(self.text) + 1):
            index[i] = number + 1
        return index

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding `char` (or the gap it is in)."""
        number = self.paragraph_of_char[min(char, len(self.text))]
        if 1 <= number <= len(self.paragraphs):
            start, end = self.paragraphs[number - 1]
            if start <= char <= end:
                return start, end
        return char, char

    # --- direct quotes ---------------------------------------------------
    def quote_units(self) -> list[QuoteUnit]:
        units: list[QuoteUnit] = []
        for quote in self.quotes:
            if units and self._continues_split(units[-1], quote):
                units[-1].parts.append(quote)
                continue
            units.append(QuoteUnit([quote]))
        return units

    def _continues_split(self, unit: QuoteUnit, quote: Quote) -> bool:
        """'"...," he said, "..."': the second part continues the first quote."""
        last = unit.parts[-1]
        if len(unit.parts) > 1 or last.double != quote.double:
            return False
        between = self.text[last.close : quote.open]
        if self.paragraph_of_char[last.close - 1] != self.paragraph_of_char[quote.open] or not (
            between.rstrip().endswith((",", ":"))
        ):
            return False
        if self.text[last.start : last.end].rstrip()[-1:] in _SENTENCE_END:
            return False
        tokens = [self.doc[i] for i in self._tokens(last.close, quote.open)]
        words = [t for t in tokens if t.is_alpha]
        return 0 < len(words) <= 12 and any(self.cues.verb(t.text) for t in tokens)

    def _verb_in(self, start: int, end: int, last: bool) -> int:
        """A speech verb (token index) between two char offsets, outside quotes, or -1."""
        found = [
            i
            for i in self._tokens(start, end)
            if not self.in_quote[i] and self.attribution.is_speech_verb(self.doc[i])
        ]
        if not found:
            return -1
        return found[-1] if last else found[0]

    def _after_region(self, unit: QuoteUnit) -> tuple[int, int]:
        """Text after a quote that may hold its cue: to the sentence end or the next quote."""
        start = unit.close
        end = self.paragraph_bounds(unit.close - 1)[1]
        next_quote = next((q.open for q in self.quotes if q.open >= start), end)
        end = min(end, next_quote)
        tokens = list(self._tokens(start, end))
        if tokens:
            sentence_end = self.sentences.of(tokens[0]).end_char
            if sentence_end > start:
                end = min(end, sentence_end)
        return start, end

    def _before_region(self, unit: QuoteUnit) -> tuple[int, int]:
        end = unit.open
        paragraph_start = self.paragraph_bounds(unit.open)[0]
        previous = max((q.close for q in self.quotes if q.close <= end), default=0)
        start = max(paragraph_start, previous)
        tokens = list(self._tokens(start, end))
        if tokens:
            start = max(start, self.sentences.of(tokens[-1]).start_char)
        return start, end

    def attach_cue(self, unit: QuoteUnit) -> None:
        if len(unit.parts) > 1:
            verb = self._verb_in(unit.parts[0].close, unit.parts[1].open, last=False)
            if verb >= 0:
                unit.cue = self.attribution.cue_for(self.doc[verb])
                return
        content = self.text[unit.start : unit.end].rstrip()
        after_start, after_end = self._after_region(unit)
        verb = self._verb_in(after_start, after_end, last=False)
        if verb >= 0:
            lead = [t for t in self._tokens(after_start, self.doc[verb].idx) if self.doc[t].is_alpha]
            ends_sentence = content[-1:] == "." or content.endswith("...")
            if not ends_sentence or len(lead) <= 3:
                unit.cue = self.attribution.cue_for(self.doc[verb])
                return
        dash_speaker = self._dash_attribution(after_start, after_end)
        if dash_speaker is not None:
            unit.cue = dash_speaker
            return
        if content[-1:] in ",?!\u2026" or content.endswith("..."):
            # '"...," Putin laughed': any verb of a named speaker right after the quote.
            verb = self._verb_of_named_subject(after_start, after_end)
            if verb >= 0:
                unit.cue = self.attribution.cue_for(self.doc[verb])
                return
        before_start, before_end = self._before_region(unit)
        lead_in = self.text[before_start:before_end].rstrip()
        verb = self._verb_in(before_start, before_end, last=True)
        if verb >= 0:
            between = [
                t for t in self._tokens(self.doc[verb].idx, before_end)
                if self.doc[t].is_alpha and t != verb
            ]
            # 'He said: "...', 'said that "...', 'told CNN "...': the cue introduces the quote.
            if lead_in.endswith((":", ",")) or lead_in.lower().endswith(" that") or (
                len(between) <= 3
                and not any(self.doc[t].pos_ in ("VERB", "CCONJ") for t in between)
            ):
                unit.cue = self.attribution.cue_for(self.doc[verb])
                return
        if not lead_in:
            self._cue_from_previous_paragraph(unit)

    def _dash_attribution(self, start: int, end: int) -> Cue | None:
        """'"We had nothing to do with it" - Putin': a dash and a name after the quote."""
        after = self.text[start:end].lstrip()
        if not after[:1] in ("-", "\u2013", "\u2014"):
            return None
        for count, i in enumerate(self._tokens(start, end)):
            if count > 5:
                break
            person = self.attribution.person_at.get(i)
            if person:
                return Cue(i, person)
        return None

    def _verb_of_named_subject(self, start: int, end: int) -> int:
        for count, i in enumerate(self._tokens(start, end)):
            if count > 5:
                break
            token = self.doc[i]
            if token.pos_ != "VERB" or self.in_quote[i]:
                continue
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].i in self.attribution.person_at:
                return i
            return -1
        return -1

    def _cue_from_previous_paragraph(self, unit: QuoteUnit) -> None:
        """'Putin told reporters:' ending one paragraph introduces the quote in the next."""
        number = self.paragraph_of_char[unit.open]
        if number < 2:
            return
        start, end = self.paragraphs[number - 2]
        if not self.text[start:end].rstrip().endswith(":"):
            return
        verb = self._verb_in(start, end, last=True)
        if verb >= 0:
            unit.cue = self.attribution.cue_for(self.doc[verb])

    # --- reported speech -------------------------------------------------
    def reported(self) -> list[Reported]:
        found: list[Reported] = []
        for token in self.doc:
            if self.in_quote[token.i]:
                continue
            if token.lower_ == "according":
                item = self.attribution.according_to(token)
                if item:
                    found.append(item)
                continue
            if not self.attribution.is_speech_verb(token):
                continue
            item = self.attribution.reported(token)
            if item:
                found.append(item)
            if item or self.cues.verb(token.text) in self.cues.reporting:
                found.extend(self.attribution.continuing(token, item))
        # Keep the outermost report: "X said Y told him that ..." is X's statement.
        outer = []
        for item in found:
            verb_char = self.doc[item.cue.token].idx
            inside = any(
                other is not item and other.start <= verb_char < other.end for other in found
            )
            if not inside:
                outer.append(item)
        return outer


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _statement_id(article_id: str, text: str, start: int, used: set[str]) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    statement_id = f"{article_id}-{digest}"
    if statement_id in used:
        statement_id = f"{statement_id}-{start}"
    used.add(statement_id)
    return statement_id


def _reference(article: Article) -> PartialDate | None:
    try:
        return PartialDate.parse(article.published) if article.published else None
    except ValueError:
        return None


class _Dater:
    """The date a statement was made: a time expression in its attribution, else the article's."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.reference = _reference(article)

    def date(self, doc: Doc, source_start: int, source_text: str, said: tuple[int, int],
             cue: Cue | None, quotes: list[tuple[int, int]]) -> str | None:
        fallback = self.article.published or None
        if find_time_expressions is None or cue is None or cue.inherited:
            return fallback
        cue_char = doc[cue.token].idx
        try:
            expressions = find_time_expressions(source_text, self.reference)
        except Exception:  # noqa: BLE001 - a dating failure must not lose the statement
            return fallback
        best: tuple[int, str] | None = None
        for expression in expressions:
            start = source_start + expression.start
            end = source_start + expression.end
            if _overlap((start, end), said) or any(_overlap((start, end), q) for q in quotes):
                continue
            day = expression.date
            if expression.type not in ("DATE", "TIME") or day is None:
                continue
            if not _governed_by(doc, start, end, cue.token):
                continue  # a date in the reported words or elsewhere in the sentence
            distance = abs(start - cue_char)
            if best is None or distance < best[0]:
                best = (distance, day.iso())
        if best is None:
            return fallback
        said_on = best[1]
        if fallback and len(said_on) < len(fallback) and fallback.startswith(said_on):
            # "on Monday" against an article dated to the month only: the article's
            # date says more.
            return fallback
        return said_on


def _governed_by(doc: Doc, start: int, end: int, verb: int) -> bool:
    """Does the phrase at start..end hang on the cue verb ("said on Friday")?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(6):
        if token.i == verb:
            return True
        if token.head is token or token.dep_ in ("ccomp", "relcl"):
            return False
        token = token.head
    return False


def find_statements(
    doc: Doc, article: Article, people: list[Person], mentions: list[Mention]
) -> list[Statement]:
    """Direct quotes and reported speech in one article, in text order."""
    finder = _Finder(doc, article, mentions)
    text = finder.text
    units = finder.quote_units()
    reports = finder.reported()
    for unit in units:
        finder.attach_cue(unit)

    kept_reports: list[Reported] = []
    for report in reports:
        span = (report.start, report.end)
        quoted = sum(_overlap(span, (u.start, u.end)) for u in units)
        if quoted >= _QUOTE_SHARE_FOR_DIRECT * (report.end - report.start):
            # The clause is a quote: it is that direct quote, with this cue.
            for unit in units:
                if _overlap(span, (unit.start, unit.end)) and unit.cue is None:
                    unit.cue = report.cue
            continue
        for unit in units:
            if unit.open < report.start <= unit.start:
                report = replace(report, start=unit.open)  # keep the opening mark
            if unit.open >= report.start - 1 and unit.start < report.end:
                unit.absorbed = True
                if unit.close > report.end and unit.end - report.end < 200:
                    report = replace(report, end=max(report.end, unit.close))
        kept_reports.append(report)

    items: list[tuple[int, int, str, Cue | None]] = []
    for unit in units:
        if unit.absorbed:
            continue
        words = _words(text[unit.start : unit.end])
        if unit.cue is None:
            inherited = _inherit(unit, items, finder)
            if inherited is not None:
                unit.cue = replace(inherited, inherited=True)
        if unit.cue is None and (words < _MIN_ORPHAN_QUOTE_WORDS or _is_title(text[unit.start:unit.end])):
            continue
        if words < _MIN_FREE_QUOTE_WORDS and not _cue_adjacent(unit, unit.cue, finder):
            continue
        end = unit.end
        while end > unit.start and text[end - 1] in ",;: ":
            end -= 1
        items.append((unit.start, end, "direct", unit.cue))
        items.sort(key=lambda item: item[0])
    for report in kept_reports:
        if any(_overlap((report.start, report.end), (s, e)) for s, e, _, _ in items):
            continue
        items.append((report.start, report.end, "indirect", report.cue))
        items.sort(key=lambda item: item[0])

    statements = []
    used: set[str] = set()
    dater = _Dater(article)
    quote_spans = [(q.open, q.close) for q in finder.quotes]
    seen_spans: set[tuple[int, int]] = set()
    for start, end, kind, cue in items:
        if (start, end) in seen_spans:
            continue
        seen_spans.add((start, end))
        said = text[start:end]
        source_start, source_end = _source_span(doc, text, start, end, cue)
        source_text = text[source_start:source_end]
        cue_char = doc[cue.token].idx if cue else start
        audience = (
            finder.attribution.audience_of(doc[cue.token], (start, end))
            if cue and cue.audience == "" else (cue.audience if cue else "")
        )
        statements.append(
            Statement(
                id=_statement_id(article.id, said, start, used),
                speaker=cue.speaker if cue else "",
                text=said,
                kind=kind,  # type: ignore[arg-type]
                source=Source(article.id, source_text),
                date=dater.date(doc, source_start, source_text, (start, end), cue, quote_spans),
                audience=audience,
                start=start,
                end=end,
            )
        )
    return statements


def _is_title(quoted: str) -> bool:
    """A quoted name of a document or programme ("Strategy for the New Era"), not speech."""
    words = [w for w in quoted.split() if w[:1].isalpha()]
    capitals = sum(1 for w in words if w[:1].isupper())
    return bool(words) and capitals >= 0.6 * len(words) and quoted.rstrip()[-1:] not in ".?!"


def _cue_adjacent(unit: QuoteUnit, cue: Cue | None, finder: _Finder) -> bool:
    """A short quote counts only as a whole utterance with its cue next to it ('"Yes," he said').

    'a "disaster"' or 'calls it "the foe"' quote words, not an utterance: no
    punctuation closes them inside the marks and no colon introduces them.
    """
    if cue is None:
        return False
    inner = finder.text[unit.start : unit.end].rstrip()
    lead_in = finder.text[: unit.open].rstrip()
    if inner[-1:] not in ",?!." and not lead_in.endswith(":"):
        return False
    cue_char = finder.doc[cue.token].idx
    if cue_char >= unit.close:
        gap = finder.text[unit.close : cue_char]
    elif cue_char < unit.open:
        gap = finder.text[cue_char : unit.open]
    else:
        return True
    return len(gap.split()) <= 3 and "\n\n" not in gap


def _inherit(unit: QuoteUnit, items: list[tuple[int, int, str, Cue | None]], finder: _Finder
             ) -> Cue | None:
    """A quote standing alone after a statement continues that speaker's words."""
    text = finder.text
    line_start = finder.paragraph_bounds(unit.open)[0]
    lead = text[line_start : unit.open].strip()
    sentence_start = False
    if not lead:
        sentence_start = True
    else:
        tokens = list(finder._tokens(unit.open, unit.open + 1))
        if tokens and finder.sentences.of(tokens[0]).start_char >= unit.open - 1:
            sentence_start = True
        elif lead[-1:] in _SENTENCE_END or lead.endswith(("\u201d", '"')):
            sentence_start = True
    if not sentence_start:
        return None
    previous = [item for item in items if item[1] <= unit.open and item[3] is not None]
    if not previous:
        return None
    start, end, _, cue = previous[-1]
    # Only the same paragraph or the next one continues a speaker.
    if finder.paragraph_of_char[unit.open] - finder.paragraph_of_char[max(start, end - 1)] > 1:
        return None
    return cue


def _source_span(doc: Doc, text: str, start: int, end: int, cue: Cue | None) -> tuple[int, int]:
    """The sentence(s) holding the statement and its cue, trimmed of outer whitespace."""
    index = sentences(doc)
    first = doc.char_span(start, end, alignment_mode="expand")
    lo, hi = start, end
    if first is not None:
        lo = min(lo, index.of(first.start).start_char)
        hi = max(hi, index.of(first.end - 1).end_char)
    if cue is not None and not cue.inherited:
        sentence = index.of(cue.token)
        # Only a neighbouring sentence joins the source; an inherited cue stays out.
        if sentence.end_char >= lo - 2 and sentence.start_char <= hi + 2:
            lo = min(lo, sentence.start_char)
            hi = max(hi, sentence.end_char)
    # A closing quote mark the sentence splitter left outside belongs to the source.
    while hi < len(text) and text[hi] in "\"\u201d\u2019'\u00bb" and (
        hi + 1 == len(text) or not text[hi + 1].isalnum()
    ):
        hi += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def quotes_as_json_records(statements: list[Statement], people: list[Person]) -> list[dict]:
    """`[{"start","end","text","speaker","kind"}]` with the speaker's full name ("" if none)."""
    names = {person.id: person.name for person in people}
    return [
        {
            "start": statement.start,
            "end": statement.end,
            "text": statement.text,
            "speaker": names.get(statement.speaker, ""),
            "kind": statement.kind,
        }
        for statement in sorted(statements, key=lambda s: (s.start, s.end))
    ]

"""Direct quotes: join split quotes, find each quote's cue, keep only real utterances.

The cue of a quote is looked for where news writing puts it: between the
parts of a split quote, right after the closing mark ('"...," she said'),
after a dash ('"..." - Putin'), before the opening mark ('He said: "..."',
'said that "..."'), or at the end of the previous paragraph ('Putin told
reporters:'). A quote standing alone continues the speaker of the statement
just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.nlp.quotes import Quote
from generator.people import NAME_PARTICLES
from generator.statements._attribution import CIRCUMSTANCE_MARKS, Cue
from generator.statements._context import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

# A quote of fewer words needs a cue right next to it to count ('"Yes," he said');
# otherwise it is a scare quote or a quoted phrase.
MIN_FREE_QUOTE_WORDS = 4
# An unattributed quote this long is still a statement (speaker unknown).
MIN_ORPHAN_QUOTE_WORDS = 6
# The longest description of a speaker between a short quote and its verb
# ('"Yes," the former Bergen mayor said').
MAX_SPEAKER_WORDS = 8
_SENTENCE_END = ".?!"
_DASHES = ("-", "\u2013", "\u2014", "\u2015")  # hyphen, en and em dash, horizontal bar

# (start, end, kind, cue) of a statement found so far
Item = tuple[int, int, str, "Cue | None"]


@dataclass
class QuoteUnit:
    """One direct quote, possibly in parts split by its attribution."""

    parts: list[Quote]
    cue: Cue | None = None
    absorbed: bool = False  # part of a reported statement

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


def words_in(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def quote_units(ctx: Context) -> list[QuoteUnit]:
    units: list[QuoteUnit] = []
    for quote in ctx.quotes:
        if units and _continues_split(ctx, units[-1], quote):
            units[-1].parts.append(quote)
            continue
        units.append(QuoteUnit([quote]))
    return units


def _continues_split(ctx: Context, unit: QuoteUnit, quote: Quote) -> bool:
    """'"...," he said, "..."': the second part continues the first quote."""
    last = unit.parts[-1]
    if len(unit.parts) > 1 or last.double != quote.double:
        return False
    between = ctx.text[last.close : quote.open]
    if ctx.paragraph_of_char[last.close - 1] != ctx.paragraph_of_char[quote.open]:
        return False
    if not between.rstrip().endswith((",", ":")):
        return False
    if ctx.text[last.start : last.end].rstrip()[-1:] in _SENTENCE_END:
        return False
    tokens = [ctx.doc[i] for i in ctx.tokens(last.close, quote.open)]
    words = [t for t in tokens if t.is_alpha]
    return 0 < len(words) <= 12 and any(ctx.cues.verb(t.text) for t in tokens)


def _verb_in(ctx: Context, start: int, end: int, last: bool, main: bool = False) -> int:
    """A speech verb (token index) between two char offsets, outside quotes, or -1;
    `main`: not one of a relative clause ("... in Washington, where Ann Lee also spoke.")."""
    found = [
        i
        for i in ctx.tokens(start, end)
        if not ctx.in_quote[i] and ctx.attribution.is_speech_verb(ctx.doc[i])
        and not (main and ctx.doc[i].dep_ == "relcl") and not _bare_participle(ctx.doc[i])
        and not _circumstance_clause(ctx.doc[i])
    ]
    if not found:
        return -1
    return found[-1] if last else found[0]


def _bare_participle(verb: Token) -> bool:
    """'when questioned after the debate', 'Asked about the delay,': who was asked, not who spoke."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children
    )


# A verb under one of these is not a quote's cue: the clause marks of circumstance but "as"
# ("as Lee put it" is Lee's), and "if", left out there because an if-clause in a reported
# claim is part of what was said.
_NOT_A_CUE_MARKS = (CIRCUMSTANCE_MARKS - {"as"}) | {"if"}


def _circumstance_clause(verb: Token) -> bool:
    """'"That makes me smart," when Clinton blasted him': a verb of a clause of time,
    reason or condition is not the quote's cue."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in _NOT_A_CUE_MARKS and c.i < verb.i
               for c in verb.children)


def _after_region(ctx: Context, unit: QuoteUnit) -> tuple[int, int]:
    """Text after a quote that may hold its cue: to the sentence end or the next quote."""
    start = unit.close
    end = ctx.paragraph_bounds(unit.close - 1)[1]
    end = min(end, next((q.open for q in ctx.quotes if q.open >= start), end))
    tokens = ctx.tokens(start, end)
    if len(tokens):
        sentence_end = ctx.sentences.of(tokens[0]).end_char
        if sentence_end > start:
            end = min(end, sentence_end)
    return start, end


def _before_region(ctx: Context, unit: QuoteUnit) -> tuple[int, int]:
    end = unit.open
    previous = max((q.close for q in ctx.quotes if q.close <= end), default=0)
    start = max(ctx.paragraph_bounds(unit.open)[0], previous)
    tokens = ctx.tokens(start, end)
    if len(tokens):
        start = max(start, ctx.sentences.of(tokens[-1]).start_char)
    return start, end


def attach_cue(ctx: Context, unit: QuoteUnit) -> None:
    """Find the attribution of a quote next to it, if there is one."""
    cue_for = ctx.attribution.cue_for
    if len(unit.parts) > 1:
        verb = _verb_in(ctx, unit.parts[0].close, unit.parts[1].open, last=False)
        if verb >= 0:
            unit.cue = cue_for(ctx.doc[verb])
            return
    content = ctx.text[unit.start : unit.end].rstrip()
    after_start, after_end = _after_region(ctx, unit)
    verb = _verb_in(ctx, after_start, after_end, last=False)
    if verb >= 0:
        lead = [t for t in ctx.tokens(after_start, ctx.doc[verb].idx) if ctx.doc[t].is_alpha]
        # '"...level." The aide also told ...' starts a new sentence, not an attribution.
        ends_sentence = content[-1:] == "." or content.endswith("...")
        if not ends_sentence or len(lead) <= 3:
            unit.cue = cue_for(ctx.doc[verb])
            return
    named_before = _name_then_dash(ctx, unit)
    if named_before is not None:
        unit.cue = named_before
        return
    dash_cue = _dash_attribution(ctx, after_start, after_end, _opens_paragraph(ctx, unit))
    if dash_cue is not None:
        unit.cue = dash_cue
        return
    if content[-1:] in ",?!\u2026" or content.endswith("..."):
        # '"...," Putin laughed': any verb of a named speaker right after the quote.
        verb = _verb_of_named_subject(ctx, after_start, after_end)
        if verb >= 0:
            unit.cue = cue_for(ctx.doc[verb])
            return
    before_start, before_end = _before_region(ctx, unit)
    lead_in = ctx.text[before_start:before_end].rstrip()
    named = _name_and_colon(ctx, before_start, before_end)
    if named is not None:
        unit.cue = named
        return
    verb = _as_clause_verb(ctx, before_start, before_end)
    if verb >= 0:
        unit.cue = cue_for(ctx.doc[verb])
        return
    verb = _verb_in(ctx, before_start, before_end, last=True, main=True)
    if verb >= 0:
        between = [
            t for t in ctx.tokens(ctx.doc[verb].idx, before_end)
            if ctx.doc[t].is_alpha and t != verb
        ]
        # 'He said: "...', 'said that "...', 'told CNN "...': the cue introduces the quote.
        if lead_in.endswith((":", ",")) or lead_in.lower().endswith(" that") or (
            len(between) <= 3 and not any(ctx.doc[t].pos_ in ("VERB", "CCONJ") for t in between)
        ):
            unit.cue = cue_for(ctx.doc[verb])
            return
    verb = _relative_clause_verb_before(ctx, before_start, before_end) if lead_in.endswith((",", ":")) else -1
    if verb >= 0:
        unit.cue = _relative_clause_cue(ctx, ctx.doc[verb])
        return
    if not lead_in:
        _cue_from_previous_paragraph(ctx, unit)
    if unit.cue is None and content[-1:] in _SENTENCE_END:
        _cue_from_words_of(ctx, after_start, after_end, unit)
    if unit.cue is None:
        unit.cue = _cue_of_verb_taking_the_quote(ctx, unit)
    if unit.cue is None:
        unit.cue = _cue_of_speech_verb_above(ctx, unit)


def _relative_clause_verb_before(ctx: Context, start: int, end: int) -> int:
    """'... Karl Weber, who joked of the museum, "I have not seen it yet."': a speech verb
    of a relative clause that ends right before the quote's comma introduces it (token
    index), or -1; one that ends its sentence before the quote does not."""
    tokens = [i for i in ctx.tokens(start, end) if not ctx.doc[i].is_space]
    if len(tokens) < 2:
        return -1
    last_word = ctx.doc[tokens[-2]] if ctx.doc[tokens[-1]].is_quote else ctx.doc[tokens[-1]]
    last_word = ctx.doc[last_word.i - 1] if last_word.is_punct else last_word
    for i in reversed(tokens):
        verb = ctx.doc[i]
        if (verb.dep_ == "relcl" and not ctx.in_quote[i] and ctx.attribution.is_speech_verb(verb)
                and verb.right_edge.i == last_word.i):
            return i
    return -1


def _relative_clause_cue(ctx: Context, verb: Token) -> Cue:
    """The speaker of "who joked" is the name right before "who" ("Ann Lee and Karl Weber,
    who joked": Weber), whatever noun of a list the parser hung the clause on."""
    who = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "WP"), None)
    if who is not None and who.i >= 2:
        before = ctx.doc[who.i - 2] if ctx.doc[who.i - 1].text == "," else ctx.doc[who.i - 1]
        person = ctx.attribution.person_at.get(before.i, "")
        if person:
            return Cue(verb.i, person)
    return ctx.attribution.cue_for(verb)


def _as_clause_verb(ctx: Context, start: int, end: int) -> int:
    """'As Ann Lee put it in July, the network is "providing a view ..."': the verb of an
    "as"-clause of saying before the quote in its sentence (token index), or -1."""
    for i in ctx.tokens(start, end):
        verb = ctx.doc[i]
        if ctx.in_quote[i] or verb.pos_ != "VERB" or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        ):
            continue
        if ctx.attribution.is_speech_verb(verb) or verb.lower_ in ctx.cues.as_clause_verbs and any(
            c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children
        ):
            return i
    return -1


def _cue_of_verb_taking_the_quote(ctx: Context, unit: QuoteUnit) -> Cue | None:
    """'In a speech, Stone attacked "the dangerous ideas of ..."': a quote that is the
    object of a named person's verb right before it is that person's words."""
    tokens = ctx.tokens(unit.start, unit.end)
    if not len(tokens):
        return None
    heads = {ctx.doc[i].head.i for i in tokens if not unit.open <= ctx.doc[ctx.doc[i].head.i].idx < unit.close}
    if len(heads) != 1:
        return None
    verb = ctx.doc[heads.pop()]
    if verb.pos_ != "VERB" or ctx.in_quote[verb.i] or verb.idx + len(verb.text) > unit.open:
        return None
    if len(ctx.tokens(verb.idx + len(verb.text), unit.open)) > 1:
        return None  # only the opening mark may stand between them
    if not any(ctx.doc[i].dep_ in ("dobj", "ccomp", "oprd") and ctx.doc[i].head.i == verb.i
               for i in tokens):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not ctx.in_quote[c.i]]
    if not subjects:
        return None
    # a person, or a source of another kind the labels name ("the campaign", "it")
    return Cue(verb.i, ctx.attribution.person_at.get(subjects[0].i, ""))


def _cue_from_words_of(ctx: Context, start: int, end: int, unit: QuoteUnit) -> None:
    """'"This is a historic day." Those were the words of Ulf Kristersson': the sentence
    after the quote names its speaker through a noun for what was said."""
    for count, i in enumerate(ctx.tokens(start, end)):
        if count > 12:
            return
        token = ctx.doc[i]
        if token.lower_ not in ctx.cues.quote_nouns or ctx.in_quote[i]:
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                owners += [c for c in prep.children if c.dep_ == "pobj"]
        for owner in owners:
            person = ctx.attribution.person_at.get(owner.i)
            if person:
                unit.cue = Cue(owner.i, person)
                return


def _opens_paragraph(ctx: Context, unit: QuoteUnit) -> bool:
    return not ctx.text[ctx.paragraph_bounds(unit.open)[0] : unit.open].strip()


def _dash_attribution(ctx: Context, start: int, end: int, headline: bool = False) -> Cue | None:
    """'"We had nothing to do with it" - Putin': a dash and a name after the quote; in a
    headline-like line a colon too ("'We are not here to beg': Kenya's president")."""
    lead = ctx.text[start:end].lstrip()[:1]
    if lead not in _DASHES and not (headline and lead == ":"):
        return None
    tokens = ctx.tokens(start, end)
    for count, i in enumerate(tokens):
        if count > 5:
            break
        person = ctx.attribution.person_at.get(i)
        if person:
            return Cue(i, person)
    if headline and lead == ":" and len(tokens) > 1:
        # "'We will not be intimidated': Baltic leaders unite": quoted, by nobody named.
        return Cue(tokens[1], "")
    return None


def _quote_root(ctx: Context, unit: QuoteUnit) -> Token | None:
    """The one word of a quote whose head lies outside it, if there is one."""
    tokens = ctx.tokens(unit.start, unit.end)
    roots = [ctx.doc[i] for i in tokens
             if not unit.open <= ctx.doc[i].head.idx < unit.close or ctx.doc[i].head.i == i]
    return roots[0] if len(roots) == 1 else None


def _cue_of_speech_verb_above(ctx: Context, unit: QuoteUnit) -> Cue | None:
    """'Stone tells his supporters at a rally to "go to your place and vote"': a quote
    inside what a speech verb governs is that verb's speaker's, however far apart."""
    root = _quote_root(ctx, unit)
    if root is None or words_in(ctx.text[unit.start : unit.end]) < MIN_ORPHAN_QUOTE_WORDS:
        return None  # a short phrase this far from its verb is the writer's borrowing
    token, steps = root, 0
    while token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1
        if ctx.in_quote[token.i]:
            return None  # the quote sits inside another quote's words
        if ctx.attribution.is_speech_verb(token) and ctx.attribution.is_factual(token):
            cue = ctx.attribution.cue_for(token)
            return cue if cue.speaker else None
        if token.dep_ in ("relcl", "acl") or token.pos_ == "NOUN" and token.dep_ in (
                "nsubj", "nsubjpass"):
            return None  # a relative clause or a subject phrase: someone else's words
    return None


def _name_then_dash(ctx: Context, unit: QuoteUnit) -> Cue | None:
    """'including the former governor Anna Lind -- "It is wrong ..." -- and Peter Holm':
    a quote set off by dashes right after a name is that person's words."""
    before_start, before_end = _before_region(ctx, unit)
    lead_in = ctx.text[before_start:before_end].rstrip()
    dash = lead_in.rstrip("".join(_DASHES))
    if dash == lead_in or ctx.text[unit.close : unit.close + 4].lstrip()[:1] not in _DASHES:
        return None  # set off by dashes on both sides, an aside: not "supportive of X -- '...'"
    tokens = [i for i in ctx.tokens(before_start, before_start + len(dash.rstrip()))
              if not ctx.doc[i].is_space]
    if not tokens:
        return None
    person = ctx.attribution.person_at.get(tokens[-1])
    return Cue(tokens[-1], person) if person else None


def _name_and_colon(ctx: Context, start: int, end: int) -> Cue | None:
    """'Orbán: "We will not be part of this"' (headlines, live blogs): only a name, then a colon."""
    line_start = ctx.paragraph_bounds(end)[0]
    if any(line_start <= q.close <= start for q in ctx.quotes):
        return None
    start = line_start  # the sentence splitter may cut "Von | der Leyen:"
    lead_in = ctx.text[start:end].strip()
    if not lead_in.endswith(":"):
        return None
    tokens = [i for i in ctx.tokens(start, end) if not ctx.doc[i].is_space]
    words = [i for i in tokens if not ctx.doc[i].is_punct]
    people = {
        ctx.attribution.person_at.get(i) for i in words
        if ctx.doc[i].lower_ not in NAME_PARTICLES  # "Von der Leyen:"
    }
    if len(people) == 1 and None not in people and 0 < len(words) <= 4:
        return Cue(words[-1], people.pop())  # type: ignore[arg-type]
    return None


def _verb_of_named_subject(ctx: Context, start: int, end: int) -> int:
    for count, i in enumerate(ctx.tokens(start, end)):
        if count > 5:
            break
        token = ctx.doc[i]
        if token.pos_ in ("SCONJ",) or token.dep_ == "mark":
            return -1  # '"...," when Lind attacked him': a clause about when, not who said it
        if token.pos_ != "VERB" or ctx.in_quote[i]:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].i in ctx.attribution.person_at:
            return i
        return -1
    return -1


def _cue_from_previous_paragraph(ctx: Context, unit: QuoteUnit) -> None:
    """'Putin told reporters:' ending one paragraph introduces the quote in the next."""
    number = ctx.paragraph_of_char[unit.open]
    if number < 2:
        return
    start, end = ctx.paragraphs[number - 2]
    if not ctx.text[start:end].rstrip().endswith(":"):
        return
    verb = _verb_in(ctx, start, end, last=True)
    if verb >= 0:
        unit.cue = ctx.attribution.cue_for(ctx.doc[verb])
        return
    # "Then she turned to the stakes of the election:" - no speech verb, but a
    # person introduces what follows.
    tokens = ctx.tokens(start, end)
    if len(tokens):
        root = ctx.sentences.of(tokens[-1]).root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        person = ctx.attribution.person_of(subjects[0]) if subjects else ""
        if person:
            unit.cue = Cue(root.i, person)


def is_title(quoted: str) -> bool:
    """A quoted name of a document or programme ("Strategy for the New Era"), not speech."""
    words = [w for w in quoted.split() if w[:1].isalpha()]
    capitals = sum(1 for w in words if w[:1].isupper())
    return bool(words) and capitals >= 0.6 * len(words) and quoted.rstrip()[-1:] not in ".?!"


_SMALL_WORDS = frozenset(("the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"))


def _title_cased(quoted: str) -> bool:
    """Two or more words, every one but the small ones capitalised ("Morning Desk",
    "Voices of Power"): a name, where "That's Norway's weakness" is speech."""
    words = [w for w in quoted.split() if w[:1].isalpha()]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    ends_sentence = quoted.rstrip()[-1:] in ".?!"  # '"We're America."' is said
    return len(words) > 1 and not ends_sentence and bool(content) and all(w[:1].isupper() for w in content)


def cue_adjacent(ctx: Context, unit: QuoteUnit, cue: Cue | None) -> bool:
    """A short quote counts only as a whole utterance with its cue next to it ('"Yes," he said').

    'a "disaster"' or 'calls it "the foe"' quote words, not an utterance: no
    punctuation closes them inside the marks and no colon introduces them.
    """
    if cue is None:
        return False
    inner = ctx.text[unit.start : unit.end].rstrip()
    if cue.inherited:
        return inner[-1:] in "?!."  # '"No," he said. "Not this year."'
    lead_in = ctx.text[max(0, unit.open - 80) : unit.open].rstrip()
    if inner[-1:] not in ",?!." and not lead_in.endswith(":"):
        return False
    if _title_cased(inner):
        return False  # 'on the network's "Morning Desk," Karl Weber said': a programme's name
    cue_char = ctx.doc[cue.token].idx
    if cue_char >= unit.close:
        gap = ctx.text[unit.close : cue_char]
    elif cue_char < unit.open:
        gap = ctx.text[cue_char : unit.open]
    else:
        return True
    if "\n\n" in gap:
        return False
    if len(gap.split()) <= 3:
        return True
    if cue_char < unit.close:
        return False
    # '"We need change," the Oslo shipowner said': only the speaker stands between
    verb = ctx.doc[cue.token]
    speaker = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    between = [i for i in ctx.tokens(unit.close, cue_char) if not ctx.doc[i].is_punct]
    return len(between) <= MAX_SPEAKER_WORDS and set(between) <= speaker


def inherited_cue(ctx: Context, unit: QuoteUnit, items: list[Item]) -> Cue | None:
    """A quote standing alone after a statement continues that speaker's words."""
    paragraph_start = ctx.paragraph_bounds(unit.open)[0]
    lead = ctx.text[paragraph_start : unit.open].strip()
    sentence_start = not lead or lead[-1:] in _SENTENCE_END or lead.endswith(("\u201d", '"'))
    if not sentence_start:
        tokens = ctx.tokens(unit.open, unit.open + 1)
        sentence_start = bool(len(tokens)) and (
            ctx.sentences.of(tokens[0]).start_char >= unit.open - 1
        )
    if not sentence_start:
        return None
    previous = [item for item in items if item[1] <= unit.open and item[3] is not None]
    if not previous:
        return None
    start, end, _, cue = previous[-1]
    # Only the same paragraph or the next one continues a speaker.
    if ctx.paragraph_of_char[unit.open] - ctx.paragraph_of_char[max(start, end - 1)] > 1:
        return None
    return cue

"""Whom a statement was made to: "told Fox News", "speaking to Christiane Amanpour",
"in an interview with NBC", "at a briefing for reporters"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from generator.statements._attribution import Attribution

# Longer objects are clauses the parser hung on the verb, not an audience.
_MAX_WORDS = 8


def _phrase(attribution: Attribution, token: Token) -> str:
    """The noun phrase of `token`, stopped before a clause or a quote it runs into."""
    kept: list[Token] = []
    for t in token.subtree:
        if t.dep_ in ("ccomp", "relcl") or t.is_space:
            continue
        if attribution.in_quote[t.i] or t.dep_ == "mark" or t.lower_ == "that":
            break
        kept.append(t)
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    if not kept or len(kept) > _MAX_WORDS or kept[0].tag_ in ("PRP", "PRP$") and len(kept) == 1:
        return ""
    return attribution.doc[kept[0].i : kept[-1].i + 1].text


def audience(attribution: Attribution, verb: Token, exclude: tuple[int, int]) -> str:
    cues = attribution.cues

    def outside(token: Token) -> bool:
        return not (exclude[0] <= token.idx < exclude[1]) and not attribution.in_quote[token.i]

    # "told CNN", "warned his counterpart": the object of a verb of telling.
    if cues.verb(verb.text) in cues.audience_object:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and outside(child):
                found = _phrase(attribution, child)
                if found:
                    return found
    # "said, speaking to Christiane Amanpour", "explained to reporters".
    for candidate in [verb] + [c for c in verb.children if c.dep_ in ("advcl", "conj")]:
        base = cues.verb(candidate.text)
        if base not in cues.audience_to_verbs:
            continue
        for child in candidate.children:
            if child.dep_ == "prep" and child.lower_ == "to" and outside(child):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and _phrase(attribution, objects[0]):
                    return _phrase(attribution, objects[0])
    # "in an interview with NBC", "at a briefing for reporters".
    for token in attribution.sentences.of(verb.i):
        if token.lower_ not in cues.occasion_nouns or not outside(token):
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in cues.audience_prepositions:
                objects = [c for c in child.children if c.dep_ == "pobj" and outside(c)]
                if objects and _phrase(attribution, objects[0]):
                    return _phrase(attribution, objects[0])
    return ""

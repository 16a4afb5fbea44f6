"""Sentence lookups computed once per parsed document.

`Token.sent` walks the document's sentences on every call; the stages ask
for a token's sentence thousands of times, so they share this index (kept in
`doc.user_data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Doc, Span, Token

_KEY = "summit_timeline_sentences"
_TOKENS_KEY = "summit_timeline_tokens"


def all_tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once: iterating a Doc builds new Token objects each
    time, which is most of the cost of the many passes the stages make."""
    cached = doc.user_data.get(_TOKENS_KEY)
    if isinstance(cached, list) and len(cached) == len(doc):
        return cached
    made = list(doc)
    doc.user_data[_TOKENS_KEY] = made
    return made


@dataclass(frozen=True)
class Sentences:
    spans: tuple[Span, ...]
    index_of_token: tuple[int, ...]

    def of(self, token_index: int) -> Span:
        return self.spans[self.index_of_token[token_index]]

    def number(self, token_index: int) -> int:
        return self.index_of_token[token_index]


def sentences(doc: Doc) -> Sentences:
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, Sentences) and len(cached.index_of_token) == len(doc):
        return cached
    spans = tuple(doc.sents)
    index = [0] * len(doc)
    for number, span in enumerate(spans):
        for i in range(span.start, span.end):
            index[i] = number
    built = Sentences(spans, tuple(index))
    doc.user_data[_KEY] = built
    return built

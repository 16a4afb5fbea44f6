"""Sentence lookups computed once per parsed document.

`Token.sent` walks the document's sentences on every call; the stages ask
for a token's sentence thousands of times, so they share this index (kept in
`doc.user_data`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

_KEY = "summit_timeline_sentences"


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

"""What the statement rules share about one article: text, quotes, paragraphs, sentences."""

from __future__ import annotations

from spacy.tokens import Doc

from generator.knowledge.speech import speech_cues
from generator.model import Mention
from generator.nlp.quotes import find_quotes, paragraph_spans
from generator.nlp.sentences import sentences
from generator.statements._attribution import Attribution


class Context:
    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: read it once
        self.cues = speech_cues()
        self.quotes = find_quotes(self.text)
        self.in_quote = [False] * len(doc)
        for quote in self.quotes:
            for i in self.tokens(quote.start, quote.end):
                self.in_quote[i] = True
        person_at: dict[int, str] = {}
        for mention in mentions:
            for i in self.tokens(mention.start, mention.end):
                person_at[i] = mention.person
        self.attribution = Attribution(doc, self.cues, person_at, self.in_quote)
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_of_char = self._paragraph_index()
        self.sentences = sentences(doc)

    def tokens(self, start: int, end: int) -> range:
        """Indices of the tokens overlapping the characters start..end."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _paragraph_index(self) -> list[int]:
        """For each character, its paragraph's number (1-based; a gap counts with the one before)."""
        index = [0] * (len(self.text) + 1)
        number = 0
        cursor = 0
        for start, end in self.paragraphs:
            for i in range(cursor, start):
                index[i] = number
            number += 1
            for i in range(start, end):
                index[i] = number
            cursor = end
        for i in range(cursor, len(self.text) + 1):
            index[i] = number + 1
        return index

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding `char` (or (char, char) in a gap)."""
        number = self.paragraph_of_char[min(char, len(self.text))]
        if 1 <= number <= len(self.paragraphs):
            start, end = self.paragraphs[number - 1]
            if start <= char <= end:
                return start, end
        return char, char

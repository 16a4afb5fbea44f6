"""Readings of the parse that several stages share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the YAML-only paths need not import spaCy
    from spacy.tokens import Token


def apposed_to_objects(noun: Token) -> list[Token]:
    """The words in apposition to the objects of a noun's prepositions: "the spokesman in
    Oslo, Tom Hale," / "An attorney for Ann Lee, Mark Roe,". The parser hangs a name that
    names the noun on the nearer object; the caller decides whether it names the noun."""
    return [
        appos
        for prep in noun.children if prep.dep_ == "prep"
        for obj in prep.children if obj.dep_ == "pobj"
        for appos in obj.children if appos.dep_ == "appos"
    ]

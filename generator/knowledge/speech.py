"""Speech cues from generator/knowledge/data/speech_verbs.yaml: verb forms and their classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from generator.knowledge import load_data


@dataclass(frozen=True)
class SpeechCues:
    form_to_verb: dict[str, str]  # "said" -> "say"
    reporting: frozenset[str]  # base verbs whose clause is reported speech
    object_clause: frozenset[str]
    speaker_object: frozenset[str]
    audience_object: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    occasion_nouns: frozenset[str]
    audience_prepositions: frozenset[str]
    audience_to_verbs: frozenset[str]
    non_factual: frozenset[str]
    negations: frozenset[str]
    writers_voice: frozenset[str]
    not_sources: frozenset[str]
    quote_nouns: frozenset[str] = frozenset()
    question_markers: frozenset[str] = frozenset()
    generic_sources: frozenset[str] = frozenset()
    narrative_connectives: frozenset[str] = frozenset()
    answer_markers: frozenset[str] = frozenset()
    # phrase content: verb -> prepositions; verbs with a to-infinitive; with object + complement
    content_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    infinitive_content: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    object_complement: frozenset[str] = frozenset()
    question_verbs: frozenset[str] = frozenset()
    question_openers: frozenset[str] = frozenset()
    as_clause_verbs: frozenset[str] = frozenset()
    speaking_bodies: frozenset[str] = frozenset()

    def takes_phrase(self, base: str) -> bool:
        return (base in self.content_prepositions or base in self.infinitive_content
                or base in self.object_complement)

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(self.form_to_verb)

    def verb(self, word: str) -> str:
        """The base verb of a form ("told" -> "tell"), or ""."""
        return self.form_to_verb.get(word.lower(), "")


def _set(values: object) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or []))  # type: ignore[union-attr]


@cache
def speech_cues() -> SpeechCues:
    data = load_data("speech_verbs") or {}
    form_to_verb: dict[str, str] = {}
    for base, forms in (data.get("verbs") or {}).items():
        for form in forms or []:
            form_to_verb.setdefault(str(form).lower(), str(base).lower())
    phrase = data.get("phrase_content") or {}
    return SpeechCues(
        form_to_verb=form_to_verb,
        content_prepositions={
            str(verb).lower(): _set(preps) for verb, preps in (phrase.get("prepositions") or {}).items()
        },
        infinitive_content=_set(phrase.get("infinitive")),
        object_complement=_set(phrase.get("object_complement")),
        claim_nouns=_set(data.get("claim_nouns")),
        question_verbs=_set(data.get("question_verbs")),
        question_openers=_set(data.get("question_openers")),
        reporting=_set(data.get("reporting_verbs")),
        object_clause=_set(data.get("object_clause_verbs")),
        speaker_object=_set(data.get("speaker_object_verbs")),
        audience_object=_set(data.get("audience_object_verbs")),
        source_phrases=tuple(tuple(str(p).lower().split()) for p in data.get("source_phrases") or []),
        occasion_nouns=_set(data.get("occasion_nouns")),
        audience_prepositions=_set(data.get("audience_prepositions")),
        audience_to_verbs=_set(data.get("audience_to_verbs")),
        non_factual=_set(data.get("non_factual_auxiliaries")),
        negations=_set(data.get("negations")),
        writers_voice=_set(data.get("writers_voice")),
        not_sources=_set(data.get("not_sources")),
        quote_nouns=_set(data.get("quote_nouns")),
        generic_sources=_set(data.get("generic_sources")),
        narrative_connectives=_set(data.get("narrative_connectives")),
        as_clause_verbs=_set(data.get("as_clause_verbs")),
        speaking_bodies=_set(data.get("speaking_bodies")),
        question_markers=_set((data.get("interview_markers") or {}).get("question")),
        answer_markers=_set((data.get("interview_markers") or {}).get("answer")),
    )

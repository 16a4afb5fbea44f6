"""What the people stage knows from data: titles, role words, countries, office holders.

Read once from generator/knowledge/data/titles.yaml and roles.yaml (users extend both);
the rules in `people` and `statements` consult this instead of naming anyone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache

from generator.knowledge import load_data
from generator.model import PartialDate


def norm(text: str) -> str:
    """Lowercase with typographic apostrophes and spaces made plain."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").lower().split())


@dataclass(frozen=True)
class Holder:
    name: str
    start: datetime.date | None
    end: datetime.date | None
    aliases: tuple[str, ...] = ()

    def held_on(self, when: PartialDate) -> bool:
        """True if the holder was in office at some time within `when`."""
        first = datetime.date(when.year, when.month or 1, when.day or 1)
        if when.day is not None:
            last = first
        elif when.month is not None:
            last = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            last -= datetime.timedelta(days=1)
        else:
            last = datetime.date(when.year, 12, 31)
        starts_before_end = self.start is None or self.start <= last
        ends_after_start = self.end is None or self.end > first
        return starts_before_end and ends_after_start


@dataclass(frozen=True)
class Office:
    role: str
    country: str
    qualifiers: tuple[str, ...]
    leader: bool
    holders: tuple[Holder, ...]

    def holders_on(self, when: PartialDate) -> list[str]:
        return list(dict.fromkeys(h.name for h in self.holders if h.held_on(when)))

    def holder_names(self) -> list[str]:
        return list(dict.fromkeys(h.name for h in self.holders))

    def title(self) -> str:
        qualifier = self.qualifiers[0].title() + " " if self.qualifiers else ""
        return f"{qualifier}{self.role}".strip() + f" ({self.country})"


@dataclass
class Knowledge:
    honorifics: dict[str, str] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    role_nouns: dict[str, str] = field(default_factory=dict)
    compound_roles: dict[str, str] = field(default_factory=dict)
    leader_roles: frozenset[str] = frozenset()
    head_roles: frozenset[str] = frozenset()
    fillers: frozenset[str] = frozenset()
    past_words: frozenset[str] = frozenset()
    gendered_roles: dict[str, str] = field(default_factory=dict)
    not_names: frozenset[str] = frozenset()
    organisation_nouns: frozenset[str] = frozenset()
    thing_heads: frozenset[str] = frozenset()
    pronouns: dict[str, str] = field(default_factory=dict)
    given_name_gender: dict[str, str] = field(default_factory=dict)
    # given names that are common surnames too ("Kelly"): a lone one is no sign of gender
    surname_given_names: frozenset[str] = frozenset()
    # lowercase country word or phrase ("russian", "white house") -> country
    country_words: dict[str, str] = field(default_factory=dict)
    # lowercase institution word -> country ("kremlin" -> Russia)
    institutions: dict[str, str] = field(default_factory=dict)
    # country -> its first adjective ("Russia" -> "Russian")
    adjectives: dict[str, str] = field(default_factory=dict)
    # lowercase adjective of any country ("algerian", "uzbek")
    nationalities: set[str] = field(default_factory=set)
    offices: tuple[Office, ...] = ()
    # lowercase full name or alias -> canonical holder name
    known_names: dict[str, str] = field(default_factory=dict)
    # lowercase name or alias of a historical figure (passing_mentions.yaml) -> the year
    # they died (history in articles written after it)
    historical_names: dict[str, int] = field(default_factory=dict)
    # lemmas that put the phrase a name is in into a comparison ("compare", "like")
    comparison_words: frozenset[str] = frozenset()
    # lowercase party word ("gop") -> party ("Republican"), from titles.yaml
    party_words: dict[str, str] = field(default_factory=dict)

    def parties_in(self, text: str) -> frozenset[str]:
        """The parties a normalised phrase names ("the gop nominee" -> {"Republican"})."""
        padded = f" {text} "
        return frozenset(party for word, party in self.party_words.items() if f" {word} " in padded)

    def is_title_word(self, word: str) -> bool:
        word = norm(word).strip(".")
        return (
            word in self.title_words
            or word in self.honorifics
            or f"{word}." in self.honorifics
            or word in self.role_nouns
        )

    def country_of(self, phrase: str) -> str:
        """The country a word or phrase names ("Russian", "Russia's", "Kremlin"), or ""."""
        key = norm(phrase)
        if key.endswith("'s"):
            key = key[:-2]
        return self.country_words.get(key, "")

    def known_by_surname(self, surname: str) -> list[str]:
        key = norm(surname)
        return sorted(
            {name for alias, name in self.known_names.items() if alias.split()[-1] == key}
        )

    def known_by_given_name(self, given: str) -> list[str]:
        key = norm(given)
        return sorted(
            {name for alias, name in self.known_names.items() if alias.split()[0] == key}
        )

    def offices_holding(self, name: str) -> list[Office]:
        canonical = self.known_names.get(norm(name), name)
        return [o for o in self.offices if canonical in o.holder_names()]


def _date(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"roles.yaml: {value!r} is not a date; write office dates as YYYY-MM-DD"
        ) from None


def _lower_set(values: object) -> frozenset[str]:
    return frozenset(norm(str(v)) for v in (values or []))  # type: ignore[union-attr]


@cache
def knowledge() -> Knowledge:
    titles = load_data("titles") or {}
    roles = load_data("roles") or {}
    know = Knowledge(
        honorifics={norm(k): str(v or "") for k, v in (titles.get("honorifics") or {}).items()},
        title_words=_lower_set(titles.get("title_words")),
        role_nouns={norm(k): norm(v) for k, v in (titles.get("role_nouns") or {}).items()},
        compound_roles={norm(k): norm(v) for k, v in (titles.get("compound_roles") or {}).items()},
        leader_roles=_lower_set(titles.get("leader_roles")),
        head_roles=_lower_set(titles.get("head_roles")),
        fillers=_lower_set(titles.get("description_fillers")),
        past_words=_lower_set(titles.get("description_past")),
        gendered_roles={norm(k): v for k, v in (titles.get("gendered_roles") or {}).items()},
        not_names=_lower_set(titles.get("not_names")),
        organisation_nouns=_lower_set(titles.get("organisation_nouns")),
        thing_heads=_lower_set(titles.get("thing_heads")),
        pronouns={norm(k): v for k, v in (titles.get("pronouns") or {}).items()},
        party_words={
            norm(word): str(party) for party, words in (titles.get("parties") or {}).items()
            for word in words or []
        },
    )
    census = load_data("given_names") or {}
    for gender in ("female", "male"):
        for name in [*(titles.get(f"{gender}_given_names") or []), *(census.get(gender) or [])]:
            know.given_name_gender.setdefault(norm(name), gender)
    know.surname_given_names = _lower_set(census.get("also_surnames"))
    for country, words in (roles.get("countries") or {}).items():
        adjectives = (words or {}).get("adjectives") or [country]
        know.adjectives[str(country)] = str(adjectives[0])
        know.nationalities.update(norm(str(a)) for a in adjectives)
        for key in ("adjectives", "names", "institutions"):
            for word in (words or {}).get(key) or []:
                know.country_words.setdefault(norm(word), country)
                if key == "institutions":
                    know.institutions.setdefault(norm(word), country)
    offices = []
    for entry in roles.get("offices") or []:
        holders = tuple(
            Holder(
                name=str(h["name"]),
                start=_date(h.get("start")),
                end=_date(h.get("end")),
                aliases=tuple(str(a) for a in h.get("aliases") or ()),
            )
            for h in entry.get("holders") or []
        )
        offices.append(
            Office(
                role=norm(entry["role"]),
                country=str(entry.get("country") or ""),
                qualifiers=tuple(norm(q) for q in entry.get("qualifiers") or ()),
                leader=bool(entry.get("leader")),
                holders=holders,
            )
        )
        for holder in holders:
            for alias in (holder.name, *holder.aliases):
                know.known_names.setdefault(norm(alias), holder.name)
    know.offices = tuple(offices)
    passing = load_data("passing_mentions") or {}
    for entry in passing.get("historical_figures") or []:
        died = int(entry.get("died") or 0)  # no year: history in any article
        for alias in (entry["name"], *(entry.get("aliases") or ())):
            know.historical_names.setdefault(norm(str(alias)), died)
    know.comparison_words = _lower_set(passing.get("comparison_words"))
    return know


_DETERMINERS = frozenset("the a an this that his her their its our your my".split())


@dataclass(frozen=True)
class RoleInfo:
    """What a title or description says: canonical role, country, and its words."""

    role: str = ""
    country: str = ""
    text: str = ""  # normalised words, for qualifier matching ("kremlin spokesman")
    past: bool = False

    def matches_qualifier(self, qualifiers: tuple[str, ...]) -> bool:
        padded = f" {self.text} "
        return any(f" {q} " in padded for q in qualifiers)


def analyse_role(words: list[str], know: Knowledge | None = None) -> RoleInfo:
    """Read a title or description ("Russian President", "the US secretary of state")."""
    know = know or knowledge()
    lowered = [norm(w) for w in words if norm(w) and norm(w) not in _DETERMINERS]
    past = any(w in know.past_words or w.startswith("ex-") for w in lowered)
    # Countries named before the role or in "of X" after it, not in "to X" (a destination).
    country = ""
    limit = lowered.index("to") if "to" in lowered else len(lowered)
    for size in (3, 2, 1):
        for i in range(0, max(0, limit - size + 1)):
            found = know.country_of(" ".join(lowered[i : i + size]))
            if found:
                country = found
                break
        if country:
            break
    role = ""
    text = " ".join(lowered)
    for phrase in sorted(know.compound_roles, key=len, reverse=True):
        if f" {phrase} " in f" {text} ":
            role = know.compound_roles[phrase]
            break
    if not role:
        for word in reversed(lowered[:limit]):
            base = word.strip(".")
            if base in know.role_nouns:
                role = know.role_nouns[base]
                break
    return RoleInfo(role=role, country=country, text=text, past=past)


def role_matches(wanted: str, held: str, know: Knowledge | None = None) -> bool:
    """Does a description's role ("leader", "president") fit a held role?"""
    know = know or knowledge()
    if not wanted or not held:
        return False
    if wanted == held:
        return True
    if wanted == "leader":
        return held in know.leader_roles
    if wanted == "minister":
        return held.endswith("minister")
    if wanted == "secretary":
        return "secretary" in held
    if wanted == "adviser":
        return held.endswith("adviser")
    if wanted == "official":
        return held not in know.head_roles
    if wanted == "lawmaker":
        return held in ("senator", "congressman", "lawmaker", "representative")
    if wanted == "diplomat":
        return held in ("ambassador", "envoy", "diplomat", "foreign minister", "secretary of state")
    return False


# Description heads that fit people of many roles ("the official", "the politician").
GENERIC_ROLES = frozenset(
    ["official", "politician", "leader", "head", "chief", "lawmaker", "diplomat", "agent",
     "officer", "counterpart", "critic", "activist", "billionaire", "businessman"]
)

"""Text helpers for the renderer: escaping, dates for readers, URLs and anchors.

Article text is untrusted. `escape_text` makes any string inert in HTML *and*
Markdown at once: HTML's special characters and every character Markdown (or a
Markdown extension: attr_list, emoji, tables, footnotes) gives a meaning become
numeric character references, which Python-Markdown passes through unchanged and
browsers show as the original characters. The Jinja environment applies it to
every value a template prints unless the value is already `Markup` (HTML built
by these helpers from escaped parts).
"""

from __future__ import annotations

import calendar
import datetime
import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from generator.model import PartialDate, slugify

# HTML's special characters, then every character Markdown or a common extension reads.
_SPECIALS = re.compile(r"[&<>\"'\\`*_\[\]{}()#+!|~^:=$-]")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_WHITESPACE = re.compile(r"\s+")


def escape_text(value: object) -> Markup:
    """`value` as inert text for Markdown and HTML; whitespace runs become one space."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str) and len(value) <= 200:
        return _escape_short(value)  # names, titles, dates: printed again and again
    return _escape("" if value is None else str(value))


def _escape(value: str) -> Markup:
    text = _WHITESPACE.sub(" ", value).strip()
    return Markup(_SPECIALS.sub(lambda m: _NAMED.get(m.group()) or f"&#{ord(m.group())};", text))


_escape_short = lru_cache(maxsize=65536)(_escape)


def escape_block(value: object) -> Markup:
    """Like `escape_text` but keeps line breaks as `<br>` (for multi-line quotes)."""
    lines = [escape_text(line) for line in str(value or "").splitlines() if line.strip()]
    return Markup("<br>").join(lines)


@lru_cache(maxsize=65536)
def parse_date(value: str | None) -> PartialDate | None:
    """`value` as a PartialDate (YYYY, YYYY-MM, YYYY-MM-DD), or None; cached, dates repeat a lot."""
    if not value:
        return None
    try:
        return PartialDate.parse(str(value)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def format_date(value: str | None) -> str:
    """A date at its own precision: "16 July 2018", "July 2018", "2018"; "" if unknown."""
    date = parse_date(value)
    if date is None:
        return str(value or "")
    if date.month is None:
        return str(date.year)
    month = calendar.month_name[date.month]
    return f"{month} {date.year}" if date.day is None else f"{date.day} {month} {date.year}"


def format_days(first: datetime.date, last: datetime.date) -> str:
    """A span of days for readers: "16 July 2018", "11–13 June 2021", "30 November – 1 December 2018"."""
    end = format_date(last.isoformat())
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    if first.year == last.year:
        return f"{first.day} {calendar.month_name[first.month]} – {end}"
    return f"{format_date(first.isoformat())} – {end}"


@lru_cache(maxsize=65536)
def date_range(date: PartialDate) -> tuple[datetime.date, datetime.date]:
    """First and last calendar day a partial date may mean (cached: pages ask often)."""
    return date.day_range()


@lru_cache(maxsize=65536)
def sort_key(value: str | None) -> tuple[int, int, int, int]:
    """Chronological order; coarser dates before finer ones of the same period; unknown last."""
    date = parse_date(value)
    if date is None:
        return (9999, 99, 99, 1)
    return (date.year, date.month or 0, date.day or 0, 0)


@lru_cache(maxsize=65536)
def anchor(kind: str, record_id: str) -> Markup:
    """An HTML id for a record: `kind-slug` (kinds: e event, s statement); safe to print as is."""
    return Markup(f"{slugify(kind, 8)}-{slugify(record_id, max_length=80)}")


def page_url(path: str) -> str:
    """Site URL of a page path with directory URLs: `people/x.md` -> `people/x/`."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to_path: str, fragment: str = "") -> Markup:
    """A link from page `from_page` to page or file `to_path`, relative so the site can move."""
    url = _relative_url(from_page, to_path)
    return Markup(escape(url + (f"#{fragment}" if fragment else "")))


@lru_cache(maxsize=65536)
def _relative_url(from_page: str, to_path: str) -> str:
    from_url, target = page_url(from_page), page_url(to_path)
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    url = posixpath.relpath("/" + target, "/" + from_dir)
    if url == ".":
        url = "./"
    elif target.endswith("/") or not target:
        url += "/"
    return url


def unique_paths(keys: list[str], folder: str, names: dict[str, str]) -> dict[str, str]:
    """{key: folder/slug.md} with slugs made unique by a number suffix."""
    paths: dict[str, str] = {}
    used: set[str] = {"index"}
    for key in keys:
        base = slugify(names.get(key) or key)
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        paths[key] = f"{folder}/{slug}.md"
    return paths


def safe_external_url(url: str | None) -> str | None:
    """`url` when it is a plain http(s) link, else None (never `javascript:` and the like)."""
    if not url:
        return None
    parts = urlsplit(str(url).strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return parts.geturl()
    return None


def excerpt(text: str, limit: int = 160) -> str:
    """`text` shortened at a word boundary to about `limit` characters."""
    text = _WHITESPACE.sub(" ", text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# Double quotation marks: openers, closers, and the straight mark that is both.
_OPENERS = "“„«"
_CLOSERS = "”»"
_STRAIGHT = '"'


def _wraps_whole(text: str) -> bool:
    """True when text[0] opens a quotation that text[-1] closes (not `“a” and “b”`)."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0 and index < len(text) - 1:
                return False
    return depth == 0


def unquote_edges(text: str) -> str:
    """`text` without one layer of outer quotation marks, for display (the record keeps them).

    Strips a pair that wraps the whole text, or a single mark at either end that
    nothing inside matches (`level.”` from `… to “some acceptable level.”`).
    """
    text = (text or "").strip()
    if len(text) < 2:
        return text
    opens = sum(text.count(c) for c in _OPENERS)
    closes = sum(text.count(c) for c in _CLOSERS)
    straight = text.count(_STRAIGHT)
    if text[0] in _OPENERS and text[-1] in _CLOSERS and _wraps_whole(text):
        return text[1:-1].strip()
    if text[0] == text[-1] == _STRAIGHT and straight == 2:
        return text[1:-1].strip()
    if (text[-1] in _CLOSERS and closes > opens) or (text[-1] == _STRAIGHT and straight % 2):
        return text[:-1].rstrip()
    if (text[0] in _OPENERS and opens > closes) or (text[0] == _STRAIGHT and straight % 2):
        return text[1:].lstrip()
    return text


def inner_quote(text: str) -> str:
    """`text` ready to print inside “…”: outer marks dropped, inner double marks made single."""
    text = unquote_edges(text)
    text = text.translate(str.maketrans({"“": "‘", "„": "‘", "”": "’", "«": "‹", "»": "›"}))
    if text.count(_STRAIGHT) % 2 == 0:
        parts = text.split(_STRAIGHT)
        text = "".join(part + ("‘" if n % 2 == 0 else "’") for n, part in enumerate(parts[:-1])) + parts[-1]
    return text


_CONFIDENCE = re.compile(r"\s*\((certain|sure|likely|probable|uncertain|guessed)\)\s*$", re.IGNORECASE)
# Bases that say plainly how the date is known; any other basis is the dates stage's reasoning.
_PLAIN_BASES = {"front matter": "from the article's own metadata",
                "corrected by an editor": "set by an editor"}


def publication_basis(basis: str | None) -> tuple[str, str]:
    """(how the publication date is known, in a few words; the reasoning behind it, or "")."""
    basis = (basis or "").strip()
    if not basis:
        return "", ""
    if basis.lower() in _PLAIN_BASES:
        return _PLAIN_BASES[basis.lower()], ""
    match = _CONFIDENCE.search(basis)
    confidence = match.group(1).lower() if match else ""
    reasoning = basis[: match.start()] if match else basis
    return "worked out from the text" + (f", {confidence}" if confidence else ""), reasoning

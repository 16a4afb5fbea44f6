"""The article as HTML: every extracted fact highlighted and anchored in its text.

Highlights must nest to become HTML, so spans are accepted greedily (sentences
first, then quotes, then dates) and a span that would cross an accepted one is
dropped. Paragraphs split spans that run across them; the anchor id stays on
the first piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.render._text import escape_text, parse_date

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class Highlight:
    start: int
    end: int
    kind: str  # "event" | "statement" | "quote" | "date"
    ids: list[str] = field(default_factory=list)
    title: str = ""
    value: str = ""  # a date's normalised value


def locate(text: str, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Offsets of `needle` in `text[start:end]`, tolerating different whitespace; None if absent."""
    needle = needle.strip()
    if not needle:
        return None
    end = len(text) if end is None else end
    found = text.find(needle, start, end)
    if found >= 0:
        return found, found + len(needle)
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    match = pattern.search(text, start, end)
    return (match.start(), match.end()) if match else None


def _nests(span: Highlight, accepted: Iterable[Highlight]) -> bool:
    for other in accepted:
        disjoint = span.end <= other.start or other.end <= span.start
        inside = other.start <= span.start and span.end <= other.end
        around = span.start <= other.start and other.end <= span.end
        if not (disjoint or inside or around):
            return False
        if (span.start, span.end) == (other.start, other.end) and span.kind == other.kind:
            return False
    return True


def _merge_same_range(spans: list[Highlight]) -> list[Highlight]:
    """One element per range and kind: a sentence that sources two facts gets both ids."""
    merged: dict[tuple[int, int, str], Highlight] = {}
    for span in spans:
        key = (span.start, span.end, span.kind)
        if key in merged:
            merged[key].ids.extend(i for i in span.ids if i not in merged[key].ids)
            if span.title and span.title not in merged[key].title:
                merged[key].title = f"{merged[key].title}; {span.title}".strip("; ")
        else:
            merged[key] = Highlight(span.start, span.end, span.kind, list(span.ids), span.title, span.value)
    return list(merged.values())


def accept_nested(spans: list[Highlight]) -> list[Highlight]:
    """The spans that nest, in priority order of the input, sorted by position."""
    accepted: list[Highlight] = []
    for span in _merge_same_range(spans):
        if span.end > span.start and _nests(span, accepted):
            accepted.append(span)
    return sorted(accepted, key=lambda s: (s.start, -s.end))


_KIND_CLASS = {"event": "st-hl-event", "statement": "st-hl-statement", "quote": "st-hl-quote",
               "date": "st-hl-date"}


def _open_tag(span: Highlight, with_ids: bool) -> str:
    """The opening tag (plain str of escaped parts: this runs once per highlight)."""
    parts = [f' class="st-hl {_KIND_CLASS.get(span.kind, "st-hl")}"']
    if span.title:
        parts.append(f' title="{escape_text(span.title)}"')
    tag = "mark" if span.kind in ("event", "statement") else "span"
    if span.kind == "date":
        date = parse_date(span.value)
        if date is not None and span.value == date.iso():
            tag = "time"
            parts.append(f' datetime="{date.iso()}"')
        parts.append(f' data-value="{escape_text(span.value)}"')
    if with_ids and span.ids:
        parts.append(f' id="{escape(span.ids[0])}"')
    html = f"<{tag}{''.join(parts)}>"
    if with_ids:
        html += "".join(f'<span class="st-anchor" id="{escape(extra)}"></span>' for extra in span.ids[1:])
    return html


def _close_tag(span: Highlight) -> str:
    if span.kind == "date":
        date = parse_date(span.value)
        return "</time>" if date is not None and span.value == date.iso() else "</span>"
    return "</mark>" if span.kind in ("event", "statement") else "</span>"


def _render_range(text: str, start: int, end: int, spans: list[Highlight], out: list[str]) -> None:
    """Append the HTML of text[start:end] with its (nested, sorted) highlights to `out`."""
    position, index = start, 0
    while index < len(spans):
        span = spans[index]
        s_start, s_end = max(span.start, start), min(span.end, end)
        children = []
        index += 1
        while index < len(spans) and spans[index].start < span.end:
            children.append(spans[index])
            index += 1
        out.append(escape_text_keep_edges(text[position:s_start]))
        out.append(_open_tag(span, with_ids=span.start >= start))
        _render_range(text, s_start, s_end, children, out)
        out.append(_close_tag(span))
        position = s_end
    out.append(escape_text_keep_edges(text[position:end]))


def escape_text_keep_edges(segment: str) -> Markup:
    """Escape a piece of running text, keeping one space where it began or ended with space."""
    if not segment:
        return Markup("")
    core = escape_text(segment)
    lead = " " if segment[:1].isspace() and str(core) else ""
    trail = " " if segment[-1:].isspace() and str(core) else ""
    if not str(core):
        return Markup(" ")
    return Markup(lead) + core + Markup(trail)


def render_article(text: str, highlights: list[Highlight]) -> Markup:
    """The article text as `<p>` paragraphs with the highlights as nested elements."""
    spans = accept_nested(highlights)
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        paragraphs.append((position, match.start()))
        position = match.end()
    paragraphs.append((position, len(text)))
    html = []
    for p_start, p_end in paragraphs:
        if not text[p_start:p_end].strip():
            continue
        inside = [s for s in spans if s.start < p_end and s.end > p_start]
        out = ["<p>"]
        _render_range(text, p_start, p_end, inside, out)
        out.append("</p>")
        html.append("".join(out))
    # Every piece above is escaped text or a tag built from escaped values.
    return Markup("\n".join(html))

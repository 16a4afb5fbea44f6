"""Let the generated pages' HTML blocks skip Markdown: the same page, converted much faster.

The renderer's pages are mostly raw HTML blocks (event cards, statements, the
article text) between Markdown headings. Python-Markdown copies such a block
into the page unchanged, but only after running it through its pure-Python HTML
parser, which is most of the conversion time of a large site. Before conversion
each block that Markdown would copy verbatim is swapped for a token paragraph;
after conversion the token paragraph is swapped back for the block.

A block qualifies when it stands between blank lines and is a run of whole
elements, each opening a line with a block-level tag and closing at a line end
(so Markdown would end each raw block there too), with no `markdown` attribute
(md_in_html would convert the inside). Anything else is left to Markdown. Headings stay Markdown,
so the table of contents and permalinks are unchanged.
"""

from __future__ import annotations

import re
import secrets

_BLOCK_TAGS = ("ol", "ul", "div", "dl", "figure", "blockquote", "form", "section", "table", "p", "details")
_OPENING = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")[\s>]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown\s*=", re.IGNORECASE)


def _elements(chunk: str) -> list[str] | None:
    """`chunk` as whole HTML elements, each opening a line and closing at a line end; else None."""
    if _MARKDOWN_ATTRIBUTE.search(chunk):
        return None
    elements = []
    position = 0
    while position < len(chunk):
        match = _OPENING.match(chunk, position)
        if not match:
            return None
        tag = match.group(1)
        depth, end = 0, -1
        for found in re.compile(rf"<(/?){tag}[\s>]").finditer(chunk, position):
            depth += -1 if found.group(1) else 1
            if depth == 0:
                end = found.end()
                break
        # The element must close at the end of a line, as Markdown ends a raw block there.
        if end < 0 or chunk[end - 1] != ">" or (end < len(chunk) and chunk[end] != "\n"):
            return None
        elements.append(chunk[position:end])
        position = end + 1
    return elements


class Passthrough:
    """Swaps a page's HTML blocks for tokens before conversion and back after it."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(6)
        self._blocks: dict[str, str] = {}

    def hide(self, markdown: str) -> str:
        """`markdown` with each qualifying HTML block replaced by a token paragraph."""
        self._blocks = {}
        chunks = _BLANK_LINES.split(markdown)
        for index, chunk in enumerate(chunks):
            # Markdown copies adjacent raw elements one after another, a line break between.
            if chunk.startswith("<") and _elements(chunk.strip()):
                token = f"stblock{self._nonce}x{len(self._blocks)}"
                self._blocks[token] = chunk.strip()
                chunks[index] = token
        return "\n\n".join(chunks)

    def restore(self, html: str) -> str:
        """The converted page with every token paragraph back as its HTML block."""
        if not self._blocks:
            return html
        pattern = re.compile(rf"<p>(stblock{self._nonce}x\d+)</p>")
        # Markdown ends a raw block with a line break; so does this, for the same HTML.
        restored = pattern.sub(lambda m: self._blocks.pop(m.group(1), m.group(0)) + "\n", html)
        self._blocks = {}
        return restored.rstrip() if html == html.rstrip() else restored  # as Markdown strips its output

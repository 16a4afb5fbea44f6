"""The notice every page shows while a data file cannot be read.

Kept apart from the page templates: the MkDocs plugin puts it above any
page's content, its text being the loader's own problems (file, line, fix).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template


@cache
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("_banner.html.j2")


def data_banner(problems: Sequence[str]) -> str:
    """HTML for the top of a page naming each unreadable file's problem ("" when there are none)."""
    if not problems:
        return ""
    return _template().render(problems=list(problems)).strip() + "\n\n"

"""Render a Timeline into the site's Markdown pages and data downloads.

A pure function (`render_site`) with no MkDocs import, so the MkDocs plugin,
`summit-timeline render --out DIR` and the tests share it, and the site can move
to another Material-compatible generator. Page markup lives in
`generator/render/templates/`; untrusted text is escaped by the Jinja environment
(see `_text.escape_text`).

Pages use directory URLs (`people/x.md` is served as `people/x/`), which is
what MkDocs and Material-compatible generators do by default.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from generator.knowledge import load_data
from generator.model import Timeline, slugify
from generator.render import _downloads as downloads
from generator.render._dates import load_cache as load_date_cache
from generator.render._dates import save_cache as save_date_cache
from generator.render._downloads import build_time
from generator.render._summits import SUMMIT_WINDOW_DAYS
from generator.render._text import (
    escape_block,
    escape_text,
    excerpt,
    format_date,
    inner_quote,
    page_url,
    parse_date,
    publication_basis,
    relative_url,
    safe_external_url,
    unquote_edges,
)
from generator.render._view import SiteView
from generator.render._visual import layout

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
# Where the site's own stylesheet and script go (beside Material's assets/ folders).
ASSET_PATHS = {
    "site.css": "assets/summit-timeline/site.css",
    "icons.css": "assets/summit-timeline/icons.css",
    "site.js": "assets/summit-timeline/site.js",
}
# Sections list their pages in the navigation only while they are short; long
# sections show their index page alone (every page repeats the navigation).
NAV_ITEMS_LIMIT = 40
# A person's statements beyond this many are grouped under a heading per year.
LONG_LIST = 12


@dataclass
class RenderedSite:
    """Markdown pages and binary files, keyed by path relative to the docs folder."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    # Assets the pages expect the theme to load (paths within `files`).
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)


@pass_context
def _link(context: Any, to_path: str, fragment: str = "") -> Markup:
    return relative_url(context["page"], to_path, fragment)


def _iso_date(value: str | None) -> Markup:
    """The ISO date (digits and hyphens, safe to print) when `value` is exactly one, else ""."""
    date = parse_date(value)
    return Markup(date.iso() if date is not None and value and str(value) == date.iso() else "")


_SVG_PATH = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9 .,\-]*$")
_ICON_NAME = re.compile(r"^[a-z0-9-]+$")
DEFAULT_ICON = "calendar-star"


@cache
def _shipped_icons() -> dict[str, str]:
    return json.loads((ASSETS / "icons.json").read_text(encoding="utf-8"))["icons"]


@cache
def _type_specs() -> dict[str, dict[str, Any]]:
    """{event type: its entry} from the events stage's data file (icons, labels, gatherings)."""
    try:
        types = (load_data("event_types") or {}).get("types") or {}
    except FileNotFoundError:
        return {}
    return {str(t).lower(): v for t, v in types.items() if isinstance(v, dict)}


@cache
def _type_icons() -> dict[str, str]:
    """{event type: icon name}, for the types the data file gives an icon."""
    return {t: str(v["icon"]) for t, v in _type_specs().items() if v.get("icon")}


@lru_cache(maxsize=1024)
def type_label(event_type: str) -> str:
    """An event type's name on the site, the same in the filter and on each event's badge."""
    key = (event_type or "").strip().lower()
    label = _type_specs().get(key, {}).get("label")
    return str(label) if label else (key.capitalize() or "Event")


def said_at(event: Any) -> bool:
    """Whether a statement tied to `event` was made *at* it: the event is a gathering
    (`gathering: true` in data/event_types.yaml) with a place. Else it is *about* it."""
    spec = _type_specs().get((event.type or "").strip().lower(), {})
    return bool(spec.get("gathering")) and bool((event.place or "").strip())


def _plural(count: int | list[Any], word: str, plural: str = "") -> str:
    """"1 event", "2 events" (`plural` when it is not `word` + "s")."""
    number = count if isinstance(count, int) else len(count)
    return f"{number} {word if number == 1 else (plural or word + 's')}"


@cache
def _material_icon(name: str) -> str | None:
    """Path data of a Material Design icon from the installed theme's icon set, if any."""
    spec = importlib.util.find_spec("material")
    if not _ICON_NAME.match(name) or spec is None or not spec.submodule_search_locations:
        return None
    svg = Path(list(spec.submodule_search_locations)[0]) / "templates/.icons/material" / f"{name}.svg"
    match = re.search(r' d="([^"]+)"', svg.read_text(encoding="utf-8")) if svg.is_file() else None
    return match.group(1) if match else None


def _icon_data(name: str) -> str | None:
    data = _shipped_icons().get(name) or _material_icon(name)
    return data if data and _SVG_PATH.match(data) else None


@cache
def icon_name(event_type: str) -> Markup:
    """The icon of an event type (a CSS class suffix), falling back to a calendar."""
    name = _type_icons().get((event_type or "").lower()) or DEFAULT_ICON
    return Markup(name if _ICON_NAME.match(name) and _icon_data(name) else DEFAULT_ICON)


def _icons_css(event_types: set[str]) -> bytes:
    """A stylesheet with one mask image per icon the event types use."""
    names = sorted({str(icon_name(t)) for t in event_types} | {DEFAULT_ICON})
    icons = []
    for name in names:
        svg = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
               f"<path d='{_icon_data(name)}'/></svg>")
        icons.append((name, "data:image/svg+xml," + quote(svg, safe=" /=:'.,-")))
    template = Environment(loader=FileSystemLoader(str(TEMPLATES)), trim_blocks=True, lstrip_blocks=True)
    return template.get_template("icons.css.j2").render(icons=icons).encode("utf-8")


def _external_url(url: str | None) -> Markup | None:
    """An http(s) URL, escaped for an HTML attribute; None for any other scheme."""
    safe = safe_external_url(url)
    return Markup(escape(safe)) if safe else None


def _heading_id(fragment: str) -> Markup:
    """attr_list syntax giving a Markdown heading a fixed id (fragments are slugs)."""
    return Markup(" {#" + slugify(fragment, max_length=120) + "}") if fragment else Markup("")


@lru_cache(maxsize=65536)
def _slug(text: object) -> Markup:
    return Markup(slugify(str(text or "x")))


@lru_cache(maxsize=4096)
def _path_slug(path: str) -> Markup:
    return Markup(slugify(posixpath.splitext(posixpath.basename(path))[0]))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        finalize=escape_text,  # every printed value is inert in HTML and Markdown
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date=format_date,
        iso_date=_iso_date,
        excerpt=lambda text, limit=220: excerpt(text, limit),
        block=escape_block,
        inner_quote=inner_quote,
        basis=publication_basis,
        unquote=unquote_edges,
        slug=_slug,  # [a-z0-9-] only
        path_slug=_path_slug,
        heading_id=_heading_id,
        external=_external_url,
        plural=_plural,
        type_label=type_label,
    )
    env.tests["dated"] = lambda value: parse_date(value) is not None
    # An alias that says more than the name does (not "Putin" beside "Vladimir Putin").
    env.tests["aka"] = lambda alias, name_words: not set(str(alias).lower().split()) <= set(name_words)
    env.globals.update(link=_link, window_days=SUMMIT_WINDOW_DAYS, icon_name=icon_name,
                       LONG_LIST=LONG_LIST, said_at=said_at)
    return env


def _front_matter(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


class _Pages:
    """Renders each page template with the shared context."""

    def __init__(self, view: SiteView, edit_url: str | None):
        self.view = view
        self.edit_url = edit_url
        self.pages: dict[str, str] = {}

    def add(self, path: str, template: str, meta: dict[str, Any] | None = None, **context: Any) -> None:
        text = environment().get_template(template).render(
            view=self.view, page=path, edit_url=self.edit_url, **context
        )
        self.pages[path] = _front_matter(meta or {}) + text


def _months(view: SiteView, year_page: str, background: bool = True) -> list[tuple[str, str, list[Any]]]:
    """[(heading, anchor, events)] for one year page, months in order, month-unknown first;
    without the background events when `background` is False (the timeline shows them apart)."""
    groups: dict[str, list[Any]] = {}
    for event in view.events:
        if view.event_page[event.id] != year_page or (event.background and not background):
            continue
        date = parse_date(event.date)
        key = f"{date.year}-{date.month:02d}" if date and date.month else (str(date.year) if date else "")
        groups.setdefault(key, []).append(event)
    months = []
    for key, events in groups.items():
        if len(key) == 7:
            months.append((format_date(key), f"m{key}", events))
        elif key:
            months.append(("Month not known", f"m{key}", events))
        else:
            months.append(("Date not known", "undated", events))
    return months


def _nav(view: SiteView) -> list[Any]:
    # Pages are listed by path alone: their titles come from their (escaped) headings,
    # because themes print navigation titles without escaping them.
    def section(title: str, index: str, paths: list[str]) -> dict[str, Any]:
        return {title: [index, *(paths if len(paths) <= NAV_ITEMS_LIMIT else [])]}

    people = view.listed_people  # only the people with a page
    return [
        {"Home": "index.md"},
        section("Timeline", "timeline/index.md", view.years),
        section("Summits", "summits/index.md", [s.path for s in view.summits]),
        section("People", "people/index.md", [view.person_paths[p.id] for p in people]),
        section("Topics", "topics/index.md", ["tags/index.md", *(t.path for t in view.topics)]),
        section("Sources", "sources/index.md", [s.path for s in view.sources_by_date()]),
        {"Downloads": "downloads/index.md"},
    ]


def render_site(timeline: Timeline, *, edit_url: str | None = None, site_url: str | None = None,
                built_at: datetime.datetime | None = None) -> RenderedSite:
    """Every page and download of the site for `timeline`.

    `edit_url` is the URL of the data folder in an editor (e.g. GitHub's
    `.../edit/main/docs/data/`); records then link to their YAML file. `site_url` is
    the published address, for the calendar's links back to event pages. `built_at`
    stamps the calendar (default: `build_time()`, SOURCE_DATE_EPOCH or now).
    """
    from generator.knowledge.topics import load_topics

    if edit_url and not edit_url.endswith("/"):
        edit_url += "/"
    vocabulary = [(t.slug, t.label, list(t.keywords)) for t in load_topics()]
    view = SiteView(timeline, vocabulary)
    files = _files(timeline, view, site_url=site_url, built_at=built_at or build_time())
    pages = _Pages(view, _external_url(edit_url))
    _add_pages(pages, view, sizes={path: len(data) for path, data in files.items()})
    return RenderedSite(
        pages=pages.pages,
        files=files,
        nav=_nav(view),
        extra_css=[ASSET_PATHS["site.css"], ASSET_PATHS["icons.css"]],
        extra_javascript=[ASSET_PATHS["site.js"]],
    )


def _files(timeline: Timeline, view: SiteView, *, site_url: str | None,
           built_at: datetime.datetime) -> dict[str, bytes]:
    """The downloads and the site's own stylesheets and script."""
    names = {p.id: p.name for p in timeline.people}
    files = downloads.yaml_files(timeline)
    files["downloads/timelinejs.json"] = downloads.timelinejs(timeline, names)
    base = safe_external_url(site_url)
    event_urls = {
        e.id: f"{base.rstrip('/')}/{page_url(view.event_page[e.id])}#{view.event_anchor[e.id]}"
        for e in view.events
    } if base else {}
    files["downloads/events.ics"] = downloads.icalendar(timeline.events, names, built_at=built_at,
                                                        event_urls=event_urls)
    files["downloads/events.csv"] = downloads.events_csv(view.events, names)
    files["downloads/statements.csv"] = downloads.statements_csv(view.statements, names)
    for name in ("site.css", "site.js"):
        files[ASSET_PATHS[name]] = (ASSETS / name).read_bytes()
    files[ASSET_PATHS["icons.css"]] = _icons_css({e.type for e in timeline.events})
    return files


def _add_pages(pages: _Pages, view: SiteView, sizes: dict[str, int]) -> None:
    listing = {"search": {"exclude": True}}  # listings repeat what record pages hold

    def tagged(events: list[Any], statements: list[Any] = ()) -> dict[str, Any]:
        """Front matter naming the page's main topics as Material tags (for the tags page and
        search), not shown above the title: the pages name their topics in their own words."""
        labels = [t.label for t in view.main_topics(events, statements)]
        return {"tags": labels, "hide": ["tags"]} if labels else {}

    pages.add("index.md", "home.md.j2", listing)
    on_timeline = [e for e in view.events if not e.background]  # background is listed apart below it
    pages.add("timeline/index.md", "timeline.md.j2", listing, visual=layout(on_timeline),
              months_of=lambda path: _months(view, path, background=False))
    events_by_page: dict[str, list[Any]] = {}
    for event in view.events:
        events_by_page.setdefault(view.event_page[event.id], []).append(event)
    for year_page in view.years:
        pages.add(year_page, "year.md.j2", tagged(events_by_page[year_page]),
                  months=_months(view, year_page), year=posixpath.basename(year_page)[:-3])
    pages.add("summits/index.md", "summits.md.j2", listing)
    for summit in view.summits:
        pages.add(summit.path, "summit.md.j2", tagged([summit.event, *summit.during], summit.statements),
                  summit=summit)
    pages.add("people/index.md", "people.md.j2", listing)
    for person in view.listed_people:  # a name with nothing on it gets no page
        said = view.statements_by_speaker.get(person.id, [])
        pages.add(view.person_paths[person.id], "person.md.j2",
                  tagged(view.events_by_person.get(person.id, []), said), person=person)
    pages.add("topics/index.md", "topics.md.j2", listing)
    pages.add("tags/index.md", "tags.md.j2", listing)
    for topic in view.topics:  # in search: a reader looks a subject up by its name
        pages.add(topic.path, "topic.md.j2", {}, topic=topic)
    pages.add("sources/index.md", "sources.md.j2", listing)
    for source in view.sources:
        pages.add(source.path, "source.md.j2", tagged(source.events, source.statements), source=source)
    pages.add("downloads/index.md", "downloads.md.j2", listing, sizes=sizes)


def write_site(site: RenderedSite, out_dir: Path) -> list[Path]:
    """Write pages and files under `out_dir` (for `summit-timeline render --out`); return the paths."""
    written = []
    root = out_dir.resolve()
    for path, content in [*((p, t.encode("utf-8")) for p, t in site.pages.items()), *site.files.items()]:
        target = (root / path).resolve()
        if root not in target.parents:
            raise ValueError(f"refusing to write {path!r} outside {out_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


__all__ = ["ASSET_PATHS", "RenderedSite", "build_time", "load_date_cache", "render_site", "save_date_cache",
           "write_site"]

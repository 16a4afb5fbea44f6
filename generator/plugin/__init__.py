"""The MkDocs plugin: the YAML in docs/data becomes the site's pages at build time.

Thin on purpose: it loads and checks the data (`store`), fills article texts
from the seeds (`ingest`), calls the pure renderer (`render.render_site`) and
hands the pages to MkDocs in memory with `File.generated` — nothing is written
into docs/, so `mkdocs serve` shows the YAML as it is now without a reload loop.

    plugins:
      - search
      - summit-timeline:
          data_dir: docs/data      # relative to mkdocs.yml
          seeds_dir: seeds
          cache_dir: .cache/summit-timeline   # dates found on source pages; "" for none
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2.filters import do_striptags
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.model import Problem, Timeline
from generator.plugin._passthrough import Passthrough

log = logging.getLogger("mkdocs.plugins.summit-timeline")

# Which data file an "edit this page" button opens, by page folder.
EDIT_FILES = {
    "timeline": "events.yaml",
    "events": "events.yaml",
    "summits": "events.yaml",
    "people": "people.yaml",
    "sources": "articles.yaml",
}
# Markdown extensions the generated pages rely on (heading ids, permalinks).
REQUIRED_EXTENSIONS = ("attr_list", "toc")
MAX_LISTED_PROBLEMS = 30


def plain_text(value: Any) -> Markup:
    """Jinja's `striptags`, its text escaped again: HTML text with no markup left in it."""
    return escape(str(do_striptags(value)))


class SummitTimelineConfig(base.Config):
    data_dir = c.Type(str, default="docs/data")
    seeds_dir = c.Type(str, default="seeds")
    # URL of the data folder in an editor; by default repo_url + edit_uri + the folder.
    data_edit_url = c.Optional(c.Type(str))
    # Fail on invalid data: None follows `mkdocs build --strict` / `strict: true`.
    strict_data = c.Optional(c.Type(bool))
    # Set the navigation (Home, Timeline, Summits, ...) unless mkdocs.yml has a `nav`.
    navigation = c.Type(bool, default=True)
    # Where the dates found in the articles are kept between builds ("" keeps none).
    cache_dir = c.Type(str, default=".cache/summit-timeline")


class SummitTimelinePlugin(BasePlugin[SummitTimelineConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._data_dir = Path("docs/data")
        self._seeds_dir = Path("seeds")
        self._docs_dir = Path("docs")
        self._root = Path(".")
        self._user_nav = False
        self._cache_dir: Path | None = None
        self._generated: set[str] = set()  # source paths of the pages this plugin made
        self._passthrough = Passthrough()
        self._banner = ""  # above every page while a data file cannot be read

    # -- configuration --------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self._root = Path(config.config_file_path or ".").resolve().parent
        self._data_dir = (root / self.config.data_dir).resolve()
        self._cache_dir = (root / self.config.cache_dir).resolve() if self.config.cache_dir else None
        self._seeds_dir = (root / self.config.seeds_dir).resolve()
        self._docs_dir = Path(config.docs_dir).resolve()
        self._user_nav = config.nav is not None
        if not config.use_directory_urls:
            raise PluginError(
                "summit-timeline: the generated pages link with directory URLs; "
                "remove `use_directory_urls: false` from mkdocs.yml"
            )
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        from generator.render import ASSET_PATHS

        for css in (ASSET_PATHS["site.css"], ASSET_PATHS["icons.css"]):
            if css not in config.extra_css:
                config.extra_css.append(css)
        js = ASSET_PATHS["site.js"]
        if js not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(js)
        return config

    # -- pages --------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        from generator.render import build_time, load_date_cache, render_site, save_date_cache

        timeline = self._load(config)
        if self._cache_dir:
            load_date_cache(self._cache_dir)
        # The calendar's DTSTAMP: SOURCE_DATE_EPOCH, else the data's last change (reproducible builds).
        site = render_site(timeline, edit_url=self._edit_url(config), site_url=config.site_url or None,
                           built_at=build_time(self._data_dir.glob("*.yaml")))
        if self._cache_dir:
            save_date_cache(self._cache_dir)
        self._drop_data_files(files)
        self._generated = set()
        for path, text in site.pages.items():
            self._add(files, File.generated(config, path, content=text), path)
        for path, data in site.files.items():
            self._add(files, File.generated(config, path, content=data), path)
        if self.config.navigation and not self._user_nav:
            config.nav = site.nav
        return files

    def _add(self, files: Files, file: File, path: str) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None and existing.generated_by is None:
            log.info("summit-timeline: keeping docs/%s, which replaces the generated page", path)
            return
        if existing is not None:
            files.remove(existing)
        if path.endswith(".md"):
            self._generated.add(path)
        folder = path.split("/", 1)[0]
        if folder in EDIT_FILES and self._data_dir.is_relative_to(self._docs_dir):
            file.edit_uri = self._data_uri() + EDIT_FILES[folder]
        files.append(file)

    def _drop_data_files(self, files: Files) -> None:
        """The YAML in docs/data is the source of the pages, not a part of the site."""
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(self._data_dir):
                files.remove(file)

    def _data_uri(self) -> str:
        relative = self._data_dir.relative_to(self._docs_dir).as_posix()
        return "" if relative == "." else relative + "/"

    def _edit_url(self, config: MkDocsConfig) -> str | None:
        if self.config.data_edit_url:
            return self.config.data_edit_url
        if not (config.repo_url and config.edit_uri) or not self._data_dir.is_relative_to(self._docs_dir):
            return None
        edit_uri = config.edit_uri if config.edit_uri.endswith("/") else config.edit_uri + "/"
        return urljoin(config.repo_url.rstrip("/") + "/", posixpath.join(edit_uri, self._data_uri()))

    # Our pages' HTML blocks skip Markdown's HTML parser (see _passthrough):
    # the same HTML, several times faster to convert on a large site.
    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        markdown = self._passthrough.hide(markdown) if page.file.src_uri in self._generated else markdown
        return self._banner + markdown if self._banner else markdown

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        return self._passthrough.restore(html)

    # A page's title is its first heading as HTML, our escaped text included. Themes print
    # it as HTML (navigation, header: safe) and `page.title | striptags` in <title>, where
    # Jinja's striptags decodes `&lt;` back to `<` into a template that does not autoescape:
    # a headline holding `</title><script>` would run. Escaping striptags' output again
    # keeps every such use plain text, on our pages and hand-written ones alike.
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.filters["striptags"] = plain_text
        return env

    # -- data ---------------------------------------------------------------

    def _load(self, config: MkDocsConfig) -> Timeline:
        from generator.pipeline import load_site_timeline

        self._banner = ""
        if not self._data_dir.is_dir():
            self._report([Problem(str(self._data_dir), "the data folder does not exist: run "
                                  "`summit-timeline extract`, or set `data_dir` for the "
                                  "summit-timeline plugin in mkdocs.yml")], config)
            return Timeline()
        # The loader `check` and `render` use: with the article texts, so a source
        # sentence no longer in its article fails a strict build as it fails `check`.
        last_good = self._cache_dir / "last-good" if self._cache_dir else None
        site = load_site_timeline(self._data_dir, self._seeds_dir, last_good)
        from generator.render.banner import data_banner
        from generator.store import UnreadableFile

        # A file that cannot be read shows its last good copy (store), and every page says so.
        self._banner = data_banner([self._located(p) for p in site.problems if isinstance(p, UnreadableFile)])
        self._report(site.problems, config)
        if site.timeline.articles and not site.seeds_found:
            log.warning(
                "summit-timeline: seeds folder %s not found, so source pages show no article "
                "text; set `seeds_dir` in mkdocs.yml", self._relative(self._seeds_dir)
            )
        for problem in site.skipped:  # `extract` reports these; the site just goes on
            log.info("summit-timeline: %s", problem)
        return site.timeline

    def _report(self, problems: list[Problem], config: MkDocsConfig) -> None:
        if not problems:
            return
        strict = config.strict if self.config.strict_data is None else self.config.strict_data
        lines = [self._located(p) for p in problems]
        if strict:
            listed = "\n  ".join(lines[:MAX_LISTED_PROBLEMS])
            more = len(lines) - MAX_LISTED_PROBLEMS
            raise PluginError(
                f"summit-timeline: {len(lines)} problem(s) in the data; fix them (or run "
                f"`summit-timeline check`) and build again:\n  {listed}"
                + (f"\n  ... and {more} more" if more > 0 else "")
            )
        for line in lines:
            log.warning("summit-timeline: %s (the page is built without it)", line)

    def _located(self, problem: Problem) -> str:
        path = Path(problem.file)
        shown = self._relative(path) if path.is_absolute() else problem.file
        return str(Problem(shown, problem.message, problem.line, problem.column, problem.record,
                           problem.field))

    def _relative(self, path: Path) -> str:
        """`path` as the maintainer sees it: relative to the folder of mkdocs.yml when inside it."""
        resolved = path.resolve()
        inside = resolved.is_relative_to(self._root)
        return resolved.relative_to(self._root).as_posix() if inside else str(path)

    # -- mkdocs serve -------------------------------------------------------

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (self._data_dir, self._seeds_dir):
            if folder.is_dir() and not folder.is_relative_to(self._docs_dir):
                server.watch(str(folder))
        return server

"""axe-core (pinned in tests/site/js/package-lock.json, installed by `make test` with
`npm ci`) run in Debian's headless Chromium on the main kinds of page, light and dark.

The site is the test fixture built with an editor configured (`repo_url`), so the
pages carry every kind of link they can: speaker, source and edit links. Any serious or
critical violation fails, whether from our markup or from our CSS on Material's: we
fixed those we met (link underlines, the dark scheme's link colour, the footer's grey,
the search dialog's name) rather than leave them out. A rule excluded because it comes
from Material's own markup would go in MATERIAL_ONLY with its reason.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.conftest import CHROMIUM, serve_folder
from tests.site.test_site import FIXTURE, ROOT

AXE = ROOT / "tests" / "site" / "js" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; CI's .ci/run installs it)"),
]

# Home, timeline, summit, person, source and topic pages of the fixture site.
PAGES = ["", "timeline/", "summits/helsinki-2018/", "people/anna-petrova/", "sources/001-helsinki/",
         "topics/sanctions/", "events/2018/"]
BLOCKING = {"serious", "critical"}
# {(rule id, CSS selector of the node)}: violations in Material's own markup that the site
# cannot change, each with its reason. Empty: every one met so far was ours to fix.
MATERIAL_ONLY: set[tuple[str, str]] = set()
# An editor the edit links point to (not GitHub: Material asks GitHub's API only for GitHub).
EDITOR = "repo_url: https://example.org/summit-timeline\nedit_uri: edit/main/docs/\n"


@contextlib.contextmanager
def served_with_edit_links(base: Path) -> Iterator[str]:
    """The fixture site with repo_url set, built and served on 127.0.0.1; its URL."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = base / "project"
    (project / "docs").mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\n" + EDITOR, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(FIXTURE / "data", project / "docs" / "data")
    shutil.copytree(FIXTURE / "seeds", project / "seeds")
    with serve_folder(base / "site") as url:
        build(load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(base / "site"), site_url=url))
        yield url


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (or `npm ci` in tests/site/js)")
    with served_with_edit_links(tmp_path_factory.mktemp("a11y")) as url:
        yield url


def violations(page) -> list[dict]:
    """axe's serious and critical violations on the page, less MATERIAL_ONLY."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.map(n => [n.target.join(" "), n.failureSummary])}))""")
    blocking = []
    for violation in found:
        nodes = [n for n in violation["nodes"] if (violation["id"], n[0]) not in MATERIAL_ONLY]
        if violation["impact"] in BLOCKING and nodes:
            blocking.append({**violation, "nodes": nodes})
    return blocking


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_serious_accessibility_violations(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url)
                  else route.abort())
    page = context.new_page()
    report = []
    for path in PAGES:
        page.goto(site_url + path)
        # Material follows the system's scheme: slate is its dark palette.
        expected = "slate" if scheme == "dark" else "default"
        page.locator(f"body[data-md-color-scheme={expected}]").wait_for(state="attached")
        page.locator(".md-search[aria-label]").wait_for(state="attached")  # site.js has run
        if path in ("summits/helsinki-2018/", "people/anna-petrova/"):
            assert page.locator("a.st-edit").count() > 0, f"no edit link on {path}"
        for violation in violations(page):
            nodes = "; ".join(f"{target}: {summary.splitlines()[-1].strip()}"
                              for target, summary in violation["nodes"][:3])
            report.append(f"{path or 'home'} [{violation['id']}, {len(violation['nodes'])}x] "
                          f"{violation['help']} — {nodes}")
    context.close()
    assert report == [], "\n".join(report)


def test_dark_scheme_links_read_on_event_cards(browser, site_url):
    """The issue's case: Material's dark link colour on our cards was 4.1:1."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "timeline/")
    page.locator("body[data-md-color-scheme=slate]").wait_for(state="attached")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(".st-events",
        {runOnly: ["color-contrast", "link-in-text-block"]})).violations.length""")
    context.close()
    assert result == 0

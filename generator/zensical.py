"""The second build path: the rendered pages built by Zensical instead of MkDocs.

Material for MkDocs reaches end of life in 2027; its successor Zensical reads
`mkdocs.yml` but runs no MkDocs plugins, so our plugin's work is done first:
`python -m generator.zensical --out build/zensical` writes the pages and downloads
(as `summit-timeline render --out` does) into OUT/docs and a config OUT/mkdocs.yml
made from the project's mkdocs.yml, with the navigation and the site's own CSS/JS
the plugin would add. Then `zensical build -f OUT/mkdocs.yml` builds OUT/site
(`make site-zensical` runs both). MkDocs stays the default build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = Path("mkdocs.yml")
# MkDocs plugins Zensical has its own version of; the others (ours) are left out.
ZENSICAL_PLUGINS = {"search", "tags"}


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, for the tags it uses here (`!ENV`)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # !ENV NAME or !ENV [NAME, ..., default]: the first variable set, else the default.
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def zensical_config(base: dict[str, Any], nav: list[Any], extra_css: list[str],
                    extra_javascript: list[str]) -> dict[str, Any]:
    """`base` (a mkdocs.yml) for Zensical building the rendered pages in docs/ into site/."""
    config = {k: v for k, v in base.items() if k not in ("docs_dir", "site_dir", "plugins", "nav")}
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    plugins = []
    for plugin in base.get("plugins") or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name in ZENSICAL_PLUGINS:
            plugins.append(plugin)
    config["plugins"] = plugins
    config["nav"] = nav
    config["extra_css"] = [*(base.get("extra_css") or []), *extra_css]
    config["extra_javascript"] = [*(base.get("extra_javascript") or []), *extra_javascript]
    if config.get("theme", {}).get("custom_dir"):
        config["theme"] = {**config["theme"], "custom_dir": "overrides"}
    return config


def write_project(out: Path, *, data: Path, seeds: Path, config: Path = DEFAULT_CONFIG) -> Path:
    """Render the site into `out`/docs and write `out`/mkdocs.yml for Zensical; its path."""
    from generator.pipeline import render_from_data
    from generator.render import write_site

    base = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader that also reads !ENV
    site, problems = render_from_data(data, seeds, site_url=base.get("site_url") or None)
    for problem in problems:
        print(problem, file=sys.stderr)
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    write_site(site, out / "docs")
    custom_dir = (base.get("theme") or {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(config.parent / custom_dir, out / "overrides", dirs_exist_ok=True)
    project = zensical_config(base, site.nav, site.extra_css, site.extra_javascript)
    target = out / "mkdocs.yml"
    target.write_text("# Written by `python -m generator.zensical` from " + str(config) + ": do not edit.\n"
                      + yaml.safe_dump(project, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.zensical", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("docs/data"))
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="the project's mkdocs.yml")
    parser.add_argument("--out", type=Path, required=True, help="folder for docs/, mkdocs.yml and site/")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"{args.config} not found: run from the project folder or give --config")
    print(write_project(args.out, data=args.data, seeds=args.seeds, config=args.config))
    return 0


if __name__ == "__main__":
    sys.exit(main())

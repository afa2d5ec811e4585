"""Static files of the theme and vis-network, served from the site's own assets/.

Theme files are published like media, so they follow the same rules: nothing
that resolves outside the theme's folder (a link to /etc/passwd would publish
the build machine's file), and SVGs that can only be pictures.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import ErrorList
from generator.load.media_check import theme_file_issue
from generator.load.paths import is_inside
from generator.model.site import Site
from generator.render.env import theme_dirs
from generator.render.vis import vis_network_dir


def theme_static_files(site_dir: Path, theme: str) -> dict[str, Path]:
    """Output path → file, the site's theme overriding the default one file at a time.

    Raises ContentErrors for a file or folder that links outside its theme's folder and
    for an SVG that could run script.
    """
    return {"assets/" + relative: path
            for relative, path in theme_files(site_dir, theme, "static").items()}


def theme_files(site_dir: Path, theme: str, sub: str) -> dict[str, Path]:
    """Relative path → file of the theme's folder `sub` (static/ is published; bundle/
    goes into `netcard bundle`), checked like static files and overridden the same way."""
    found: dict[str, Path] = {}
    errors = ErrorList()
    for folder in reversed(theme_dirs(site_dir, theme, sub)):
        found.update(_static_folder(folder, site_dir, errors))
    errors.raise_if_any()
    return found


def _static_folder(folder: Path, site_dir: Path, errors: ErrorList) -> dict[str, Path]:
    """Relative path → file of one theme's static/ folder (links to folders not followed)."""
    theme_folder = folder.parent
    files: dict[str, Path] = {}
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        dirs.sort()
        for name in dirs:
            if not is_inside(here / name, theme_folder):
                errors.add(_display(here / name, site_dir), 0, 0,
                           "this folder links to a place outside the theme's folder",
                           f"replace the link with a real folder inside "
                           f"{_display(folder, site_dir)}/")
        for name in sorted(names):
            path = here / name
            if name.startswith("."):
                continue
            if not is_inside(path, theme_folder):
                errors.add(_display(path, site_dir), 0, 0,
                           "this is a link to a file outside the theme's folder",
                           f"copy the file into {_display(path.parent, site_dir)}/ instead of "
                           "linking to it")
                continue
            if not path.is_file():
                continue
            issue = theme_file_issue(path)
            if issue is not None:
                errors.add(_display(path, site_dir), issue.line, issue.column, issue.message,
                           issue.hint)
                continue
            files[path.relative_to(folder).as_posix()] = path
    return files


def _display(path: Path, site_dir: Path) -> str:
    """themes/… for the site's own theme; the full path for netcard's built-in one."""
    try:
        return path.relative_to(site_dir).as_posix()
    except ValueError:
        return str(path)


def vendor_files() -> dict[str, Path]:
    folder = vis_network_dir()
    return {"assets/vendor/vis-network.min.js": folder / "vis-network.min.js",
            "assets/vendor/vis-network.css": folder / "vis-network.css"}


def stylesheet(static: dict[str, Path], site: Site) -> bytes | None:
    """The theme's CSS with the site's accent colour (no inline styles needed)."""
    source = static.get("assets/netcard.css")
    if source is None:
        return None
    css = source.read_bytes()
    accent = getattr(site.settings, "accent", None)
    if accent:
        css += f"\n:root {{ --accent: {accent}; }}\n".encode()
    return css

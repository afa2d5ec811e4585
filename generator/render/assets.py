"""Static files of the theme and vis-network, served from the site's own assets/."""

from __future__ import annotations

from pathlib import Path

from generator.model.site import Site
from generator.paths import vis_network_dir
from generator.render.env import theme_dirs


def theme_static_files(site_dir: Path, theme: str) -> dict[str, Path]:
    """Output path → file, the site's theme overriding the default one file at a time."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_dirs(site_dir, theme, "static")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found["assets/" + path.relative_to(folder).as_posix()] = path
    return found


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

"""Where the files that ship with netcard live, installed or in a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def default_theme_dir() -> Path:
    """The built-in theme: inside the package when installed, beside it in a checkout."""
    installed = PACKAGE_DIR / "themes" / "default"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "themes" / "default"


def vis_network_dir() -> Path:
    """vis-network's JS and CSS, from the copy pyvis ships (served from our own assets/)."""
    from generator.render.vis import pyvis_dir

    lib = pyvis_dir().resolve() / "templates" / "lib"
    versions = sorted(lib.glob("vis-*"))
    return versions[-1]


def user_cache_dir() -> Path:
    """netcard's per-user cache ($XDG_CACHE_HOME/netcard, else ~/.cache/netcard)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netcard"

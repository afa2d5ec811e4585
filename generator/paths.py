"""Where the files that ship with netcard live, installed or in a source checkout."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.names import SITE_CACHE

PACKAGE_DIR = Path(__file__).resolve().parent


def default_theme_dir() -> Path:
    """The built-in theme: inside the package when installed, beside it in a checkout."""
    installed = PACKAGE_DIR / "themes" / "default"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "themes" / "default"


def user_cache_dir() -> Path:
    """netcard's per-user cache ($XDG_CACHE_HOME/netcard, else ~/.cache/netcard)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netcard"


def site_cache_dir(site_dir: Path, *, inside_site: bool) -> Path | None:
    """Where the caches of one site go (analyses, exports, page records, the build record).

    `netcard build` keeps them in the site's own .netcard-cache/ (`inside_site`); commands
    that write nothing into the site folder (check, bundle), and a build of a site that
    cannot be written (a read-only checkout), use a folder of the user's cache instead.
    None when neither can be written: the command still runs, only without caches.
    """
    if inside_site and _writable_folder(site_dir / SITE_CACHE):
        return site_dir / SITE_CACHE
    key = hashlib.sha256(os.fsencode(site_dir.resolve())).hexdigest()[:24]
    user = user_cache_dir() / "sites" / key
    return user if _writable_folder(user, private=True) else None


def _writable_folder(folder: Path, *, private: bool = False) -> bool:
    """Whether `folder` exists or can be made, and a file can be created in it (tried).

    A `private` folder must belong to this user (a cache under a shared
    XDG_CACHE_HOME could be another user's)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o777)
        if private and folder.stat().st_uid != os.getuid():
            return False
        probe = folder / f".probe-{os.getpid()}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.unlink(probe)
    except OSError:
        return False
    return True

"""The no-change fast path: is the output already what a build would write?

Before loading anything, compare the size and modification time of every file
under content/ and themes/, netcard's own code, the profiles and the output
folder's build stamp with what the last successful build recorded, and the
size and modification time of every file of the output it vouches for (a page
deleted or truncated since is noticed without reading a byte of it). Only an
exact match skips the build; any doubt builds (and the incremental renderer
then decides page by page). Imports stay light so that this check is fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from pathlib import Path

from generator import __version__
from generator.atomic import write_atomic
from generator.names import OUTPUT_STAMP
from generator.paths import PACKAGE_DIR, default_theme_dir, site_cache_dir

MANIFEST = "manifest.json"
GIT_TIMEOUT = 10  # seconds; a git that hangs must not hang the check


def _tree(folder: Path) -> list[list[object]]:
    """[relative path, size, mtime] of every file under `folder`, in os.walk's order.

    Written with os.scandir on plain strings: pathlib objects for 1,000 files were
    half of a no-change build's own time."""
    entries: list[list[object]] = []
    if folder.is_dir():
        _scan(str(folder), "", entries)
    return entries


def _scan(folder: str, prefix: str, entries: list[list[object]]) -> None:
    try:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    folders = []
    for entry in found:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if not entry.is_symlink():  # as os.walk: linked folders are not entered
                folders.append(entry)
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        entries.append([prefix + entry.name, info.st_size, info.st_mtime_ns])
    for entry in folders:
        _scan(entry.path, f"{prefix}{entry.name}/", entries)


def _code_stamp() -> list[list[object]]:
    """netcard's code and its built-in theme (beside the package in a checkout)."""
    theme = default_theme_dir()
    inside = theme.is_relative_to(PACKAGE_DIR)
    return [[__version__], *_tree(PACKAGE_DIR), *([] if inside else _tree(theme))]


def manifest(site_dir: Path, out_dir: Path, profiles: tuple[str, ...]) -> str:
    data = {"content": _tree(site_dir / "content"), "themes": _tree(site_dir / "themes"),
            "code": _code_stamp(), "profiles": list(profiles),
            "output": str(out_dir.resolve()),
            # the reference date of the actions' follow-up (see analyse/actions.py)
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
            # the workbook's history page shows the commits (see diff/history.py)
            "git_head": git_head(site_dir)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def git_head(site_dir: Path) -> str:
    """The commit the site's repository is at ("" outside git, or without git): a commit
    changes the history page even when it leaves content/ as it was."""
    try:
        done = subprocess.run(["git", "-C", str(site_dir), "rev-parse", "--quiet", "--verify",
                               "HEAD"], capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("ascii", errors="replace").strip() if done.returncode == 0 else ""


def output_listing(out_dir: Path, profiles: tuple[str, ...]) -> str:
    """A digest of the path, size and modification time of every file of these profiles'
    output folders (the stamp file is compared whole)."""
    data = {profile: _tree(out_dir / profile) for profile in sorted(profiles)}
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def is_up_to_date(site_dir: Path, out_dir: Path, profiles: tuple[str, ...]) -> bool:
    cache = site_cache_dir(site_dir, inside_site=True)
    if cache is None:
        return False
    try:
        recorded = json.loads((cache / MANIFEST).read_text("utf-8"))
        stamp = (out_dir / OUTPUT_STAMP).read_text("utf-8")
    except (OSError, ValueError):
        return False
    return (isinstance(recorded, dict) and recorded.get("stamp") == stamp
            and all((out_dir / profile).is_dir() for profile in profiles)
            and recorded.get("manifest") == manifest(site_dir, out_dir, profiles)
            and recorded.get("output") == output_listing(out_dir, profiles))


def remember(cache: Path, out_dir: Path, profiles: tuple[str, ...], stamp: str,
             current: str) -> None:
    """Record a successful build into `cache` (see `paths.site_cache_dir`): `current` is
    the manifest taken before it started, and the output's files are listed as they are
    now. A record that cannot be written is skipped (the next build only checks more).

    Not durable (see generator.atomic): after a crash of the machine, a record that is
    lost, empty or older only vouches for nothing, or for an output that it matches, so
    at worst the next build runs."""
    record = {"manifest": current, "stamp": stamp, "output": output_listing(out_dir, profiles)}
    with contextlib.suppress(OSError):
        write_atomic(cache / MANIFEST, json.dumps(record).encode("utf-8"), durable=False)


"""Paths written in content files must stay inside content/."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID_LENGTH = 64


def is_valid_id(value: str) -> bool:
    return len(value) <= MAX_ID_LENGTH and bool(ID_PATTERN.match(value))


def slugify(value: str) -> str:
    """The id a user probably meant: 'Työ Palvelut' → 'tyo-palvelut'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_ID_LENGTH] or "my-id"


def check_relative_path(value: str) -> str | None:
    """Why `value` is not an acceptable path inside content/, or None when it is."""
    if not value.strip():
        return "the path is empty"
    if "\\" in value:
        return "use forward slashes '/' in paths"
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        return "the path is absolute; write it relative to content/, e.g. media/logo.svg"
    if any(part == ".." for part in PurePosixPath(value).parts):
        return "the path leaves content/ ('..'); files must be inside content/"
    if "\x00" in value:
        return "the path contains a NUL character"
    return None


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path`, with every symlink resolved, lies inside `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True

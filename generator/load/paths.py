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


# The language part of a page's translation, `<id>.<language>.md` (as written: its case
# is checked by the loader, its language against site.yaml's by the model).
LANGUAGE_PART = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def looks_like_language(part: str) -> bool:
    return bool(LANGUAGE_PART.match(part))


def canonical_language(part: str) -> str:
    """A language part as site.yaml writes languages: 'SV' → 'sv', 'pt-BR' stays."""
    first, dash, rest = part.partition("-")
    return first.lower() + dash + rest


def split_translation(stem: str) -> tuple[str, str]:
    """A Markdown file's name without .md as (page id, language): "tietoa.sv" →
    ("tietoa", "sv"), "tietoa" → ("tietoa", ""). A last part that cannot be a language
    stays in the id ("tietoa.draft"), which is then not a valid id."""
    identifier, dot, language = stem.rpartition(".")
    if dot and looks_like_language(language):
        return identifier, language
    return stem, ""

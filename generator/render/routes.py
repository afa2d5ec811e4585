"""Where every page of a profile lives, and relative URLs between them.

Links point at explicit `…/index.html` files so that a built site also works
when opened straight from disk (file://), not only behind a web server.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from generator.model.site import Site


class Routes:
    """Output paths (without the language prefix) of the content of one profile."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def member(self, member_id: str) -> str | None:
        return f"members/{member_id}/index.html" if member_id in self.site.members else None

    def page(self, section: str, page_id: str) -> str | None:
        pages = {"pages": self.site.pages, "strategy": self.site.strategy,
                 "workbook": self.site.workbook}[section]
        if page_id not in pages:
            return None
        return f"{page_id}/index.html" if section == "pages" else f"{section}/{page_id}/index.html"

    def future(self, future_id: str) -> str | None:
        return f"futures/{future_id}/index.html" if future_id in self.site.futures else None

    def evaluation(self, evaluation_id: str) -> str | None:
        if evaluation_id in self.site.evaluations:
            return f"evaluations/{evaluation_id}/index.html"
        return None

    def content_file(self, path: str) -> str | None:
        """The page a content path such as `members/x.yaml` or `pages/about.md` becomes."""
        if path.startswith("media/"):
            return path if path in self.site.media else None
        folder, _, name = path.partition("/")
        identifier = name.rsplit(".", 1)[0]
        if folder == "members":
            return self.member(identifier)
        if folder in ("pages", "strategy", "workbook"):
            return self.page(folder, identifier)
        if folder == "futures":
            return self.future(identifier)
        if folder == "evaluations":
            return self.evaluation(identifier)
        if folder == "portfolios" and identifier in self.site.portfolios:
            return self.member(identifier)
        return None


def language_prefix(language: str, default_language: str) -> str:
    return "" if language == default_language else f"{language}/"


def relative_url(from_file: str, to_file: str) -> str:
    """A relative URL from one output file to another (both relative to the profile root).

    The same as `posixpath.relpath(to_file, dirname(from_file))` (a property test says
    so), without its two `abspath` calls: this runs for every link of every page.
    """
    start, target = _names(from_file), _names(to_file)
    if start is None or target is None:
        return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    folders = len(start) - 1
    common = 0
    limit = min(folders, len(target))
    while common < limit and start[common] == target[common]:
        common += 1
    return "/".join((*[".."] * (folders - common), *target[common:])) or "."


@lru_cache(maxsize=1 << 16)
def _names(path: str) -> tuple[str, ...] | None:
    """The names in a path made of names only; None for one with '.', '..', empty parts
    or a leading or trailing '/'. (A page links from its own path ~40 times, and to
    the same pages as its neighbours.)"""
    return None if _NOT_PLAIN.search(path) else tuple(path.split("/"))


_NOT_PLAIN = re.compile(r"(?:^|/)\.{1,2}(?:/|$)|//|^/|/$|^$")

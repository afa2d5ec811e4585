"""Where every page of a profile lives, and relative URLs between them.

Links point at explicit `…/index.html` files so that a built site also works
when opened straight from disk (file://), not only behind a web server.
"""

from __future__ import annotations

import posixpath
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


@lru_cache(maxsize=1 << 16)  # pure, and asked for every link of every page
def relative_url(from_file: str, to_file: str) -> str:
    """A relative URL from one output file to another (both relative to the profile root)."""
    start = posixpath.dirname(from_file) or "."
    url = posixpath.relpath(to_file, start)
    return url

"""Where every page of a profile lives, and relative URLs between them.

Links point at explicit `…/index.html` files so that a built site also works
when opened straight from disk (file://), not only behind a web server.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from generator.model.site import Site
from generator.render.markdown import LinkContext, content_links

# The front page of every profile: the network's card on the public site; in a profile
# with internal content (the workbook) its home, the dashboard (content_types/workbook.py).
HOME = "index.html"
# The workbook's preview of the public card: the card exactly as customers see it.
CARD_PREVIEW = "card/index.html"
# The guide through the phases and steps, in the workbook (and on the public site when
# some workbook page is public).
WORKBOOK_GUIDE = "workbook/index.html"


class Routes:
    """Output paths (without the language prefix) of the content of one profile: each
    item's page is where its content type's `route` says."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.content_links = content_links(site.types.linked_files)

    def item(self, type_name: str, identifier: str) -> str | None:
        """The page of one item of a content type, when this profile has the item."""
        if identifier not in self.site.collection(type_name):
            return None
        return self.site.types.named(type_name).route_of(identifier)

    def member(self, member_id: str) -> str | None:
        return self.item("members", member_id)

    def content_file(self, path: str) -> str | None:
        """The page a content path such as `members/x.yaml` or `pages/about.md` becomes."""
        found = self.content_page(path)
        return None if found is None else found[0]

    def content_page(self, path: str) -> tuple[str, str | None] | None:
        """The page a content path becomes, and the language a translation's file names
        (`pages/tietoa.sv.md`: the Swedish page of tietoa; None for any other file). None
        for no page of this profile, or a translation its page does not have."""
        if path.startswith("media/"):
            return (path, None) if path in self.site.media else None
        folder, _, name = path.partition("/")
        content_type = self.site.types.in_folder(folder)
        if content_type is None:
            return None
        stem = name.rsplit(".", 1)[0]
        translation = _TRANSLATION.match(stem)
        if translation is None:
            target = self.item(content_type.name, stem)
            return None if target is None else (target, None)
        identifier, language = translation["id"], translation["language"]
        target = self.item(content_type.name, identifier)
        page = self.site.collection(content_type.name).get(identifier)
        if target is None or language not in getattr(page, "languages", ())[1:]:
            return None
        return target, language

    def links(self) -> LinkContext:
        """A page's links: content paths resolve to these routes."""
        return LinkContext(self.content_file, content_links=self.content_links)


# A translation's name without its suffix: `tietoa.sv` (ids have no dots).
_TRANSLATION = re.compile(r"^(?P<id>[a-z0-9-]+)\.(?P<language>[a-z]{2,3}(?:-[a-z0-9]+)?)$")


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

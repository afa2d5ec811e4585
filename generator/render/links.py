"""Where a link of a rendered page leads: one reading for `netcard check` and the bundle.

Pages link to each other with URLs relative to their own file
(`../members/x/index.html`); the 404 page, which is served at any depth, with paths
from the site's root (`/network/members/x/index.html` when base_url is
https://example.org/network/). A URL ending in `/` means that folder's index.html.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

INDEX = "index.html"


@dataclass(frozen=True)
class LinkTarget:
    """The file of the profile a link leads to, and the part after its `#`."""

    path: str  # inside the profile: "members/x/index.html", "en/index.html"
    fragment: str = ""  # as written in the link, "" when there is none


def site_root(base_url: str | None) -> str:
    """The path the site is served under, always ending in "/" ("/network/" for
    base_url https://example.org/network, with or without the final slash)."""
    return (urlsplit(base_url).path if base_url else "").rstrip("/") + "/"


def link_target(page: str, url: str, root: str = "/") -> LinkTarget | None:
    """The file (and fragment) that `url`, written on `page`, leads to.

    `page` is the linking file's path inside the profile and `root` the path the site
    is served under (see `site_root`). None for a link that leaves the site: one with
    a scheme (https:, mailto:, data: …) or a host (`//example.org/`). A link with no
    path (`#x`, `?q`) leads to `page` itself. The target may not exist: the caller
    knows which files do.
    """
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return LinkTarget(page, parts.fragment)
    path = unquote(parts.path)
    if path.startswith("/"):
        target = posixpath.normpath(path.removeprefix(root).lstrip("/") or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == "." or path.endswith("/"):
        target = posixpath.join("" if target == "." else target, INDEX)
    return LinkTarget(target, parts.fragment)


__all__ = ["LinkTarget", "link_target", "site_root"]

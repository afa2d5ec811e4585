"""Media files that would run script on the site's own address are refused.

netcard copies content/media/ as it is, so every media file is served from
the site's origin. An image shown with <img> never runs script, but a browser
that opens the file itself (a link to it, or its address typed in) does run
the script in an SVG or HTML file, with the site's cookies and storage. So
the policy is: HTML-like files are not media, and an SVG must be a picture
only — no scripts, event handlers, embedded HTML or script URLs. Pages show
SVG media only through <img> (Markdown images, logos), never inline.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_SVG_BYTES = 10 * 1024 * 1024
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml",
                   ".xsl", ".xslt", ".js", ".mjs", ".svgz")
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler",
                      "listener", "base"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|jpg|gif|webp);", re.IGNORECASE)


def media_problem(path: Path) -> str | None:
    """Why the media file at `path` cannot be published, or None when it can."""
    name = path.name.lower()
    if name.endswith(ACTIVE_SUFFIXES):
        return (f"'{path.suffix}' files cannot be media: a browser would run their scripts "
                "on the site's address")
    if name.endswith(".svg"):
        return svg_problem(path)
    return None


def svg_problem(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_SVG_BYTES:
            return f"the SVG is larger than {MAX_SVG_BYTES // (1024 * 1024)} MB"
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        return "the SVG defines XML entities, which netcard does not accept"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"the SVG cannot be read as XML ({exc})"
    for element in root.iter():
        problem = _element_problem(element)
        if problem:
            return problem
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _element_problem(element: ET.Element) -> str | None:
    if not isinstance(element.tag, str):
        return None
    tag = _local(element.tag)
    if tag in FORBIDDEN_ELEMENTS:
        return f"the SVG contains a <{tag}> element, which could run script"
    for key, value in element.attrib.items():
        attribute = _local(key)
        if attribute.startswith("on"):
            return f"the SVG has an event handler ({attribute}=…), which would run script"
        if _script_url(value) or (attribute == "href" and not _safe_href(value)):
            return f"the SVG links to a script or unsafe address ({attribute}=…)"
    if element.text and _script_url(element.text):
        return f"the SVG's <{tag}> element contains a script address"
    return None


def _normalised(value: str) -> str:
    return re.sub(r"[\x00-\x20\x7f\u2028\u2029]", "", value).lower()


def _script_url(value: str) -> bool:
    cleaned = _normalised(value)
    return any(scheme in cleaned for scheme in ("javascript:", "vbscript:", "data:text/html",
                                                "data:image/svg", "data:application"))


def _safe_href(value: str) -> bool:
    """Fragments, relative paths, http(s), mailto, tel and embedded raster images."""
    if SAFE_DATA_IMAGE.match(value.strip()):
        return True
    cleaned = _normalised(value)
    if not re.match(r"^[a-z][a-z0-9+.-]*:", cleaned):
        return True
    return cleaned.startswith(("http:", "https:", "mailto:", "tel:"))

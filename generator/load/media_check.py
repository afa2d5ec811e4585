"""Media files that would run script on the site's own address are refused.

netcard copies content/media/ as it is, so every media file is served from
the site's origin. An image shown with <img> never runs script, but a browser
that opens the file itself (a link to it, or its address typed in) does run
the script in an SVG, HTML or other XML file, with the site's cookies and
storage. So the policy is: HTML- and XML-like files are not media, and an SVG
must be a picture only (see generator/load/svg_check.py). Pages show SVG
media only through <img> (Markdown images, logos), never inline.

A name is judged as a server or Windows would read it: 'kuva.svg.' and
'sivu.html ' are 'kuva.svg' and 'sivu.html'.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.load.svg_check import svg_problem_in

MAX_SVG_BYTES = 10 * 1024 * 1024
# Browsers show these as documents that can run script: HTML, and XML (which can hold
# XHTML <script> or an <?xml-stylesheet?> XSLT program).
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".xhtm", ".shtml", ".mht", ".mhtml",
                   ".xml", ".xsl", ".xslt", ".js", ".mjs", ".svgz", ".rss", ".atom", ".rdf",
                   ".kml", ".xspf", ".mml", ".wsdl", ".xpdl", ".xul", ".xbl", ".smil", ".xsd")
ACTIVE_HINT = ("publish a plain picture (PNG, JPEG, or an SVG without scripts), put the file "
               "in a .zip archive, or link to the file on another site")


@dataclass(frozen=True)
class MediaProblem:
    """Why a media file cannot be published and how to fix it (line 0: the whole file)."""

    message: str
    hint: str
    line: int = 0
    column: int = 0


def published_name(name: str) -> str:
    """The name as a web server on Windows would serve it: trailing dots and spaces go."""
    return name.rstrip(". ").lower()


def media_issue(path: Path) -> MediaProblem | None:
    """Why the media file at `path` cannot be published, or None when it can."""
    name = published_name(path.name)
    if name.endswith(ACTIVE_SUFFIXES):
        suffix = PurePosixPath(name).suffix
        return MediaProblem(f"'{suffix}' files cannot be media: a browser would run their "
                            "scripts on the site's address", ACTIVE_HINT)
    if name.endswith(".svg"):
        return svg_issue(path)
    return None


def theme_file_issue(path: Path) -> MediaProblem | None:
    """Why a theme's static file cannot be published (its SVGs are checked like media)."""
    name = published_name(path.name)
    if name.endswith(".svgz"):
        return MediaProblem("a compressed SVG (.svgz) cannot be checked for scripts",
                            "save the picture as a plain .svg file")
    return svg_issue(path) if name.endswith(".svg") else None


def svg_issue(path: Path) -> MediaProblem | None:
    """Why the SVG file at `path` could do more than show a picture, or None."""
    try:
        if path.stat().st_size > MAX_SVG_BYTES:
            return MediaProblem(f"the SVG is larger than {MAX_SVG_BYTES // (1024 * 1024)} MB",
                                "make the picture smaller, or publish it as PNG or JPEG")
        data = path.read_bytes()
    except OSError as exc:
        return MediaProblem(f"cannot read the file: {exc.strerror or exc}",
                            "check that the file exists and that you may read it")
    problem = svg_problem_in(data)
    if problem is None:
        return None
    return MediaProblem(problem.message, problem.hint, problem.line, problem.column)

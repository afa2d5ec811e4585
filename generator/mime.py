"""The media type of each kind of file netcard makes or serves, named once.

`netcard serve` sends them as Content-Type, `netcard bundle` writes them into data:
URIs; both ask here, so a file is the same kind of file in the preview and in the
bundle. Imports nothing of netcard's.
"""

from __future__ import annotations

import functools
import mimetypes
import posixpath

UNKNOWN = "application/octet-stream"
TEXT_CHARSET = "utf-8"  # every text file netcard writes is UTF-8

MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".csv": "text/csv",
    ".vcf": "text/vcard",
    ".txt": "text/plain",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",  # the type the GEXF project gives its format
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def media_type(name: str) -> str:
    """The media type of a file, by the ending of its name (any case): from the list
    above, else from Python's own table (a media file such as a .zip or an .odp), else
    `UNKNOWN` (the browser then offers the file as a download)."""
    ending = posixpath.splitext(name)[1].lower()
    if ending in MEDIA_TYPES:
        return MEDIA_TYPES[ending]
    guessed, _ = _python_table().guess_type(f"file{ending}", strict=False)
    return guessed or UNKNOWN


@functools.cache
def _python_table() -> mimetypes.MimeTypes:
    """Python's built-in table only: never the machine's /etc/mime.types, so a file is of
    the same type on every computer (and in every bundle made of the same site)."""
    return mimetypes.MimeTypes()


def is_text(kind: str) -> bool:
    """Whether files of this media type are text (and so have a character set)."""
    return (kind.startswith("text/") or kind.endswith("+xml")
            or kind in ("application/json", "application/xml"))


def content_type(name: str) -> str:
    """The Content-Type of a file: its media type, with the character set for text."""
    kind = media_type(name)
    return f"{kind}; charset={TEXT_CHARSET}" if is_text(kind) else kind

"""Checks across files: every id a file names must exist, ids must be unique.

Each content type checks what its own files refer to (its `check`, see
model/content_type.py) with a `ReferenceChecker`. Items whose pages sit at the top
level of the site (pages/<id>.md → <id>/index.html) must not take the name of a folder
that another type's pages, or the site itself, use.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.errors import ErrorList, did_you_mean
from generator.load.content import RawContent
from generator.load.yaml_marks import DocPath, YamlDocument
from generator.model.site import Site
from generator.names import SEARCH_INDEX_FOLDER

# Top-level output names of the site itself, whatever its content types.
SITE_FOLDERS = frozenset({"assets", "media", "search", SEARCH_INDEX_FOLDER, "404", "index"})


class ReferenceChecker:
    """What a type's check needs: the site, the raw files (for positions), and where
    errors go."""

    def __init__(self, site: Site, raw: RawContent, errors: ErrorList) -> None:
        self.site = site
        self.raw = raw
        self.errors = errors
        self.member_ids = set(site.members)
        self.area_ids = {area.id for area in site.competences.areas}

    def error(self, document: YamlDocument | None, path: DocPath, message: str, hint: str,
              *, key: bool = False, warning: bool = False) -> None:
        if document is None:
            return
        mark = document.key_mark(path) if key else document.mark(path)
        self.errors.add(document.file, mark.line, mark.column, message, hint, warning=warning)

    def member_ref(self, document: YamlDocument | None, path: DocPath, value: str,
                   what: str) -> None:
        if value not in self.member_ids:
            hint = did_you_mean(value, self.member_ids) or (
                "each member is a file content/members/<id>.yaml; check the spelling")
            self.error(document, path, f"{what}: there is no member '{value}'", hint)

    def unique(self, document: YamlDocument | None, items: Iterable[tuple[DocPath, str]],
               what: str) -> None:
        seen: dict[str, DocPath] = {}
        for path, value in items:
            if value in seen:
                first = document.mark(seen[value]).line if document else 0
                self.error(document, path, f"duplicate {what} id '{value}' (first on line {first})",
                           f"give each {what} its own id")
            else:
                seen[value] = path


def check_references(site: Site, raw: RawContent, errors: ErrorList) -> None:
    checker = ReferenceChecker(site, raw, errors)
    for content_type in site.types:
        if content_type.check is not None:
            content_type.check(checker)
    _check_top_level_ids(checker)


def _check_top_level_ids(c: ReferenceChecker) -> None:
    taken = SITE_FOLDERS | c.site.types.reserved_ids | set(c.site.languages)
    for content_type in c.site.types:
        if not (content_type.route or "").startswith("{id}/"):
            continue
        folder, suffix = content_type.source.path, content_type.source.suffix
        for identifier in c.site.collection(content_type.name):
            if identifier in taken:
                c.errors.add(f"content/{folder}/{identifier}{suffix}", 0, 0,
                             f"the page id '{identifier}' is taken by a built-in section",
                             f"rename the file, e.g. to {folder}/about-{identifier}{suffix}")

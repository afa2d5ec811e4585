"""Read a site's content as it is in a git revision, or in the working tree.

A revision's content/ is extracted, with one `git cat-file --batch` for all its files,
into a temporary folder outside the site and loaded from there by the normal loader:
the site folder is only read, so a read-only checkout works.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.git_content import (
    Repository,
    extract_content,
    find_repository,
    resolve_revision,
)
from generator.model.site import Site

WORKING_TREE = "working tree"
__all__ = ["WORKING_TREE", "RevisionContentErrors", "find_repository", "load_state"]


class RevisionContentErrors(ContentErrors):
    """The content of one of the compared states is wrong: the report says which."""

    def __init__(self, errors: list[ContentError], label: str) -> None:
        self.label = label
        super().__init__(errors)

    def report(self) -> str:
        return f"In the content of {self.label}:\n{super().report()}"


def load_state(site: Path, repository: Repository, revision: str | None) -> Site:
    """The site as `revision` has it (None: as the working tree has it now)."""
    if revision is None:
        return _loaded(site, f"the {WORKING_TREE}")
    label = f"revision {revision}"
    commit = resolve_revision(repository, revision)
    with tempfile.TemporaryDirectory(prefix="netcard-diff-") as folder:
        extract_content(repository, commit, label, Path(folder))
        return _loaded(Path(folder), label)


def _loaded(site_dir: Path, label: str) -> Site:
    from generator.build import load_site

    try:
        site, _warnings = load_site(site_dir)
    except ContentErrors as errors:
        raise RevisionContentErrors(errors.errors, label) from None
    return site

"""Reading a site's content/ as a git revision has it, with the git command: which
repository holds the site, which commit a revision names, and the revision's content/
written into a folder of its own (one `git ls-tree` and one `git cat-file --batch`).

Shared by `netcard diff` (diff/read_revision.py) and the workbook's history page
(diff/history.py), below both so that the build may read history without importing
the commands that load a site.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError

SYMLINK_MODE, SUBMODULE_MODE = "120000", "160000"


@dataclass(frozen=True)
class Repository:
    """The git repository a site is in, and the site's folder inside it ("" at its top)."""

    top: Path
    site_prefix: str

    def content_path(self) -> str:
        return f"{self.site_prefix}/content/" if self.site_prefix else "content/"


def _git(top: Path, *arguments: str,
         stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(top), *arguments], input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("netcard diff needs git, and git is not installed on this "
                         "computer; install git (https://git-scm.com) and run again") from None


def find_repository(site: Path) -> Repository:
    """The repository that holds `site`; UsageError when it is in none."""
    done = _git(site, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError(f"{site.resolve()} is not in a git repository, so there are no "
                         "earlier versions to compare with; netcard diff works on a site "
                         "kept in git (run 'git init' and commit the site first)")
    top = Path(os.fsdecode(done.stdout.strip())).resolve()
    prefix = site.resolve().relative_to(top).as_posix()
    return Repository(top, "" if prefix == "." else prefix)


def resolve_revision(repository: Repository, revision: str) -> str:
    """The commit `revision` names; UsageError for one the repository does not have."""
    done = _git(repository.top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                f"{revision}^{{commit}}")
    if done.returncode != 0 or revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a revision of the git repository at "
                         f"{repository.top}; name a commit, branch or tag that exists there "
                         "(see 'git log --oneline'), or leave it out to compare HEAD with "
                         "the working tree")
    return done.stdout.decode("ascii").strip()


def extract_content(repository: Repository, commit: str, label: str, into: Path) -> None:
    """Write the revision's content/ into `into`/content/."""
    listing = _git(repository.top, "ls-tree", "-r", "-z", commit, "--",
                   repository.content_path())
    entries = [_tree_entry(raw) for raw in listing.stdout.split(b"\0") if raw]
    files = [entry for entry in entries if entry[0] != SUBMODULE_MODE]
    if listing.returncode != 0 or not files:
        raise UsageError(f"{label} has no {repository.content_path()} folder in the git "
                         f"repository at {repository.top}; compare with a later revision, "
                         "one made after the site was added")
    blobs = _blobs(repository, [entry[1] for entry in files])
    skip = len(repository.content_path()) - len("content/")
    for (mode, _, path), data in zip(files, blobs, strict=True):
        target = into / path[skip:]
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == SYMLINK_MODE:  # kept a link, so the loader says what it says of one
            os.symlink(os.fsdecode(data), target)
        else:
            target.write_bytes(data)


def _tree_entry(raw: bytes) -> tuple[str, str, str]:
    """(mode, object id, path) of one `git ls-tree -z` line."""
    meta, path = raw.split(b"\t", 1)
    mode, _, object_id = meta.decode("ascii").split(" ")
    return mode, object_id, os.fsdecode(path)


def _blobs(repository: Repository, object_ids: list[str]) -> list[bytes]:
    """The contents of the objects, read by one `git cat-file --batch`."""
    done = _git(repository.top, "cat-file", "--batch",
                stdin="".join(f"{object_id}\n" for object_id in object_ids).encode("ascii"))
    output, position, contents = done.stdout, 0, []
    for _ in object_ids:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split(b" ")[2])
        start = header_end + 1
        contents.append(output[start:start + size])
        position = start + size + 1  # the newline after each object
    return contents

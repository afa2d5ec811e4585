"""Full-text search: Pagefind indexes each profile's HTML before the output is swapped in.

Pagefind reads the finished pages (it needs the real HTML, so it runs after
render, on the temporary output tree) and writes `pagefind/` into each profile,
one index per `<html lang>`: every profile and language gets its own index, and
the public one can hold only what the public pages show. A failure here stops
the build before the swap, so the previous output stays as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

INDEX_FOLDER = "pagefind"
TIMEOUT_SECONDS = 600


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_executable() -> Path:
    """The binary that `pip install "pagefind[bin]"` ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        if found:
            return Path(found)
    raise SearchIndexError(
        "search is on but Pagefind is not installed; install it with "
        "pip install \"pagefind[bin]\", or set search: false in content/site.yaml")


def prepare_indexes(root: Path, fresh: tuple[str, ...], carried: dict[str, Path]) -> None:
    """Index the profiles in `fresh` under `root`, and copy the other profiles' indexes.

    `carried` maps a profile to its previous `pagefind/` folder, for profiles whose
    pages are byte for byte the ones that index was made from (or, in `netcard
    serve`, to keep search working until `reindex` has caught up). The copies are
    hard links where the file system allows: an unchanged index costs no copying.
    """
    for profile, old_index in sorted(carried.items()):
        shutil.copytree(old_index, root / profile / INDEX_FOLDER, copy_function=_link_or_copy)
    if fresh:
        executable = pagefind_executable()
        for profile in fresh:
            index_folder(executable, root / profile)


def reindex(site: Path) -> None:
    """Index a profile folder that is already live: build the new index beside the old
    one, then exchange the two, so the search box never sees half an index."""
    from generator.write import replace_folder

    fresh = site / f".{INDEX_FOLDER}-next"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_folder(pagefind_executable(), site, fresh)
        replace_folder(fresh, site / INDEX_FOLDER)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def index_folder(executable: Path, site: Path, output: Path | None = None) -> None:
    # --keep-index-url: result links end in index.html, like every netcard link,
    # so they work on any static server.
    where = (["--output-path", str(output)] if output is not None
             else ["--output-subdir", INDEX_FOLDER])
    command = [str(executable), "--site", str(site), *where, "--keep-index-url", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind could not index {site.name}: {exc}; the previous "
                               "output is unchanged") from exc
    if done.returncode != 0:
        details = (done.stderr or done.stdout).strip() or f"exit code {done.returncode}"
        raise SearchIndexError(f"Pagefind failed to index the {site.name} site: {details}\n"
                               "The previous output is unchanged. Set search: false in "
                               "content/site.yaml to build without search.")
    _sort_entry((output or site / INDEX_FOLDER) / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists languages in hash-map order; sorted, a site always gives the same bytes."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(f"Pagefind wrote no readable {entry.name}: {exc}") from exc
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                sort_keys=True), encoding="utf-8")

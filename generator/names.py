"""The names of the files and folders netcard makes and serves, each spelled here once.

Several parts of netcard must agree on them (the build writes the stamp that the
no-change check reads; `netcard new` lists in .gitignore what the build makes), so
none of them spells a name of its own. Imports nothing of netcard's.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_OUTPUT = "output"  # SITE/output/ unless -o says otherwise
SITE_CACHE = ".netcard-cache"  # a site's caches, beside content/ (see paths.site_cache_dir)
OUTPUT_STAMP = ".netcard-output"  # at the top of an output folder: netcard made it, and which build
SEARCH_INDEX_FOLDER = "pagefind"  # a profile's search index, inside the profile's folder
LOCK_SUFFIX = ".lock"
# netcard serve: where the workbook is served when the public card is at /. '_' is in no
# id and no language code, so it never hides a page of the card.
WORKBOOK_MOUNT = "/_workbook/"


def output_lock_file(out_dir: Path) -> Path:
    """The file a build locks while it writes `out_dir`: beside it, hidden."""
    return out_dir.parent / f".{out_dir.name}{LOCK_SUFFIX}"

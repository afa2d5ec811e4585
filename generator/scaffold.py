"""`netcard new DIR`: a small starter site that builds at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.errors import UsageError
from generator.names import DEFAULT_OUTPUT, LOCK_SUFFIX, SITE_CACHE, output_lock_file
from generator.paths import PACKAGE_DIR
from generator.schema_export import write_editor_settings

STARTER = PACKAGE_DIR / "starter"
# everything netcard writes beside content/: the output, its lock file, the caches
STARTER_GITIGNORE = (f"{DEFAULT_OUTPUT}/\n{output_lock_file(Path(DEFAULT_OUTPUT)).name}\n"
                     f".*{LOCK_SUFFIX}\n{SITE_CACHE}/\n")


def create_site(directory: Path) -> int:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageError(f"{directory} already exists and is not empty; "
                         "choose a new folder name for the site")
    shutil.copytree(STARTER, directory, dirs_exist_ok=True)
    (directory / ".gitignore").write_text(STARTER_GITIGNORE, encoding="utf-8")
    write_editor_settings(directory)
    print(f"Created a starter site in {directory}.\nNext: edit the files in "
          f"{directory / 'content'}, then run: netcard build {directory}\n"
          "Editing in VS Code? Install its YAML extension (Red Hat): it then underlines "
          "mistakes in the content files while you type.")
    return 0

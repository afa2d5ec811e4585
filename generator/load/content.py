"""Find and parse every file under content/ (no validation of meaning yet)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.errors import ErrorList, did_you_mean
from generator.load.csv_rows import CsvTable
from generator.load.frontmatter import MarkdownFile, parse_markdown_file
from generator.load.media_check import media_issue
from generator.load.paths import is_inside, is_valid_id, slugify
from generator.load.yaml_marks import YamlDocument, parse_yaml, read_text

T = TypeVar("T")

SETTINGS_FILE = "site.yaml"
MEDIA_FOLDER = "media"


@dataclass(frozen=True)
class Source:
    """Where one content type's files are: one YAML file, or a folder of `<id><suffix>`
    files (YAML, or Markdown with front matter)."""

    path: str  # the file ("ties.yaml") or the folder ("members") inside content/
    suffix: str = ""  # a folder's files end with it, ".yaml" or ".md"; "" for one file
    required: str = ""  # how to fix its absence (a folder: having no files); "": optional
    # Suffixes of other files in the folder, read by `referenced` when a file names them
    # (a round's responses_csv).
    other_files: tuple[str, ...] = ()
    referenced: Callable[[RawContent, ErrorList], None] | None = None

    @property
    def is_folder(self) -> bool:
        return bool(self.suffix)


SETTINGS = Source(SETTINGS_FILE, required=f"create content/{SETTINGS_FILE} "
                                          "(see 'netcard new' for a starter)")


@dataclass
class RawContent:
    """Everything read from content/, still as plain data with marks."""

    root: Path
    content_dir: Path
    single: dict[str, YamlDocument] = field(default_factory=dict)  # by path: "network.yaml"
    folders: dict[str, dict[str, YamlDocument]] = field(default_factory=dict)  # YAML, by id
    markdown: dict[str, dict[str, MarkdownFile]] = field(default_factory=dict)  # .md, by id
    csv_tables: dict[str, CsvTable] = field(default_factory=dict)
    media: set[str] = field(default_factory=set)
    seen_files: set[str] = field(default_factory=set)
    hashes: dict[str, str] = field(default_factory=dict)

    def display(self, relative: str) -> str:
        return f"content/{relative}"


def load_content(site_dir: Path, errors: ErrorList, sources: Sequence[Source]) -> RawContent:
    """Read site.yaml and the `sources` (the content types' files) under `site_dir`.
    Problems go to `errors`; never raises for content."""
    content_dir = site_dir / "content"
    raw = RawContent(site_dir, content_dir)
    if not content_dir.is_dir():
        errors.add(str(content_dir), 0, 0, "there is no content/ folder here",
                   "run netcard in a site folder (one that holds content/), "
                   "or create one with 'netcard new DIR'")
        return raw
    everything = (SETTINGS, *sources)
    _check_top_level(raw, everything, errors)
    for source in everything:
        if source.is_folder:
            _load_folder_source(raw, source, errors)
        else:
            _load_file_source(raw, source, errors)
    if all((content_dir / source.path).exists() for source in sources
           if source.required and not source.is_folder):
        _check_required_folders(raw, sources, errors)
    _collect_media(raw, errors)
    for source in sources:
        if source.referenced is not None:
            source.referenced(raw, errors)
    return raw


def _load_file_source(raw: RawContent, source: Source, errors: ErrorList) -> None:
    path = raw.content_dir / source.path
    if _usable_file(raw, path, errors):
        document = _parse_yaml_file(raw, source.path, errors)
        if document is not None:
            raw.single[source.path] = document
    elif source.required and not path.exists():
        errors.add(raw.display(source.path), 0, 0, f"{source.path} is missing", source.required)


def _load_folder_source(raw: RawContent, source: Source, errors: ErrorList) -> None:
    if source.suffix == ".md":
        raw.markdown[source.path] = _load_folder(raw, source, errors, _parse_markdown)
    else:
        raw.folders[source.path] = _load_folder(raw, source, errors, _parse_yaml_file)


def _check_required_folders(raw: RawContent, sources: Sequence[Source],
                            errors: ErrorList) -> None:
    """A required folder without files, when the required content files are there (a
    content/ without network.yaml gets only the message that it is missing)."""
    for source in sources:
        if source.is_folder and source.required and not (
                raw.folders.get(source.path) or raw.markdown.get(source.path)):
            errors.add(raw.display(source.path + "/"), 0, 0, f"there are no {source.path}",
                       source.required)


def _check_top_level(raw: RawContent, sources: Sequence[Source], errors: ErrorList) -> None:
    known = (*(source.path for source in sources), MEDIA_FOLDER)
    files = {source.path for source in sources if not source.is_folder}
    for entry in sorted(os.listdir(raw.content_dir)):
        if entry.startswith(".") or entry in known:
            continue
        if entry.endswith(".yml") and entry[:-4] + ".yaml" in files:
            hint = f"rename it to {entry[:-4]}.yaml"
        else:
            hint = did_you_mean(entry, known) or (
                "content/ holds only " + ", ".join(known) + "; move other files out")
        errors.add(raw.display(entry), 0, 0, f"'{entry}' is not a content file or folder", hint)


def _usable_file(raw: RawContent, path: Path, errors: ErrorList, *,
                 in_safe_folder: bool = False) -> bool:
    """A regular file inside content/. In a folder already checked to be inside, only a
    link needs resolving (resolving every file cost 0.3 s for 2,000 members)."""
    if not path.exists() and not path.is_symlink():
        return False
    relative = path.relative_to(raw.content_dir).as_posix()
    if not (in_safe_folder and not path.is_symlink()) and not is_inside(path, raw.content_dir):
        errors.add(raw.display(relative), 0, 0, "this is a link to a file outside content/",
                   "copy the file into content/ instead of linking to it")
        return False
    if not path.is_file():
        errors.add(raw.display(relative), 0, 0, "expected a file here, found a folder",
                   "remove or rename the folder")
        return False
    return True


def _parse_yaml_file(raw: RawContent, relative: str, errors: ErrorList) -> YamlDocument | None:
    file = raw.display(relative)
    raw.seen_files.add(relative)
    text = read_text(raw.content_dir / relative, file, errors, raw.hashes)
    if text is None:
        return None
    document = parse_yaml(text, file, errors)
    if document is not None and not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        errors.add(file, 1, 1, f"the file holds {kind}, but it must be a mapping of keys",
                   "write 'key: value' lines at the top level, e.g. 'name: …'")
        return None
    return document


def _parse_markdown(raw: RawContent, relative: str, errors: ErrorList) -> MarkdownFile | None:
    file = raw.display(relative)
    raw.seen_files.add(relative)
    text = read_text(raw.content_dir / relative, file, errors, raw.hashes)
    return None if text is None else parse_markdown_file(text, file, errors)


def _load_folder(
    raw: RawContent,
    source: Source,
    errors: ErrorList,
    parse: Callable[[RawContent, str, ErrorList], T | None],
) -> dict[str, T]:
    """Parse every `<id><suffix>` file of one folder into {id: parsed}."""
    result: dict[str, T] = {}
    folder, suffix = source.path, source.suffix
    directory = raw.content_dir / folder
    if not directory.exists():
        return result
    if not _folder_is_safe(raw, directory, errors):
        return result
    entries = sorted(directory.iterdir())
    names = {entry.name for entry in entries}
    for entry in entries:
        name = entry.name
        relative = f"{folder}/{name}"
        if name.startswith(".") or name.endswith(source.other_files):
            continue
        if entry.is_dir():
            errors.add(raw.display(relative), 0, 0, f"{folder}/ holds files, not folders",
                       f"move the files of this folder up into content/{folder}/")
            continue
        if not name.endswith(suffix):
            alt = ".yml" if suffix == ".yaml" else ".markdown"
            hint = (f"rename it to {name.rsplit('.', 1)[0]}{suffix}" if name.endswith(alt)
                    else f"files in {folder}/ end with {suffix}")
            errors.add(raw.display(relative), 0, 0, f"'{name}' is not a {suffix} file", hint)
            continue
        identifier = name.removesuffix(suffix)
        if not is_valid_id(identifier):
            errors.add(raw.display(relative), 0, 0, f"the file name '{name}' is not a valid id",
                       _rename_hint(name, suffix, names))
            continue
        if _usable_file(raw, entry, errors, in_safe_folder=True):
            parsed = parse(raw, relative, errors)
            if parsed is not None:
                result[identifier] = parsed
    return result


def _rename_hint(name: str, suffix: str, names: set[str]) -> str:
    """How to rename a file whose name is not a valid id; when the name it would get is
    taken (Koordinaattori.yaml beside koordinaattori.yaml), which files clash."""
    wanted = slugify(name.removesuffix(suffix)) + suffix
    rule = "lowercase letters a–z, digits and hyphens, at most 64 characters"
    if wanted in names:
        return (f"'{name}' and '{wanted}' clash: keep one of them. Move what '{name}' holds "
                f"into '{wanted}' and delete '{name}', or give it another name ({rule})")
    alike = sorted(other for other in names - {name} if other.endswith(suffix)
                   and slugify(other.removesuffix(suffix)) + suffix == wanted)
    if alike:
        others = " and ".join(f"'{other}'" for other in alike)
        return (f"'{name}' and {others} would both become '{wanted}': give each a "
                f"different name ({rule})")
    return f"rename it to '{wanted}': {rule}"


def _folder_is_safe(raw: RawContent, directory: Path, errors: ErrorList) -> bool:
    if is_inside(directory, raw.content_dir):
        return True
    relative = directory.relative_to(raw.content_dir).as_posix()
    errors.add(raw.display(relative), 0, 0, "this folder links to a place outside content/",
               "replace the link with a real folder inside content/")
    return False


def _collect_media(raw: RawContent, errors: ErrorList) -> None:
    media = raw.content_dir / MEDIA_FOLDER
    if not media.exists() or not _folder_is_safe(raw, media, errors):
        return
    for folder, dirs, files in os.walk(media, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            relative = path.relative_to(raw.content_dir).as_posix()
            if not is_inside(path, raw.content_dir):
                errors.add(raw.display(relative), 0, 0, "this is a link to a file outside "
                           "content/", "copy the file into content/media/ instead")
                continue
            issue = media_issue(path)
            if issue:
                errors.add(raw.display(relative), issue.line, issue.column, issue.message,
                           issue.hint)
            raw.media.add(relative)  # known, so references to it raise no second error
        for name in list(dirs):
            if not is_inside(Path(folder) / name, raw.content_dir):
                relative = (Path(folder) / name).relative_to(raw.content_dir).as_posix()
                errors.add(raw.display(relative), 0, 0, "this folder links to a place outside "
                           "content/", "replace the link with a real folder")
                dirs.remove(name)



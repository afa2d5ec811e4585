"""Find and parse every file under content/ (no validation of meaning yet)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ErrorList, did_you_mean
from generator.load.csv_rows import CsvTable
from generator.load.frontmatter import MarkdownFile, parse_markdown_file
from generator.load.media_check import media_issue
from generator.load.parse_workers import FileToParse, ParsedFile, parse_files
from generator.load.paths import (
    canonical_language,
    is_inside,
    is_valid_id,
    looks_like_language,
    slugify,
    split_translation,
)
from generator.load.yaml_marks import YamlDocument, parse_yaml, read_text

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
    # A page's translations, `<id>.<language>.md`: by folder, id and language (a file
    # whose page, `<id>.md`, is missing is here too: the model reports it).
    translations: dict[str, dict[str, dict[str, MarkdownFile]]] = field(default_factory=dict)
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
    parsed = _parse_folders(raw, [source for source in everything if source.is_folder], errors)
    for source in everything:  # in order: raw.hashes keeps the order files are read in
        if source.is_folder:
            _add_folder(raw, source, parsed[source.path], errors)
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


@dataclass(frozen=True)
class FolderFile:
    """A file of a content folder to read: `<id><suffix>`, or a page's translation
    `<id>.<language>.md` (`language` is "" for the page itself)."""

    identifier: str
    relative: str  # inside content/: "pages/tietoa.sv.md"
    language: str = ""


def _parse_folders(raw: RawContent, folders: Sequence[Source],
                   errors: ErrorList) -> dict[str, list[tuple[FolderFile, ParsedFile]]]:
    """Every file of the `folders`, parsed (by the load workers on a large site), with
    what it is, by folder; what else the folders hold is reported."""
    listed = {source.path: _folder_files(raw, source, errors) for source in folders}
    parsed = iter(parse_files(parse_folder_file, raw.root, raw.content_dir, [
        FileToParse(file.relative, source.suffix == ".md", bool(file.language))
        for source in folders for file in listed[source.path]]))
    return {folder: [(file, next(parsed)) for file in files]
            for folder, files in listed.items()}


def _add_folder(raw: RawContent, source: Source, files: list[tuple[FolderFile, ParsedFile]],
                errors: ErrorList) -> None:
    values = [(file, _take(raw, parsed, errors)) for file, parsed in files]
    if source.suffix != ".md":
        raw.folders[source.path] = {file.identifier: value for file, value in values
                                    if isinstance(value, YamlDocument)}
        return
    pages = raw.markdown[source.path] = {}
    translations: dict[str, dict[str, MarkdownFile]] = {}
    for file, value in values:
        if not isinstance(value, MarkdownFile):
            continue
        if file.language:
            translations.setdefault(file.identifier, {})[file.language] = value
        else:
            pages[file.identifier] = value
    raw.translations[source.path] = translations


def _load_file_source(raw: RawContent, source: Source, errors: ErrorList) -> None:
    path = raw.content_dir / source.path
    if _usable_file(raw, path, errors):
        document = _parse_yaml_file(raw, source.path, errors)
        if document is not None:
            raw.single[source.path] = document
    elif source.required and not path.exists():
        errors.add(raw.display(source.path), 0, 0, f"{source.path} is missing", source.required)


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


def _parse_markdown(raw: RawContent, relative: str, errors: ErrorList, *,
                    translation: bool = False) -> MarkdownFile | None:
    file = raw.display(relative)
    raw.seen_files.add(relative)
    text = read_text(raw.content_dir / relative, file, errors, raw.hashes)
    return None if text is None else parse_markdown_file(text, file, errors,
                                                         translation=translation)


def parse_folder_file(site_dir: Path, content_dir: Path, file: FileToParse) -> ParsedFile:
    """One file of a folder (named by `_folder_files`): checked, read and parsed, with
    everything that recorded, for `_take` to add to the site's. The same here and in a
    load worker (see parse_workers.py)."""
    raw = RawContent(site_dir, content_dir)
    errors = ErrorList()
    value: MarkdownFile | YamlDocument | None = None
    if _usable_file(raw, content_dir / file.relative, errors, in_safe_folder=True):
        if file.markdown:
            value = _parse_markdown(raw, file.relative, errors, translation=file.translation)
        else:
            value = _parse_yaml_file(raw, file.relative, errors)
    return ParsedFile(value, errors.items, raw.hashes, raw.seen_files)


def _take(raw: RawContent, parsed: ParsedFile,
          errors: ErrorList) -> MarkdownFile | YamlDocument | None:
    """A parsed file's value, its problems and what it read, added to the site's."""
    errors.extend(parsed.problems)
    raw.hashes.update(parsed.hashes)
    raw.seen_files.update(parsed.seen_files)
    return parsed.value


def _folder_files(raw: RawContent, source: Source, errors: ErrorList) -> list[FolderFile]:
    """Every `<id><suffix>` file of one folder to parse (and, in a folder of Markdown
    pages, every translation `<id>.<language>.md`); what else the folder holds is
    reported."""
    result: list[FolderFile] = []
    folder, suffix = source.path, source.suffix
    directory = raw.content_dir / folder
    if not directory.exists():
        return result
    if not _folder_is_safe(raw, directory, errors):
        return result
    with os.scandir(directory) as listing:  # by name, as Paths sort; no stat a file
        entries = sorted(listing, key=lambda entry: entry.name)
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
        identifier, language = name.removesuffix(suffix), ""
        if suffix == ".md":
            identifier, language = split_translation(identifier)
        if not is_valid_id(identifier):
            errors.add(raw.display(relative), 0, 0, f"the file name '{name}' is not a valid id",
                       _rename_hint(name, suffix, names))
            continue
        if language != canonical_language(language):
            errors.add(raw.display(relative), 0, 0,
                       f"the language '{language}' of '{name}' is not written as site.yaml "
                       "writes languages", f"rename it to '{_wanted_name(name, suffix)}'")
            continue
        result.append(FolderFile(identifier, relative, language))
    return result


_ID_RULE = "lowercase letters a–z, digits and hyphens, at most 64 characters"


def _rename_hint(name: str, suffix: str, names: set[str]) -> str:
    """How to rename a file whose name is not a valid id; when the name it would get is
    taken (Koordinaattori.yaml beside koordinaattori.yaml), which files clash. A page's
    translation keeps its language (Tietoa.sv.md → tietoa.sv.md)."""
    wanted = _wanted_name(name, suffix)
    rule = _ID_RULE
    if suffix == ".md" and "." in name.removesuffix(suffix) and \
            not looks_like_language(name.removesuffix(suffix).rsplit(".", 1)[1]):
        rule += ("; a dot is only for a translation's language, before .md: "
                 "tietoa.sv.md is the Swedish text of tietoa.md")
    if wanted in names:
        return (f"'{name}' and '{wanted}' clash: keep one of them. Move what '{name}' holds "
                f"into '{wanted}' and delete '{name}', or give it another name ({rule})")
    alike = sorted(other for other in names - {name} if other.endswith(suffix)
                   and _wanted_name(other, suffix) == wanted)
    if alike:
        others = " and ".join(f"'{other}'" for other in alike)
        return (f"'{name}' and {others} would both become '{wanted}': give each a "
                f"different name ({rule})")
    return f"rename it to '{wanted}': {rule}"


def _wanted_name(name: str, suffix: str) -> str:
    """The valid name a file probably meant: its id slugified, a translation's language
    kept."""
    stem = name.removesuffix(suffix)
    identifier, language = split_translation(stem) if suffix == ".md" else (stem, "")
    return (slugify(identifier) + (f".{canonical_language(language)}" if language else "")
            + suffix)


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



"""The files of content/'s folders parsed on every core, for large sites.

Reading and parsing thousands of front matters and YAML files is most of a large
site's load (1 s for 10,000 pages). From `PARALLEL_LOAD_MIN_FILES` files on, the files
go out in chunks to forked workers, which give back what each file gave: its value,
its problems (`file:line:col`, every one), the fingerprints read and the documents
parsed. The results are taken in the files' order, so the site, its errors and the
output are the same bytes as when every file is parsed here; a small site never
starts a worker. A process that already holds parsed documents (netcard serve,
after its first build), or a build whose store holds the last build's
(stored_documents.py), parses here, where its unchanged files are found at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.errors import ContentError
from generator.load.frontmatter import MarkdownFile
from generator.load.stored_documents import current_store
from generator.load.yaml_marks import YamlDocument, has_parsed, keep_parsed, take_parsed
from generator.parallel import can_fork, cores, run_all

# Measured (benchmarks/RESULTS.md, "Start-up"): at 10,000 pages this process spends
# 0.26 s less CPU on loading, at 1,500 only 0.03 s, less than a busy machine's wait
# for a free core.
PARALLEL_LOAD_MIN_FILES = 2000


@dataclass(frozen=True)
class FileToParse:
    relative: str  # inside content/: "pages/about.md"
    markdown: bool  # front matter and Markdown; else a YAML file
    translation: bool = False  # a page's translation (Markdown), `<id>.<language>.md`


@dataclass
class ParsedFile:
    """What parsing one file gave: its value (None when it has problems or is not a
    file to read), its problems, and what reading it recorded."""

    value: MarkdownFile | YamlDocument | None
    problems: list[ContentError]
    hashes: dict[str, str]  # "file:content/…" → fingerprint, as `read_text` records them
    seen_files: set[str]
    documents: list[tuple[tuple[str, str, int, bool], YamlDocument]] = field(default_factory=list)


ParseOne = Callable[[Path, Path, FileToParse], ParsedFile]


def parse_files(parse_one: ParseOne, site_dir: Path, content_dir: Path,
                files: Sequence[FileToParse]) -> list[ParsedFile]:
    """`parse_one(site_dir, content_dir, file)` of every file, in order: on every core
    when they are many (this process parses the first share while forked workers
    parse the others), else here."""
    if not in_workers(len(files)):
        return [parse_one(site_dir, content_dir, file) for file in files]
    share = -(-len(files) // cores())
    jobs = [partial(_parse_share, parse_one, site_dir, content_dir, files[start:start + share])
            for start in range(0, len(files), share)]
    parsed = [file for done in run_all(jobs) for file in done]
    for file in parsed:
        keep_parsed(file.documents)  # for this process's next build (netcard serve)
        file.documents = []
    return parsed


def in_workers(count: int) -> bool:
    """Whether `count` files are parsed on several cores."""
    store = current_store()
    return (count >= PARALLEL_LOAD_MIN_FILES and can_fork() and not has_parsed()
            and (store is None or not store.kept))


def _parse_share(parse_one: ParseOne, site_dir: Path, content_dir: Path,
                 files: Sequence[FileToParse]) -> list[ParsedFile]:
    parsed = []
    for file in files:
        result = parse_one(site_dir, content_dir, file)
        result.documents = take_parsed()
        parsed.append(result)
    return parsed

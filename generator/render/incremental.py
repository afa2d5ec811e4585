"""Incremental builds that are never stale: which pages the render stage can take
from the previous output instead of rendering them again.

For every page the last build recorded what it read (generator/deps.py) and
the fingerprint of each of those sources. A page is taken from the previous
output only when every source it read still has the same fingerprint and the
previous file is still exactly what was written; anything else re-renders it.
The cache lives in `.netcard-cache/` beside content/ (or in the user's cache:
see `paths.site_cache_dir`). Deleting it only costs time; a cache that cannot
be read, or was written by another netcard (or other code), is ignored, and
one that cannot be written is skipped.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import sys
import time
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import __version__
from generator.atomic import write_atomic
from generator.deps import current_reads, fingerprint, paused
from generator.model import derivation
from generator.model.site import Site, top_level_items
from generator.parallel import long_lived
from generator.paths import PACKAGE_DIR
from generator.rebuilds import FileStamp, KeptByFile, file_stamp, keeping
from generator.render.env import template_fingerprint
from generator.render.i18n import locale_fingerprint
from generator.render.site import PageOutput

CACHE_FORMAT = 7

# A page file's stamp (inode, size, modification time) is recorded only when it was last
# changed longer ago than this: a file changed again within the same tick of the file
# system's clock (coarse on many systems) could keep its stamp ("racy git"); such a
# file is checked by its bytes in the next build instead.
RACY_NANOSECONDS = 2_000_000_000

# A page cache's table of sources grows by at most half its size plus this many sources
# before it is made anew (see PageCache.save).
TABLE_SLACK = 100

Stamp = FileStamp
Decoded = tuple[list[tuple[str, str]], dict[str, "CachedPage"], dict[str, str], int]

# netcard serve: each profile's cache as its last build saved it, by code (rebuilds.py)
_KEPT: KeptByFile[tuple[str, Decoded]] = KeptByFile(limit=4)


@functools.cache
def code_fingerprint() -> str:
    """netcard's own version and code: a different netcard never trusts this cache.

    Worked out once per process, from the files as they were when it was first asked
    (8 ms of every `netcard serve` rebuild): the code that runs is the code that was
    loaded then. Were netcard upgraded under a running `netcard serve`, the caches it
    saves then would still name the code that made them, and the new netcard would not
    trust them."""
    digest = hashlib.sha256(f"{__version__}:{CACHE_FORMAT}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def value_fingerprint(value: object) -> str:
    """A field's value, as a fingerprint. Text (a page's body: thousands of characters
    on every page) is hashed as it is, without `repr` first escaping it; the two kinds
    never give the same fingerprint, since a `repr` holds no NUL character."""
    if type(value) is str:
        return fingerprint("str", value)
    return fingerprint(repr(_plain(value)))


def _plain(value: object) -> object:
    """A value as built-in containers only, whose `repr` (in C) says all it holds.

    pydantic's own `repr` of a model walks its fields in Python, a generator a field:
    for a 2,000-member site, 1.5 of the 2.2 s it took to check the page cache. A model
    (or a dataclass) becomes its class name and its fields' values in order; lists,
    tuples, sets and dicts keep their kind (a set sorted by `repr`, so its order never
    matters). Most values are strings and numbers, kept as they are without a call
    (a 2,000-member site's ties file holds 8,000 models: 140 → 65 ms)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if isinstance(value, BaseModel):
        fields = _get(value, "__dict__")  # (its fields: not its properties, nor private data)
        order = type(value).__pydantic_fields__
        return (kind.__name__, *[item if type(item) in _ATOMS else _plain(item)
                                 for item in map(fields.__getitem__, order)])
    if kind is list or kind is tuple:
        return (kind.__name__, *[item if type(item) in _ATOMS else _plain(item)
                                 for item in value])  # type: ignore[attr-defined]
    if isinstance(value, dict):
        return ("dict", *[(key if type(key) in _ATOMS else _plain(key),
                           item if type(item) in _ATOMS else _plain(item))
                          for key, item in value.items()])
    if isinstance(value, set | frozenset):
        return ("set", *sorted(map(repr, map(_plain, value))))
    names = _dataclass_fields(kind)
    if names:  # (read past a page's recording __getattribute__: nothing records here)
        return (kind.__name__, *[_plain(_get(value, name)) for name in names])
    return value


_get = object.__getattribute__
_ATOMS = frozenset({str, int, float, bool, type(None), date})


def _dataclass_fields(kind: type) -> tuple[str, ...]:
    """The fields a dataclass's `repr` shows (none for any other type). A page (a
    dataclass of its front matter and text) took 54 µs through its own `repr`,
    which asks pydantic for the front matter's; 1,000 pages are fingerprinted on
    every build."""
    names = _DATACLASS_FIELDS.get(kind)
    if names is None:
        names = _DATACLASS_FIELDS[kind] = tuple(
            field.name for field in dataclasses.fields(kind) if field.repr
        ) if dataclasses.is_dataclass(kind) else ()
    return names


_DATACLASS_FIELDS: dict[type, tuple[str, ...]] = {}


def _unrecorded_fingerprint(value: object) -> str:
    with paused():
        return value_fingerprint(value)


class Fingerprints:
    """The current fingerprint of any source a page may have read, computed on demand."""

    def __init__(self, site: Site, site_dir: Path, values: dict[str, str]) -> None:
        self.site = site
        self.site_dir = site_dir
        self.values = values
        self.known: dict[str, str | None] = {}
        self.known_files: dict[str, str | None] = {}
        with paused():
            self.models: dict[str, Any] = top_level_items(site)

    def of(self, source: str) -> str | None:
        try:
            return self.known[source]
        except KeyError:
            pass
        if current_reads() is None:  # (saving the page cache: nothing records)
            value = self.known[source] = self._compute(source)
        else:
            with paused():
                value = self.known[source] = self._compute(source)
        return value

    def of_file(self, file: str) -> str | None:
        """The fingerprint of a file's whole model (`file:content/…`; None: no such file):
        unchanged, so is every field of it, and the fields need no fingerprint of their
        own (a 2,000-member site's table has ~35 fields a member file)."""
        try:
            return self.known_files[file]
        except KeyError:
            pass
        model = self.models.get(file)
        if model is None:
            value = None
        elif (made_from := derivation.of(model)) is not None:
            # the same inputs make the same model; so is every model netcard serve keeps
            # from one build to the next (an edit fingerprints the files it changed)
            value = f"made:{made_from}"
        else:
            value = _unrecorded_fingerprint(model)
        self.known_files[file] = value
        return value

    def settle(self, source: str, value: str) -> None:
        """Take `value` as `source`'s fingerprint (its file's model is unchanged)."""
        self.known.setdefault(source, value)

    def _compute(self, source: str) -> str | None:
        kind, _, name = source.partition(":")
        if kind == "file":
            file, _, attribute = name.rpartition("#")
            model = self.models.get(f"file:{file}")
            if model is None or not attribute:
                return None
            return value_fingerprint(getattr(model, attribute, None))
        if kind == "ids":
            ids = self.site.ids(name)
            return None if ids is None else fingerprint(*sorted(ids))
        if kind == "template":
            return template_fingerprint(self.site_dir, self.site.settings.theme, name)
        if kind == "locale":
            return locale_fingerprint(name)
        if kind == "value":
            return self.values.get(source)
        return None


@dataclass(frozen=True)
class CachedPage:
    """What the previous build wrote for one page, and the sources it read (as indexes
    into the cache's table of sources). `stamp`: the file's inode, size and modification
    time once it was written, when they can vouch for its bytes (see `RACY_NANOSECONDS`)."""

    digest: str
    deps: tuple[int, ...]
    packed: str  # `deps` as the file holds them (see `_packed`)
    media: tuple[str, ...]
    broken: tuple[str, ...]
    stamp: Stamp | None = None


@dataclass
class PageCache:
    """What the previous build of one profile wrote, and what each page read.

    On disk: one table of every source read with its fingerprint, and per page the
    indexes of the sources it read (packed: see `_packed`). Pages share most sources
    (the templates, the locale, the site's title …), so this is a twentieth of a
    per-page listing (36 MB → 2 MB for 4,000 pages), and each source is checked once,
    not once per page.
    """

    path: Path | None  # None: no cache can be written; every page is rendered
    code: str
    profile: str = ""  # the profile's folder in the output
    entries: dict[str, CachedPage] = field(default_factory=dict)
    sources: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # file → its whole model's fingerprint
    made_with: int = 0  # how many sources the table had when it was last made anew (save)
    _changed: set[int] | None = None  # indexes of the sources whose fingerprint changed

    @classmethod
    def load(cls, cache_dir: Path | None, profile: str, code: str) -> PageCache:
        path = None if cache_dir is None else cache_dir / f"pages-{profile}.json"
        cache = cls(path, code, str(profile))
        if path is None:
            return cache
        kept = _KEPT.get(path)  # netcard serve: what the last build saved
        if kept is not None:
            if kept[0] == code:
                cache.sources, cache.entries, cache.files, cache.made_with = kept[1]
            return cache
        read_from = file_stamp(path)
        try:
            with long_lived():
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("code") == code:
                    decoded = _decode(data)
                    cache.sources, cache.entries, cache.files, cache.made_with = decoded
                    _KEPT.put(path, (code, decoded), read_from)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            cache.sources, cache.entries, cache.files, cache.made_with = [], {}, {}, 0  # damaged
        return cache

    def reuse(self, path: str, fingerprints: Fingerprints, old_root: Path) -> PageOutput | None:
        """The previous output of `path`, if nothing it read has changed since and its
        file is still what was written. A file whose stamp is unchanged is not read
        again (12,000 pages of a 2,000-member site: 270 MB); its bytes are linked or
        copied from it into the next output."""
        entry = self.entries.get(path)
        if entry is None or not self._changed_sources(fingerprints).isdisjoint(entry.deps):
            return None
        old_file = f"{old_root}/{path}"
        if not _still_written(old_file, entry):
            return None
        return PageOutput(path, b"", (), frozenset(entry.media), entry.broken, entry.digest,
                          Path(old_file), cached=entry.packed)

    def _changed_sources(self, fingerprints: Fingerprints) -> set[int]:
        """The table's sources whose fingerprint is not what it was, worked out once.

        Every source is checked: `save` needs them all for this build's table anyway
        (Fingerprints keeps each), and a page is then checked with one set operation
        instead of a call per source it read (~100 a page). The fields of a file whose
        whole model is unchanged keep their recorded fingerprints without a look."""
        if self._changed is None:
            unchanged = {file for file, expected in self.files.items()
                         if fingerprints.of_file(file) == expected}
            changed = set()
            for index, (name, expected) in enumerate(self.sources):
                if name.partition("#")[0] in unchanged:
                    fingerprints.settle(name, expected)
                elif fingerprints.of(name) != expected:
                    changed.add(index)
            self._changed = changed
        return self._changed

    def save(self, pages: dict[str, PageOutput], fingerprints: Fingerprints,
             root: Path) -> None:
        """Record this build's pages, whose files are in `root` (each page's stamp is
        read there); written atomically. A cache that cannot be written (read-only,
        full disk) is skipped: the next build renders more, and is no less correct.

        After an edit most pages are reused (`reuse`): the table then stays as it was,
        each source where it was, with this build's fingerprint, so that a reused page
        keeps its sources' indexes as they are (12,000 pages of a 2,000-member site read
        a million). The rendered pages' new sources follow. The table is made anew
        when this build read no cache, when a source of it can no longer be
        fingerprinted, or when it has grown by half (plus TABLE_SLACK) since it was
        last made anew: that sheds the sources no page reads any more."""
        if self.path is None:
            return
        settled_before = time.time_ns() - RACY_NANOSECONDS
        table = None if self._changed is None else _Table.continued(
            self.sources, self._changed, self.made_with, self.files, fingerprints)
        if table is None:
            table = _Table([], {}, made_with=0, files=set())
            pages = {path: self._named(page) for path, page in pages.items()}
        entries = {}
        for path, page in sorted(pages.items()):
            packed = page.cached  # (a reused page's, as the table is continued)
            if packed is None:
                deps = table.indexes(page.reads, fingerprints)
                if deps is None:
                    continue  # a source we cannot fingerprint: always re-render this page
                packed = _packed(deps)
            entries[path] = [page.digest, packed, sorted(page.media), list(page.broken),
                             _stamp(f"{root}/{path}", settled_before)]
        sources = table.sources
        made_with = table.made_with or len(sources)
        files = {file: value for file in sorted(table.files)
                 if (value := fingerprints.of_file(file)) is not None}
        data = {"code": self.code, "sources": sources, "pages": entries, "files": files,
                "made_with": made_with}
        record = json.dumps(data, separators=(",", ":"))
        try:
            write_atomic(self.path, record.encode("utf-8"), durable=False)
        except OSError:
            return  # not kept: the next build renders more
        if keeping():  # what the next build would read back: as _decode makes it
            _KEPT.put(self.path, (self.code, _decode(data)))

    def _named(self, page: PageOutput) -> PageOutput:
        """A reused page with the names of what it read, for a table made anew."""
        if page.cached is None:
            return page
        return dataclasses.replace(page, reads=[self.sources[index][0]
                                                for index in _unpacked(page.cached)],
                                   cached=None)


@dataclass
class _Table:
    """The sources a page cache records, each with its fingerprint, as they are saved."""

    sources: list[tuple[str, str]]
    index: dict[str, int]  # source → its place in `sources`; -1: it has no fingerprint
    made_with: int  # how many sources the table had when it was last made anew
    files: set[str]  # the files its sources are fields of (`file:content/…`)

    @classmethod
    def continued(cls, read: list[tuple[str, str]], changed: set[int], made_with: int,
                  files: Iterable[str], fingerprints: Fingerprints) -> _Table | None:
        """The table a cache was `read` with (whose sources are fields of `files`), its
        `changed` sources given this build's fingerprints: None when it should be made
        anew (see PageCache.save)."""
        if not read or len(read) > made_with * 3 // 2 + TABLE_SLACK:
            return None
        sources = list(read)
        for place in changed:
            name = sources[place][0]
            value = fingerprints.of(name)
            if value is None:
                return None
            sources[place] = (name, value)
        return cls(sources, {name: place for place, (name, _) in enumerate(sources)}, made_with,
                   set(files))

    def indexes(self, reads: Collection[str], fingerprints: Fingerprints) -> list[int] | None:
        """The places of the sources a page read, sorted; None if one has no fingerprint.
        Pages share most sources: only those not seen before are looked at one by one
        (set and sort operations in C do the rest)."""
        for source in sorted(set(reads).difference(self.index)):
            value = fingerprints.of(source)
            self.index[source] = -1 if value is None else len(self.sources)
            if value is not None:
                self.sources.append((source, value))
                if source.startswith("file:"):
                    self.files.add(source.partition("#")[0])
        deps = sorted(map(self.index.__getitem__, reads))
        if deps and deps[0] == -1:
            return None
        return deps


def _still_written(file: str, entry: CachedPage) -> bool:
    """Whether `file` still holds the bytes the cache entry records: by its stamp when
    the entry has one, else by the digest of its bytes."""
    if entry.stamp is not None:
        return _stamp(file, None) == entry.stamp
    try:
        with open(file, "rb") as handle:
            content = handle.read()
    except OSError:
        return False
    return hashlib.sha256(content).hexdigest() == entry.digest


def _stamp(file: str, settled_before: int | None) -> Stamp | None:
    """The file's inode, size and modification time; None when it cannot be read, or was
    changed after `settled_before` (nanoseconds since the epoch)."""
    stamp = file_stamp(file)
    if stamp is None or (settled_before is not None and stamp[2] >= settled_before):
        return None
    return stamp


def _decode(data: dict[str, Any]) -> Decoded:
    """The cache file's table, pages, files and the table's size when it was last made
    anew, checked: anything malformed raises."""
    sources = [(str(name), str(value)) for name, value in data["sources"]]
    files = {str(file): str(value) for file, value in data["files"].items()}
    entries = {}
    count = len(sources)
    for path, (digest, deps, media, broken, stamp) in data["pages"].items():
        indexes = _unpacked(deps)
        if indexes and max(indexes) >= count:  # (in C; never negative)
            raise ValueError("a page names a source the table does not have")
        entries[str(path)] = CachedPage(str(digest), indexes, deps, tuple(map(str, media)),
                                        tuple(map(str, broken)), _decoded_stamp(stamp))
    made_with = data["made_with"]
    if type(made_with) is not int:
        raise TypeError("the table's size is not a whole number")
    return sources, entries, files, made_with


# A page's sources, as indexes into the table: ~100 a page, a million at 2,000 members.
# Written as JSON numbers they were most of the cache's parse (0.25 of 0.47 CPU-s at 2,000
# members); as 4-byte little-endian numbers in base64 they are read in C.
_INDEX_TYPE = "I" if array("I").itemsize == 4 else "L"


def _packed(indexes: Sequence[int]) -> str:
    packed = array(_INDEX_TYPE, indexes)
    if sys.byteorder != "little":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpacked(text: object) -> tuple[int, ...]:
    """`_packed` read back; raises ValueError or TypeError on anything else. (A tuple: a
    page is checked with `set.isdisjoint`, which boxes an array's every number.)"""
    if not isinstance(text, str):
        raise TypeError("a page's sources are not packed")
    packed = array(_INDEX_TYPE)
    packed.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder != "little":
        packed.byteswap()
    return tuple(packed)


def _decoded_stamp(stamp: object) -> Stamp | None:
    if stamp is None:
        return None
    if not isinstance(stamp, list | tuple) or len(stamp) != 3 or set(map(type, stamp)) != {int}:
        raise ValueError("a page's stamp is not three whole numbers")
    return stamp[0], stamp[1], stamp[2]

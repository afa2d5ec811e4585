"""Parsed YAML documents kept on disk from one build to the next.

Parsing is most of loading a large site: 2,000 member files and a ties.yaml of 8,000
ties take a second to parse, and a build after editing one member parsed them all
again. A build now keeps what each document parsed to, in the site's cache, by a
digest of its file's name and text: a file that has not changed is read back as JSON
(a fiftieth of the time) instead of being parsed.

A document's data and the positions of its values are kept apart: the positions are
wanted only for a message (an error, or a warning such as a tie type without a
colour), so they are decoded only when one asks for them (see `YamlDocument`). They
are kept as numbers in the order of a walk of the data (`_walk`), which gives their
paths back; a message about one place walks the data only up to it (`_place`: a
warning about a ties.yaml of 8,000 ties, 30 ms instead of 130).

What a document parsed to depends on netcard's code and on PyYAML's, so the file
names both and is not trusted by any other. A document is kept only when JSON gives
back exactly the same value (no mapping key that is a number, no binary value): any
other is parsed each time. The file is replaced whole (generator.atomic) when a build
parsed something new or no longer read something kept, and a broken or unreadable
file counts as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import write_atomic
from generator.load.marks import DocPath, Mark, YamlDocument

STORE_FILE = "parsed-documents"
FORMAT = "netcard-parsed-documents 1"
DIGEST_CHARS = 32

DocumentKey = tuple[str, str, int, bool]  # file, text, line offset, allow empty
_JSON_LEAVES = frozenset({str, int, float, bool, type(None)})


class DocumentStore:
    """The documents a site's last build parsed (JSON text by digest of their key), and
    those this build parses (`note`), to be written back (`save`)."""

    def __init__(self, path: Path | None, header: str, kept: dict[str, str]) -> None:
        self.path = path
        self.header = header
        self.kept = kept
        self.used: dict[str, str | None] = {}  # digest → its JSON (None: not kept)

    @classmethod
    def open(cls, cache_dir: Path | None, code: str) -> DocumentStore:
        header = f"{FORMAT} {code} pyyaml-{yaml.__version__}"
        path = None if cache_dir is None else cache_dir / STORE_FILE
        return cls(path, header, _read(path, header))

    def document(self, key: DocumentKey,
                 parse: Callable[[], YamlDocument | None]) -> YamlDocument | None:
        """The document `key` parsed to, when this store holds it. `parse()` parses its
        text, should its positions be found damaged."""
        line = self.kept.get(digest(key))
        if line is None:
            return None
        data_text, _, marks_text = line.partition("\t")
        try:
            data = json.loads(data_text)
        except ValueError:  # a damaged line: parsed again, and written anew
            return None
        return YamlDocument.read_back(key[0], data, _StoredPositions(data, marks_text, parse))

    def note(self, key: DocumentKey, document: YamlDocument) -> None:
        """This build read the document `key`."""
        name = digest(key)
        if name not in self.used:
            self.used[name] = self.kept.get(name) or _as_line(document)

    def save(self) -> None:
        """Write what this build read, unless the file holds exactly that already."""
        lines = {name: text for name, text in self.used.items() if text is not None}
        if self.path is None or lines == self.kept:
            return
        body = "".join(f"{name} {text}\n" for name, text in sorted(lines.items()))
        with contextlib.suppress(OSError):  # a cache: the next build parses again
            write_atomic(self.path, f"{self.header}\n{body}".encode(errors="surrogatepass"),
                         durable=False)
        self.kept = lines


def digest(key: DocumentKey) -> str:
    file, text, line_offset, allow_empty = key
    named = f"{file}\0{line_offset}\0{int(allow_empty)}\0{text}"
    return hashlib.blake2b(named.encode(errors="surrogatepass"),  # (a file name may hold one)
                           digest_size=DIGEST_CHARS // 2).hexdigest()


def _read(path: Path | None, header: str) -> dict[str, str]:
    if path is None:
        return {}
    try:
        # (a lone surrogate: PyYAML's own parser, where libyaml is missing, reads "\\udc80")
        text = path.read_bytes().decode(errors="surrogatepass")
    except (OSError, UnicodeDecodeError):
        return {}
    first, _, body = text.partition("\n")
    if first != header:
        return {}
    kept = {}
    for line in body.split("\n"):  # (JSON escapes every line break inside a value)
        name, _, value = line.partition(" ")
        if len(name) == DIGEST_CHARS and value:
            kept[name] = value
    return kept


def _as_line(document: YamlDocument) -> str | None:
    """The document's line: its data as JSON, a tab, and the positions of its values in
    the order of `_walk`. None when JSON would not give the same data back."""
    if not _json_exact(document.data):
        return None
    marks, key_marks = document.marks, document.key_marks
    numbers: list[int] = []
    if marks:
        for path, is_key in _walk(document.data):
            numbers.extend(key_marks[path] if is_key else marks[path])
    return (json.dumps(document.data, ensure_ascii=False, separators=(",", ":"))
            + "\t" + json.dumps(numbers, separators=(",", ":")))


class _StoredPositions:
    """A read-back document's positions, from their numbers (see `_as_line`): all of
    them, or one (a walk of the data up to its place, counting the values and keys
    before it). Damaged numbers, that do not fit the data, are found when decoded: the
    document's text is then parsed again (`parse()`)."""

    def __init__(self, data: Any, marks_text: str,
                 parse: Callable[[], YamlDocument | None]) -> None:
        self.data = data
        self.marks_text = marks_text
        self.parse = parse
        self.found: tuple[dict[DocPath, Mark], dict[DocPath, Mark]] | None = None
        self.numbers: list[Any] | None = None
        self.walked = 0  # values and keys walked past, by the lookups one by one

    def all(self) -> tuple[dict[DocPath, Mark], dict[DocPath, Mark]]:
        if self.found is None:
            self.found = _marks(self.data, self.marks_text, self.parse)
        return self.found

    def one(self, path: DocPath, key: bool) -> Mark | None:
        numbers = self._numbers() if self.found is None else None
        # a walk costs what it passes: once the lookups have passed as many values as
        # the document has, they cost more than decoding all of them
        if numbers is not None and self.walked < len(numbers) // 2:
            place = _place(self.data, path, key)
            if place is None:
                return None
            self.walked += place
            line, column = numbers[2 * place], numbers[2 * place + 1]
            if type(line) is int and type(column) is int:
                return Mark(line, column)
        marks, key_marks = self.all()  # (damaged numbers: the text parsed again)
        return (key_marks if key else marks).get(path)

    def _numbers(self) -> list[Any] | None:
        """The numbers, when they are as many as the data's values and keys need."""
        if self.numbers is None:
            try:
                numbers = json.loads(self.marks_text)
            except ValueError:
                return None
            if type(numbers) is not list or len(numbers) != 2 * _size(self.data):
                return None
            self.numbers = numbers
        return self.numbers


def _place(data: Any, path: DocPath, key: bool) -> int | None:
    """How many values and keys come before the value at `path` (`key`: before the key
    that introduces it) in the order of `_walk`; None where the data has no such path."""
    place, value, last = 0, data, len(path) - 1
    for depth, step in enumerate(path):
        place += 1  # (the value holding the step)
        if type(value) is dict and type(step) is str and step in value:
            for name, item in value.items():
                if name == step:
                    break
                place += 1 + _size(item)
            if key and depth == last:
                return place
            place += 1  # (the step's key)
            value = value[step]
        elif type(value) is list and isinstance(step, int) and 0 <= step < len(value):
            place += sum(_size(item) for item in value[:step])
            value = value[step]
        else:
            return None
    return None if key else place


def _size(value: Any) -> int:
    """How many values and keys `_walk` meets in `value`, itself included."""
    kind = type(value)
    if kind is dict:
        return 1 + sum(1 + _size(item) for item in value.values())
    if kind is list:
        return 1 + sum(_size(item) for item in value)
    return 1


def _marks(data: Any, marks_text: str, parse: Callable[[], YamlDocument | None],
           ) -> tuple[dict[DocPath, Mark], dict[DocPath, Mark]]:
    """The positions of `data`'s values and keys, from their numbers (see `_as_line`);
    from `parse()` when they do not fit the data."""
    marks: dict[DocPath, Mark] = {}
    key_marks: dict[DocPath, Mark] = {}
    try:
        numbers = json.loads(marks_text)
        pairs = map(tuple.__new__, repeat(Mark), zip(numbers[::2], numbers[1::2], strict=True))

        def place(value: Any, path: DocPath) -> None:  # in the order of `_walk`
            marks[path] = next(pairs)
            if type(value) is dict:
                for key, item in value.items():
                    child = (*path, key)
                    key_marks[child] = next(pairs)
                    place(item, child)
            elif type(value) is list:
                for index, item in enumerate(value):
                    place(item, (*path, index))

        if numbers:
            place(data, ())
        elif data is not None:  # (only an empty document has no positions)
            raise ValueError("no positions")
        if next(pairs, None) is None:
            return marks, key_marks
    except (ValueError, TypeError, StopIteration):
        pass
    parsed = parse()  # damaged
    return (parsed.marks, parsed.key_marks) if parsed is not None else ({}, {})


def _walk(value: Any, path: DocPath = ()) -> Iterator[tuple[DocPath, bool]]:
    """Every value's path (False) and, before its value, every mapping key's (True), in
    the order the parser meets them."""
    yield path, False
    if type(value) is dict:
        for key, item in value.items():
            child = (*path, key)
            yield child, True
            yield from _walk(item, child)
    elif type(value) is list:
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _json_exact(value: Any) -> bool:
    kind = type(value)
    if kind in _JSON_LEAVES:
        return True
    if kind is list:
        return all(_json_exact(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _json_exact(item) for key, item in value.items())
    return False


_STORE: DocumentStore | None = None


@contextlib.contextmanager
def stored_documents(cache_dir: Path | None, code: str) -> Iterator[DocumentStore]:
    """Within: YAML documents are read from `cache_dir`'s store when their text is the
    one they were parsed from (see `generator.load.yaml_marks.parse_yaml`); after, the
    store holds what was read within."""
    global _STORE
    store = _STORE = DocumentStore.open(cache_dir, code)
    try:
        yield store
    finally:
        _STORE = None
    store.save()


def current_store() -> DocumentStore | None:
    """The store of the load under way, if any."""
    return _STORE

"""A parsed YAML document: its data, and where each of its values and keys stands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

PathKey = str | int
DocPath = tuple[PathKey, ...]


class Mark(NamedTuple):
    """Where a value starts: 1-based line and column (a tuple: made for every value)."""

    line: int
    column: int


# Finds a document's positions of values and of keys (see YamlDocument.read_back).
FindMarks = Callable[[], tuple[dict[DocPath, Mark], dict[DocPath, Mark]]]

class YamlDocument:
    """Parsed data plus the position of every value and mapping key in it.

    A document read back from the store of parsed documents (stored_documents.py) has
    its data only: its positions are decoded when first asked for (they are wanted
    only for a message)."""

    __slots__ = ("_find", "_key_marks", "_marks", "data", "file")

    def __init__(self, file: str, data: Any, marks: dict[DocPath, Mark] | None = None,
                 key_marks: dict[DocPath, Mark] | None = None) -> None:
        self.file = file
        self.data = data
        self._marks = {} if marks is None else marks
        self._key_marks = {} if key_marks is None else key_marks
        self._find: FindMarks | None = None  # until the positions are found

    @classmethod
    def read_back(cls, file: str, data: Any, find: FindMarks) -> YamlDocument:
        """A document whose positions `find()` gives when they are first asked for."""
        document = cls(file, data)
        document._find = find
        return document

    @property
    def marks(self) -> dict[DocPath, Mark]:
        self._find_marks()
        return self._marks

    @property
    def key_marks(self) -> dict[DocPath, Mark]:
        self._find_marks()
        return self._key_marks

    def mark(self, path: DocPath) -> Mark:
        """The position of the value at `path`, or of its nearest known parent."""
        marks = self.marks
        for end in range(len(path), -1, -1):
            found = marks.get(path[:end])
            if found:
                return found
        return Mark(1, 1)

    def key_mark(self, path: DocPath) -> Mark:
        """The position of the key that introduces `path` (for unknown-key errors)."""
        return self.key_marks.get(path) or self.mark(path)

    def _find_marks(self) -> None:
        if self._find is not None:
            self._marks, self._key_marks = self._find()
            self._find = None

    def __getstate__(self) -> tuple[str, Any, dict[DocPath, Mark], dict[DocPath, Mark]]:
        self._find_marks()  # (a load worker's document, sent to the process that asked)
        return self.file, self.data, self._marks, self._key_marks

    def __setstate__(self, state: tuple[str, Any, dict[DocPath, Mark],
                                        dict[DocPath, Mark]]) -> None:
        self.file, self.data, self._marks, self._key_marks = state
        self._find = None

    def __repr__(self) -> str:
        return f"YamlDocument({self.file!r}, {self.data!r})"

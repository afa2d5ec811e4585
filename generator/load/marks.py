"""A parsed YAML document: its data, and where each of its values and keys stands."""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

PathKey = str | int
DocPath = tuple[PathKey, ...]

# A read-back document finds this many positions one by one (each a walk of its data
# up to the place), then all of them (a document with many messages).
LOOKUPS_ONE_BY_ONE = 32


class Mark(NamedTuple):
    """Where a value starts: 1-based line and column (a tuple: made for every value)."""

    line: int
    column: int


class Positions(Protocol):
    """Where a read-back document's values and keys stand, found when asked for (see
    YamlDocument.read_back)."""

    def all(self) -> tuple[dict[DocPath, Mark], dict[DocPath, Mark]]:
        """The positions of every value and of every mapping key."""
        ...

    def one(self, path: DocPath, key: bool) -> Mark | None:
        """The position of the value at `path` (`key`: of the key that introduces it),
        or None where the data has no such path."""
        ...


class YamlDocument:
    """Parsed data plus the position of every value and mapping key in it.

    A document read back from the store of parsed documents (stored_documents.py) has
    its data only: its positions are found when first asked for (they are wanted
    only for a message), one by one for the first few messages (a warning about a
    large ties.yaml names one place), then all at once."""

    __slots__ = ("_find", "_key_marks", "_lookups", "_marks", "data", "file")

    def __init__(self, file: str, data: Any, marks: dict[DocPath, Mark] | None = None,
                 key_marks: dict[DocPath, Mark] | None = None) -> None:
        self.file = file
        self.data = data
        self._marks = {} if marks is None else marks
        self._key_marks = {} if key_marks is None else key_marks
        self._find: Positions | None = None  # until the positions are found
        self._lookups = 0

    @classmethod
    def read_back(cls, file: str, data: Any, positions: Positions) -> YamlDocument:
        """A document whose positions `positions` finds when they are asked for."""
        document = cls(file, data)
        document._find = positions
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
        for end in range(len(path), -1, -1):
            found = self._position(path[:end], key=False)
            if found:
                return found
        return Mark(1, 1)

    def key_mark(self, path: DocPath) -> Mark:
        """The position of the key that introduces `path` (for unknown-key errors)."""
        return self._position(path, key=True) or self.mark(path)

    def _position(self, path: DocPath, key: bool) -> Mark | None:
        if self._find is not None and self._lookups < LOOKUPS_ONE_BY_ONE:
            self._lookups += 1
            return self._find.one(path, key)
        return (self.key_marks if key else self.marks).get(path)

    def _find_marks(self) -> None:
        if self._find is not None:
            self._marks, self._key_marks = self._find.all()
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

"""Safe YAML parsing that keeps the position of every key and value.

PyYAML's safe loader forgets where a value came from once it is a Python
object. We compose the node tree ourselves and walk it, so every later error
(an unknown key, a wrong type, an unknown id) can name `file:line:column`.
The walk also refuses duplicate keys, merge keys, alias bombs and deep nesting.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.deps import fingerprint
from generator.errors import ErrorList
from generator.load.marks import DocPath, Mark, YamlDocument
from generator.load.stored_documents import current_store
from generator.rebuilds import keeping

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_BASE_LOADER):
    """Safe loader with YAML 1.2-style booleans and no timestamp magic.

    Dates stay strings so that `2024-02-30` is our error, not PyYAML's
    traceback; `no`, `on`, `yes` stay strings so a language code `no` is not
    silently read as False.
    """


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp if tag != "tag:yaml.org,2002:bool" else _BOOL)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers.setdefault("t", []).append(("tag:yaml.org,2002:bool", _BOOL))
_Loader.yaml_implicit_resolvers.setdefault("T", []).append(("tag:yaml.org,2002:bool", _BOOL))
_Loader.yaml_implicit_resolvers.setdefault("f", []).append(("tag:yaml.org,2002:bool", _BOOL))
_Loader.yaml_implicit_resolvers.setdefault("F", []).append(("tag:yaml.org,2002:bool", _BOOL))


_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_STR_TAG = "tag:yaml.org,2002:str"


class _Stop(Exception):
    """Stops the walk of one document; the error is already recorded."""


def read_text(path: Path, file: str, errors: ErrorList,
              hashes: dict[str, str] | None = None) -> str | None:
    """Read a content file as UTF-8, reporting size and encoding problems.

    `hashes` collects a fingerprint of every file read, for incremental builds.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            errors.add(file, 0, 0, f"the file is {size // (1024 * 1024)} MB; the limit is "
                       f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                       "split it into smaller files or move large data out of content/")
            return None
        raw = path.read_bytes()
        if hashes is not None:
            hashes["file:" + file] = fingerprint(raw)
    except OSError as exc:
        errors.add(file, 0, 0, f"cannot read the file: {exc.strerror or exc}",
                   "check that the file exists and is readable")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.add(file, line, column, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                   "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)")
        return None
    return text.removeprefix("\ufeff")


class _ParsedDocuments:
    """Documents parsed without a problem, by file and text, for a process that builds
    again and again (netcard serve re-reads every file on each edit; most are unchanged).

    Nothing downstream changes a document (the model copies what it adjusts), so the
    same object is handed out again. Bounded by the total size of the texts it holds.
    """

    LIMIT_CHARS = 64 * 1024 * 1024

    def __init__(self) -> None:
        self.documents: dict[tuple[str, str, int, bool], YamlDocument] = {}
        self.chars = 0

    def get(self, key: tuple[str, str, int, bool]) -> YamlDocument | None:
        return self.documents.get(key)

    def put(self, key: tuple[str, str, int, bool], document: YamlDocument) -> None:
        if self.chars + len(key[1]) > self.LIMIT_CHARS:
            self.documents.clear()
            self.chars = 0
        self.documents[key] = document
        self.chars += len(key[1])

    def take(self) -> list[tuple[tuple[str, str, int, bool], YamlDocument]]:
        """Every document held, which are then forgotten (a load worker hands back what
        it parsed, so the process that asked keeps them for its next build)."""
        taken = list(self.documents.items())
        self.documents.clear()
        self.chars = 0
        return taken


_PARSED = _ParsedDocuments()


def take_parsed() -> list[tuple[tuple[str, str, int, bool], YamlDocument]]:
    """The documents parsed since the last take, which this process then forgets; for
    `keep_parsed` in the process that asked for them (a load worker's)."""
    return _PARSED.take()


def keep_parsed(parsed: list[tuple[tuple[str, str, int, bool], YamlDocument]]) -> None:
    """Documents another process parsed, kept as if parsed here."""
    store = current_store()
    for key, document in parsed:
        _PARSED.put(key, document)
        if store is not None:
            store.note(key, document)


def release_parsed() -> None:
    """After a build's last load (its history's too): forget the documents, unless the
    process builds again (generator.rebuilds). A one-off build's render workers would
    inherit them (their values and positions: ~40 MB at 2,000 members, ~200 MB at
    10,000)."""
    if not keeping():
        _PARSED.take()


def kept_documents() -> set[int]:
    """The identities of the documents this process keeps for its next build."""
    return {id(document) for document in _PARSED.documents.values()}


def has_parsed() -> bool:
    """Whether this process has parsed documents to hand out again (netcard serve)."""
    return bool(_PARSED.documents)


def parse_yaml(
    text: str, file: str, errors: ErrorList, *, line_offset: int = 0, allow_empty: bool = False
) -> YamlDocument | None:
    """Parse one YAML document; on any problem record it and return None."""
    key = (file, text, line_offset, allow_empty)
    document = _PARSED.get(key)
    store = current_store()
    if document is None and store is not None:
        document = store.document(key, partial(_parse_yaml, text, file, ErrorList(),
                                               line_offset, allow_empty))
        if document is not None:
            _PARSED.put(key, document)
    if document is None:
        problems = len(errors.items)
        document = _parse_yaml(text, file, errors, line_offset, allow_empty)
        if document is not None and len(errors.items) == problems:
            _PARSED.put(key, document)
        else:
            return document
    if store is not None:
        store.note(key, document)
    return document


def _parse_yaml(text: str, file: str, errors: ErrorList, line_offset: int,
                allow_empty: bool) -> YamlDocument | None:
    if _report_tabs(text, file, errors, line_offset):
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        _report_syntax_error(exc, file, errors, line_offset)
        return None
    except yaml.reader.ReaderError as exc:
        _report_unreadable_character(exc, text, file, errors, line_offset)
        return None
    except yaml.YAMLError as exc:
        errors.add(file, line_offset + 1, 1, f"YAML error: {exc}", "check the file's syntax")
        return None
    finally:
        loader.dispose()
    if node is None:
        if allow_empty:
            return YamlDocument(file, None)
        errors.add(file, line_offset + 1, 1, "the file is empty",
                   "add the content the file is for, or delete the file")
        return None
    walker = _Walker(loader, file, errors, line_offset)
    # Written out, a value takes at least two characters ("1,"): a file may hold that many
    # values without any alias (ties.yaml of a 10,000-member network has ~360,000), while
    # an alias bomb expands far beyond its size and is still stopped.
    walker.max_nodes = max(MAX_NODES, len(text) // 2)
    try:
        data = walker.convert(node, (), 0)
    except _Stop:
        return None
    if walker.failed:
        return None
    return YamlDocument(file, data, walker.marks, walker.key_marks)


def _report_tabs(text: str, file: str, errors: ErrorList, line_offset: int) -> bool:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            column = line.index("\t") + 1
            errors.add(file, number + line_offset, column, "a tab is used for indentation",
                       "YAML indents with spaces only: replace the tab with spaces")
            found = True
    return found


_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value that contains ': ' must be quoted, e.g. "
    "note: \"Time: 10 am\"; also check the indentation of this line",
    "could not find expected ':'": "each line of a mapping needs 'key: value'; check the "
    "indentation and for a missing colon",
    "found undefined alias": "an '*alias' refers to an '&anchor' that is not defined above it",
    "expected a single document": "a content file holds one YAML document: remove the extra '---'",
    "found character that cannot start any token": "quote values that start with @ or `",
    "while scanning a quoted scalar": "a quotation mark is not closed",
}


def _report_unreadable_character(exc: yaml.reader.ReaderError, text: str, file: str,
                                 errors: ErrorList, line_offset: int) -> None:
    """A character YAML does not accept (NUL, other control characters), where it is."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    errors.add(file, line_offset + line, column,
               f"the file contains the invisible character U+{ord(character):04X}, which YAML "
               "does not allow", "delete it (it is invisible in most editors: retype the "
               "text around this position), or save the file again as plain UTF-8 text")


def _report_syntax_error(
    exc: yaml.MarkedYAMLError, file: str, errors: ErrorList, line_offset: int
) -> None:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    column = mark.column + 1 if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    text = f"{exc.context or ''} {problem}"
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in text),
                "check the indentation and quoting on this line and the one above it")
    errors.add(file, line, column, f"YAML syntax error: {problem}", hint)


class _Walker:
    """Turns a composed node tree into plain data, recording marks."""

    def __init__(self, loader: _Loader, file: str, errors: ErrorList, line_offset: int) -> None:
        self.loader = loader
        self.file = file
        self.errors = errors
        self.line_offset = line_offset
        self.visited = 0
        self.max_nodes = MAX_NODES
        self.failed = False
        self.marks: dict[DocPath, Mark] = {}
        self.key_marks: dict[DocPath, Mark] = {}

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, message: str, hint: str, *, stop: bool = False) -> None:
        mark = self._mark(node)
        self.errors.add(self.file, mark.line, mark.column, message, hint)
        self.failed = True
        if stop:
            raise _Stop

    def convert(self, node: yaml.Node, path: DocPath, depth: int) -> Any:
        self.visited += 1
        if self.visited > self.max_nodes:
            self._fail(node, f"the file expands to more than {self.max_nodes:,} values "
                       "(a YAML alias bomb?)", "remove the repeated '*alias' references",
                       stop=True)
        if depth > MAX_DEPTH:
            self._fail(node, f"the data is nested more than {MAX_DEPTH} levels deep "
                       "(or an alias refers to itself)", "flatten the structure", stop=True)
        self.marks.setdefault(path, self._mark(node))
        if node.tag not in _COLLECTION_TAGS and not isinstance(node, yaml.ScalarNode):
            self._fail(node, f"the tag '{node.tag}' is not allowed in content files",
                       "remove the '!tag' in front of the value")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index), depth + 1)
                    for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG:
            return node.value  # what the str constructor returns, without its overhead
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self._fail(node, f"this value cannot be read: {problem}",
                       "remove the '!tag' in front of the value")
            return None
        except ValueError:  # a number of more than 4,300 digits (Python's limit)
            self._fail(node, f"the number is {len(str(node.value)):,} characters long, too "
                       "long to read", "shorten it, or put it in quotes to keep it as text")
            return None

    def _mapping(self, node: yaml.MappingNode, path: DocPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, "merge keys ('<<') are not supported",
                           "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be a plain word, not a list or mapping",
                           "use a simple key such as 'name:'")
                continue
            key = self._scalar(key_node)
            if isinstance(key, float | bool) or key is None:
                key = str(key_node.value)
            key_mark = self._mark(key_node)
            if key in first_seen:
                first = first_seen[key]
                self._fail(key_node, f"duplicate key '{key}' (first given on line {first.line})",
                           "keep one of them: YAML would silently use only the last")
                continue
            first_seen[key] = key_mark
            child = (*path, key)
            self.key_marks[child] = key_mark
            result[key] = self.convert(value_node, child, depth + 1)
        return result

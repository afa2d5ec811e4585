"""docs/content-format.md and the content models agree, key for key, and its examples load.

The reference has one `### <file>` section per content model (`### \\`network.yaml\\` →
\\`services[]\\``for a model nested in a file), each with a table
`| key | type | default | allowed values / meaning |`. These tests walk the models from
each file's top-level model down, so a field added to any model without a row in the
reference fails here, and so does a row for a key no model has.
"""

from __future__ import annotations

import enum
import fnmatch
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.build import load_site
from generator.cli import main
from generator.content_types.evaluations import CSV_COLUMNS
from generator.errors import ErrorList
from generator.load.yaml_marks import parse_yaml
from generator.model import schema
from generator.schema_export import (
    FILE_KINDS,
    FileKind,
    declared_visibility,
    file_keys,
    nested_models,
)
from tests.conftest import REPO

REFERENCE = REPO / "docs" / "content-format.md"
ARROW = " → "
TABLE_HEAD = ["key", "type", "default", "allowed values / meaning"]
CSV_SECTION = "The responses CSV file"
FILE_COMMENT = re.compile(r"^#\s*(in\s+)?content/(\S+)\s*$")


@dataclass
class Block:
    """A fenced code block of the reference."""

    language: str
    info: str  # what follows the language on the opening line
    text: str
    line: int


@dataclass
class Section:
    """Everything under one `### ` heading: its table rows and its code blocks."""

    heading: str
    line: int
    head: list[str] = field(default_factory=list)
    rows: dict[str, list[str]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    """The cells of a table row; `\\|` is a pipe inside a cell."""
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _plain(heading: str) -> str:
    return heading.replace("`", "").strip()


def parse_reference(text: str) -> tuple[dict[str, Section], list[Block]]:
    """The `### ` sections by heading (without backticks), and every code block."""
    sections: dict[str, Section] = {}
    blocks: list[Block] = []
    current: Section | None = None
    fence: Block | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if fence is not None:
            if line.startswith("```"):
                blocks.append(fence)
                if current is not None:
                    current.blocks.append(fence)
                fence = None
            else:
                fence.text += line + "\n"
            continue
        if line.startswith("```"):
            language, _, info = line[3:].strip().partition(" ")
            fence = Block(language, info.strip(), "", number)
        elif line.startswith("### "):
            current = Section(_plain(line[4:]), number)
            assert current.heading not in sections, f"line {number}: a second '{line}'"
            sections[current.heading] = current
        elif line.startswith("## "):
            current = None
        elif current is not None and line.startswith("|"):
            cells = _cells(line)
            if not current.head:
                current.head = cells
            elif not set("".join(cells)) <= set("-: "):
                key = cells[0].strip("`")
                if key in current.rows:
                    current.duplicates.append(key)
                current.rows[key] = cells
    assert fence is None, "a code block is not closed"
    return sections, blocks


@pytest.fixture(scope="module")
def reference() -> tuple[dict[str, Section], list[Block]]:
    return parse_reference(REFERENCE.read_text(encoding="utf-8"))


# What the models say each section must hold ---------------------------------------

def expected_sections(kinds: typing.Iterable[FileKind]) -> dict[str, type[schema.Model]]:
    """Every section the reference must have, and the model it documents."""
    found: dict[str, type[schema.Model]] = {}

    def walk(model: type[schema.Model], files: str, path: str) -> None:
        found[files if not path else f"{files}{ARROW}{path}"] = model
        for key, info in file_keys(model).items():
            for suffix, inner in nested_models(info.annotation):
                walk(inner, files, f"{path}.{key}{suffix}" if path else f"{key}{suffix}")

    for kind in kinds:
        walk(kind.model, kind.files, "")
    return found


def default_text(info: FieldInfo, declared: Any = None) -> str:
    """How the default column starts for this field (`declared`: the default its content
    type declares, for a file's own `visibility`)."""
    if info.is_required():
        return "**required**"
    value = info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]
    value = declared if declared is not None else value
    if value is PydanticUndefined or value is None:
        return "—"
    if isinstance(value, schema.Model):
        return "its keys' defaults"
    return f"`{_yaml(value)}`"


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    return str(value)


def allowed_values(annotation: Any) -> list[str]:
    """The values a field of one-of type accepts (also inside a list or `| None`)."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return [value for argument in typing.get_args(annotation)
            for value in allowed_values(argument)]


def reference_problems(sections: dict[str, Section],
                       kinds: typing.Iterable[FileKind]) -> list[str]:
    """Every disagreement between the reference's tables and the models."""
    problems: list[str] = []
    kinds = list(kinds)
    expected = expected_sections(kinds)
    declared = {kind.files: declared_visibility(kind) for kind in kinds}
    for heading, model in expected.items():
        section = sections.get(heading)
        if section is None:
            problems.append(f"no section '### {heading}' for {model.__name__}")
            continue
        if section.head != TABLE_HEAD:
            problems.append(f"'{heading}' (line {section.line}): the table's header must be "
                            f"| {' | '.join(TABLE_HEAD)} |")
            continue
        keys = file_keys(model)
        problems += [f"'{heading}': key '{key}' is listed twice" for key in section.duplicates]
        problems += [f"'{heading}': {model.__name__}.{key} is not documented"
                     for key in keys if key not in section.rows]
        problems += [f"'{heading}': '{key}' is documented but {model.__name__} has no such key"
                     for key in section.rows if key not in keys]
        for key, info in keys.items():
            if key in section.rows:
                own = declared.get(heading) if key == "visibility" else None
                problems += _row_problems(heading, key, info, section.rows[key], own)
    problems += [f"'### {heading}' (line {section.line}) documents no model"
                 for heading, section in sections.items()
                 if section.head == TABLE_HEAD and heading not in expected]
    return problems


def _row_problems(heading: str, key: str, info: FieldInfo, cells: list[str],
                  declared: Any = None) -> list[str]:
    if len(cells) != len(TABLE_HEAD):
        return [f"'{heading}': the row of '{key}' has {len(cells)} cells, not {len(TABLE_HEAD)}"]
    problems = []
    default = default_text(info, declared)
    if not cells[2].startswith(default):
        problems.append(f"'{heading}': the default of '{key}' is {default}, "
                        f"the reference says {cells[2]}")
    problems += [f"'{heading}': '{key}' accepts `{value}`, the reference does not say so"
                 for value in allowed_values(info.annotation) if f"`{value}`" not in cells[3]]
    return problems


# The tests --------------------------------------------------------------------------

def test_the_files_reach_every_content_model() -> None:
    reached = set(expected_sections(FILE_KINDS).values())
    models = {value for value in vars(schema).values() if isinstance(value, type)
              and issubclass(value, schema.Model) and value is not schema.Model}
    assert models - reached == set(), "a model that no content file holds: add its file to " \
        "FILE_KINDS in generator/schema_export.py"


def test_the_reference_documents_every_key_of_every_model_and_nothing_else(
        reference: tuple[dict[str, Section], list[Block]]) -> None:
    sections, _ = reference
    problems = reference_problems(sections, FILE_KINDS)
    assert problems == [], "docs/content-format.md and the models disagree:\n" + "\n".join(problems)


def test_a_key_added_to_a_model_without_a_row_in_the_reference_is_found(
        reference: tuple[dict[str, Section], list[Block]]) -> None:
    class MemberWithMore(schema.Member):
        mood: str = "calm"

    class ServiceWithMore(schema.Service):
        colour_code: int = 0

    class NetworkWithMore(schema.Network):
        services: list[ServiceWithMore] = Field(default_factory=list)  # type: ignore[assignment]

    sections, _ = reference
    kinds = [FileKind("member", MemberWithMore, "members/<id>.yaml", (), ""),
             FileKind("network", NetworkWithMore, "network.yaml", (), "")]
    problems = reference_problems(sections, kinds)
    assert any("MemberWithMore.mood is not documented" in p for p in problems), problems
    assert any("ServiceWithMore.colour_code is not documented" in p for p in problems), problems


def test_the_responses_csv_columns_are_the_ones_netcard_reads(
        reference: tuple[dict[str, Section], list[Block]]) -> None:
    sections, _ = reference
    section = sections[CSV_SECTION]
    assert section.head[0] == "column"
    assert list(section.rows) == list(CSV_COLUMNS)


# The examples ------------------------------------------------------------------------

def kind_of(path: str) -> FileKind:
    """The kind of content file at `path` (relative to content/)."""
    for kind in FILE_KINDS:
        patterns = [re.sub(r"<[^>]+>", "*", part) for part in kind.files.split(", ")]
        if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
            return kind
    raise AssertionError(f"content/{path} is no kind of content file")


def example_files(blocks: list[Block]) -> dict[str, str]:
    """The whole content files the reference shows, by their path under content/."""
    files: dict[str, str] = {}
    for block in blocks:
        path = block_path(block)
        if path is not None and not path[1]:
            assert path[0] not in files, f"line {block.line}: content/{path[0]} shown twice"
            files[path[0]] = block.text
    return files


def block_path(block: Block) -> tuple[str, bool] | None:
    """(path under content/, whether the block is only a part of that file), or None for
    a block that is no content (the folder tree)."""
    if block.language == "csv":
        return block.info.removeprefix("content/"), False
    if block.language not in ("yaml", "markdown"):
        return None
    lines = block.text.splitlines()
    first = lines[1] if block.language == "markdown" and lines[0] == "---" else lines[0]
    match = FILE_COMMENT.match(first)
    assert match, (f"line {block.line}: a {block.language} example starts with "
                   "'# content/<file>' (a whole file) or '# in content/<file>' (a part of one)")
    return match.group(2), bool(match.group(1))


def test_every_example_names_its_file_and_every_kind_of_file_has_one(
        reference: tuple[dict[str, Section], list[Block]]) -> None:
    _, blocks = reference
    shown = {kind_of(path).name for path in example_files(blocks) if not path.endswith(".csv")}
    assert shown == {kind.name for kind in FILE_KINDS}


def write_example_site(blocks: list[Block], root: Path) -> dict[str, str]:
    """The reference's example files as a site under `root`, with a small picture for
    each media file they name; the files by path."""
    files = example_files(blocks)
    content = root / "content"
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    named = {media for text in files.values() for media in re.findall(r"media/[\w./-]+\w", text)}
    for media in sorted(named):
        (content / media).parent.mkdir(parents=True, exist_ok=True)
        (content / media).write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" '
                                     'height="8"><rect width="8" height="8"/></svg>\n',
                                     encoding="utf-8")
    return files


def test_the_example_files_together_are_a_site_that_loads_without_a_warning(
        reference: tuple[dict[str, Section], list[Block]], tmp_path: Path) -> None:
    files = write_example_site(reference[1], tmp_path)
    site, warnings = load_site(tmp_path)  # raises ContentErrors naming every problem
    assert warnings == []
    assert len(site.members) == len([p for p in files if p.startswith("members/")])
    evaluation_from_csv = site.evaluations["kevat-2025"]
    assert evaluation_from_csv.responses and evaluation_from_csv.reflection


@pytest.mark.slow
def test_the_example_site_passes_a_strict_check_so_its_links_lead_somewhere(
        reference: tuple[dict[str, Section], list[Block]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    write_example_site(reference[1], tmp_path)
    assert main(["check", "--strict", str(tmp_path)]) == 0, capsys.readouterr().err


def test_every_part_of_a_file_shown_is_valid_for_its_keys(
        reference: tuple[dict[str, Section], list[Block]]) -> None:
    _, blocks = reference
    parts = [(block, located[0]) for block in blocks
             if (located := block_path(block)) is not None and located[1]]
    assert parts, "the reference shows parts of files (e.g. a long purpose:)"
    context = {"languages": ["fi", "sv", "en"], "media": None}
    for block, path in parts:
        errors = ErrorList()
        document = parse_yaml(block.text, f"line {block.line}", errors)
        assert document is not None and not errors.errors, errors.errors
        model_keys = file_keys(kind_of(path).model)
        for key, value in document.data.items():
            assert key in model_keys, f"line {block.line}: content/{path} has no key '{key}'"
            adapter: TypeAdapter[Any] = TypeAdapter(model_keys[key].annotation)  # type: ignore[arg-type]
            adapter.validate_python(value, context=context)


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower()).replace(" ", "-")


def test_every_link_within_the_reference_leads_to_a_heading() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    outside_code = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    anchors = {github_anchor(line.lstrip("#")) for line in outside_code.splitlines()
               if line.startswith("#")}
    links = re.findall(r"\]\(#([^)]+)\)", outside_code)
    assert links, "the reference links its sections to each other"
    assert sorted(set(links) - anchors) == []

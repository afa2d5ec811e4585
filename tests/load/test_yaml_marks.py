"""Stage 1: YAML parsing keeps positions and refuses what would mislead a user."""

from __future__ import annotations

import pytest

from generator.errors import ErrorList
from generator.load.yaml_marks import parse_yaml


def parse(text: str) -> tuple[object, list[str]]:
    errors = ErrorList()
    document = parse_yaml(text, "content/x.yaml", errors)
    return (document.data if document else None), [e.format() for e in errors.items]


def test_marks_point_at_values_and_keys() -> None:
    errors = ErrorList()
    document = parse_yaml("name: A\nlist:\n  - one\n  - two\n", "f.yaml", errors)
    assert document is not None
    assert document.mark(("list", 1)).line == 4
    assert document.mark(("list", 1)).column == 5
    assert document.key_mark(("list",)).line == 2
    assert document.mark(("missing", "deeper")).line == 1


def test_duplicate_key_names_both_lines() -> None:
    data, errors = parse("name: A\nrole: core\nname: B\n")
    assert data is None
    assert errors == ["content/x.yaml:3:1: error: duplicate key 'name' (first given on line 1)\n"
                      "    how to fix: keep one of them: YAML would silently use only the last"]


def test_tab_indentation_is_an_error() -> None:
    _, errors = parse("a:\n\tb: 1\n")
    assert errors[0].startswith("content/x.yaml:2:1: error: a tab is used for indentation")


def test_dates_and_norway_stay_strings() -> None:
    data, errors = parse("joined: 2024-02-30\nlanguage: no\nflag: true\n")
    assert errors == []
    assert data == {"joined": "2024-02-30", "language": "no", "flag": True}


@pytest.mark.slow
def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    data, errors = parse("\n".join(lines) + "\n")
    assert data is None
    assert "alias bomb" in errors[0]


def test_recursive_alias_is_refused() -> None:
    data, errors = parse("a: &a [*a]\n")
    assert data is None
    assert "nested more than" in errors[0]


def test_syntax_error_has_line_column_and_hint() -> None:
    data, errors = parse("name: A\nnote: Time: 10 am\n")
    assert data is None
    assert errors[0].startswith("content/x.yaml:2:11: error: YAML syntax error")
    assert "must be quoted" in errors[0]


def test_empty_file_is_an_error() -> None:
    data, errors = parse("# only a comment\n")
    assert data is None
    assert "the file is empty" in errors[0]


def test_merge_keys_are_refused() -> None:
    _, errors = parse("base: &b {a: 1}\nother:\n  <<: *b\n")
    assert "merge keys" in errors[0]


def test_python_tags_are_refused_safely() -> None:
    data, errors = parse("x: !!python/object/apply:os.system ['echo hi']\n")
    assert data is None
    assert errors and "is not allowed in content files" in errors[0]


def test_a_number_too_long_to_read_is_an_error_not_a_crash() -> None:
    errors = ErrorList()
    text = "name: x\nsize: " + "9" * 5000 + "\nother: " + "8" * 4400 + "\n"
    assert parse_yaml(text, "content/members/x.yaml", errors) is None
    assert [(e.line, e.column) for e in errors.items] == [(2, 7), (3, 8)]
    assert "5,000 characters long" in errors.items[0].message
    assert "quotes" in errors.items[0].hint

from __future__ import annotations

from generator.errors import ErrorList
from generator.load.csv_rows import parse_csv
from generator.load.frontmatter import parse_markdown_file


def test_front_matter_lines_are_file_lines() -> None:
    errors = ErrorList()
    page = parse_markdown_file("---\ntitle: A\nphase: 3\n---\n# Body\n", "p.md", errors)
    assert page is not None
    assert page.front.mark(("phase",)).line == 3
    assert page.body == "# Body\n"
    assert page.body_line == 5


def test_unterminated_front_matter() -> None:
    errors = ErrorList()
    assert parse_markdown_file("---\ntitle: A\n# Body\n", "p.md", errors) is None
    assert "front matter is not closed" in errors.items[0].format()


def test_missing_front_matter() -> None:
    errors = ErrorList()
    assert parse_markdown_file("# Just a body\n", "p.md", errors) is None
    assert errors.items[0].format().startswith("p.md:1:1: error: the file does not start with")


def test_front_matter_error_has_the_file_line() -> None:
    errors = ErrorList()
    parse_markdown_file("---\ntitle: A\ntitle: B\n---\n", "p.md", errors)
    assert errors.items[0].location() == "p.md:3:1"


def test_csv_rows_carry_their_line_and_semicolons_work() -> None:
    errors = ErrorList()
    table = parse_csv("respondent;debate\nA;4\n\nB;\"5\"\n", "r.csv", errors)
    assert table is not None and not errors.items
    assert table.rows == [(2, {"respondent": "A", "debate": "4"}),
                          (4, {"respondent": "B", "debate": "5"})]


def test_csv_with_too_many_cells() -> None:
    errors = ErrorList()
    parse_csv("a,b\n1,2,3\n", "r.csv", errors)
    assert errors.items[0].location() == "r.csv:2:1"

"""The README a newcomer reads: its two commands at the top are the ones that run, and
every file it points to is in the repository."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import make_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def first_code_block() -> list[str]:
    match = re.search(r"```sh\n(.*?)```", README, re.S)
    assert match, "the README starts with a sh code block"
    return [line.split("#")[0].strip() for line in match.group(1).splitlines()]


def test_two_set_up_commands_at_the_top() -> None:
    assert README.index("```sh") < README.index("\n## ")
    assert first_code_block() == ["pip install -e . && netcard build", "./scripts/test.sh"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "./scripts/test.sh" in [line.strip() for line in ci.splitlines()]


def test_every_linked_file_exists() -> None:
    prose = re.sub(r"`[^`]*`", "", README)  # links shown as examples in code are not links
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local, "the README links to the docs"
    missing = [t for t in local if not (REPO / t).exists()]
    assert not missing


def test_every_command_in_the_table_exists() -> None:
    table = README[README.index("## Commands"):]
    used = set(re.findall(r"`netcard ([a-z]+)", table))
    known = set(make_parser().command_parsers)
    assert used and used <= known, used - known
    assert known <= used, f"commands missing from the README's table: {known - used}"


def test_screenshots_are_small_pictures() -> None:
    for name in re.findall(r"\((docs/screenshots/[^)]+\.png)\)", README):
        path: Path = REPO / name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 200_000, name

"""Fuzzing the loader: whatever the files hold, load_site succeeds or raises ContentErrors.

Never any other exception, never a hang (a deadline per example) and never
unbounded memory (tracemalloc peaks on alias bombs, deep nesting and huge
strings). NETCARD_FUZZ_EXAMPLES raises the number of examples per test.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import load_site, render_site
from generator.errors import ContentErrors
from tests.conftest import write_site
from tests.fuzz.strategies import (
    FILE_KINDS,
    MARKDOWN_KINDS,
    csv_text,
    documents,
    dump,
    markdown_file,
    values,
    yaml_fragments,
)

pytestmark = pytest.mark.slow  # random inputs by the hundred: run with -m slow or in CI

EXAMPLES = int(os.environ.get("NETCARD_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=5_000, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MB = 1024 * 1024


@contextmanager
def site_with(files: Mapping[str, str | bytes | None]) -> Iterator[Path]:
    """A fresh minimal site with `files` added (hypothesis runs many examples per test)."""
    root = Path(tempfile.mkdtemp(prefix="netcard-fuzz-"))
    try:
        yield write_site(root, files)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def load_or_content_errors(files: Mapping[str, str | bytes | None]) -> Any:
    """Load the site; a ContentErrors is a fine answer, with a located, printable report."""
    with site_with(files) as site:
        try:
            return load_site(site)
        except ContentErrors as exc:
            assert exc.errors
            report = exc.report()
            report.encode("utf-8")  # printable: no lone surrogates in messages
            assert all(error.file.startswith(("content/", str(site))) for error in exc.errors)
            return None


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS), document=documents)
def test_random_schema_documents(kind: str, document: dict[Any, Any]) -> None:
    load_or_content_errors({kind: dump(document)})


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS), value=values)
def test_random_top_level_values(kind: str, value: Any) -> None:
    load_or_content_errors({kind: dump(value)})


@FUZZ
@given(kind=st.sampled_from(MARKDOWN_KINDS), front=documents | values,
       body=st.text(max_size=200))
def test_random_markdown_files(kind: str, front: Any, body: str) -> None:
    load_or_content_errors({kind: markdown_file(front, body)})


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS + MARKDOWN_KINDS), data=st.binary(max_size=300))
def test_random_bytes(kind: str, data: bytes) -> None:
    load_or_content_errors({kind: data})


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS + MARKDOWN_KINDS), text=yaml_fragments)
def test_random_yaml_syntax(kind: str, text: str) -> None:
    if kind.endswith(".md"):
        text = "---\n" + text + "\n---\nbody\n"
    load_or_content_errors({kind: text})


@FUZZ
@given(table=csv_text, inline=st.booleans())
def test_random_csv(table: str, inline: bool) -> None:
    round_file = "title: R\nresponses_csv: evaluations/r.csv\n"
    load_or_content_errors({"evaluations/r.yaml": round_file, "evaluations/r.csv": table})


@settings(max_examples=max(5, EXAMPLES // 30), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(("network.yaml", "members/alpha.yaml", "ties.yaml",
                             "competences.yaml", "futures/f.yaml", "evaluations/e.yaml")),
       document=documents)
def test_whatever_loads_also_renders(kind: str, document: dict[Any, Any]) -> None:
    """A site that passes validation renders (public profile) without an exception."""
    files = {kind: dump(document)}
    with site_with(files) as site:
        try:
            load_site(site)
        except ContentErrors:
            return
        result = render_site(site, ("public",))
    outputs = result.profiles["public"].files
    for name in ("network.graphml", "network.gexf"):
        ET.fromstring(outputs[name])  # well-formed XML whatever the texts hold


@pytest.mark.parametrize("escape", ["\\0", "\\x01", "\\e", "\\x1f", "\\uFFFE", "\\v"])
def test_control_characters_in_texts_are_content_errors(escape: str) -> None:
    """They would make the XML exports unreadable (found by the render fuzz test)."""
    assert_refused({"members/alpha.yaml": f'name: "a{escape}b"\n'}, "control character")


# ------------------------------------------------------------- resource limits


@contextmanager
def peak_below(limit_bytes: int) -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < limit_bytes, f"peak {peak / MB:.1f} MB"


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "name: N\n" + "\n".join(lines) + "\n"


def assert_refused(files: dict[str, str | bytes | None], words: str,
                   peak: int = 1024 * MB) -> None:
    """Loading fails with `words` in the report, allocating less than `peak` bytes."""
    with site_with(files) as site, pytest.raises(ContentErrors) as caught, peak_below(peak):
        load_site(site)
    assert words in caught.value.report()


def test_alias_bomb_is_refused_in_bounded_memory() -> None:
    assert_refused({"network.yaml": billion_laughs()}, "alias bomb", 64 * MB)


def test_alias_bomb_in_front_matter_is_refused() -> None:
    front = billion_laughs().replace("name: N\n", "title: T\n")
    assert_refused({"pages/p.md": "---\n" + front + "---\nbody\n"}, "alias bomb", 64 * MB)


@pytest.mark.parametrize("shape", ["flow-list", "flow-map", "block-map", "block-list"])
def test_deep_nesting_is_refused_in_bounded_memory(shape: str) -> None:
    depth = 5_000 if shape.startswith("flow") else 400
    text = {
        "flow-list": "name: " + "[" * depth + "]" * depth + "\n",
        "flow-map": "name: " + "{a: " * depth + "x" + "}" * depth + "\n",
        "block-map": "name:\n" + "".join(" " * i + "k:\n" for i in range(1, depth)) + "x\n",
        "block-list": "name:\n" + "".join(" " * i + "-\n" for i in range(1, depth)) + "x\n",
    }[shape]
    with site_with({"network.yaml": text}) as site, pytest.raises(ContentErrors) as caught, \
            peak_below(256 * MB):
        load_site(site)
    assert caught.value.errors


def test_recursive_alias_is_refused() -> None:
    assert_refused({"network.yaml": "name: &a [*a]\n"}, "network.yaml")


@pytest.mark.parametrize("size_mb", [1, 3, 9])
def test_huge_string_is_refused_or_loaded_in_bounded_memory(size_mb: int) -> None:
    text = "name: " + "x" * (size_mb * MB) + "\n"
    assert_refused({"network.yaml": text}, "longer than", 40 * size_mb * MB + 64 * MB)


def test_file_over_the_size_limit_is_refused_unread() -> None:
    assert_refused({"members/alpha.yaml": "name: " + "x" * (11 * MB) + "\n"}, "the limit",
                   4 * MB)


def test_huge_markdown_body_and_csv_load_in_bounded_memory() -> None:
    body = ("Lorem ipsum *dolor* [x](https://a.fi/) " * 50_000)[: 2 * MB]
    rows = "respondent,debate\n" + "".join(f"r{i},{i % 5 + 1}\n" for i in range(20_000))
    files: dict[str, str | bytes | None] = {
        "pages/iso.md": "---\ntitle: Iso\n---\n" + body,
        "evaluations/r.yaml": "title: R\nresponses_csv: evaluations/r.csv\n",
        "evaluations/r.csv": rows}
    with site_with(files) as site, peak_below(200 * MB):
        site_data, _ = load_site(site)
    assert len(site_data.evaluations["r"].responses) == 20_000


def test_too_many_csv_rows_is_an_error() -> None:
    rows = "respondent,debate\n" + "r,1\n" * 100_001
    assert_refused({"evaluations/r.yaml": "title: R\nresponses_csv: evaluations/r.csv\n",
                    "evaluations/r.csv": rows}, "more than 100,000 rows")

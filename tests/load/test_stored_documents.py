"""A build reads unchanged YAML documents back from the site's store instead of parsing
them, with the same data and, when a message needs them, the same positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.cli import main
from generator.errors import ContentErrors, ErrorList
from generator.load import stored_documents, yaml_marks
from generator.load.marks import YamlDocument
from generator.load.stored_documents import STORE_FILE, DocumentStore
from generator.load.yaml_marks import parse_yaml
from tests.conftest import SiteFactory

CACHE = ".netcard-cache"

TIES = """\
types:
  yhteistyo: {label: Yhteistyö, color: "#1565c0"}
ties:
  - {from: alpha, to: beta, type: yhteistyo, strength: 2}
  - from: beta
    to: gamma
    type: yhteistyo
"""

GAMMA = "name: Gamma\nsector: ngo\n"


def parsed(text: str, file: str = "content/x.yaml") -> YamlDocument:
    document = parse_yaml(text, file, ErrorList())
    assert document is not None
    return document


def stored_and_read_back(tmp_path: Path, text: str, *, code: str = "code") -> YamlDocument | None:
    """`text` parsed, noted in a store that is saved, and read back from a store opened
    again (the next build's), with `code` as that build's code."""
    key = ("content/x.yaml", text, 0, False)
    store = DocumentStore.open(tmp_path, "code")
    store.note(key, parsed(text))
    store.save()

    def parse_again() -> YamlDocument | None:
        raise AssertionError("the positions were damaged")

    return DocumentStore.open(tmp_path, code).document(key, parse_again)


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the parser is run on from now on."""
    files: list[str] = []
    parse = yaml_marks._parse_yaml

    def counted(text: str, file: str, *args: Any) -> YamlDocument | None:
        files.append(file)
        return parse(text, file, *args)

    monkeypatch.setattr(yaml_marks, "_parse_yaml", counted)
    return files


def build_report(site: Path) -> tuple[str, list[str]]:
    """A build's errors (or "") and its warnings, as the user reads them."""
    try:
        result = build(site, site / "output")
    except ContentErrors as errors:
        return errors.report(), []
    return "", [warning.format() for warning in result.warnings]


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
    max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.text(min_size=1, max_size=8), values, min_size=1, max_size=5),
       flow=st.booleans())
def test_a_document_read_back_has_the_data_and_positions_it_was_parsed_to(
        tmp_path: Path, data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    original = parsed(text)
    (tmp_path / STORE_FILE).unlink(missing_ok=True)
    read_back = stored_and_read_back(tmp_path, text)
    # kept unless JSON would not give it back: a mapping key that is a number
    assert (read_back is None) == any(type(key) is int for key in _keys(original.data))
    if read_back is None:
        return
    assert read_back.data == original.data
    assert read_back.marks == original.marks
    assert read_back.key_marks == original.key_marks


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.text(min_size=1, max_size=8), values, min_size=1, max_size=5),
       flow=st.booleans())
def test_a_position_found_alone_is_the_one_all_positions_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict[str, Any],
        flow: bool) -> None:
    """A message about an unchanged file walks its data to the one place it names; the
    first messages about a document decode none of its other positions."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    original = parsed(text)
    (tmp_path / STORE_FILE).unlink(missing_ok=True)
    if stored_and_read_back(tmp_path, text) is None:
        return  # (a mapping key that is a number)
    store = DocumentStore.open(tmp_path, "code")
    decoded: list[object] = []

    def decode_all(*args: object) -> tuple[dict[Any, Any], dict[Any, Any]]:
        decoded.append(args)
        return {}, {}

    monkeypatch.setattr(stored_documents, "_marks", decode_all)

    def fresh() -> YamlDocument:
        document = store.document(("content/x.yaml", text, 0, False), _never)
        assert document is not None
        return document

    known = [*original.marks, *original.key_marks]
    for path in [*known, *((*path, "no such key") for path in known),
                 *((*path, 99) for path in known)]:
        assert fresh().mark(path) == original.mark(path), path
        assert fresh().key_mark(path) == original.key_mark(path), path
    assert decoded == []


def _never() -> YamlDocument | None:
    raise AssertionError("the positions were damaged")


@pytest.mark.parametrize("positions", ["[1,1]", '{"a":1}', '"x"', "[1,1,1", "", "[]"])
def test_positions_that_do_not_fit_are_found_by_parsing_again(
        tmp_path: Path, positions: str) -> None:
    text = "name: A\nsector: ngo\nlinks: [a, b]\n"
    key = ("content/x.yaml", text, 0, False)
    store = DocumentStore.open(tmp_path, "code")
    store.note(key, parsed(text))
    store.save()
    header, line = (tmp_path / STORE_FILE).read_text(encoding="utf-8").splitlines()
    (tmp_path / STORE_FILE).write_text(f"{header}\n{line.partition(chr(9))[0]}\t{positions}\n",
                                       encoding="utf-8")
    for path, key_of in ((("links", 1), False), (("sector",), True), ((), False)):
        document = DocumentStore.open(tmp_path, "code").document(key, lambda: parsed(text))
        assert document is not None
        found = document.key_mark(path) if key_of else document.mark(path)
        assert found == (parsed(text).key_mark(path) if key_of else parsed(text).mark(path))


def _keys(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in _keys(item))]
    if isinstance(value, list):
        return [key for item in value for key in _keys(item)]
    return []


@pytest.mark.parametrize("text", [
    "2020: founded\nname: A\n",  # a mapping key that is a number
    "picture: !!binary aGVsbG8=\n",  # bytes
])
def test_a_document_json_cannot_hold_is_parsed_each_time(tmp_path: Path, text: str) -> None:
    assert stored_and_read_back(tmp_path, text) is None


def test_every_line_break_and_tab_in_a_value_survives_the_store(tmp_path: Path) -> None:
    text = 'note: "one\\ntwo\\u2028three\\rfour\\tfive\\x85six"\nnext: 1\n'
    read_back = stored_and_read_back(tmp_path, text)
    assert read_back is not None
    assert read_back.data == {"note": "one\ntwo\u2028three\rfour\tfive\x85six", "next": 1}
    assert read_back.marks == parsed(text).marks


def test_another_netcard_does_not_trust_the_store(tmp_path: Path) -> None:
    assert stored_and_read_back(tmp_path, "name: A\n", code="other") is None


def test_an_unchanged_file_is_read_back_and_an_edited_one_parsed(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"ties.yaml": TIES, "members/gamma.yaml": GAMMA})
    build(site, site / "output")
    (site / "content/members/beta.yaml").write_text("name: Beta 2\nsector: employment\n",
                                                    encoding="utf-8")
    parses = count_parses(monkeypatch)
    build(site, site / "output")
    assert parses == ["content/members/beta.yaml"]
    assert "Beta 2" in (site / "output/public/members/beta/index.html").read_text(
        encoding="utf-8")


def test_netcard_check_keeps_its_store_in_the_users_cache(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"ties.yaml": TIES, "members/gamma.yaml": GAMMA})
    assert main(["check", str(site)]) == 0
    (site / "content/members/gamma.yaml").write_text("name: Gamma 2\nsector: ngo\n",
                                                     encoding="utf-8")
    parses = count_parses(monkeypatch)
    assert main(["check", str(site)]) == 0
    assert parses == ["content/members/gamma.yaml"]
    assert not (site / CACHE).exists()  # (check writes nothing into the site folder)


def test_messages_about_unchanged_files_name_the_same_places(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # a warning (a tie type in a sector's colour), then an error in the unchanged
    # ties.yaml: its member gamma is removed
    site = make_site({"ties.yaml": TIES.replace("#1565c0", "#1f77b4"),
                      "members/gamma.yaml": GAMMA})
    reports = []
    for store in (False, True, True):
        if not store:
            (site / CACHE / STORE_FILE).unlink(missing_ok=True)
        reports.append(build_report(site))
    parses = count_parses(monkeypatch)
    (site / "content/members/gamma.yaml").unlink()
    with_store = build_report(site)
    assert parses == []  # every file came from the store, positions included
    (site / CACHE / STORE_FILE).unlink()
    assert build_report(site) == with_store
    assert reports[0] == reports[1] == reports[2]
    assert "content/ties.yaml:2:" in reports[0][1][0]
    assert "content/ties.yaml:6:9" in with_store[0]


def test_a_damaged_store_is_parsed_again(make_site: SiteFactory) -> None:
    site = make_site({"ties.yaml": TIES, "members/gamma.yaml": GAMMA})
    build(site, site / "output")
    (site / "content/members/gamma.yaml").unlink()
    expected = build_report(site)
    (site / "content/members/gamma.yaml").write_text(GAMMA, encoding="utf-8")
    build(site, site / "output")
    store = site / CACHE / STORE_FILE
    header, *lines = store.read_text(encoding="utf-8").splitlines()
    damaged = [line.partition("\t")[0] + "\t[1,1]" if '"ties"' in line  # positions too few
               else line[:-7] if '"Alpha"' in line  # positions cut short
               else line.replace("{", "[", 1) if '"Beta"' in line  # data not JSON
               else line for line in lines]
    assert damaged != lines
    store.write_text("\n".join([header, *damaged, "short line", "x" * 32]) + "\n",
                     encoding="utf-8")
    (site / "content/members/gamma.yaml").unlink()
    assert build_report(site) == expected
    store.write_bytes(b"\xff\xfe not a store")
    assert build_report(site) == expected


def test_the_store_holds_what_the_last_build_read(make_site: SiteFactory) -> None:
    site = make_site({"ties.yaml": TIES, "members/gamma.yaml": GAMMA})
    build(site, site / "output")
    store = site / CACHE / STORE_FILE
    before = store.stat()
    build(site, site / "output")  # nothing changed: the store is not written again
    assert (store.stat().st_ino, store.stat().st_mtime_ns) == (before.st_ino,
                                                               before.st_mtime_ns)
    documents = len(store.read_text(encoding="utf-8").splitlines()) - 1
    (site / "content/members/beta.yaml").write_text("name: Beta 2\nsector: employment\n",
                                                    encoding="utf-8")
    build(site, site / "output")
    assert len(store.read_text(encoding="utf-8").splitlines()) - 1 == documents

"""A field's fingerprint (what the page cache compares between builds)."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.render.incremental import value_fingerprint


def test_text_and_other_values_never_share_a_fingerprint() -> None:
    assert value_fingerprint("1") != value_fingerprint(1)
    assert value_fingerprint("'x'") != value_fingerprint("x")
    assert value_fingerprint("None") != value_fingerprint(None)
    assert value_fingerprint("body\n" * 1000) == value_fingerprint("body\n" * 1000)
    assert value_fingerprint("body") != value_fingerprint("body ")


def test_a_model_changes_its_fingerprint_with_any_nested_value() -> None:
    from generator.model.schema import Member

    def member(**changes: object) -> Member:
        fields: dict[str, object] = {"id": "a", "name": "A", "sector": "ngo",
                                     "joined": "2020-01-01", "competences": {"x": 2, "y": 3}}
        fields.update(changes)
        return Member.model_validate(fields)

    same = value_fingerprint(member())
    assert same == value_fingerprint(member())
    for changes in ({"name": "B"}, {"joined": "2020-01-02"}, {"competences": {"y": 3, "x": 2}},
                    {"competences": {"x": 3, "y": 3}}, {"name": {"fi": "A", "sv": "A"}},
                    {"external": True}):
        assert value_fingerprint(member(**changes)) != same, changes
    assert value_fingerprint([member()]) != value_fingerprint((member(),))
    assert value_fingerprint([date(2020, 1, 1)]) != value_fingerprint(["2020-01-01"])
    assert value_fingerprint({"a": 1}) != value_fingerprint({"a": "1"})
    assert value_fingerprint({1, 2}) == value_fingerprint({2, 1})


def test_a_page_changes_its_fingerprint_with_any_field_and_records_nothing() -> None:
    from dataclasses import replace

    from generator.deps import recorded
    from generator.model.schema import PageMeta
    from generator.model.site import Page, PageTranslation

    def page(**changes: object) -> Page:
        fields: dict[str, object] = {
            "id": "tietoa", "section": "pages", "body": "# Tietoa\n\nTeksti.\n", "body_line": 4,
            "file": "content/pages/tietoa.md", "language": "fi",
            "meta": PageMeta.model_validate({"title": "Tietoa"}),
            "translations": {"sv": PageTranslation("sv", "Text.", 4, "content/pages/tietoa.sv.md")}}
        return Page(**{**fields, **changes})  # type: ignore[arg-type]

    same = page()
    fingerprint = recorded(lambda: value_fingerprint(same))
    assert fingerprint.value == value_fingerprint(page())
    assert not fingerprint.reads  # (a page records each field a template reads)
    variants: list[dict[str, Any]] = [
        {"body": "# Tietoa\n\nTeksti!\n"}, {"body_line": 5},
        {"meta": PageMeta.model_validate({"title": "Om oss"})},
        {"meta": PageMeta.model_validate({"title": "Tietoa", "menu": True})},
        {"translations": {}}, {"language": "sv"}]
    for changes in variants:
        assert value_fingerprint(replace(same, **changes)) != fingerprint.value, changes

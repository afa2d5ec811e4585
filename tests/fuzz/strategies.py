"""hypothesis strategies for content files, built from the real schema's keys and values."""

from __future__ import annotations

import typing
from typing import Any

import yaml
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.model import schema

FILE_KINDS = ("site.yaml", "network.yaml", "ties.yaml", "competences.yaml", "members/alpha.yaml",
              "members/beta.yaml", "members/gamma.yaml", "portfolios/alpha.yaml",
              "futures/tulevaisuus.yaml", "evaluations/kierros.yaml")
MARKDOWN_KINDS = ("pages/sivu.md", "workbook/vaihe.md", "strategy/strategia.md")


def _schema_vocabulary() -> tuple[list[str], list[str]]:
    """Every key (field name and alias) and every enumerated value the models know."""
    keys: set[str] = set()
    literals: set[str] = set()
    for value in vars(schema).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            for name, field in value.model_fields.items():
                keys.add(field.alias or name)
                keys.add(name)
                _collect_literals(field.annotation, literals)
    for alias in vars(schema).values():
        _collect_literals(alias, literals)
    return sorted(keys), sorted(literals)


def _collect_literals(annotation: Any, into: set[str]) -> None:
    if typing.get_origin(annotation) is typing.Literal:
        into.update(str(arg) for arg in typing.get_args(annotation))
        return
    for arg in typing.get_args(annotation):
        _collect_literals(arg, into)


KEYS, LITERALS = _schema_vocabulary()
IDS = ["alpha", "beta", "gamma", "ohjaus", "referral", "x", "Alpha", "a b", "-bad", "ä"]
LANGUAGES = ["fi", "sv", "en", "no", "de", "FI", "x"]
SPECIAL_TEXT = ["", " ", "~", "null", "yes", "no", "on", "2024-02-30", "2024-13", "#1f77b4",
                "red", "https://example.fi/", "javascript:alert(1)", "mailto:a@b.fi",
                "media/logo.svg", "media/../../etc/passwd", "/etc/passwd", "+358 40 123",
                "a@b.fi", "<script>", "{{7*7}}", "\u2028", "\u202e", "\x00", "\ud800", "\x01",
                "\t", "&anchor", "*alias", "!!python/object:os.system", "<<", "0x1F", "1e400",
                "-.inf", ".nan"]

texts = st.one_of(st.sampled_from(SPECIAL_TEXT), st.sampled_from(LITERALS),
                  st.sampled_from(IDS), st.text(max_size=40))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10),
                    st.integers(-(2**70), 2**70), st.floats(allow_nan=True), texts)
keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(LANGUAGES), st.sampled_from(IDS),
                 st.integers(0, 6), texts)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=5)),
    max_leaves=25)
documents = st.dictionaries(st.sampled_from(KEYS) | keys, values, max_size=8)


def dump(data: Any) -> str:
    """YAML text for `data`; strings PyYAML cannot represent are written as repr."""
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError):
        return repr(data)


def markdown_file(front: Any, body: str) -> str:
    return "---\n" + dump(front) + "---\n" + body


yaml_fragments = st.lists(st.sampled_from([
    "name: ", "x", "\n", "  ", "- ", ": ", "{", "}", "[", "]", "&a ", "*a", "!!str ", "!!binary ",
    "!foo ", "<<: ", "'", '"', "#", "---\n", "...\n", "|\n", ">-\n", "? ", "\t", "%YAML 1.1\n",
    "\\u0000", "ä", "\ufeff", "\r", "\x85", "\u2028", "12", "-1", "2024-02-30", "~", "true",
]), max_size=60).map("".join)

csv_text = st.lists(st.lists(st.one_of(
    st.sampled_from(["respondent", "debate", "dialogue", "trust", "comment", "deal", "x", "",
                     "1", "5", "6", "0", "-1", "3.5", "honesty;openness", "=1+1", '"', '""',
                     "a,b", "\r\n", "\n"]),
    st.text(max_size=10)), max_size=8), max_size=8).map(
        lambda rows: "\n".join(",".join(row) for row in rows))

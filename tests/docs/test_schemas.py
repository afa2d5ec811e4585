"""`netcard schema`, docs/schema/ and the editor set-up of `netcard new`.

The JSON Schemas are made from the content models; these tests hold the committed
copies to what the command makes now, check that each schema lists exactly the keys
its model reads, and that a new site maps every content file to the right schema.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.errors import ErrorList
from generator.load.yaml_marks import parse_yaml
from generator.model import schema
from generator.scaffold import create_site
from generator.schema_export import (
    FILE_KINDS,
    SITE_SCHEMA_FOLDER,
    file_keys,
    models_of,
    schema_for,
    schema_texts,
)
from tests.conftest import REPO

COMMITTED = REPO / "docs" / "schema"
REGENERATE = "regenerate them with: netcard schema -o docs/schema"


def test_the_committed_schemas_are_what_netcard_schema_makes_now() -> None:
    generated = schema_texts()
    committed = {path.name: path.read_text(encoding="utf-8")
                 for path in COMMITTED.glob("*.schema.json")}
    assert sorted(committed) == sorted(generated), f"docs/schema/ is out of date; {REGENERATE}"
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert stale == [], f"docs/schema/{', '.join(stale)} out of date; {REGENERATE}"


def _definition(document: dict[str, Any], model: type[schema.Model],
                top: type[schema.Model]) -> dict[str, Any]:
    if model is top:
        return document
    found: dict[str, Any] = document["$defs"][model.__name__]
    return found


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda kind: kind.name)
def test_each_schema_lists_exactly_the_keys_its_model_reads(kind: Any) -> None:
    document = schema_for(kind)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    for model in models_of(kind.model):
        definition = _definition(document, model, kind.model)
        keys = file_keys(model)
        assert definition["additionalProperties"] is False, model.__name__
        assert set(definition["properties"]) == set(keys), model.__name__
        required = {key for key, info in keys.items() if info.is_required()}
        assert set(definition.get("required", [])) == required, model.__name__
        for key, property_schema in definition["properties"].items():
            assert property_schema.get("description"), f"{model.__name__}.{key} has no help"


def test_a_text_accepts_a_string_or_one_string_per_language() -> None:
    name = schema_for(FILE_KINDS[2])["properties"]["name"]  # members/<id>.yaml
    assert set(name["type"]) >= {"string", "object"}
    assert name["propertyNames"]["pattern"].startswith("^[a-z]{2,3}")


def test_a_file_named_id_is_no_key_of_its_file() -> None:
    for kind in FILE_KINDS:
        if "<" in kind.files:  # the file name is the id
            assert "id" not in schema_for(kind)["properties"], kind.name


def test_schema_with_output_writes_every_schema_there(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "-o", str(tmp_path / "schemas")]) == 0
    written = {path.name: path.read_text(encoding="utf-8")
               for path in (tmp_path / "schemas").iterdir()}
    assert written == schema_texts()
    assert str(tmp_path / "schemas") in capsys.readouterr().out


def test_schema_without_a_site_says_how_to_write_the_files_elsewhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", str(tmp_path)]) == 2
    assert "-o DIR" in capsys.readouterr().err
    assert not (tmp_path / ".vscode").exists()


# The editor set-up of a site --------------------------------------------------------

def _settings(site: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((site / ".vscode" / "settings.json").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("editor") / "site"
    assert create_site(site) == 0
    return site


def test_a_new_site_maps_every_yaml_file_to_the_schema_of_its_model(new_site: Path) -> None:
    mapping: dict[str, list[str]] = _settings(new_site)["yaml.schemas"]
    assert len(mapping) == len([kind for kind in FILE_KINDS if kind.globs])
    kinds = {kind.schema_file: kind for kind in FILE_KINDS}
    texts = schema_texts()
    checked: set[Path] = set()
    for schema_path, globs in mapping.items():
        path = new_site / schema_path
        assert path.is_file(), schema_path
        assert path.read_text(encoding="utf-8") == texts[path.name]
        kind = kinds[path.name]
        for glob in globs:
            for file in sorted(new_site.glob(glob)):
                _assert_valid(file, kind.model)
                checked.add(file)
    every_yaml_file = set((new_site / "content").rglob("*.yaml"))
    assert every_yaml_file and every_yaml_file == checked, "a YAML file no schema checks"


def _assert_valid(file: Path, model: type[schema.Model]) -> None:
    """The file holds only keys and values its model accepts (as netcard reads it)."""
    errors = ErrorList()
    document = parse_yaml(file.read_text(encoding="utf-8"), str(file), errors)
    assert document is not None and not errors.errors, errors.errors
    model.model_validate(document.data, context={"languages": None, "media": None})


def test_the_globs_are_the_files_netcard_reads(new_site: Path) -> None:
    mapping: dict[str, list[str]] = _settings(new_site)["yaml.schemas"]
    globs = [glob for patterns in mapping.values() for glob in patterns]
    read_by_netcard = {"content/site.yaml": "site", "content/members/a.yaml": "member",
                       "content/evaluations/a.yaml": "evaluation",
                       "content/portfolios/a.yaml": "portfolio"}
    for path, name in read_by_netcard.items():
        matching = [schema_path for schema_path, patterns in mapping.items()
                    if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)]
        assert matching == [f"./{SITE_SCHEMA_FOLDER.as_posix()}/{name}.schema.json"], path
    assert not any(fnmatch.fnmatchcase("content/members/a.yml", glob) for glob in globs)


def test_a_new_site_recommends_the_yaml_extension(new_site: Path) -> None:
    extensions = json.loads((new_site / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_schema_refreshes_a_site_and_keeps_its_other_settings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / ".vscode").mkdir()
    (site / ".vscode" / "settings.json").write_text(json.dumps({
        "editor.tabSize": 2,
        "yaml.schemas": {"./other.json": ["other.yaml"],
                         "./.vscode/netcard-schemas/member.schema.json": ["old/*.yaml"]},
    }), encoding="utf-8")
    stale = site / SITE_SCHEMA_FOLDER / "member.schema.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    assert main(["schema", str(site)]) == 0
    settings = _settings(site)
    assert settings["editor.tabSize"] == 2
    assert settings["yaml.schemas"]["./other.json"] == ["other.yaml"]
    assert settings["yaml.schemas"]["./.vscode/netcard-schemas/member.schema.json"] == [
        "content/members/*.yaml"]
    assert stale.read_text(encoding="utf-8") == schema_texts()["member.schema.json"]
    assert "settings.json" in capsys.readouterr().out


def test_schema_leaves_a_settings_file_with_comments_alone_and_says_what_to_add(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / ".vscode").mkdir()
    original = '{\n  // my own settings\n  "editor.tabSize": 2\n}\n'
    (site / ".vscode" / "settings.json").write_text(original, encoding="utf-8")
    assert main(["schema", str(site)]) == 0
    assert (site / ".vscode" / "settings.json").read_text(encoding="utf-8") == original
    assert (site / SITE_SCHEMA_FOLDER / "site.schema.json").is_file()
    out = capsys.readouterr().out
    assert "left as it is" in out and '"yaml.schemas"' in out

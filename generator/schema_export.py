"""`netcard schema`: JSON Schemas of the content files, made from the content models.

Editors that read YAML schemas (VS Code with Red Hat's YAML extension, and any
editor using yaml-language-server) then underline an unknown key, a value that is
not allowed or a missing required key while the coordinator types, and show what
each key means on hover. The schemas come from the same pydantic models that
`netcard build` validates with, so they cannot say something netcard does not.
"""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from generator.atomic import write_atomic
from generator.content_types.registry import BUILT_IN
from generator.errors import UsageError
from generator.model import schema as m
from generator.model import types
from generator.model.types import Visibility

JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"  # what editors read best
REFERENCE = "docs/content-format.md in the netcard repository"
SITE_SCHEMA_FOLDER = Path(".vscode") / "netcard-schemas"
SETTINGS_FILE = Path(".vscode") / "settings.json"
EXTENSIONS_FILE = Path(".vscode") / "extensions.json"
YAML_EXTENSION = "redhat.vscode-yaml"  # VS Code offers to install what a folder recommends


@dataclass(frozen=True)
class FileKind:
    """One kind of content file: its model, where such files live, its schema's name."""

    name: str  # the schema is <name>.schema.json
    model: type[m.Model]
    files: str  # as the content reference names them
    globs: tuple[str, ...]  # the YAML files an editor should check with this schema
    about: str

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("site", m.SiteSettings, "site.yaml", ("content/site.yaml",),
             "Site settings: title, address, languages, theme."),
    FileKind("network", m.Network, "network.yaml", ("content/network.yaml",),
             "The network itself: its card, services, contact details and coordination."),
    FileKind("member", m.Member, "members/<id>.yaml", ("content/members/*.yaml",),
             "One member of the network. The file name is the member's id."),
    FileKind("ties", m.TiesFile, "ties.yaml", ("content/ties.yaml",),
             "The ties between members and the types of tie."),
    FileKind("competences", m.CompetencesFile, "competences.yaml",
             ("content/competences.yaml",),
             "Competence areas, the labels of the levels 1-5, and what the network needs."),
    FileKind("portfolio", m.Portfolio, "portfolios/<member id>.yaml",
             ("content/portfolios/*.yaml",),
             "One member's network portfolio (phases 1-2). The file name is the member's id."),
    FileKind("future", m.Future, "futures/<id>.yaml", ("content/futures/*.yaml",),
             "An ACTVOD future table (phase 5). The file name is its id."),
    FileKind("evaluation", m.Evaluation, "evaluations/<id>.yaml",
             ("content/evaluations/*.yaml",),
             "A 6D evaluation round with trust factors and reflection (phase 8)."),
    FileKind("page", m.PageMeta, "workbook/<id>.md, strategy/<id>.md, pages/<id>.md", (),
             "The front matter (between the '---' lines) of a Markdown page."),
)

MODEL_HELP: dict[type[m.Model], str] = {
    m.MarkdownSettings: "How Markdown text is turned into pages.",
    m.GraphSettings: "How the network graph is drawn.",
    m.Service: "A service the network offers its customers; shown on the card.",
    m.Link: "A link shown with the contact details.",
    m.Contact: "The network's contact details.",
    m.Profile: "What kind of network this is.",
    m.Targets: "What the network aims for; the workbook reads each figure against it.",
    m.Coordination: "Who coordinates the network, its groups and its forums.",
    m.CoordinationGroup: "A coordination group of the network.",
    m.TieType: "A type of tie: its label and colour in the graph.",
    m.Tie: "A tie between two members: 'between' for a mutual tie, 'from' and 'to' "
           "for a one-way tie.",
    m.CompetenceArea: "A competence area of the competence map.",
    m.CompetenceNeed: "A competence the network needs more of.",
    m.PortfolioNetwork: "A network the member takes part in, wants to join or is leaving.",
    m.FutureAction: "An action that moves the network towards the future.",
    m.Response: "One respondent's answers: each 6D dimension 1-5 and the trust factors.",
    m.Reflection: "One respondent's reflective feedback; every question is optional.",
}

_TEXT = "Text: a string, or one string per language {fi: ..., sv: ..., en: ...}."
_MD = "Markdown text: a string, or one per language {fi: ..., sv: ..., en: ...}."
_LEVEL = "1-5."
_VISIBLE_PUBLIC = "public (default): in the public card; internal: only in the workbook."
_VISIBLE_INTERNAL = "internal (default): only in the workbook; public: also in the public card."

FIELD_HELP: dict[type[m.Model], dict[str, str]] = {
    m.SiteSettings: {
        "title": "The site's title. " + _TEXT + " Default: the network's name.",
        "base_url": "The address the public site is published at, e.g. "
                    "https://example.org/network/. Needed for sitemap.xml, the QR code "
                    "and share links.",
        "languages": "The site's languages; the first is the default. Default [fi, sv, en].",
        "theme": "The theme: a folder under themes/ beside content/. Default: default.",
        "markdown": "Markdown settings.",
        "graph": "Network graph settings.",
        "search": "true: a full-text search box and index. Default true.",
        "public_sections": "The parts of the analysis the public card shows too: "
                           "network-figures, competence-levels, competence-gaps, "
                           "tie-strength. Default [] (each stays in the workbook).",
        "accent": "The theme's accent colour as \"#rrggbb\" (in quotes).",
    },
    m.MarkdownSettings: {
        "allow_html": "true: raw HTML in Markdown is kept (cleaned of anything unsafe). "
                      "Default false.",
    },
    m.GraphSettings: {
        "physics_max_nodes": "Up to this many members the graph arranges itself in the "
                             "browser; above it the graph shows the layout worked out when "
                             "building (the same as the printed picture). Default 0.",
    },
    m.Network: {
        "name": "The network's name. Required. " + _TEXT,
        "tagline": "A short line under the name. " + _TEXT,
        "purpose": "Why the network exists. " + _MD,
        "goals": "The network's goals: a list of Text.",
        "customers": "Whom the network serves: a list of Text.",
        "services": "What customers get; shown on the card.",
        "communication": "How customers hear about the services. " + _MD,
        "contact": "The network's contact details.",
        "logo": "A picture under content/media/, written media/<file>.",
        "founded": "When the network was founded: YYYY-MM-DD, YYYY-MM or YYYY.",
        "profile": "What kind of network this is.",
        "coordination": "Coordinators, groups and forums.",
        "targets": "What the network aims for (workbook only): density range, highest "
                   "centralisation, the profile aimed for, target competence levels.",
        "visibility": "Accepted for symmetry; the card is always public.",
    },
    m.Service: {
        "id": "The service's id: lowercase letters a-z, digits and hyphens. Required.",
        "name": "The service's name. Required. " + _TEXT,
        "description": "What the service is. " + _MD,
        "channels": "How customers use it: web, phone, chat, email, group, one-to-one, "
                    "event, other.",
        "providers": "The members (ids) that provide it.",
        "customers": "Whom it is for: groups from the network's customers, written as "
                     "they are there in the default language.",
        "languages": "The languages it is given in, as codes: fi, sv, en, ar, so, ru, uk …",
        "visibility": _VISIBLE_PUBLIC,
    },
    m.Link: {
        "label": "The link's text. Required. " + _TEXT,
        "url": "The address: http(s)://, mailto: or tel:. Required.",
    },
    m.Contact: {
        "email": "E-mail address, name@example.fi.",
        "phone": "Phone number in quotes, e.g. \"+358 40 123 4567\".",
        "address": "Postal or visiting address. " + _TEXT,
        "website": "Web address: http(s)://, mailto: or tel:.",
        "links": "More links: each with a label and a url.",
    },
    m.Profile: {
        "level": "macro: a wide open web; cluster: related fields in one region; "
                 "industry: one field; local: one area's actors; focus: one shared task; "
                 "bilateral: two organisations.",
        "structure": "floating: meets when needed; permanent: established groups and roles.",
        "recurrence": "occasional, recurring or permanent cooperation.",
        "intent": "intentional: a tight, goal-led network; emergent: a loose web of ties.",
    },
    m.Targets: {
        "density": "The density range aimed for: two shares from 0 to 1, low first, "
                   "e.g. [0.3, 0.4].",
        "centralization_max": "The highest degree centralisation wanted, from 0 to 1.",
        "profile": "The network profile aimed for: level, structure, recurrence, intent.",
        "competences": "A target level 1-5 per competence area id.",
    },
    m.Coordination: {
        "coordinators": "The members (ids) who coordinate the network.",
        "groups": "The network's coordination groups.",
        "forums": "Network meetings, forums, days and trainings: a list of Text.",
    },
    m.CoordinationGroup: {
        "id": "The group's id. Required.",
        "name": "The group's name. Required. " + _TEXT,
        "level": "Required. strategy, internal-development, joint-development or "
                 "network-group.",
        "members": "The members (ids) in the group.",
        "meets": "When and how the group meets. " + _TEXT,
        "visibility": _VISIBLE_PUBLIC,
    },
    m.Member: {
        "name": "The member's name. Required. " + _TEXT,
        "kind": "organisation (default), unit, group or person.",
        "parent": "The member (id) this one is a unit of.",
        "sector": "education, employment, municipality, government, ngo, business, "
                  "project or other (default).",
        "role": "core, partner (default) or associate.",
        "external": "true: a partner outside the network (shown in the extended competence "
                    "map). Default false.",
        "description": "About the member. " + _MD,
        "website": "Web address: http(s)://, mailto: or tel:.",
        "email": "E-mail address, name@example.fi.",
        "phone": "Phone number in quotes, e.g. \"+358 40 123 4567\".",
        "address": "Postal or visiting address. " + _TEXT,
        "logo": "A picture under content/media/, written media/<file>.",
        "competences": "Competence levels: {area id: 1-5}, areas from competences.yaml.",
        "joined": "When the member joined: YYYY-MM-DD, YYYY-MM or YYYY.",
        "left": "When the member left; it is then shown as a former member.",
        "visibility": _VISIBLE_PUBLIC,
    },
    m.TiesFile: {
        "types": "Tie types by id, each with a label and an optional colour.",
        "ties": "The ties between members.",
        "visibility": "public (default); internal: no tie is shown in the public card.",
    },
    m.TieType: {
        "label": "The type's name in legends. Required. " + _TEXT,
        "color": "Its colour in the graph as \"#rrggbb\" (in quotes).",
    },
    m.Tie: {
        "between": "A mutual tie: [member id, member id].",
        "from": "A one-way tie from this member (id); needs 'to'.",
        "to": "A one-way tie to this member (id); needs 'from'.",
        "type": "The tie's type (an id under types, when types are given).",
        "strength": "1 occasional, loose ... 5 intensive, tight. Default 3.",
        "channels": "How they work together: meetings, email, phone, shared-system, other.",
        "since": "Since when: YYYY-MM-DD, YYYY-MM or YYYY.",
        "note": "A note on the tie. " + _MD,
        "visibility": _VISIBLE_PUBLIC,
    },
    m.CompetencesFile: {
        "levels": "Labels of the levels: {1: Text, ..., 5: Text}. Default: Basic, "
                  "Developing, Competent, Strong, Expert.",
        "areas": "The competence areas.",
        "needs": "What the network lacks: the gaps of the extended competence map.",
        "visibility": "public (default); internal: no competence is shown in the public card.",
    },
    m.CompetenceArea: {
        "id": "The area's id, used in members' competences. Required.",
        "name": "The area's name. Required. " + _TEXT,
        "group": "A heading to group areas under in the map. " + _TEXT,
        "description": "What the area covers. " + _MD,
        "visibility": _VISIBLE_PUBLIC,
    },
    m.CompetenceNeed: {
        "area": "The area (id) the network needs. Required.",
        "level": "The level it needs, " + _LEVEL + " Default 4.",
        "note": "Why, or what is planned. " + _MD,
        "visibility": _VISIBLE_PUBLIC,
    },
    m.Portfolio: {
        "networks": "The networks the member takes part in, wants to join or is leaving.",
        "visibility": _VISIBLE_INTERNAL,
    },
    m.PortfolioNetwork: {
        "name": "The network's name. Required. " + _TEXT,
        "status": "current (default), desired or ending.",
        "role": "coordinator, core, member (default), customer, supplier or observer.",
        "importance": "How important the network is, " + _LEVEL + " Default 3.",
        "purpose": "What the member seeks in it. " + _MD,
    },
    m.Future: {
        "title": "The table's title. " + _TEXT,
        "date": "When the table was made: YYYY-MM-DD, YYYY-MM or YYYY.",
        "horizon": "The future the table looks at: YYYY-MM-DD, YYYY-MM or YYYY.",
        "actors": "A: everyone taking part in the network. A list of Text.",
        "customers": "C: the customers. A list of Text.",
        "transformation": "T: activities and processes, concretely. A list of Text.",
        "values": "V: the values. A list of Text.",
        "obstacles": "O: what hinders or slows reaching the goals. A list of Text.",
        "drivers": "D: what carries the actors towards the goals. A list of Text.",
        "story": "The story of the future. " + _MD,
        "vision": "The vision statement. " + _TEXT,
        "actions": "The actions that follow from the table.",
        "visibility": _VISIBLE_INTERNAL,
    },
    m.FutureAction: {
        "action": "What will be done. Required. " + _TEXT,
        "first_step": "The first concrete step. " + _TEXT,
        "responsible": "Who is responsible: member ids or names.",
        "competence": "The competence the action needs. " + _TEXT,
        "due": "When it is due: YYYY-MM-DD, YYYY-MM or YYYY.",
        "status": "planned (the default), started, done or dropped.",
        "done": "When it was done or dropped: YYYY-MM-DD, YYYY-MM or YYYY. Only with "
                "status done or dropped.",
    },
    m.Evaluation: {
        "title": "The round's title. " + _TEXT,
        "date": "When the round was held: YYYY-MM-DD, YYYY-MM or YYYY.",
        "responses": "The answers, one item per respondent (or use responses_csv).",
        "responses_csv": "A CSV file of answers, a path under content/, e.g. "
                         "evaluations/spring.csv (instead of responses).",
        "reflection": "Reflective feedback, one item per respondent.",
        "visibility": _VISIBLE_INTERNAL,
    },
    m.Response: {
        "respondent": "Who answered; leave out to stay anonymous. " + _TEXT,
        "debate": "Debate: different views come up safely. 1 poorly ... 5 very well.",
        "dialogue": "Dialogue: every voice is heard and used. 1 poorly ... 5 very well.",
        "difference": "Difference is a resource. 1 poorly ... 5 very well.",
        "distinction": "Distinction: the new way is told apart from the old. "
                       "1 poorly ... 5 very well.",
        "deal": "Deal: agreeing on shared next actions. 1 poorly ... 5 very well.",
        "documentation": "Documentation: following our own development. "
                         "1 poorly ... 5 very well.",
        "trust": "What builds trust: honesty, openness, respect, shared-goals, doing-right, "
                 "listening, compassion, confidentiality.",
        "comment": "A comment. " + _MD,
    },
    m.Reflection: {
        "learned": "What did you learn or realise? " + _TEXT,
        "felt_good": "What felt good? " + _TEXT,
        "apply": "What will you apply or take forward? " + _TEXT,
        "pondering": "What are you left pondering? " + _TEXT,
        "tell_colleagues": "What will you tell your work community? " + _TEXT,
        "contribution": "What was your own contribution? " + _TEXT,
        "next": "How will you go on from here? " + _TEXT,
        "other": "Anything else? " + _TEXT,
    },
    m.PageMeta: {
        "title": "The page's title. Required. " + _TEXT,
        "phase": "Workbook: the development phase 1-9 the page answers.",
        "step": "Workbook: the network-builder step 1-7 the page answers.",
        "order": "Position in menus and lists, smaller first. Default 100.",
        "menu": "pages/: true shows the page in the main menu. Default false: every "
                "page is listed on the pages index, which the menu links to.",
        "visibility": "public or internal. Default: public in pages/, internal in "
                      "workbook/ and strategy/.",
    },
}

# Rules across keys that a schema can say (the models check them too), worded so that
# an editor's message says what to do.
_NOT_BOTH_TIE = "a tie has either 'between' or 'from'/'to', not both"
_NOT_BOTH_RESPONSES = "a round has either 'responses' or 'responses_csv', not both"
EXTRA_RULES: dict[type[m.Model], dict[str, Any]] = {
    m.Tie: {
        "anyOf": [{"required": ["between"]}, {"required": ["from"]}, {"required": ["to"]}],
        "dependencies": {
            "from": ["to"],
            "to": ["from"],
            "between": {"properties": {"from": False, "to": False},
                        "errorMessage": _NOT_BOTH_TIE},
        },
    },
    m.Evaluation: {
        "dependencies": {"responses_csv": {"properties": {"responses": False},
                                           "errorMessage": _NOT_BOTH_RESPONSES}},
    },
}


def _string(pattern: str, message: str) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "patternErrorMessage": message}


# The value types that pydantic cannot see inside (plain validators), written out in
# each key that uses them. Each is one schema with a list of types rather than an
# `anyOf` or a `$ref`: editors then show the key's own title and description on hover,
# not one line per alternative.
_VALUE_TYPES: dict[Any, dict[str, Any]] = {
    types.Text.validate.__func__: {  # type: ignore[attr-defined]
        "type": ["string", "number", "object"],  # a string, or {fi: ..., sv: ..., en: ...}
        "pattern": r"\S",
        "minProperties": 1,
        "propertyNames": {"pattern": types.LANGUAGE_CODE.pattern},
        "additionalProperties": {"type": ["string", "number"], "pattern": r"\S"}},
    types.PartialDate.validate.__func__: {  # type: ignore[attr-defined]
        **_string(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
                  "write the date as YYYY-MM-DD, YYYY-MM or YYYY"),
        "type": ["string", "integer"],  # YYYY alone is read as a number
        "minimum": 1000, "maximum": 9999},
    types.validate_id: {
        **_string(r"^[a-z0-9][a-z0-9-]*$", "an id is lowercase letters a-z, digits and "
                  "hyphens, e.g. te-palvelut"),
        "maxLength": 64},
    types.validate_url: _string(r"^\s*(https?://[^/\s]|mailto:\S|tel:\S)",
                                "write a full address: https://..., mailto:... or tel:..."),
    types.validate_email: _string(r"^\s*[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+\s*$",
                                  "write an e-mail address as name@example.fi"),
    types.validate_phone: _string(r"^\s*\+?[0-9][0-9 ()./-]{2,30}\s*$",
                                  "write digits, spaces and an optional leading +, in quotes"),
    types.validate_color: _string(r"^#[0-9a-fA-F]{6}$", "write a colour as \"#rrggbb\""),
    types.validate_media_path: _string(r"^media/[^\\]+$", "write a path under "
                                       "content/media/, e.g. media/logo.svg"),
}


class _ContentJsonSchema(GenerateJsonSchema):
    """pydantic's generator, with netcard's value types spelled out for editors."""

    def generate_inner(self, schema: Any) -> JsonSchemaValue:
        if schema.get("type") == "function-plain":
            function = schema["function"]["function"]
            known = _VALUE_TYPES.get(getattr(function, "__func__", function))
            if known is not None:
                return copy.deepcopy(known)
        return super().generate_inner(schema)

    def dict_schema(self, schema: Any) -> JsonSchemaValue:
        """A mapping: what its keys may be (ids, levels 1-5), and what each value is."""
        result: JsonSchemaValue = {"type": "object"}
        keys = self.generate_inner(schema["keys_schema"]) if "keys_schema" in schema else {}
        names = _property_names(keys)
        if names:
            result["propertyNames"] = names
        if "values_schema" in schema:
            values = dict(self.generate_inner(schema["values_schema"]))
            values.pop("title", None)
            if values:
                result["additionalProperties"] = values
        return result

    def nullable_schema(self, schema: Any) -> JsonSchemaValue:
        """`X | None` as X with "null" among its types, when X is a plain value."""
        inner = self.generate_inner(schema["schema"])
        if "$ref" in inner or "type" not in inner or any(k in inner for k in _COMBINATORS):
            return super().nullable_schema(schema)
        merged = dict(inner)
        kinds = merged["type"] if isinstance(merged["type"], list) else [merged["type"]]
        merged["type"] = [*kinds, "null"]
        if "enum" in merged:
            merged["enum"] = [*merged["enum"], None]
        return merged


_COMBINATORS = ("anyOf", "oneOf", "allOf", "not")


def _property_names(keys: JsonSchemaValue) -> JsonSchemaValue:
    """What a mapping's keys may be. A key is a string in JSON, but a YAML editor reads
    `1:` as a number: a key in an integer range (the levels 1-5) may be either."""
    if keys.get("type") == "integer" and "minimum" in keys and "maximum" in keys:
        low, high = keys["minimum"], keys["maximum"]
        numbers = "|".join(str(n) for n in range(low, high + 1))
        return {"type": ["integer", "string"], "minimum": low, "maximum": high,
                "pattern": f"^({numbers})$"}
    return {k: v for k, v in keys.items() if k in ("pattern", "patternErrorMessage", "maxLength")}


def file_keys(model: type[m.Model]) -> dict[str, FieldInfo]:
    """The keys a content file may hold for `model`, by the name written in the file.

    A field marked `exclude` (a file's `id`) comes from the file name and is not a key.
    """
    return {(info.alias or name): info for name, info in model.model_fields.items()
            if info.exclude is not True}


def nested_models(annotation: Any) -> Iterator[tuple[str, type[m.Model]]]:
    """The content models inside a field's type, each with how it sits in the field:
    '' for the value itself, '[]' for each item of a list, '.<name>' for each value
    of a mapping."""
    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        yield "", annotation
        return
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        for suffix, model in nested_models(arguments[0]):
            yield "[]" + suffix, model
    elif origin is dict:
        for suffix, model in nested_models(arguments[1]):
            yield ".<name>" + suffix, model
    else:  # a union such as `Contact | None`, or an Annotated type
        for argument in arguments:
            yield from nested_models(argument)


def models_of(model: type[m.Model]) -> list[type[m.Model]]:
    """`model` and every content model nested in it, each once, outermost first."""
    found: list[type[m.Model]] = [model]
    for info in file_keys(model).values():
        for _, inner in nested_models(info.annotation):
            found.extend(x for x in models_of(inner) if x not in found)
    return found


def schema_for(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    generated = kind.model.model_json_schema(schema_generator=_ContentJsonSchema,
                                             mode="validation")
    definitions = generated.pop("$defs", {})
    for model in models_of(kind.model):
        target = generated if model is kind.model else definitions[model.__name__]
        _describe_model(model, target)
    declared = declared_visibility(kind)
    if declared is not None:
        _with_default(generated["properties"]["visibility"], declared)
    document: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"netcard content/{kind.files}",
        "description": f"{kind.about} Every key: {REFERENCE}.",
        **{k: v for k, v in generated.items() if k not in ("title", "description")},
    }
    if definitions:
        document["$defs"] = definitions
    return _refs_alone(document)


def declared_visibility(kind: FileKind) -> Visibility | None:
    """The default visibility the content types of this kind of file declare, if they
    agree (pages/ and workbook/ share the front matter's model, not its default)."""
    defaults = {content_type.visibility for content_type in BUILT_IN
                if content_type.model is kind.model}
    return defaults.pop() if len(defaults) == 1 else None


def _with_default(property_schema: dict[str, Any], default: Visibility) -> None:
    """A file's own `visibility`: one of the words, the type's default when it is left
    out (the model reads a missing key as None, "as the content type says")."""
    property_schema["default"] = default.value
    property_schema["enum"] = [value for value in property_schema["enum"] if value is not None]
    property_schema["type"] = "string"


def _describe_model(model: type[m.Model], target: dict[str, Any]) -> None:
    keys = file_keys(model)
    help_texts = FIELD_HELP.get(model, {})
    properties = target.get("properties", {})
    for key in list(properties):
        if key not in keys:
            del properties[key]
        elif key in help_texts:
            properties[key] = _with_description(properties[key], help_texts[key])
    if "required" in target:
        target["required"] = [key for key in target["required"] if key in keys]
        if not target["required"]:
            del target["required"]
    if model in MODEL_HELP:
        target["description"] = MODEL_HELP[model]
    else:
        target.pop("description", None)  # a class docstring is written for developers
    target.update(EXTRA_RULES.get(model, {}))


def _with_description(property_schema: dict[str, Any], text: str) -> dict[str, Any]:
    """The description just after the title, where a reader of the file looks first."""
    head = {"title": property_schema["title"]} if "title" in property_schema else {}
    return {**head, "description": text, **property_schema}


def _refs_alone(value: Any) -> Any:
    """A `$ref` with siblings (a description, a default) as `allOf: [$ref]`: draft-07
    readers ignore whatever stands beside a `$ref`."""
    if isinstance(value, list):
        return [_refs_alone(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {key: _refs_alone(item) for key, item in value.items()}
    if "$ref" in result and len(result) > 1:
        reference = result.pop("$ref")
        result["allOf"] = [{"$ref": reference}]
    return result


def schema_texts() -> dict[str, str]:
    """Each schema file's name and text, as `netcard schema` writes them."""
    return {kind.schema_file: json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in FILE_KINDS}


def write_schemas(directory: Path) -> list[Path]:
    """Write every kind's schema into `directory`; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def editor_schema_map(schema_folder: str) -> dict[str, list[str]]:
    """`yaml.schemas` of VS Code's YAML extension: each schema (relative to the site
    folder) and the content files it checks."""
    return {f"./{schema_folder}/{kind.schema_file}": list(kind.globs)
            for kind in FILE_KINDS if kind.globs}


def write_editor_settings(site: Path) -> tuple[list[Path], Path | None]:
    """The schemas under SITE/.vscode/netcard-schemas/ and their `yaml.schemas` mapping
    in SITE/.vscode/settings.json, keeping every other setting there; and, unless the
    site has its own, .vscode/extensions.json recommending the YAML extension.

    Returns the schema files and the settings file, or None for the settings file when
    it exists but is not plain JSON (it may hold comments): it is then left as it is.
    """
    written = write_schemas(site / SITE_SCHEMA_FOLDER)
    extensions = site / EXTENSIONS_FILE
    if not extensions.exists():
        extensions.write_text(json.dumps({"recommendations": [YAML_EXTENSION]}, indent=2) + "\n",
                              encoding="utf-8")
    settings_path = site / SETTINGS_FILE
    settings: dict[str, Any] = {}
    if settings_path.exists():
        try:
            loaded = json.loads(settings_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            return written, None
        if not isinstance(loaded, dict):
            return written, None
        settings = loaded
    mapping = settings.get("yaml.schemas")
    mapping = dict(mapping) if isinstance(mapping, dict) else {}
    mapping.update(editor_schema_map(SITE_SCHEMA_FOLDER.as_posix()))
    settings["yaml.schemas"] = mapping
    # The user's own file, with their other settings: replaced whole, and on the disk
    # (through a link to it, the file linked to).
    text = json.dumps(settings, indent=2, ensure_ascii=False) + "\n"
    write_atomic(settings_path.resolve(), text.encode("utf-8"), durable=True)
    return written, settings_path


def run_schema(site: Path, output: Path | None) -> int:
    """`netcard schema [SITE] [-o DIR]`."""
    if output is not None:
        written = write_schemas(output)
        print(f"Wrote {len(written)} JSON Schemas to {output}:")
        for path in written:
            print(f"  {path.name}")
        return 0
    if not (site / "content").is_dir():
        raise UsageError(f"{site} holds no content/ folder, so there is no site to set up "
                         "for editors; run this in a site folder, or give -o DIR to write "
                         "the schemas into a folder of your choice")
    written, settings = write_editor_settings(site)
    print(f"Wrote {len(written)} JSON Schemas to {site / SITE_SCHEMA_FOLDER}.")
    if settings is None:
        mapping = json.dumps({"yaml.schemas": editor_schema_map(SITE_SCHEMA_FOLDER.as_posix())},
                             indent=2)
        print(f"{site / SETTINGS_FILE} is not plain JSON (it may hold comments), so it was "
              f"left as it is. Add this to it yourself:\n{mapping}")
    else:
        print(f"Updated yaml.schemas in {settings}: VS Code with the YAML extension "
              "(Red Hat) now checks the content files while you type.")
    return 0


__all__ = ["FILE_KINDS", "FileKind", "declared_visibility", "file_keys", "models_of",
           "nested_models", "run_schema", "schema_for", "schema_texts", "write_editor_settings",
           "write_schemas"]

"""Turn pydantic's validation errors into netcard errors at file:line:column."""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import ErrorList, allowed_list, did_you_mean
from generator.load.yaml_marks import DocPath, Mark, YamlDocument

M = typing.TypeVar("M", bound=BaseModel)


class Located(typing.Protocol):
    """Where a validated value came from: a YAML document or a CSV row."""

    file: str

    def mark(self, path: DocPath) -> Mark: ...

    def key_mark(self, path: DocPath) -> Mark: ...


def validate(
    model: type[M],
    data: Any,
    source: Located | YamlDocument,
    errors: ErrorList,
    context: dict[str, Any],
    base: DocPath = (),
) -> M | None:
    """Validate `data` as `model`; report every problem with its position."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for detail in exc.errors():
            report(detail, model, source, errors, base)
        return None


def report(
    detail: ErrorDetails, model: type[BaseModel], source: Located | YamlDocument,
    errors: ErrorList, base: DocPath,
) -> None:
    loc = tuple(detail["loc"])
    path = base + loc
    kind = detail["type"]
    mark = source.key_mark(path) if kind == "extra_forbidden" else source.mark(path)
    if kind == "missing":
        mark = source.mark(path[:-1])
    message, hint = explain(detail, model, loc)
    errors.add(source.file, mark.line, mark.column, message, hint)


def explain(detail: ErrorDetails, model: type[BaseModel], loc: DocPath) -> tuple[str, str]:
    """A plain-language message and how-to-fix hint for one pydantic error."""
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    value = detail.get("input")
    field = _field_name(loc)
    if kind == "netcard":
        return f"{field}: {ctx['message']}" if field else ctx["message"], ctx.get("hint", "")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = allowed_keys(model, loc[:-1])
        where = f" in {_field_name(loc[:-1])}" if _field_name(loc[:-1]) else ""
        hint = did_you_mean(key, allowed)
        listing = f"allowed keys{where}: {allowed_list(allowed, 30)}"
        return f"unknown key '{key}'{where}", f"{hint} {listing}".strip()
    if kind == "missing":
        return f"'{field}' is required", f"add '{field}: …'"
    if kind in ("literal_error", "enum"):  # a one-of key: a Literal, or an enum (visibility)
        options = [o.strip().strip("'") for o in str(ctx.get("expected", "")).replace(" or ", ",")
                   .split(",") if o.strip()]
        hint = did_you_mean(str(value), options)
        return (f"{field}: '{value}' is not one of the allowed values",
                f"{hint} allowed: {', '.join(options)}".strip())
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = _bounds(model, loc, ctx)
        number = "a number" if isinstance(value, float) else "a whole number"
        return f"{field}: {value!r} is out of range", f"use {number} {bounds}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{field}: expected a whole number, got {_show(value)}", "write a number such as 3"
    if kind in ("bool_type", "bool_parsing"):
        return f"{field}: expected true or false, got {_show(value)}", "write true or false"
    if kind in ("list_type", "tuple_type"):
        return (f"{field}: expected a list, got {_show(value)}",
                "write a list as '- item' lines, or [a, b] on one line")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (f"{field or 'this'}: expected a mapping of keys, got {_show(value)}",
                "write 'key: value' lines indented under it")
    if kind in ("string_type", "str_type"):
        return f"{field}: expected text, got {_show(value)}", "write text, in quotes if needed"
    if kind in ("too_short", "too_long"):
        return f"{field}: {detail['msg'].lower()}", _length_hint(field)
    return f"{field}: {detail['msg']}", ""


def _length_hint(field: str) -> str:
    if field == "between":
        return "a tie is between exactly two members: between: [member-a, member-b]"
    if field == "languages":
        return "list at least one language, e.g. languages: [fi, sv, en]"
    return ""


def _bounds(model: type[BaseModel], loc: DocPath, ctx: dict[str, Any]) -> str:
    annotation = _annotation_at(model, loc)
    low, high = ctx.get("ge"), ctx.get("le")
    items = _metadata(annotation, model, loc)
    for item in items:
        items.extend(getattr(item, "metadata", []) or [])
        low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"of at least {low}" if low is not None else f"of at most {high}"


def _metadata(annotation: Any, model: type[BaseModel], loc: DocPath) -> list[Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        annotation = options[0] if len(options) == 1 else annotation
    found = list(getattr(annotation, "__metadata__", ()))
    parent = _annotation_at(model, loc[:-1])
    parent = _unwrap(parent)
    if isinstance(parent, type) and issubclass(parent, BaseModel) and isinstance(loc[-1], str):
        for name, info in parent.model_fields.items():
            if (info.alias or name) == loc[-1]:
                found.extend(info.metadata)
    return found


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _field_name(loc: DocPath) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    return names[-1] if names else ""


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if options else annotation
            if len(options) <= 1:
                continue
            return annotation
        else:
            return annotation


def _annotation_at(model: type[BaseModel], loc: DocPath) -> Any:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            match = [f for n, f in current.model_fields.items() if (f.alias or n) == part]
            if not match:
                return None
            current = match[0].annotation
        elif get_origin(current) in (list, tuple):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    return current


def allowed_keys(model: type[BaseModel], loc: DocPath) -> list[str]:
    target = _unwrap(_annotation_at(model, loc))
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [info.alias or name for name, info in target.model_fields.items()
                if not info.exclude]
    return []

"""The value types of the content format: Text, Date, URL, ids, media paths."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, GetCoreSchemaHandler, Strict, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from generator.load.paths import MAX_ID_LENGTH, check_relative_path, is_valid_id, slugify

EMAIL = re.compile(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
MAX_TEXT_LENGTH = 200_000


def content_error(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error that carries our own message and how-to-fix hint."""
    return PydanticCustomError("netcard", "{message}", {"message": message, "hint": hint})


def _context(info: ValidationInfo | None, key: str) -> Any:
    if info is None or not isinstance(info.context, Mapping):
        return None
    return info.context.get(key)


class Text:
    """A string in the default language, or one string per language code."""

    __slots__ = ("plain", "values")

    def __init__(self, values: Mapping[str, str], plain: str | None = None) -> None:
        self.values = dict(values)
        self.plain = plain

    def get(self, language: str, default_language: str) -> str:
        """The text in `language`, falling back to the default language, then any."""
        if language in self.values:
            return self.values[language]
        if self.plain is not None:
            return self.plain
        if default_language in self.values:
            return self.values[default_language]
        return next(iter(self.values.values()), "")

    def has(self, language: str) -> bool:
        return language in self.values

    def all_strings(self) -> list[str]:
        return ([self.plain] if self.plain is not None else []) + list(self.values.values())

    def __repr__(self) -> str:
        return f"Text({self.plain!r})" if self.plain is not None else f"Text({self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.plain, self.values) == (other.plain, other.values)

    def __hash__(self) -> int:
        return hash((self.plain, tuple(sorted(self.values.items()))))

    @classmethod
    def validate(cls, value: Any, info: ValidationInfo | None = None) -> Text:
        if isinstance(value, Text):
            return value
        if isinstance(value, bool) or value is None:
            raise content_error(f"expected text, got {_describe(value)}",
                                "write the text after the colon, in quotes if it looks like "
                                "a number or a yes/no word")
        if isinstance(value, int | float):
            value = str(value)
        if isinstance(value, str):
            return cls({}, _check_string(value))
        if isinstance(value, Mapping):
            return cls(_language_mapping(value, info))
        raise content_error(f"expected text, got {_describe(value)}",
                            "write a string, or one string per language: {fi: …, sv: …, en: …}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            cls.validate,
            json_schema_input_schema=core_schema.union_schema([
                core_schema.str_schema(),
                core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema()),
            ]),
        )


def _check_string(value: str) -> str:
    if not value.strip():
        raise content_error("the text is empty", "write a value or remove the key")
    if len(value) > MAX_TEXT_LENGTH:
        raise content_error(f"the text is longer than {MAX_TEXT_LENGTH:,} characters",
                            "shorten it or split it into pages")
    bad = _INVISIBLE.search(value)
    if bad:
        raise content_error(f"the text contains the control character U+{ord(bad.group()):04X} "
                            f"at position {bad.start() + 1}",
                            "remove it (an escape such as \\x01 or \\0 in a quoted YAML "
                            "string): pages and exports (XML, vCard) cannot hold it")
    return value


# Characters no XML file can hold (the exports are XML); tab, CR and LF are fine.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _language_mapping(value: Mapping[Any, Any], info: ValidationInfo | None) -> dict[str, str]:
    languages = _context(info, "languages")
    result: dict[str, str] = {}
    for key, text in value.items():
        code = str(key)
        if not LANGUAGE_CODE.match(code):
            raise content_error(f"'{code}' is not a language code",
                                "use codes such as fi, sv, en: {fi: Ohjaus, sv: Handledning}; "
                                "a text with a comma inside {…} must be in quotes: "
                                '{en: "Guidance, together"}')
        if languages and code not in languages:
            raise content_error(
                f"language '{code}' is not one of the site's languages ({', '.join(languages)})",
                f"add '{code}' to languages in content/site.yaml, or remove this translation")
        if not isinstance(text, str | int | float) or isinstance(text, bool):
            raise content_error(f"the '{code}' text must be a string, got {_describe(text)}",
                                "write the translation as plain text")
        result[code] = _check_string(str(text))
    if not result:
        raise content_error("the text has no languages", "write e.g. {fi: …, en: …}")
    return result


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…'"


@dataclass(frozen=True, order=True)
class PartialDate:
    """YYYY-MM-DD, YYYY-MM or YYYY: as precise as the writer knew."""

    year: int
    month: int = 0
    day: int = 0

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise content_error(f"expected a date, got {_describe(value)}",
                                "write the date as YYYY-MM-DD, YYYY-MM or YYYY")
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
        if not match:
            raise content_error(f"'{value}' is not a date",
                                "write the date as YYYY-MM-DD (2025-03-14), YYYY-MM or YYYY")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        try:
            dt.date(year or 1, month or 1, day or 1)
        except ValueError:
            raise content_error(f"'{value}' is not a real date",
                                "check the month (01–12) and the day of the month") from None
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate, json_schema_input_schema=core_schema.str_schema())


def validate_url(value: Any) -> str:
    if not isinstance(value, str):
        raise content_error(f"expected a web address, got {_describe(value)}",
                            "write a full address such as https://example.fi/")
    url = value.strip()
    if any(ord(ch) < 32 or ch in "\u2028\u2029\x7f" for ch in url) or " " in url:
        raise content_error("the address contains spaces or control characters",
                            "remove them; write spaces in web addresses as %20")
    if any(ch in '<>"`\\' for ch in url):
        raise content_error("the address contains a character that web addresses cannot "
                            'hold (< > " ` or \\)',
                            'write it percent-encoded: < as %3C, > as %3E, " as %22')
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in ("http", "https"):
        parts = urlsplit(url)
        if not parts.netloc or not url[len(scheme):].startswith("://"):
            raise content_error(f"'{value}' has no host name",
                                "write a full address such as https://example.fi/page")
        return scheme + url[len(scheme):]
    if scheme in ("mailto", "tel") and len(url) > len(scheme) + 1:
        return scheme + url[len(scheme):]
    raise content_error(f"'{_short(value)}' is not an allowed address",
                        "only http://, https://, mailto: and tel: addresses are allowed")


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


def validate_id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise content_error(f"expected an id, got {_describe(value)}",
                            "ids are lowercase words with hyphens, e.g. te-palvelut")
    if not is_valid_id(value):
        raise content_error(f"'{_short(value)}' is not a valid id",
                            f"use '{slugify(value)}': lowercase a–z, digits and hyphens, "
                            f"at most {MAX_ID_LENGTH} characters")
    return value


def validate_email(value: Any) -> str:
    if not isinstance(value, str) or not EMAIL.fullmatch(value.strip()):
        raise content_error(f"{_describe(value)} is not an e-mail address",
                            "write it as name@example.fi")
    return value.strip()


def validate_phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise content_error("the phone number was read as a number (a leading 0 or + is lost)",
                            "put the phone number in quotes: phone: \"+358 40 123 4567\"")
    if not isinstance(value, str) or not re.fullmatch(r"\+?[0-9][0-9 ()./-]{2,30}", value.strip()):
        raise content_error(f"{_describe(value)} is not a phone number",
                            "write digits, spaces and an optional leading +, "
                            "e.g. \"+358 40 123 4567\"")
    return value.strip()


LANGUAGE = re.compile(r"[a-z]{2,3}")


def validate_language_code(value: Any) -> str:
    """A language's ISO 639 code (fi, sv, en, ar, so …), one that babel knows."""
    from babel import Locale, UnknownLocaleError

    if not isinstance(value, str) or not LANGUAGE.fullmatch(value):
        raise content_error(f"{_describe(value)} is not a language code",
                            "write the language's two-letter code in lowercase, "
                            "e.g. fi, sv, en, ar, so, ru, uk")
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError):
        raise content_error(f"'{value}' is not a known language",
                            "write the language's two-letter code in lowercase, "
                            "e.g. fi, sv, en, ar, so, ru, uk") from None
    return value


def validate_color(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise content_error(f"{_describe(value)} is not a colour",
                            "write a colour as \"#rrggbb\" in quotes, e.g. \"#1f77b4\"")
    return value.lower()


def validate_media_path(value: Any, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        raise content_error(f"expected a file path, got {_describe(value)}",
                            "write a path under content/media/, e.g. media/logo.svg")
    problem = check_relative_path(value)
    if problem:
        raise content_error(problem, "write a path under content/media/, e.g. media/logo.svg")
    if not value.startswith("media/"):
        raise content_error(f"'{value}' is not in media/",
                            "put the file in content/media/ and write media/<file>")
    media = _context(info, "media")
    if media is not None and value not in media:
        from generator.errors import did_you_mean

        raise content_error(f"there is no file content/{value}",
                            did_you_mean(value, media) or "add the file to content/media/")
    return value


def _plain(function: Any, schema: core_schema.CoreSchema) -> Any:
    from pydantic import PlainValidator, WithJsonSchema

    return (PlainValidator(function), WithJsonSchema(_json_schema(schema)))


def _json_schema(schema: core_schema.CoreSchema) -> dict[str, Any]:
    return {"type": "string"} if schema["type"] == "str" else {}


Id = Annotated[str, *_plain(validate_id, core_schema.str_schema())]
Url = Annotated[str, *_plain(validate_url, core_schema.str_schema())]
Email = Annotated[str, *_plain(validate_email, core_schema.str_schema())]
Phone = Annotated[str, *_plain(validate_phone, core_schema.str_schema())]
Color = Annotated[str, *_plain(validate_color, core_schema.str_schema())]
LanguageCode = Annotated[str, *_plain(validate_language_code, core_schema.str_schema())]
MediaPath = Annotated[str, *_plain(validate_media_path, core_schema.str_schema())]
Level = Annotated[int, Strict(), Field(ge=1, le=5)]


class Visibility(StrEnum):
    """Who sees a piece of content: everyone (the public card too), or the workbook only.

    A content type declares the default of its files (see generator/model/content_type.py);
    a file or a list item may say otherwise with `visibility: public` or `internal`."""

    PUBLIC = "public"
    INTERNAL = "internal"


# A `visibility:` key as content files write it: the JSON Schema lists the two words
# (an enum class would be a `$ref` that editors show less readably).
VisibilityKey = Annotated[Visibility, WithJsonSchema({"title": "Visibility",
                                                      "enum": [v.value for v in Visibility],
                                                      "type": "string"})]

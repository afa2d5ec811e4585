"""Validate every raw document into the typed Site, collecting all errors.

Each content type's files become its value the way its declaration says (see
model/content_type.py): by default one model per file, `yaml_file`, `yaml_folder` or
`markdown_pages` after the shape of its source.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from generator.deps import fingerprint
from generator.errors import ErrorList
from generator.load.content import SETTINGS_FILE, RawContent
from generator.load.yaml_marks import YamlDocument, kept_documents
from generator.model import derivation, schema
from generator.model.content_type import Assemble, ContentType, ContentTypes
from generator.model.errors import validate as validate_data
from generator.model.page_languages import markdown_pages
from generator.model.references import check_references
from generator.model.site import Site
from generator.model.types import LANGUAGE_CODE
from generator.rebuilds import keeping

M = TypeVar("M", bound=BaseModel)
Absent = TypeVar("Absent", bound=schema.Model)


def validate(model: type[M], data: Any, source: Any, errors: ErrorList,
             context: dict[str, Any]) -> M | None:
    """Validate, and remember which file every model object came from."""
    result = validate_data(model, data, source, errors, context)
    if isinstance(result, schema.Model):
        schema.attach_source(result, f"file:{source.file}")
    return result


class _KeptModels:
    """netcard serve (generator.rebuilds): the model validated from each YAML document
    of the last build. The parse hands out the very same document for a file whose text
    is unchanged, and a model depends on nothing but its data and the validation
    context (the site's languages and media files), so most of an edit's 2,000 member
    files are not validated again. Only models validated without a problem are kept."""

    def __init__(self) -> None:
        self.models: dict[int, tuple[YamlDocument, type[BaseModel], dict[str, Any],
                                     BaseModel]] = {}

    def get(self, model: type[M], document: YamlDocument, context: dict[str, Any]) -> M | None:
        kept = self.models.get(id(document))
        if kept is None or kept[0] is not document or kept[1] is not model \
                or kept[2] != context:
            return None
        return kept[3]  # type: ignore[return-value]  # (kept[1] is model)

    def put(self, model: type[M], document: YamlDocument, context: dict[str, Any],
            result: M) -> None:
        if keeping():
            self.models[id(document)] = (document, model, dict(context), result)

    def forget_dropped(self) -> None:
        """After a load: drop the models of documents the parse no longer keeps (it
        forgets them all when they reach its bound). Not those of documents this load
        did not use: the history page loads older versions of the site in between."""
        kept = kept_documents()
        self.models = {key: value for key, value in self.models.items() if key in kept}


_KEPT = _KeptModels()


def validate_document(model: type[M], data: Any, document: YamlDocument, errors: ErrorList,
                      context: dict[str, Any]) -> M | None:
    """`validate` a document's `data` (its data, or that with the id the file name
    gives: the same for the same document), or the model kept from the last build."""
    kept = _KEPT.get(model, document, context)
    if kept is not None:
        return kept
    problems = len(errors.items)
    result = validate(model, data, document, errors, context)
    if result is not None and len(errors.items) == problems:
        _KEPT.put(model, document, context, result)
    return result


def build_site(raw: RawContent, errors: ErrorList, types: ContentTypes) -> Site | None:
    """The validated Site of these content types, or None when any error was found (all
    are in `errors`)."""
    settings = _settings(raw, errors)
    languages = settings.languages if settings else ["fi", "sv", "en"]
    context: dict[str, Any] = {"languages": languages, "media": raw.media}
    content = {content_type.name: _assembler(content_type)(content_type, raw, errors, context)
               for content_type in types}
    _KEPT.forget_dropped()
    if settings is None or None in content.values() or errors.errors:
        return None
    site = Site(settings=settings, types=types, content=content,
                media_files=frozenset(raw.media))
    check_references(site, raw, errors)
    return None if errors.errors else site


def _assembler(content_type: ContentType) -> Assemble:
    """How the type's files become its value: its own way, else one model per file."""
    if content_type.assemble is not None:
        return content_type.assemble
    if not content_type.source.is_folder:
        return yaml_file
    return markdown_pages if content_type.source.suffix == ".md" else yaml_folder


def _settings(raw: RawContent, errors: ErrorList) -> schema.SiteSettings | None:
    document = raw.single.get(SETTINGS_FILE)
    if document is None:
        return None
    data = dict(document.data)
    languages = data.get("languages")
    if isinstance(languages, list) and not _languages_ok(languages, document, errors):
        return None
    context = {"languages": languages if isinstance(languages, list) else None, "media": raw.media}
    return validate(schema.SiteSettings, data, document, errors, context)


def _languages_ok(languages: list[Any], document: YamlDocument, errors: ErrorList) -> bool:
    from babel import Locale, UnknownLocaleError

    ok = True
    seen: set[str] = set()
    for index, code in enumerate(languages):
        mark = document.mark(("languages", index))
        problem = ""
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            problem = f"'{code}' is not a language code"
        elif code in seen:
            problem = f"language '{code}' is listed twice"
        else:
            try:
                Locale.parse(code.replace("-", "_"))
            except (UnknownLocaleError, ValueError):
                problem = f"'{code}' is not a known language"
        if problem:
            errors.add(document.file, mark.line, mark.column, f"languages: {problem}",
                       "use language codes such as fi, sv, en; the first is the default")
            ok = False
        seen.add(str(code))
    return ok


def yaml_file(content_type: ContentType, raw: RawContent, errors: ErrorList,
              context: dict[str, Any]) -> schema.Model | None:
    """A type kept in one YAML file: its model. None when a required file is missing or
    wrong (the error is reported); an optional one that is missing is its empty model."""
    path = content_type.source.path
    document = raw.single.get(path)
    model = None if document is None else validate_document(content_type.model, document.data,
                                                            document, errors, context)
    if model is None and not content_type.source.required:
        return _absent(raw, path, content_type.model())
    if model is not None:
        _note_derivation(model, content_type, raw, document, _context_fingerprint(context))
    return model


def _absent(raw: RawContent, path: str, empty: Absent) -> Absent:
    """The stand-in for an optional file that does not exist. It still names the file
    as its source, so a page that reads it depends on it: creating the file later
    re-renders that page (the property test in tests/build found this)."""
    schema.attach_source(empty, f"file:{raw.display(path)}")
    return empty


def yaml_folder(content_type: ContentType, raw: RawContent, errors: ErrorList,
                context: dict[str, Any]) -> dict[str, schema.Model]:
    """A type kept in a folder of YAML files: {id: model}; the file name is the id."""
    result: dict[str, schema.Model] = {}
    made_in = _context_fingerprint(context)
    for identifier, document in raw.folders.get(content_type.source.path, {}).items():
        data = with_file_id(document, identifier, errors)
        item = validate_document(content_type.model, data, document, errors, context)
        if item is not None:
            result[identifier] = item
            _note_derivation(item, content_type, raw, document, made_in)
    return result


def _note_derivation(model: schema.Model, content_type: ContentType, raw: RawContent,
                     document: YamlDocument | None, made_in: str) -> None:
    """The model is its type validated from its file's bytes in this context (see
    model/derivation.py): the file name is in the bytes' fingerprint's key."""
    if document is None:
        return
    read = raw.hashes.get(f"file:{document.file}")
    if read is not None:
        derivation.note(model, "validated", content_type.model.__qualname__, document.file,
                        read, made_in)


def _context_fingerprint(context: dict[str, Any]) -> str:
    """The validation context (languages, media files) as a fingerprint."""
    def named(value: Any) -> str:
        return repr(sorted(value) if isinstance(value, set | frozenset) else value)
    return fingerprint(*(f"{name}={named(value)}" for name, value in sorted(context.items())))


def with_file_id(document: YamlDocument, identifier: str, errors: ErrorList) -> dict[str, Any]:
    data = dict(document.data)
    if "id" in data:
        mark = document.key_mark(("id",))
        errors.add(document.file, mark.line, mark.column,
                   "unknown key 'id': the file name is the id",
                   f"remove the 'id' line; rename the file to change the id (now '{identifier}')")
        del data["id"]
    data["id"] = identifier
    return data

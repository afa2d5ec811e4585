"""A folder of Markdown pages with their translations: {id: Page}.

A page is `<id>.md`, in the site's default language (the first of site.yaml's
`languages`); its translations sit beside it with the language before the suffix,
`<id>.sv.md`, `<id>.en.md`. A translation is the same page (the same id and address)
in another language: its body is that language's text, and the front matter fields it
leaves out come from `<id>.md`.

What a translation's front matter may say:

- a text field (`title`) is that language's text: a plain string (`title: Om oss`), or
  the default file's whole value copied unchanged. It must not contradict a text the
  default file already gives in that language.
- every other field (`visibility`, `order`, `menu`, `phase`, `step`) is the page's, set
  in `<id>.md` for every language: a translation may repeat it (a copied file) but not
  change it. So a translation cannot publish what the page keeps internal, nor move
  the page to another place in the menus of one language.

`<id>.fi.md` when fi is the default language is an error, not a second name for
`<id>.md`: one file per text keeps the id and the default text unambiguous, and a
site whose default language changes gets an error, not a page that silently lost its
default text.
"""

from __future__ import annotations

from typing import Any

from generator.errors import ErrorList
from generator.load.content import RawContent
from generator.load.frontmatter import MarkdownFile
from generator.load.yaml_marks import YamlDocument
from generator.model import schema
from generator.model.content_type import ContentType
from generator.model.errors import validate as validate_data
from generator.model.site import Page, PageTranslation
from generator.model.types import Text


def markdown_pages(content_type: ContentType, raw: RawContent, errors: ErrorList,
                   context: dict[str, Any]) -> dict[str, Page]:
    """A type kept in a folder of Markdown files: {id: page}, the front matter validated
    as the type's model, each page's translations merged in."""
    folder = content_type.source.path
    languages: list[str] = list(context["languages"])
    pages = raw.markdown.get(folder, {})
    translations = raw.translations.get(folder, {})
    result: dict[str, Page] = {}
    for identifier, markdown in pages.items():
        front = markdown.front
        meta = _validated(content_type.model, front.data, front, errors, context)
        own = _usable_translations(content_type, identifier, translations.get(identifier, {}),
                                   languages, raw, errors)
        if not isinstance(meta, schema.PageMeta):
            continue
        merged = _merged_meta(content_type, identifier, meta, own, errors, context)
        result[identifier] = Page(
            identifier, content_type.name, merged, markdown.body, markdown.body_line, front.file,
            {language: PageTranslation(language, file.body, file.body_line, file.front.file)
             for language, file in own.items()},
            languages[0])
    for identifier in sorted(translations.keys() - pages.keys()):
        _usable_translations(content_type, identifier, translations[identifier], languages,
                             raw, errors)
    return result


def _validated(model: type[schema.Model], data: Any, document: YamlDocument,
               errors: ErrorList, context: dict[str, Any]) -> schema.Model | None:
    result = validate_data(model, data, document, errors, context)
    if isinstance(result, schema.Model):
        schema.attach_source(result, f"file:{document.file}")
    return result


def _usable_translations(content_type: ContentType, identifier: str,
                         files: dict[str, MarkdownFile], languages: list[str],
                         raw: RawContent, errors: ErrorList) -> dict[str, MarkdownFile]:
    """The translations of one page that are in a language of the site other than the
    default and have their page beside them, in the order of the site's languages; an
    error for each other one."""
    folder, suffix = content_type.source.path, content_type.source.suffix
    default = languages[0]
    page_name = f"{identifier}{suffix}"
    page_exists = f"{folder}/{page_name}" in raw.seen_files  # read, even if it is broken
    for language, file in files.items():
        name = f"{identifier}.{language}{suffix}"
        where = file.front.file
        if language not in languages:
            others = ", ".join(f"{identifier}.{code}{suffix}" for code in languages[1:])
            errors.add(where, 0, 0,
                       f"'{name}' is a translation into '{language}', which is not one of "
                       f"the site's languages ({', '.join(languages)})",
                       f"add '{language}' to languages in content/site.yaml, or rename the "
                       + (f"file to one of {others}" if others else "file")
                       + f" (a page's id has no dots: {identifier}-{language}{suffix} is "
                       "another page)")
        elif language == default:
            errors.add(where, 0, 0,
                       f"'{name}' is in the site's default language ({default}), whose text "
                       f"is {page_name}",
                       f"move its text into {page_name} and delete this file" if page_exists
                       else f"rename it to {page_name}")
        elif not page_exists:
            errors.add(where, 0, 0, f"this translation has no page: there is no "
                       f"content/{folder}/{page_name}",
                       f"a translation sits beside its page in the default language "
                       f"({default}): create content/{folder}/{page_name}, or rename this "
                       f"file to {page_name} if it is the page's {default} text")
    return {language: files[language] for language in languages[1:]
            if language in files and page_exists}


def _merged_meta(content_type: ContentType, identifier: str, meta: schema.PageMeta,
                 translations: dict[str, MarkdownFile], errors: ErrorList,
                 context: dict[str, Any]) -> schema.PageMeta:
    """The default file's front matter with the texts of the translations added, each
    translation's other fields checked against it."""
    default = context["languages"][0]
    page_name = f"{identifier}{content_type.source.suffix}"
    texts: dict[str, dict[str, str]] = {}  # field → language → text
    for language, file in translations.items():
        front = file.front
        data = dict(front.data)
        own = _validated(content_type.model, {"title": meta.title, **data}, front, errors,
                         context)
        if not isinstance(own, schema.PageMeta):
            continue
        for name, key in _written_fields(own, data):
            value, original = getattr(own, name), getattr(meta, name)
            mark = front.mark((key,))
            if isinstance(value, Text) and isinstance(original, Text):
                problem = _merge_text(texts.setdefault(name, _values(original, default)),
                                      key, value, original, language, page_name)
            else:
                problem = _same_field(content_type, key, own, meta, value, original, page_name)
            if problem is not None:
                errors.add(front.file, mark.line, mark.column, *problem)
    if not texts:
        return meta
    merged = meta.model_copy(update={name: Text(values) for name, values in texts.items()
                                     if values != _values(getattr(meta, name), default)})
    schema.attach_source(merged, schema.source_of(meta))
    return merged


def _written_fields(model: schema.Model, data: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, key as written) of each field the file itself writes."""
    fields = type(model).model_fields
    return [(name, field.alias or name) for name, field in fields.items()
            if (field.alias or name) in data]


def _values(text: Text, default: str) -> dict[str, str]:
    """A text's strings by language; a plain string is the default language's."""
    return dict(text.values) if text.plain is None else {default: text.plain}


def _merge_text(values: dict[str, str], key: str, value: Text, original: Text, language: str,
                page_name: str) -> tuple[str, str] | None:
    """Add a translation's `value` of a text field to `values` (the page's, by language);
    why it cannot be, if it cannot."""
    if value == original:  # the default file's value, copied with the file
        return None
    if value.plain is not None:
        text = value.plain
    elif set(value.values) == {language}:
        text = value.values[language]
    else:
        return (f"'{key}' in a translation is its '{language}' text only",
                f"write it as plain text: {key}: …, or leave it out to use {page_name}'s")
    given = original.values.get(language)
    if given is not None and given != text:
        return (f"the '{language}' {key} is given twice, differently: here and in "
                f"{page_name} ('{given}')",
                f"keep it in one file: remove '{language}: …' from the {key} of {page_name}, "
                f"or remove the {key} here")
    values[language] = text
    return None


def _same_field(content_type: ContentType, key: str, own: schema.PageMeta,
                meta: schema.PageMeta, value: Any, original: Any,
                page_name: str) -> tuple[str, str] | None:
    """A field that is the page's in every language, repeated in a translation: why it
    cannot differ, if it does."""
    if key == "visibility":
        value, original = content_type.visibility_of(own), content_type.visibility_of(meta)
        if value == original:
            return None
        return (f"'visibility: {value}' here, but {page_name} is {original}: a translation "
                f"has the visibility of its page",
                f"remove the visibility line from this file; to make the page {value} in "
                f"every language, write 'visibility: {value}' in {page_name}")
    if value == original:
        return None
    return (f"'{key}: {_shown(value)}' here, but {page_name} says {_shown(original)}: a "
            f"translation has the {key} of its page",
            f"remove the {key} line from this file; to change it in every language, change "
            f"it in {page_name}")


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)

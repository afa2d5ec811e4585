"""Which texts of a site are not translated into each of its languages (`netcard check`).

A text given per language ({fi: …, sv: …}) is translatable; one that lacks a language
of the site is *untranslated* there: the pages of that language show it in the
default language (render/fallback.py marks it). A plain string (`name: Silta ry`) is
one text for every language, the way names, addresses and quoted answers are written,
and is never counted. Markdown pages alike: a page with translations (`tietoa.sv.md`
beside `tietoa.md`) lacks each other language's text, and its texts (`title`) that a
translation file leaves out are listed at that file; a page without translations is
one text for every language. `netcard check` lists every untranslated text as a warning at
its file:line:column, then sums them up per language; `check --strict` fails on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError, ErrorList
from generator.load.frontmatter import parse_markdown_file
from generator.load.yaml_marks import DocPath, Mark, YamlDocument, parse_yaml
from generator.model.schema import Model
from generator.model.site import Page, PageTranslation, Site, top_level_items
from generator.model.types import Text


@dataclass(frozen=True)
class Untranslated:
    """One text that lacks some of the site's languages."""

    file: str  # content/…, as the site's messages name files
    path: DocPath  # the keys (and list positions) from the file's top to the text
    missing: tuple[str, ...]  # in the order of the site's languages
    present: tuple[str, ...]
    page: bool  # the text is in the front matter of a Markdown page
    body: bool = False  # the page's text itself is missing (`path` is empty)
    line: int = 0  # for `body`: where the page's text starts in its file
    # The text is missing from this translation's front matter (`file` is the
    # translation, `missing` its language).
    translation: bool = False

    @property
    def key(self) -> str:
        """The key the text is written under ("title", "name" …)."""
        return next((str(part) for part in reversed(self.path) if isinstance(part, str)),
                    "text")


def untranslated(site: Site) -> list[Untranslated]:
    """Every text of the site that lacks one of its languages, file by file."""
    languages = site.languages
    if len(languages) < 2:
        return []
    found: list[Untranslated] = []
    for source, item in top_level_items(site).items():
        file = source.removeprefix("file:")
        if isinstance(item, PageTranslation):
            continue  # (with its page)
        if isinstance(item, Page) and item.translations:
            found.extend(_translated_page(item, languages))
            continue
        is_page = isinstance(item, Page)
        model = item.meta if is_page else item
        for path, text in _texts(model, ()):
            missing = tuple(code for code in languages if not text.has(code))
            if missing:
                present = tuple(code for code in languages if text.has(code))
                found.append(Untranslated(file, path, missing, present, is_page))
    return found


def _translated_page(page: Page, languages: list[str]) -> list[Untranslated]:
    """What a page with translations lacks: its text in each language that has no
    translation file (which covers its title there too), and each text of its front
    matter that a translation file leaves out."""
    has = page.languages
    no_body = tuple(code for code in languages if code not in has)
    found = []
    if no_body:
        found.append(Untranslated(page.file, (), no_body,
                                  tuple(code for code in languages if code in has), True,
                                  body=True, line=page.body_line))
    for path, text in _texts(page.meta, ()):
        present = tuple(code for code in languages if text.has(code))
        missing = [code for code in languages if not text.has(code) and code not in no_body]
        in_page = tuple(code for code in missing if code not in page.translations)
        if in_page:
            found.append(Untranslated(page.file, path, in_page, present, True))
        found.extend(Untranslated(page.translations[code].file, path, (code,), present, True,
                                  translation=True)
                     for code in missing if code in page.translations)
    return found


def _texts(value: Any, path: DocPath) -> Iterator[tuple[DocPath, Text]]:
    """Each per-language Text inside a model, with the keys that lead to it in its file."""
    if isinstance(value, Text):
        if value.plain is None:
            yield path, value
    elif isinstance(value, Model):
        fields = type(value).model_fields
        for name, item in object.__getattribute__(value, "__dict__").items():
            field = fields.get(name)
            key = field.alias if field is not None and field.alias else name
            yield from _texts(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


def warnings(site: Site, site_dir: Path) -> list[ContentError]:
    """A warning at the file:line:column of each untranslated text."""
    names = {code: language_label(code) for code in site.languages}
    documents: dict[str, YamlDocument | None] = {}
    problems: list[ContentError] = []
    for text in untranslated(site):
        missing = _listed([names[code] for code in text.missing])
        shown = names[text.present[0]] if text.present else "another language"
        if site.default_language in text.present:
            shown = names[site.default_language]
        if text.body:
            problems.append(ContentError(
                text.file, text.line, 1,
                f"the page has no {missing} translation: those pages show its {shown} text",
                "translate it into " + _listed([_translation_file(text.file, code)
                                                for code in text.missing], "and")
                + " (front matter fields left out there come from this file)",
                warning=True))
            continue
        if text.file not in documents:
            documents[text.file] = _document(site_dir, text.file)
        document = documents[text.file]
        mark = document.mark(text.path) if document is not None else Mark(0, 0)
        if text.translation:
            problems.append(ContentError(
                text.file, mark.line, mark.column,
                f"this translation has no '{text.key}': its page shows the {shown} one",
                f"write the {missing} {text.key} in its front matter: {text.key}: …",
                warning=True))
            continue
        problems.append(ContentError(
            text.file, mark.line, mark.column,
            f"'{text.key}' has no {missing} text: those pages show it in {shown}",
            f"add the missing languages to it: {text.key}: {{"
            + ", ".join(f"{code}: …" for code in site.languages) + "}",
            warning=True))
    return problems


def _translation_file(file: str, language: str) -> str:
    """content/pages/tietoa.md's translation into sv: content/pages/tietoa.sv.md."""
    stem, dot, suffix = file.rpartition(".")
    return f"{stem}.{language}{dot}{suffix}"


def summary(site: Site) -> list[str]:
    """Per language, how many texts are untranslated, in which files and pages."""
    found = untranslated(site)
    if not found:
        return []
    lines = ["untranslated texts, by language (netcard check --strict fails on them):"]
    for code in site.languages:
        texts = [text for text in found if code in text.missing]
        if not texts:
            continue
        files = sorted({text.file for text in texts if not text.page})
        pages = sorted({text.file for text in texts if text.page})
        count = len(texts)
        line = f"  {language_label(code)}: {count} text{'s' if count != 1 else ''}"
        if files:
            line += f"; files: {', '.join(files)}"
        if pages:
            line += f"; pages: {', '.join(pages)}"
        lines.append(line)
    return lines


def language_label(code: str) -> str:
    """A language's English name with its code: "Swedish (sv)"."""
    from babel import Locale

    name = Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    return f"{name} ({code})"


def _listed(items: list[str], last: str = "or") -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _document(site_dir: Path, file: str) -> YamlDocument | None:
    """The file's YAML (a Markdown file's front matter) with the position of every value;
    None when it cannot be read again (it changed or vanished since it was loaded)."""
    errors = ErrorList()
    try:
        text = (site_dir / file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if file.endswith(".md"):
        # (a translation's front matter may be empty; a page's never reaches here empty)
        markdown = parse_markdown_file(text, file, errors, translation=True)
        return markdown.front if markdown is not None else None
    return parse_yaml(text, file, errors, allow_empty=True)

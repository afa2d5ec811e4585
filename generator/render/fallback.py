"""Texts shown in another language than the page's, marked as such.

A text given per language ({fi: …, sv: …}) that lacks the page's language is shown
in the site's default language (else in the first it has). That text is then in
another language than the page around it: it goes inside its own `lang`, so a
screen reader reads it with the right voice, and a small note in the page's
language says which language it is in ("Om nätverket (ruotsiksi)").

A plain string (`name: Silta ry`) is one text for every language, the way names,
addresses and quoted answers are written: it is shown as it is, with no note (a
Markdown one goes in a `lang` of the default language: PageHelpers.md).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.model.types import Text
from generator.render import i18n


class Shown(str):
    """A content text as a page shows it: a str, which also knows the language it is
    in when that is not the page's (`foreign`, else None)."""

    foreign: str | None = None


def shown_text(value: Text | str | None, language: str, default_language: str) -> str:
    """`value` in `language`, falling back as `Text.get` does; a `Shown` carrying the
    language it fell back to, when it did."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = value.get(language, default_language)
    foreign = _fallback_language(value, language, default_language)
    if foreign is None:
        return text
    shown = Shown(text)
    shown.foreign = foreign
    return shown


def _fallback_language(value: Text, language: str, default_language: str) -> str | None:
    """The language `Text.get` falls back to for `language`, or None when it need not."""
    if value.has(language) or value.plain is not None or not value.values:
        return None
    if value.has(default_language):
        return default_language
    return next(iter(value.values))


def foreign_language(text: str) -> str | None:
    """The language of a text made by `shown_text`, when it is not the page's."""
    return text.foreign if isinstance(text, Shown) else None


def note(language: str, foreign: str) -> str:
    """The words after a text in `foreign` on a page in `language`: "ruotsiksi"."""
    strings = i18n.texts(language)
    key = f"fallback.in.{foreign}"
    if key in strings:
        return strings[key]
    return i18n.fill(strings, "fallback.in_other",
                     {"language": _language_name(foreign, language)})


def _language_name(code: str, language: str) -> str:
    """`code`'s name in `language` ("tyska" for de in Swedish)."""
    from babel import Locale

    name = Locale.parse(i18n.babel_locale(code)).get_display_name(i18n.babel_locale(language))
    return name or code


def marked_inline(text: str, language: str) -> Markup:
    """A text for inside a line (a heading, a link, a table cell): as it is, or in a
    `<span lang>` followed by the note in the page's language."""
    foreign = foreign_language(text)
    if foreign is None:
        return escape(text)
    return Markup('<span lang="{0}">{1}</span> <span class="fallback-note" lang="{2}">'
                  '({3})</span>').format(foreign, str(text), language, note(language, foreign))


def marked_block(html: Markup, foreign: str | None, language: str) -> Markup:
    """Rendered Markdown in `foreign` (None: the page's language): in a `<div lang>`
    that starts with the note."""
    if foreign is None:
        return html
    return Markup('<div class="fallback" lang="{0}"><p class="fallback-note" lang="{1}">'
                  '({2})</p>\n{3}</div>').format(foreign, language, note(language, foreign),
                                                html)

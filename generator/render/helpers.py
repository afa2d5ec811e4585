"""What templates call: texts in the page's language, URLs relative to the page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.model.schema import Member
from generator.model.site import Page, Site
from generator.model.types import PartialDate, Text
from generator.render import i18n
from generator.render.dates import DateUse, date_phrase
from generator.render.fallback import foreign_language, marked_block, marked_inline, shown_text
from generator.render.markdown import LinkContext, plain_text, render_markdown
from generator.render.routes import Routes, language_prefix, relative_url


class PageHelpers:
    """Bound to one output page: its language, its path and its profile's content."""

    def __init__(self, site: Site, routes: Routes, language: str, path: str,
                 links: LinkContext, *, absolute_paths: bool = False) -> None:
        self.site = site
        self.routes = routes
        self.language = language
        self.path = path  # without the language prefix
        self.links = links
        self.prefix = language_prefix(language, site.default_language)
        self.file = self.prefix + path
        self.default_language = site.default_language
        i18n.record_locale(language)  # once here, instead of in every t() below
        self.texts = i18n.texts(language)
        # The 404 page is served at any depth, so its links start at the site root.
        self.absolute_paths = absolute_paths
        self.assets: list[str] = []  # the theme's files it links to ("assets/…"), in order
        self._member_urls: dict[str, str | None] = {}

    # texts -------------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        return i18n.fill(self.texts, key, values)

    def tn(self, key: str, count: float | int, decimals: int = 0, **values: Any) -> str:
        """A counted string in the form CLDR's plural rules give `count` in this language
        (`nc.tn("members.lead", 2)` -> "Jäseniä nyt 2: …"); {count} is the number as
        written here, with up to `decimals` decimals."""
        return i18n.fill_count(self.texts, self.language, key, count, decimals, values)

    def t_list(self, key: str) -> list[str]:
        return i18n.translate_list(self.language, key)

    def text(self, value: Text | str | None) -> str:
        """The text in this page's language (falling back to the default language): a
        str, for attributes and sorting too. One shown in another language knows it
        (fallback.Shown), and `marked` marks it."""
        return shown_text(value, self.language, self.default_language)

    def marked(self, value: Text | str | None) -> Markup:
        """A text for an element's content (a heading, a link, a list item, a cell):
        as it is, or, when it is in another language than the page, inside its own
        `lang` with a small note of the language (`nc.marked(member.name)`,
        `nc.marked(page_title)`). Never inside an attribute: use `nc.text` there."""
        text = value if isinstance(value, str) else self.text(value)
        return marked_inline(text, self.language)

    def prose(self, value: Text | str | None) -> Markup:
        """A sentence for inside a line (a vision, a goal, an answer, an action): as
        `marked`; and when it is a plain string on another language's page, inside a
        `<span lang>` of the default language, the language plain prose is written in
        (as `md` does for Markdown), with no note. Names and addresses use `marked`."""
        if isinstance(value, Text) and value.plain and self.language != self.default_language:
            return self.written(value.plain)
        return self.marked(value)

    def written(self, text: str) -> Markup:
        """Free text someone wrote, in no language of its own (a commit message): taken
        to be in the default language, as plain prose is (`prose`), so marked with it on
        another language's page."""
        if text and self.language != self.default_language:
            return Markup('<span lang="{0}">{1}</span>').format(self.default_language, text)
        return Markup("{0}").format(text)

    def by_name(self, members: list[Member]) -> list[Member]:
        """Members in the alphabetical order of their names in this language."""
        return sorted(members, key=lambda m: (self.text(m.name).casefold(), m.id))

    def level_label(self, labels: dict[int, Text | str], level: int) -> str:
        """A competence level's label: the site's own, else the UI's."""
        label = labels[level]
        return self.text(label) if isinstance(label, Text) else self.t(label)

    def md(self, value: Text | str | None, shift: int = 0) -> Markup:
        """Markdown text as HTML; in a `<div lang>` with a note when it is in another
        language than the page, and in a `<div lang>` of the default language when it
        is a plain string on another language's page."""
        source = self.text(value)
        if not source:
            return Markup("")
        # Links to content files resolve relative to this page (content_url), while
        # the media used and the broken links are still collected on self.links.
        links = self.links.resolving_with(self.content_url)
        html = render_markdown(source, allow_html=self.site.settings.markdown.allow_html,
                               links=links, shift_headings=shift)
        foreign = foreign_language(source)
        if foreign is None and isinstance(value, Text) and value.plain is not None \
                and self.language != self.default_language:
            # A plain string is in the default language (the content format says so):
            # a screen reader reads it in that voice; not a translation missing, no note.
            return Markup('<div lang="{0}">{1}</div>').format(self.default_language, html)
        return marked_block(html, foreign, self.language)

    def page_text(self, page: Page) -> Markup:
        """A Markdown page's text in this page's language: its translation; else the text
        of its default-language file in that language's `lang`, with the note a missing
        translation gets (render/fallback.py) when the page has other translations."""
        text = page.text_in(self.language)
        links = self.links.resolving_with(self.content_url)
        html = render_markdown(text.body, allow_html=self.site.settings.markdown.allow_html,
                               links=links)
        if text.language == self.language:
            return html
        if text.fallback:
            return marked_block(html, text.language, self.language)
        return Markup('<div lang="{0}">{1}</div>').format(text.language, html)

    def plain(self, value: Text | str | None) -> str:
        return plain_text(self.text(value))

    # numbers and dates -------------------------------------------------------
    def date(self, value: PartialDate | None, use: DateUse | None = None) -> str:
        """A date on its own ("lokakuu 2023"), or with `use` the words a sentence
        needs around it: "since" ("lokakuusta 2023 alkaen", "sedan oktober 2023"),
        "at" ("lokakuussa 2023", "i oktober 2023", "on October 12, 2023")."""
        if value is None or use is None:
            return i18n.format_date(value, self.language)
        return date_phrase(value, self.language, use)

    def num(self, value: float | int | None, decimals: int = 2) -> str:
        if value is None:
            return "–"
        return i18n.format_number(value, self.language, decimals)

    def fixed(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "–"
        return i18n.format_fixed(value, self.language, decimals)

    def pct(self, value: float | None) -> str:
        return "–" if value is None else i18n.format_percent(value, self.language)

    # URLs --------------------------------------------------------------------
    def url(self, path: str) -> str:
        """A page of this language: `url('members/index.html')`."""
        return self.root_url(self.prefix + path)

    def root_url(self, path: str) -> str:
        """A file shared by all languages (assets, media, exports)."""
        if path.startswith("assets/") and path not in self.assets:
            self.assets.append(path)
        if self.absolute_paths:
            return self.site_root() + path
        return relative_url(self.file, path)

    def site_root(self) -> str:
        """The path the site is served under, always ending in "/" ("/network/" for
        base_url https://example.org/network, with or without the final slash)."""
        from urllib.parse import urlsplit

        base = self.site.settings.base_url
        return (urlsplit(base).path if base else "").rstrip("/") + "/"

    def lang_url(self, language: str) -> str:
        target = language_prefix(language, self.default_language) + self.path
        if self.absolute_paths:  # the 404 page: served at any depth
            return self.site_root() + target
        return relative_url(self.file, target)

    def member_url(self, member_id: str) -> str | None:
        """A member's page (None for a member without one). A member page links its
        neighbours from its tie list and its graph: each is worked out once."""
        known = self._member_urls.get(member_id, "")
        if known == "":
            target = self.routes.member(member_id)
            known = self._member_urls[member_id] = self.url(target) if target else None
        return known

    def content_url(self, content_path: str) -> str | None:
        found = self.routes.content_page(content_path)
        if found is None:
            return None
        target, language = found
        if content_path.startswith("media/"):
            self.links.used_media.add(content_path)
            return self.root_url(target)
        if language is not None:  # a translation's file: that language's page
            return self.root_url(language_prefix(language, self.default_language) + target)
        return self.url(target)

    def media(self, path: str | None) -> str:
        if not path:
            return ""
        self.links.used_media.add(path)
        return self.root_url(path)

    def absolute(self, path: str) -> str | None:
        base = self.site.settings.base_url
        if not base:
            return None
        return base.rstrip("/") + "/" + (self.prefix + path).removesuffix("index.html")

"""Reading a bundle back: its tags and attributes, its CSP and its inline scripts."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# A small site with every kind of link the bundle must rewrite.
SMALL_SITE: dict[str, str | bytes | None] = {
    "site.yaml": "languages: [fi, en]\n",
    "network.yaml": """\
        name: {fi: Pieni verkosto, en: Small network}
        logo: media/logo.svg
        services:
          - id: neuvonta
            name: {fi: Neuvonta, en: Guidance}
            providers: [alpha, beta]
        coordination:
          coordinators: [alpha]
        """,
    "members/alpha.yaml": """\
        name: Alpha
        sector: education
        role: core
        description: {fi: "Katso [Beta](members/beta.yaml) ja ![kuva](media/kuva.png).",
                      en: "See [Beta](members/beta.yaml) and ![picture](media/kuva.png)."}
        website: https://alpha.example.org/
        """,
    "members/beta.yaml": "name: Beta\nsector: employment\n",
    "members/gamma.yaml": "name: Gamma\nsector: ngo\n",
    "ties.yaml": """\
        ties:
          - between: [alpha, beta]
            strength: 4
          - between: [beta, gamma]
        """,
    "media/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
                      '<rect width="4" height="4" fill="#0f6e6e"/></svg>\n',
    "media/kuva.png": base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
    "workbook/vaihe-1.md": """\
        ---
        title: {fi: Vaihe yksi, en: Phase one}
        phase: 1
        ---
        Lue [strategia](strategy/strategia.md) ja [Alpha](members/alpha.yaml).
        """,
    "strategy/strategia.md": """\
        ---
        title: Strategia
        ---
        Strategian teksti.
        """,
    "pages/tietoa.md": """\
        ---
        title: {fi: Tietoa, en: About}
        menu: true
        ---
        [Verkosto](https://verkosto.example.org/) ja [sähköposti](mailto:a@example.org).
        """,
}


@dataclass
class Parsed:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self.open: tuple[str, dict[str, str | None]] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self.open, self.text = (tag, dict(attrs)), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag == self.open[0]:
            text = "".join(self.text)
            if tag == "script":
                self.parsed.scripts.append((self.open[1], text))
            else:
                self.parsed.styles.append(text)
            self.open = None


def parse(html: bytes) -> Parsed:
    reader = _Reader()
    reader.feed(html.decode("utf-8"))
    reader.close()
    return reader.parsed


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def csp_of(parsed: Parsed) -> dict[str, list[str]]:
    content = next(attrs["content"] for tag, attrs in parsed.tags if tag == "meta"
                   and attrs.get("http-equiv") == "Content-Security-Policy")
    assert content is not None
    directives = [part.split() for part in content.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


def ids_of(parsed: Parsed) -> list[str]:
    return [str(attrs["id"]) for _, attrs in parsed.tags if attrs.get("id")]


def sections_of(parsed: Parsed) -> list[str]:
    return [str(attrs["id"]) for tag, attrs in parsed.tags
            if tag == "section" and "bundle-section" in (attrs.get("class") or "").split()]


URL_IN_CSS = re.compile(r"url\(\s*['\"]?([^'\")]+)")

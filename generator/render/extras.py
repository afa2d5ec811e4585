"""Files beside the pages: sitemap.xml, robots.txt, the vCard and the QR code."""

from __future__ import annotations

import functools
import io
import re
from html import escape

from generator.model.site import Site
from generator.render.routes import language_prefix


def sitemap_xml(site: Site, page_paths: list[str]) -> str | None:
    """Every page under base_url, with its language alternates (None without base_url,
    and for the workbook, which is not published there).

    Escaped with html.escape (& < > " '), which is also right for XML; xml.sax.saxutils
    would import urllib and http.client, 20 ms of every build's start."""
    base = site.settings.base_url
    if not base or not site.published:
        return None
    base = base.rstrip("/") + "/"
    default = site.default_language
    prefixes = {language_prefix(code, default) for code in site.languages} - {""}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in sorted(page_paths):
        if path.endswith("404.html") or any(path.startswith(p) for p in prefixes):
            continue
        lines.append(f"  <url><loc>{escape(base + path.removesuffix('index.html'))}</loc>")
        for code in site.languages:
            href = base + (language_prefix(code, default) + path).removesuffix("index.html")
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{escape(code)}" '
                         f'href="{escape(href)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site: Site) -> str:
    """Search engines are welcome only on the published profile."""
    if not site.published:
        return "User-agent: *\nDisallow: /\n"
    text = "User-agent: *\nAllow: /\n"
    if site.settings.base_url:
        text += f"Sitemap: {site.settings.base_url.rstrip('/')}/sitemap.xml\n"
    return text


def _vcard_escape(value: str) -> str:
    """A vCard text value: every kind of line break becomes '\\n', so no text can start
    a property line of its own; other control characters are dropped."""
    value = re.sub(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]", "\n", value)
    value = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", value)
    return (value.replace("\\", "\\\\").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def _fold(line: str) -> str:
    """vCard lines are folded at 75 octets, continuation lines start with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " "
        current += char
    out.append(current)
    return "\r\n".join(out)


def contact_vcard(site: Site) -> str:
    """The network's contact card (vCard 3.0, understood by phones and mail clients)."""
    network = site.network
    language = site.default_language
    name = network.name.get(language, language)
    contact = network.contact
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_escape(name)}",
             f"ORG:{_vcard_escape(name)}", "KIND:org"]
    if network.tagline:
        lines.append(f"NOTE:{_vcard_escape(network.tagline.get(language, language))}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_vcard_escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_vcard_escape(contact.phone)}")
    if contact.address:
        address = contact.address.get(language, language)
        street = _vcard_escape(address)
        lines.append(f"ADR;TYPE=WORK:;;{street};;;;")
    website = contact.website or site.settings.base_url
    if website:
        lines.append(f"URL:{_vcard_escape(website)}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


@functools.lru_cache(maxsize=4)
def qr_svg(url: str) -> str:
    """A QR code that points to the card, as a small standalone SVG (made with segno).
    Kept for the next build of the same address (5 ms of every `netcard serve` rebuild)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False,
                                    title="QR", svgclass="qr-code", lineclass=None)
    return buffer.getvalue().decode("utf-8")

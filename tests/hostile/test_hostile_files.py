"""Hostile content in every field: nothing comes out as markup, script, formula or property."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import load_site
from generator.errors import ContentErrors
from generator.render.markdown import is_safe_url
from tests.conftest import SiteFactory
from tests.hostile.hostile_site import (
    DANGEROUS,
    EVIL_SVG,
    FORMULAS,
    SAFE_URL,
    TEMPLATE,
    hostile_files,
)

TEXT_SUFFIXES = (".html", ".json", ".xml", ".graphml", ".gexf", ".svg", ".vcf", ".csv", ".txt")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href",
                  "background", "data"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "form-action",
                  "style", "meta-refresh", "applet"}


def output_files(out: Path) -> list[Path]:
    """Every text file the build wrote, except the theme's and Pagefind's own scripts."""
    skipped = ("assets", "pagefind")
    return sorted(p for p in out.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
                  and p.relative_to(out).parts[1] not in skipped)


class MarkupAudit(HTMLParser):
    """Records every element or attribute through which a page could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: dict[str, str] | None = None
        self.script_text: list[str] = []
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and not is_safe_url(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style=…> (no inline styles come from content)")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            self.script = values
            self.script_text = []

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self.script is None:
            return
        body = "".join(self.script_text)
        if self.script.get("type") == "application/json":
            self.json_blocks.append(body)
        elif body.strip() or not self.script.get("src"):
            self.problems.append(f"inline script: {body[:80]!r}")
        self.script = None


@pytest.mark.slow
def test_every_payload_field_reaches_the_workbook(hostile_output: Path) -> None:
    """The checks below mean something only if the payloads were rendered at all."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in
                      (hostile_output / "workbook").rglob("*.html"))
    tags = {tag for body in hostile_files(allow_html=False).values()
            for tag in re.findall(r"\[([a-z0-9_.-]+)\] ", body)}
    missing = sorted(tag for tag in tags if f"[{tag}] " not in pages)
    assert len(tags) > 80
    assert missing == []


def test_no_payload_comes_out_as_markup(hostile_output: Path) -> None:
    files = output_files(hostile_output)
    assert len(files) > 100
    for path in files:
        if path.suffix in (".csv", ".vcf", ".txt"):
            continue  # not markup; checked by their own tests below
        text = path.read_text(encoding="utf-8")
        found = [d for d in DANGEROUS if d in text]
        assert found == [], f"{path.relative_to(hostile_output)}: {found}"


@pytest.mark.slow
def test_pages_hold_no_script_handler_or_script_url(hostile_output: Path) -> None:
    pages = [p for p in output_files(hostile_output) if p.suffix == ".html"]
    for path in pages:
        audit = MarkupAudit()
        audit.feed(path.read_text(encoding="utf-8"))
        assert audit.problems == [], f"{path.relative_to(hostile_output)}: {audit.problems[:5]}"
        for block in audit.json_blocks:
            assert "<" not in block and "\u2028" not in block
            json.loads(block)


def test_template_syntax_is_shown_literally(hostile_output: Path) -> None:
    for profile in ("public", "workbook"):
        index = (hostile_output / profile / "index.html").read_text(encoding="utf-8")
        assert TEMPLATE in index
    for path in output_files(hostile_output):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\] 49\b|\$49|#49", text), path


def test_json_exports_are_inert_and_complete(hostile_output: Path) -> None:
    for profile in ("public", "workbook"):
        text = (hostile_output / profile / "network.json").read_text(encoding="utf-8")
        assert not set("<>&\u2028\u2029") & set(text)
        names = [node["name"] for node in json.loads(text)["nodes"]]
        assert any("<script>window.__pwned=1</script>" in name for name in names)


def test_xml_exports_parse_and_hold_no_elements_from_content(hostile_output: Path) -> None:
    for profile in ("public", "workbook"):
        names = ("network.graphml", "network.gexf", "qr.svg")
        for name in (*names, "sitemap.xml") if profile == "public" else names:
            root = ET.parse(hostile_output / profile / name).getroot()
            tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
            assert not tags & {"script", "img", "svg"} - {root.tag.rsplit("}", 1)[-1]}, name


def test_csv_exports_neutralise_formulas(hostile_output: Path) -> None:
    for profile in ("public", "workbook"):
        for name in ("members.csv", "ties.csv"):
            text = (hostile_output / profile / name).read_bytes().decode("utf-8")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert all(len(row) == len(rows[0]) for row in rows)
            for row in rows[1:]:
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        float(cell)  # only a number may start like a formula
        members = (hostile_output / profile / "members.csv").read_bytes().decode("utf-8")
        cells = {cell for row in csv.reader(io.StringIO(members, newline="")) for cell in row}
        for formula in FORMULAS:
            assert "'" + formula in cells


def test_vcard_has_no_injected_properties(hostile_output: Path) -> None:
    raw = (hostile_output / "public" / "contact.vcf").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n")
    physical = raw[:-2].split("\r\n")
    assert not any(ch in line for line in physical for ch in "\r\n\u2028\u2029\x85")
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    names = [line.split(":", 1)[0] for line in logical]
    assert names == ["BEGIN", "VERSION", "FN", "ORG", "KIND", "NOTE", "EMAIL;TYPE=INTERNET",
                     "TEL;TYPE=WORK,VOICE", "ADR;TYPE=WORK", "URL", "END"]
    assert logical[names.index("URL")] == f"URL:{SAFE_URL}"


# ---------------------------------------------------------------- content errors


def _errors(make_site: SiteFactory, files: Mapping[str, str | bytes | None]) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_site(make_site(files))
    return caught.value.report()


@pytest.mark.parametrize("color", ['red;}</style><script>window.__pwned=1</script>', "red",
                                   "#12345g", "#1234567", "#fff", "url(javascript:x)"])
def test_a_tie_colour_must_be_hex(make_site, color: str) -> None:
    ties = f"types:\n  referral: {{label: R, color: {json.dumps(color)}}}\nties: []\n"
    report = _errors(make_site, {"ties.yaml": ties})
    assert "is not a colour" in report and "content/ties.yaml:2" in report


BAD_URLS = ("javascript:window.__pwned=1", "JaVaScRiPt:window.__pwned=1",
            " javascript:window.__pwned=1", "java\tscript:window.__pwned=1",
            "java&#x09;script:alert(1)", "jav\nascript:alert(1)", "data:text/html,<b>x</b>",
            "vbscript:x", "//evil.example/", "https://x.fi/\"><script>alert(1)</script>",
            "https://x.fi/<svg/onload=alert(1)>", "https://x.fi/`x`", "file:///etc/passwd",
            "https:evil.example", "https://x.fi/\u2028x")


@pytest.mark.parametrize("url", BAD_URLS)
def test_every_url_field_refuses_unsafe_addresses(make_site, url: str) -> None:
    quoted = json.dumps(url)
    files = {
        "site.yaml": f"base_url: {quoted}\n",
        "network.yaml": f"name: N\ncontact:\n  website: {quoted}\n"
                        f"  links: [{{label: L, url: {quoted}}}]\n",
        "members/alpha.yaml": f"name: Alpha\nwebsite: {quoted}\n",
    }
    report = _errors(make_site, files)
    for where in ("content/site.yaml:1", "content/network.yaml:3", "content/network.yaml:4",
                  "content/members/alpha.yaml:2"):
        assert where in report, (url, report)


@pytest.mark.parametrize("svg", [
    EVIL_SVG,
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a>'
    "</svg>",
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    '<a x:href=" JaVa&#x09;ScRiPt:alert(1)"><text>x</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999'
    '/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image onLoad="alert(1)" href="a.png"/></svg>',
    '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "<svg><unclosed></svg>",
    '<?xml-stylesheet type="text/xsl" href="t.txt"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    '\ufeff<?xml-stylesheet type="text/xsl" href="t.txt"?>\n<svg xmlns="http://www.w3.org/2000/'
    'svg"/>'.encode("utf-16-le"),
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);'
    "</style></svg>",
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="https://x.example/a.svg#b"/></svg>',
])
def test_svg_media_that_can_run_script_is_refused(make_site, svg: str | bytes) -> None:
    report = _errors(make_site, {"media/evil.svg": svg,
                                 "pages/p.md": "---\ntitle: P\n---\n![x](media/evil.svg)\n"})
    assert "content/media/evil.svg" in report
    assert "there is no file" not in report


@pytest.mark.parametrize("name", ["page.html", "PAGE.HTM", "x.xhtml", "a.js", "b.svgz",
                                  "c.xml", "page.html.", "page.html ", "d.rss"])
def test_html_like_media_is_refused(make_site, name: str) -> None:
    report = _errors(make_site, {f"media/{name}": "<script>alert(1)</script>"})
    assert f"content/media/{name}" in report and "cannot be media" in report


def test_plain_svg_media_is_accepted_and_shown_only_as_an_image(make_site) -> None:
    from generator.build import render_site

    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
           '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<defs><circle id="c" r="4"/></defs><use xlink:href="#c"/>'
           '<image href="data:image/png;base64,iVBORw0KGgo="/><a href="https://example.fi/">'
           "<text>ok</text></a></svg>")
    site = make_site({"media/ok.svg": svg, "site.yaml": "search: false\n",
                      "pages/p.md": "---\ntitle: P\n---\n![kuva](media/ok.svg)\n"})
    page = render_site(site).files()["public/p/index.html"].decode()
    assert '<img src="../media/ok.svg" alt="kuva"' in page
    assert "<svg xmlns" not in page


XSLT_PROGRAM = """<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>
      <script>alert(document.domain)</script>
    </body></html>
  </xsl:template>
</xsl:stylesheet>
"""
XSLT_SVG = ('<?xml-stylesheet type="text/xsl" href="tyyli.txt"?>\n<svg xmlns="http://www.w3.org/'
            '2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n')


def test_an_svg_with_an_xslt_stylesheet_instruction_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14, item 1, as reported: `netcard new`, the SVG and its XSLT program in media/."""
    from generator.cli import main

    site = tmp_path / "s"
    assert main(["new", str(site)]) == 0
    media = site / "content" / "media"
    media.mkdir(exist_ok=True)
    (media / "kuva.svg").write_text(XSLT_SVG, encoding="utf-8")
    (media / "tyyli.txt").write_text(XSLT_PROGRAM, encoding="utf-8")
    with (site / "content" / "pages" / "tietoa.md").open("a", encoding="utf-8") as page:
        page.write("\n![kuva](media/kuva.svg) [liite](media/tyyli.txt)\n")
    capsys.readouterr()
    assert main(["build", str(site)]) == 2
    err = capsys.readouterr().err
    assert "content/media/kuva.svg:1:1: error:" in err or \
        "content/media/kuva.svg: error: line 1: " in err
    assert "<?xml-stylesheet …?>" in err and "export the SVG again as plain SVG" in err
    assert "tyyli.txt" not in err  # a text file is only text
    assert not (site / "output").exists()


@pytest.mark.parametrize("name", ["kuva.svg.", "kuva.svg ", "kuva.svg. "])
def test_an_svg_name_ending_in_a_dot_or_space_is_checked(make_site, name: str) -> None:
    report = _errors(make_site, {f"media/{name}": XSLT_SVG})
    assert f"content/media/{name}" in report and "<?xml-stylesheet …?>" in report

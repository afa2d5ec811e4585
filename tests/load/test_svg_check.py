"""The SVG media check: an allow-list that sees every instruction, DOCTYPE and encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.media_check import media_issue
from generator.load.svg_check import svg_problem_in
from tests.load.svg_samples import (
    FIGMA,
    ILLUSTRATOR_EXPORT,
    ILLUSTRATOR_SAVE_AS,
    ILLUSTRATOR_SVG11_DOCTYPE,
    INKSCAPE,
)

REPO = Path(__file__).resolve().parents[2]
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
XSLT_PI = '<?xml-stylesheet type="text/xsl" href="tyyli.txt"?>\n'
PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" ' \
          'height="10"/></svg>\n'


def svg(body: str) -> bytes:
    return (OPEN + body + "</svg>").encode()


def problem_of(data: bytes) -> str:
    problem = svg_problem_in(data)
    assert problem is not None, data[:200]
    assert problem.hint, problem
    return problem.message


# (case, file, a word the message must contain)
REFUSED: list[tuple[str, bytes, str]] = [
    ("xslt-stylesheet", (XSLT_PI + PICTURE).encode(), "<?xml-stylesheet"),
    ("xslt-after-declaration", ('<?xml version="1.0"?>' + XSLT_PI + PICTURE).encode(),
     "<?xml-stylesheet"),
    ("xslt-after-the-picture", (PICTURE + XSLT_PI).encode(), "<?xml-stylesheet"),
    ("css-stylesheet-pi", ('<?xml-stylesheet type="text/css" href="x.css"?>' + PICTURE)
     .encode(), "<?xml-stylesheet"),
    ("any-other-pi", svg("<?php echo 1; ?><rect/>"), "<?php"),
    ("utf-16-le-bom", ("\ufeff" + XSLT_PI + PICTURE).encode("utf-16-le"), "<?xml-stylesheet"),
    ("utf-16-be-bom", ("\ufeff" + XSLT_PI + PICTURE).encode("utf-16-be"), "<?xml-stylesheet"),
    ("utf-16-declared", ('<?xml version="1.0" encoding="UTF-16"?>' + XSLT_PI + PICTURE)
     .encode("utf-16"), "<?xml-stylesheet"),
    ("utf-8-bom", ("\ufeff" + XSLT_PI + PICTURE).encode("utf-8"), "<?xml-stylesheet"),
    ("doctype-with-entities", ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">'
                               ']>' + OPEN + "<text>&b;</text></svg>").encode(), "DOCTYPE"),
    ("external-entity", ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + OPEN
                         + "<text>&x;</text></svg>").encode(), "DOCTYPE"),
    ("foreign-doctype", ("<!DOCTYPE html>" + PICTURE).encode(), "DOCTYPE"),
    ("svg-doctype-with-other-dtd", ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                                    '"https://evil.example/svg11.dtd">' + PICTURE).encode(),
     "DOCTYPE"),
    ("old-illustrator-entities", (
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
        b'\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
        b'<svg version="1.1" xmlns="&ns_svg;"><rect/></svg>'), "DOCTYPE"),
    ("script", svg("<script>alert(document.domain)</script>"), "<script>"),
    ("prefixed-script", (b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)'
                         b"</s:script></s:svg>"), "<script>"),
    ("xhtml-script", svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)'
                         "</h:script>"), "<h:script>"),
    ("onload", (OPEN.replace(">", ' onload="alert(1)">', 1) + "</svg>").encode(), "onload"),
    ("onload-any-case", svg('<image onLoad="alert(1)" href="#a"/>'), "onLoad"),
    ("onbegin", svg('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>'), "onbegin"),
    ("foreign-object", svg('<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/'
                           '1999/xhtml"><img src="x" onerror="alert(1)"/></div>'
                           "</foreignObject>"), "<foreignObject>"),
    ("iframe", svg('<iframe src="https://evil.example/"/>'), "<iframe>"),
    ("handler", svg('<handler type="application/ecmascript">alert(1)</handler>'), "<handler>"),
    ("use-http", svg('<use href="http://evil.example/x.svg#a"/>'), "http://evil.example"),
    ("use-xlink-relative", svg('<use xlink:href="other.svg#a"/>'), "other.svg"),
    ("image-from-elsewhere", svg('<image href="https://tracker.example/p.png"/>'), "tracker"),
    ("image-svg-data", svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
     "script address"),
    ("a-javascript", svg('<a href="javascript:alert(1)"><text>x</text></a>'), "script address"),
    ("a-xlink-javascript-spelt", svg('<a xlink:href=" JaVa&#x09;ScRiPt:alert(1)"><text>x</text>'
                                     "</a>"), "script address"),
    ("a-relative", svg('<a href="../workbook/index.html"><text>x</text></a>'), "own parts"),
    ("animate-href", svg('<a href="#x"><animate attributeName="href" values="#x;javascript:'
                         'alert(1)" dur="1s"/><text>x</text></a>'), "href"),
    ("set-xlink-href", svg('<a xlink:href="#x"><set attributeName="xlink:href" to="#y"/>'
                           "<text>x</text></a>"), "xlink:href"),
    ("set-handler", svg('<set attributeName="onclick" to="alert(1)"/>'), "onclick"),
    ("style-import", svg("<style>@import url(https://evil.example/x.css);</style>"), "@import"),
    ("style-import-escaped", svg("<style>@\\69mport 'https://evil.example/x.css';</style>"),
     "@import"),
    ("style-url-elsewhere", svg("<style>rect{fill:url(https://evil.example/p.svg#g)}</style>"),
     "url("),
    ("style-url-escaped", svg("<style>rect{fill:\\75 rl(https://evil.example/p)}</style>"),
     "url("),
    ("style-url-cdata", svg("<style><![CDATA[rect{background:url('//evil.example/p')}]]>"
                            "</style>"), "url("),
    ("style-font-face", svg("<style>@font-face{font-family:x;src:url(https://evil.example/f."
                            "woff)}</style>"), "url("),
    ("style-image-set", svg('<style>rect{fill:image-set("https://evil.example/p.png" 1x)}'
                            "</style>"), "image-set"),
    ("style-moz-binding", svg("<style>rect{-moz-binding:url(#x)}</style>"), "-moz-binding"),
    ("style-attribute-url", svg('<rect style="fill:url(https://evil.example/g)"/>'), "url("),
    ("presentation-url", svg('<rect fill="url(https://evil.example/g.svg#a)"/>'), "url("),
    ("xml-base", svg('<g xml:base="https://evil.example/"><use href="#a"/></g>'), "xml:base"),
    ("xml-events", svg('<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click"/>'),
     "ev:event"),
    ("unknown-element", svg("<blink>x</blink>"), "<blink>"),
    ("unknown-namespace-element", svg('<x:thing xmlns:x="urn:example"/>'), "urn:example"),
    ("unknown-attribute", svg('<rect formaction="x"/>'), "formaction"),
    ("not-svg-at-the-top", b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)'
                           b"</script></html>", "not an SVG"),
    ("svg-without-namespace", b"<svg><rect/></svg>", "not an SVG"),
    ("not-xml", svg("<g><rect>"), "cannot be read"),
    ("empty", b"", "cannot be read"),
    ("rare-encoding", ('<?xml version="1.0" encoding="koi8-r"?>' + PICTURE).encode(), "koi8-r"),
    ("multi-byte-encoding", ('<?xml version="1.0" encoding="UTF-7"?>' + PICTURE).encode(),
     "encoding"),
    ("href-in-another-namespace", svg('<use xmlns:q="urn:q" q:href="https://evil.example/"/>'),
     "q:href"),
    ("utf-32", ('<?xml version="1.0" encoding="UTF-32"?>' + PICTURE).encode("utf-32"),
     "cannot be read"),
]


@pytest.mark.parametrize(("data", "word"), [(data, word) for _, data, word in REFUSED],
                         ids=[case for case, _, _ in REFUSED])
def test_an_svg_that_could_do_more_than_show_a_picture_is_refused(data: bytes,
                                                                  word: str) -> None:
    assert word in problem_of(data)


@pytest.mark.parametrize("text", [INKSCAPE, ILLUSTRATOR_SAVE_AS, ILLUSTRATOR_EXPORT, FIGMA],
                         ids=["inkscape", "illustrator-save-as", "illustrator-export", "figma"])
def test_drawing_program_exports_pass(text: str) -> None:
    assert svg_problem_in(text.encode()) is None


def test_an_old_illustrator_file_with_the_w3c_doctype_passes() -> None:
    assert svg_problem_in(ILLUSTRATOR_SVG11_DOCTYPE.encode("iso-8859-1")) is None


def test_the_example_and_starter_logos_pass() -> None:
    for path in (REPO / "content/media/logo.svg",
                 REPO / "generator/starter/content/media/logo.svg"):
        assert svg_problem_in(path.read_bytes()) is None, path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_plain_picture_passes_in_every_encoding_a_browser_reads(encoding: str) -> None:
    declared = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    bom = "" if encoding in ("utf-8", "utf-16") else "\ufeff"
    text = f'{bom}<?xml version="1.0" encoding="{declared}"?>\n<!-- ä -->\n{PICTURE}'
    assert svg_problem_in(text.encode(encoding)) is None


def test_links_fragments_and_embedded_pictures_pass() -> None:
    body = ('<defs><path id="p" d="M0 0H9"/><linearGradient id="g"/></defs>'
            '<rect fill="url(#g)" style="fill:url( \'#g\' )"/><use href=" #p"/>'
            '<text><textPath xlink:href="#p">x</textPath></text>'
            '<image href="data:image/png;base64,iVBORw0KGgo="/>'
            '<a href="https://example.fi/" target="_blank"><text>www</text></a>'
            '<a href="mailto:info@example.fi"><text>mail</text></a>'
            '<animate xlink:href="#p" attributeName="opacity" values="0;1" dur="2s"/>'
            "<style>@media print { .x { fill: rgb(0 0 0) } }</style>")
    assert svg_problem_in(svg(body)) is None


def test_the_problem_says_where_in_the_file() -> None:
    data = (OPEN + "\n<g>\n  <rect/>\n  <script>alert(1)</script>\n</g></svg>").encode()
    problem = svg_problem_in(data)
    assert problem is not None and (problem.line, problem.column) == (4, 3)
    styled = (OPEN + "\n<style>\nrect { fill: red }\n@import 'x.css';\n</style></svg>").encode()
    problem = svg_problem_in(styled)
    assert problem is not None and (problem.line, problem.column) == (2, 1)


def test_the_stylesheet_instruction_message_says_how_to_fix_it() -> None:
    problem = svg_problem_in((XSLT_PI + PICTURE).encode())
    assert problem is not None
    assert (problem.line, problem.column) == (1, 1)
    assert "remove the <?xml-stylesheet …?> instruction" in problem.hint
    assert "export the SVG again as plain SVG" in problem.hint


@pytest.mark.parametrize("name", ["kuva.svg", "kuva.svg.", "kuva.svg ", "kuva.SVG. . ",
                                  "KUVA.Svg"])
def test_svg_names_ending_in_dots_or_spaces_are_checked_like_any_svg(tmp_path: Path,
                                                                      name: str) -> None:
    path = tmp_path / name
    path.write_bytes((XSLT_PI + PICTURE).encode())
    issue = media_issue(path)
    assert issue is not None and "<?xml-stylesheet" in issue.message
    assert issue.line == 1


@pytest.mark.parametrize("name", ["sivu.html.", "sivu.html ", "sivu.HTM. ", "syote.rss",
                                  "kartta.kml", "tiedot.xml.."])
def test_document_names_ending_in_dots_or_spaces_are_refused_like_any(tmp_path: Path,
                                                                      name: str) -> None:
    path = tmp_path / name
    path.write_text("<script>alert(1)</script>", encoding="utf-8")
    issue = media_issue(path)
    assert issue is not None and "cannot be media" in issue.message


@pytest.mark.parametrize("name", ["kuva.png", "liite.pdf", "tyyli.txt", "taulukko.csv"])
def test_other_files_are_not_judged_by_their_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("<script>alert(1)</script>", encoding="utf-8")
    assert media_issue(path) is None


def test_a_refused_svg_is_reported_at_its_line_and_column(make_site) -> None:
    from generator.build import load_site
    from generator.errors import ContentErrors

    site = make_site({"media/kuva.svg": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/'
                      '2000/svg" width="10" height="10">\n  <rect width="10" height="10" '
                      'onclick="alert(1)"/></svg>\n'})
    with pytest.raises(ContentErrors) as raised:
        load_site(site)
    assert "content/media/kuva.svg:3:3: error:" in raised.value.report()
    assert "remove the onclick attribute" in raised.value.report()

"""An SVG file that can only be a picture: an allow-list check of its XML.

A browser that opens an SVG file itself (not through <img>) runs whatever the
file can run, with the site's cookies and storage. The ways in are many:
<script>, event handler attributes, HTML inside <foreignObject>, links and
animations to `javascript:`, an <?xml-stylesheet?> instruction that makes the
browser run an XSLT program whose output holds <script>, and entity tricks
that hide any of these from a simpler check. So this check lets through only
what is known to be inert, and refuses everything else with a way to fix it:

* no processing instruction (the XML declaration is not one), and no DOCTYPE
  except the W3C SVG ones without definitions of their own (no entities);
* the top element is <svg> in the SVG namespace; every other element is a
  drawing, text, style, gradient, filter or animation element of SVG, or a
  metadata element of an editor (Inkscape, Illustrator, RDF/Dublin Core …),
  which browsers ignore;
* no event handler (on…), no attribute a browser would act on that is not
  known to be harmless (e.g. xml:base);
* an href refers to a part of the picture itself ("#id"), except that an
  <image> may embed a PNG/JPEG/GIF/WebP picture as a data: address and a
  link <a> may lead to an http(s) or mailto: address;
* styles (the <style> element, style attributes, presentation attributes)
  load nothing: no @import, and url(…) only to "#id" or an embedded picture;
* animations do not change an href or an event handler.

The file is read by expat, which reports every processing instruction and
DOCTYPE (ElementTree silently drops them) and decodes the file as a browser
does: a byte-order mark or the XML declaration's encoding (UTF-8, UTF-16 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SEPARATOR = "\x01"  # cannot occur in a namespace or name of a well-formed XML 1.0 file

PLAIN_SVG_HINT = ("or export the SVG again as plain SVG (Inkscape: Save As › Plain SVG; "
                  "Illustrator: File › Export › Export As › SVG)")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Encodings a browser decodes as expat does (ASCII characters the same); any other could
# let the two read different markup out of the same bytes.
ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii",
                       "latin1", "latin-1", *(f"iso-8859-{n}" for n in range(1, 16)),
                       *(f"windows-125{n}" for n in range(9))})

SVG_DOCTYPES = {  # (public id, system id) of the W3C SVG DTDs; browsers never load them
    ("-//W3C//DTD SVG 1.0//EN", "http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd"),
    ("-//W3C//DTD SVG 1.1//EN", "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"),
    ("-//W3C//DTD SVG 1.1 Basic//EN",
     "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11-basic.dtd"),
    ("-//W3C//DTD SVG 1.1 Tiny//EN", "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11-tiny.dtd"),
}

SVG_ELEMENTS = _names("""
    a circle clipPath defs desc ellipse g image line linearGradient marker mask metadata
    path pattern polygon polyline radialGradient rect stop style svg switch symbol text
    textPath title tspan use view
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
    animate animateColor animateMotion animateTransform mpath set
    meshgradient meshrow meshpatch hatch hatchpath solidcolor
""")
ANIMATION_ELEMENTS = frozenset({"animate", "animateColor", "animateMotion",
                                "animateTransform", "set"})
EMBEDDED_PICTURE_ELEMENTS = frozenset({"image", "feImage"})

SVG_ATTRIBUTES = _names("""
    id class style lang tabindex role focusable version baseProfile contentScriptType
    contentStyleType zoomAndPan externalResourcesRequired requiredFeatures
    requiredExtensions systemLanguage
    x y width height viewBox preserveAspectRatio transform transform-origin
    gradientTransform patternTransform d cx cy r rx ry fr fx fy x1 y1 x2 y2 points pathLength
    dx dy rotate textLength lengthAdjust startOffset method spacing side path
    gradientUnits spreadMethod offset patternUnits patternContentUnits clipPathUnits
    maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient
    viewTarget type media title target hreflang rel
    filterUnits primitiveUnits filterRes in in2 result stdDeviation edgeMode mode operator
    k1 k2 k3 k4 values tableValues slope intercept amplitude exponent order kernelMatrix
    divisor bias targetX targetY kernelUnitLength preserveAlpha surfaceScale
    diffuseConstant specularConstant specularExponent scale xChannelSelector
    yChannelSelector radius baseFrequency numOctaves seed stitchTiles azimuth elevation
    pointsAtX pointsAtY pointsAtZ limitingConeAngle z
    attributeName attributeType begin dur end min max restart repeatCount repeatDur fill
    calcMode keyTimes keySplines keyPoints from to by additive accumulate origin
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-profile color-rendering cursor direction display
    dominant-baseline enable-background fill-opacity fill-rule filter flood-color
    flood-opacity font font-family font-size font-size-adjust font-stretch font-style
    font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical
    image-rendering isolation kerning letter-spacing lighting-color marker marker-end
    marker-mid marker-start mask mask-type mix-blend-mode opacity overflow paint-order
    pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray
    stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity
    stroke-width text-anchor text-decoration text-rendering transform-box unicode-bidi
    vector-effect visibility white-space word-spacing writing-mode
""")
XLINK_ATTRIBUTES = frozenset({"href", "title", "type", "role", "arcrole", "show"})
XML_ATTRIBUTES = frozenset({"space", "lang", "id"})

# Editors' own elements (layers, guides, licence data): browsers do nothing with them.
METADATA_NAMESPACES = frozenset({
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://purl.org/dc/dcmitype/",
    "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.inkscape.org/namespaces/inkscape",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
    "http://www.corel.com/coreldraw/odm/2003",
    "https://boxy-svg.com",
})
METADATA_NAMESPACE_PREFIXES = ("http://ns.adobe.com/",)  # Illustrator, XMP
# Attributes in these namespaces mean something to a browser (or once did).
ACTIVE_NAMESPACES = frozenset({
    SVG_NS, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/XSL/Transform", "http://www.w3.org/2001/xml-events",
    "http://www.w3.org/2001/XInclude", "http://www.w3.org/ns/xbl",
    "http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul",
})

SAFE_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|jpg|gif|webp)[;,]", re.IGNORECASE)
WEB_LINK = re.compile(r"^(?:https?://[^/]|mailto:)", re.IGNORECASE)
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html",
                  "data:application/", "data:image/svg", "data:text/xml")
URL_TRIM = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13" \
           "\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
CSS_FUNCTION = re.compile(r"([a-z0-9_-]+)\(")
CSS_URL_FUNCTIONS = frozenset({"url", "src"})
CSS_LOADING_FUNCTIONS = frozenset({"image", "image-set", "-webkit-image-set", "cross-fade",
                                   "-webkit-cross-fade", "element", "-moz-element",
                                   "expression", "paint"})


@dataclass(frozen=True)
class SvgProblem:
    """Why an SVG cannot be published, how to fix it, and where (line 0: the file)."""

    message: str
    hint: str
    line: int = 0
    column: int = 0


class _Refused(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def svg_problem_in(data: bytes) -> SvgProblem | None:
    """Why the SVG file `data` could do more than show a picture, or None when it cannot."""
    return _SvgCheck().run(data)


class _SvgCheck:
    """One pass of expat over the file; the first refusal stops it."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=SEPARATOR)
        self.parser.namespace_prefixes = True
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.depth = 0
        self.style_depth = 0
        self.where = (0, 0)  # where the event being checked starts (expat moves on after)
        self.style_where = (0, 0)
        self.style_text: list[str] = []
        parser = self.parser
        parser.XmlDeclHandler = self._declared
        parser.StartDoctypeDeclHandler = self._doctype
        parser.ProcessingInstructionHandler = self._instruction
        parser.EntityDeclHandler = self._declaration
        parser.UnparsedEntityDeclHandler = self._declaration
        parser.NotationDeclHandler = self._declaration
        parser.ElementDeclHandler = self._declaration
        parser.AttlistDeclHandler = self._declaration
        parser.ExternalEntityRefHandler = self._declaration
        parser.SkippedEntityHandler = self._declaration
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text

    def run(self, data: bytes) -> SvgProblem | None:
        try:
            self.parser.Parse(data, True)
        except _Refused as refused:
            return SvgProblem(refused.message, refused.hint, *self.where)
        except expat.ExpatError as error:
            reason = expat.ErrorString(error.code)
            return SvgProblem(f"the SVG cannot be read as XML ({reason})",
                              "open the picture in a drawing program and save it again, "
                              + PLAIN_SVG_HINT, error.lineno, error.offset + 1)
        except (ValueError, LookupError) as error:  # e.g. an encoding Python cannot decode
            return SvgProblem(f"the SVG cannot be read as XML ({error})",
                              "save it again as UTF-8, " + PLAIN_SVG_HINT)
        return None

    def _mark(self) -> None:
        self.where = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    # ------------------------------------------------------------ declarations

    def _declared(self, _version: str, encoding: str | None, _standalone: int) -> None:
        self._mark()
        if encoding is not None and encoding.strip().lower() not in ENCODINGS:
            raise _Refused(f"the SVG is written in the {encoding} encoding, which netcard does "
                           "not accept in pictures",
                           "save it again as UTF-8, " + PLAIN_SVG_HINT)

    def _doctype(self, name: str, system_id: str | None, public_id: str | None,
                 has_internal_subset: bool) -> None:
        self._mark()
        if has_internal_subset:
            raise _Refused("the SVG's <!DOCTYPE …> defines entities or other declarations of "
                           "its own, which netcard does not accept in pictures",
                           "remove the <!DOCTYPE …> part at the top of the file, "
                           + PLAIN_SVG_HINT)
        if (public_id, system_id) not in SVG_DOCTYPES:
            raise _Refused(f"the SVG has a <!DOCTYPE {name} …> that is not the standard "
                           "SVG one", "remove the <!DOCTYPE …> line at the top of the file, "
                           + PLAIN_SVG_HINT)

    def _instruction(self, target: str, _data: str) -> None:
        self._mark()
        active = " (it can make the browser run a program)" \
            if target.lower() == "xml-stylesheet" else ""
        raise _Refused(f"the SVG has an <?{target} …?> processing instruction{active}, "
                       "which netcard does not accept in pictures",
                       f"remove the <?{target} …?> instruction, " + PLAIN_SVG_HINT)

    def _declaration(self, *_: object) -> NoReturn:
        self._mark()
        raise _Refused("the SVG declares or refers to XML entities, which netcard does not "
                       "accept in pictures", "remove the <!DOCTYPE …> part and any &name; "
                       "references, " + PLAIN_SVG_HINT)

    # ------------------------------------------------------------ elements

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self._mark()
        namespace, local, shown = _split(name)
        if self.depth == 0 and (namespace, local) != (SVG_NS, "svg"):
            raise _Refused(f"the file is not an SVG picture: its top element is <{shown}>, "
                           f'not <svg xmlns="{SVG_NS}">',
                           "export the picture again as SVG from a drawing program")
        self.depth += 1
        if self.style_depth or (namespace, local) == (SVG_NS, "style"):
            self.style_depth += 1
            if self.style_depth == 1:
                self.style_where = self.where
        if namespace == SVG_NS:
            _check_svg_element(local)
        elif not _is_metadata_namespace(namespace):
            raise _Refused(f"the SVG contains a <{shown}> element"
                           + (f" from {namespace}" if namespace else " without a namespace")
                           + ", which netcard does not accept in pictures",
                           f"remove the <{shown}> element, " + PLAIN_SVG_HINT)
        for attribute, value in attributes.items():
            _check_attribute(namespace == SVG_NS, local, attribute, value)

    def _end(self, _name: str) -> None:
        self.depth -= 1
        if self.style_depth:
            self.style_depth -= 1
            if not self.style_depth:
                css = "".join(self.style_text)
                self.style_text = []
                self.where = self.style_where
                _check_css(css, "<style>")

    def _text(self, text: str) -> None:
        if self.style_depth:
            self.style_text.append(text)


def _split(name: str) -> tuple[str, str, str]:
    """expat's "namespace␁local␁prefix" → (namespace, local name, name as written)."""
    parts = name.split(SEPARATOR)
    if len(parts) == 1:
        return "", parts[0], parts[0]
    namespace, local = parts[0], parts[1]
    shown = f"{parts[2]}:{local}" if len(parts) > 2 else local
    return namespace, local, shown


def _is_metadata_namespace(namespace: str) -> bool:
    return namespace in METADATA_NAMESPACES or namespace.startswith(METADATA_NAMESPACE_PREFIXES)


def _check_svg_element(local: str) -> None:
    if local in SVG_ELEMENTS:
        return
    if local.lower() == "script":
        raise _Refused("the SVG contains a <script> element, which would run on the site's "
                       "address", "remove the <script> element: netcard publishes pictures, "
                       "not programs")
    if local.lower() == "foreignobject":
        raise _Refused("the SVG contains a <foreignObject> element (HTML inside the "
                       "picture), which could run script",
                       "export the SVG again as plain SVG with text as SVG text (in "
                       "Illustrator, untick 'Preserve Illustrator Editing Capabilities')")
    raise _Refused(f"the SVG contains a <{local}> element, which netcard does not accept in "
                   "pictures", f"remove the <{local}> element, " + PLAIN_SVG_HINT)


def _check_attribute(in_svg: bool, element: str, name: str, value: str) -> None:
    namespace, local, shown = _split(name)
    where = f"<{element}> has {shown}="
    if local.lower().startswith("on"):
        raise _Refused(f"the SVG's {where}… — an event handler, which would run script",
                       f"remove the {shown} attribute from the <{element}> element")
    if _is_script_url(value):
        raise _Refused(f"the SVG's {where}{_preview(value)}, a script address",
                       f"remove the {shown} attribute from the <{element}> element")
    if local == "href":  # in any namespace: whatever a browser might follow
        _check_href(element, shown, value)
    if namespace == XLINK_NS:
        if local not in XLINK_ATTRIBUTES:
            _refuse_attribute(element, shown)
    elif namespace == XML_NS:
        if local not in XML_ATTRIBUTES:
            _refuse_attribute(element, shown)
    elif namespace in ACTIVE_NAMESPACES:
        _refuse_attribute(element, shown)
    elif not namespace and in_svg:
        _check_svg_attribute(element, local, value)


def _check_svg_attribute(element: str, name: str, value: str) -> None:
    if name == "href":
        return  # checked with every href
    if name not in SVG_ATTRIBUTES and not name.startswith(("data-", "aria-")):
        _refuse_attribute(element, name)
    if name == "attributeName" and element in ANIMATION_ELEMENTS:
        target = value.strip().rsplit(":", 1)[-1].lower()
        if target in ("href", "base") or target.startswith("on"):
            raise _Refused(f"the SVG's <{element}> changes the {value.strip()} attribute, "
                           "which can turn a link into a script",
                           f"remove the <{element} attributeName=\"{value.strip()}\"> "
                           "element")
    _check_css(value, f"<{element}> {name}=")


def _refuse_attribute(element: str, shown: str) -> NoReturn:
    raise _Refused(f"the SVG's <{element}> has a {shown} attribute, which netcard does not "
                   "accept in pictures",
                   f"remove the {shown} attribute, " + PLAIN_SVG_HINT)


def _check_href(element: str, shown: str, value: str) -> None:
    target = _url_text(value)
    if target == "" or target.startswith("#"):
        return
    if element in EMBEDDED_PICTURE_ELEMENTS and SAFE_DATA_IMAGE.match(target):
        return
    if element == "a" and WEB_LINK.match(target):
        return
    raise _Refused(f"the SVG's <{element}> has {shown}={_preview(value)}: a picture may "
                   "only refer to its own parts (href=\"#id\")"
                   + ("" if element != "a" else ", or link to an http(s) or mailto: address"),
                   "embed what it refers to in the SVG itself, or remove the reference; "
                   + PLAIN_SVG_HINT.removeprefix("or "))


def _check_css(css: str, where: str) -> None:
    """Styles must not load anything: no @import, url(…) only to #id or a picture."""
    plain = _plain_css(css)
    hint = ("keep only url(#id) references to parts of the picture itself; remove "
            "@import and references to other files or sites")
    if "@import" in plain:
        raise _Refused(f"the SVG's {where} style imports another stylesheet (@import)", hint)
    if "-moz-binding" in plain or re.search(r"behaviou?r\s*:", plain):
        raise _Refused(f"the SVG's {where} style attaches a program (-moz-binding or "
                       "behavior)", hint)
    for match in CSS_FUNCTION.finditer(plain):
        function = match.group(1)
        if function in CSS_LOADING_FUNCTIONS:
            raise _Refused(f"the SVG's {where} style uses {function}(…), which loads "
                           "content", hint)
        if function in CSS_URL_FUNCTIONS:
            argument = plain[match.end():].split(")", 1)[0].strip(" \t\r\n\f'\"")
            if not (argument.startswith("#") or SAFE_DATA_IMAGE.match(argument)):
                raise _Refused(f"the SVG's {where} style refers to "
                               f"{function}({_preview(argument)}) outside the picture", hint)


def _plain_css(css: str) -> str:
    """CSS as a browser reads it: comments dropped, escapes (\\75 rl) decoded, lowercased."""
    without_comments = CSS_COMMENT.sub("", css)
    return CSS_ESCAPE.sub(_unescape_css, without_comments).replace("\x00", "").lower()


def _unescape_css(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if match.group(2) == "\n" else match.group(2)


def _url_text(value: str) -> str:
    """An address as a browser reads it: ends trimmed, tabs and line breaks dropped."""
    return re.sub(r"[\t\n\r]", "", value).strip(URL_TRIM)


def _is_script_url(value: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f\u2028\u2029]", "", value).lower()
    return cleaned.startswith(SCRIPT_SCHEMES)


def _preview(value: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", " ", value.strip())
    return repr(text if len(text) <= 60 else text[:57] + "…")

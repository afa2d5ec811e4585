"""A site whose every text field carries an attack: the fixture of tests/hostile/.

Each field gets its own payload, tagged `[field-name]`, so a failing check
names the field whose value escaped. The payloads try to run
`window.__pwned = 1`; the browser test asserts that it never runs. URL fields
only take http(s)/mailto/tel (a `javascript:` URL there is a content error,
see test_hostile_files.py), so they carry the characters that could break out
of an attribute instead.

Run as a script to write a site for manual inspection:
    python tests/hostile/hostile_site.py /tmp/hostile [--allow-html]
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import yaml

# Every one of these must be shown as text or dropped, never run.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror=window.__pwned=1>'
BREAKOUT = "'</script><svg onload=window.__pwned=1>"
TEMPLATE = "{{7*7}}{% raw %}${7*7}#{7*7}"
SEPARATORS = "\u2028\u2029"
RTL = "\u202egnp.exe"
PAYLOAD = f"{SCRIPT}{IMG}{BREAKOUT} {TEMPLATE} {SEPARATORS}{RTL} &amp; &lt;b&gt;"

# What must never appear raw in an HTML, XML or JSON file.
DANGEROUS = ("<script>window.__pwned", "<img src=x", "<svg onload", "</script><svg",
             "<iframe", "<details open ontoggle")

# Markdown-only attacks: links and images with every spelling of a bad scheme.
BAD_LINKS = (
    "javascript:window.__pwned=1", "JaVaScRiPt:window.__pwned=1", " javascript:window.__pwned=1",
    "java&#x09;script:window.__pwned=1", "java%09script:window.__pwned=1",
    "&#106;avascript:window.__pwned=1", "vbscript:window.__pwned=1",
    "data:text/html,<script>window.__pwned=1</script>",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
)
MARKDOWN_EXTRA = "\n\n".join(
    [f"[link {i}](<{href}>) [plain {i}]({href.replace(' ', '')})" for i, href in
     enumerate(BAD_LINKS)]
    + [f"![img {i}]({href.replace(' ', '')})" for i, href in enumerate(BAD_LINKS)]
    + ["[ref link][evil]\n\n[evil]: javascript:window.__pwned=1",
       "<script>window.__pwned=1</script>",
       '<img src=x onerror="window.__pwned=1">',
       '<a href="java&#x09;script:window.__pwned=1">tabbed</a>',
       '<a href=" JaVaScRiPt:window.__pwned=1">spaced</a>',
       '<svg onload="window.__pwned=1"><circle r="5"/></svg>',
       '<iframe src="javascript:window.__pwned=1"></iframe>',
       '<div style="background:url(javascript:window.__pwned=1)" onclick="window.__pwned=1">'
       "styled</div>",
       '<details open ontoggle="window.__pwned=1"><summary>x</summary></details>',
       "<style>body{display:none}</style>",
       "![the svg](media/safe.svg) [the svg as a link](media/safe.svg)",
       "`<script>window.__pwned=1</script>` in code",
       "```html\n</script><script>window.__pwned=1</script>\n```",
       ])

# Spreadsheet formulas: every cell that starts like this must be neutralised.
FORMULAS = ('=HYPERLINK("http://evil.example/","x")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1")

# An SVG that runs script: a content error (see generator/load/media_check.py).
EVIL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1" width="10">
<script>window.__pwned=1</script><rect width="10" height="10" fill="red"/></svg>
"""
SAFE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<rect width="10" height="10" fill="blue"/></svg>
"""

LONG = "A" * 150_000 + SCRIPT
SAFE_URL = "https://example.fi/?q='onmouseover=window.__pwned=1&x=%3C/script%3E"
SAFE_MAILTO = "mailto:a@example.fi?subject='onclick=window.__pwned=1"


def text(tag: str) -> str:
    """The payload for one field, named so a failure points at the field."""
    return f"[{tag}] {PAYLOAD}"


def multilingual(tag: str) -> dict[str, str]:
    return {code: text(f"{tag}.{code}") for code in ("fi", "sv", "en")}


def markdown(tag: str) -> str:
    return text(tag) + "\n\n" + MARKDOWN_EXTRA


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _page(tag: str, *, extra: dict[str, Any] | None = None, body: str | None = None) -> str:
    front = {"title": text(f"{tag}.title"), **(extra or {})}
    return "---\n" + _dump(front) + "---\n" + (body or markdown(f"{tag}.body")) + "\n"


def _members() -> dict[str, Any]:
    members: dict[str, Any] = {
        "alpha": {"name": multilingual("member.alpha.name"), "sector": "education",
                  "role": "core", "description": markdown("member.alpha.description"),
                  "website": SAFE_URL, "email": "alpha@example.fi",
                  "phone": "+358 40 123 4567", "address": text("member.alpha.address"),
                  "logo": "media/safe.svg", "competences": {"ohjaus": 4}, "joined": "2020"},
        "beta": {"name": text("member.beta.name"), "sector": "employment",
                 "description": LONG, "kind": "unit", "parent": "alpha",
                 "competences": {"ohjaus": 2}},
        "gamma": {"name": text("member.gamma.name"), "sector": "ngo", "external": True,
                  "description": markdown("member.gamma.description")},
        "delta": {"name": text("member.delta.name"), "sector": "other",
                  "visibility": "internal", "description": markdown("member.delta.desc")},
        "former": {"name": text("member.former.name"), "left": "2023-01"},
    }
    for index, formula in enumerate(FORMULAS):
        members[f"formula-{index}"] = {"name": formula, "sector": "business"}
    return members


def _ties() -> dict[str, Any]:
    return {
        "types": {"referral": {"label": multilingual("tietype.referral"), "color": "#1f77b4"},
                  "funding": {"label": text("tietype.funding")}},
        "ties": [
            {"between": ["alpha", "beta"], "type": "referral", "strength": 5,
             "note": markdown("tie.1.note")},
            {"from": "alpha", "to": "gamma", "type": "funding", "note": text("tie.2.note")},
            {"between": ["beta", "gamma"], "strength": 1, "note": text("tie.3.note")},
            {"between": ["alpha", "delta"], "note": text("tie.4.note")},
            *({"between": ["alpha", f"formula-{i}"], "type": "referral"}
              for i in range(len(FORMULAS))),
        ],
    }


def _network() -> dict[str, Any]:
    return {
        "name": multilingual("network.name"),
        "tagline": text("network.tagline") + "\nURL:javascript:window.__pwned=1\nEND:VCARD",
        "purpose": markdown("network.purpose"),
        "goals": [text("network.goal.1"), multilingual("network.goal.2")],
        "customers": [text("network.customer.1")],
        "services": [{"id": "ohjaus", "name": text("service.name"),
                      "description": markdown("service.description"),
                      "channels": ["web", "phone"], "providers": ["alpha", "beta"]}],
        "communication": markdown("network.communication"),
        "contact": {"email": "info@example.fi", "phone": "+358 9 123 456",
                    "address": text("contact.address") + "\nTEL:123;x,y\rTEL:456\u2028TEL:789",
                    "website": SAFE_URL,
                    "links": [{"label": text("contact.link.1"), "url": SAFE_URL},
                              {"label": multilingual("contact.link.2"), "url": SAFE_MAILTO}]},
        "logo": "media/safe.svg",
        "founded": "2019",
        "profile": {"level": "local"},
        "coordination": {"coordinators": ["alpha"],
                         "groups": [{"id": "ryhma", "name": text("group.name"),
                                     "level": "strategy", "members": ["alpha", "beta"],
                                     "meets": text("group.meets")}],
                         "forums": [text("forum.1")]},
    }


def _competences() -> dict[str, Any]:
    return {
        "levels": {level: text(f"competence.level.{level}") for level in range(1, 6)},
        "areas": [{"id": "ohjaus", "name": text("competence.area.name"),
                   "group": text("competence.area.group"),
                   "description": markdown("competence.area.description")},
                  {"id": "tarve", "name": multilingual("competence.area2.name")}],
        "needs": [{"area": "tarve", "level": 4, "note": markdown("competence.need.note")}],
    }


def _futures() -> dict[str, Any]:
    return {
        "title": text("future.title"), "date": "2024-05-01", "horizon": "2030",
        "actors": [text("future.actor")], "customers": [text("future.customer")],
        "transformation": [text("future.transformation")], "values": [text("future.value")],
        "obstacles": [text("future.obstacle")], "drivers": [text("future.driver")],
        "story": markdown("future.story"), "vision": text("future.vision"),
        "actions": [{"action": text("future.action"), "first_step": text("future.first_step"),
                     "responsible": ["alpha", text("future.responsible")],
                     "competence": text("future.competence"), "due": "2025-01"}],
        "visibility": "public",
    }


def _evaluation(csv_path: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": text("evaluation.title"), "date": "2024-10-01", "visibility": "public",
        "reflection": [{key: text(f"reflection.{key}") for key in (
            "learned", "felt_good", "apply", "pondering", "tell_colleagues", "contribution",
            "next", "other")}],
    }
    if csv_path:
        data["responses_csv"] = csv_path
    else:
        data["responses"] = [
            {"respondent": text("response.respondent"), "debate": 4, "dialogue": 5,
             "difference": 3, "distinction": 2, "deal": 1, "documentation": 5,
             "trust": ["honesty", "openness"], "comment": markdown("response.comment")},
            {"respondent": FORMULAS[0], "debate": 2, "comment": FORMULAS[1]},
        ]
    return data


def _evaluation_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent", "debate", "dialogue", "trust", "comment"])
    writer.writerow([text("csv.respondent"), "4", "3", "honesty", text("csv.comment")])
    for formula in FORMULAS:
        writer.writerow([formula, "2", "5", "", formula])
    return buffer.getvalue()


def hostile_files(*, allow_html: bool) -> dict[str, str]:
    """Every content file of the hostile site, path under content/ → text."""
    files = {
        "site.yaml": _dump({"title": multilingual("site.title"),
                            "base_url": "https://hostile.example.fi/sub/",
                            "languages": ["fi", "sv", "en"],
                            "markdown": {"allow_html": allow_html},
                            # every part of the analysis on the public card too, so that
                            # each of its pages meets the payloads in both profiles
                            "public_sections": ["network-figures", "competence-levels",
                                                "competence-gaps", "tie-strength"]}),
        "network.yaml": _dump(_network()),
        "ties.yaml": _dump(_ties()),
        "competences.yaml": _dump(_competences()),
        "portfolios/alpha.yaml": _dump({"visibility": "public", "networks": [
            {"name": text("portfolio.name"), "status": "current", "role": "core",
             "importance": 4, "purpose": markdown("portfolio.purpose")}]}),
        "futures/tulevaisuus.yaml": _dump(_futures()),
        "evaluations/kierros-1.yaml": _dump(_evaluation(None)),
        "evaluations/kierros-2.yaml": _dump(_evaluation("evaluations/kierros-2.csv")),
        "evaluations/kierros-2.csv": _evaluation_csv(),
        "pages/tietoa.md": _page("page.tietoa"),
        "pages/pitka.md": _page("page.long", body=LONG + "\n\n" + markdown("page.long.body")),
        "strategy/strategia.md": _page("strategy", extra={"visibility": "public"}),
        "workbook/vaihe-1.md": _page("workbook", extra={"phase": 1, "step": 2,
                                                        "visibility": "public"}),
        "workbook/sisainen.md": _page("workbook.internal"),
        "media/safe.svg": SAFE_SVG,
    }
    for member_id, data in _members().items():
        files[f"members/{member_id}.yaml"] = _dump(data)
    return files


def write_hostile_site(root: Path, *, allow_html: bool) -> Path:
    """Write the hostile site into `root` (which gets a content/ folder); returns root."""
    content = root / "content"
    for relative, body in hostile_files(allow_html=allow_html).items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8", newline="")
    return root


if __name__ == "__main__":
    write_hostile_site(Path(sys.argv[1]), allow_html="--allow-html" in sys.argv)

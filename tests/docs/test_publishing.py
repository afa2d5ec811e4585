"""What docs/publishing.md promises, checked.

- The example workflows in docs/examples/ have the structure GitHub Actions and GitLab
  CI require, run netcard commands that exist with those options, and publish the
  public card (and never the workbook).
- A site built with `base_url: https://example.org/network/` works when a host serves
  it under /network/ and nothing else: every link and asset of every page, the "page not
  found" page included, resolves there, and every full address netcard writes points
  under https://example.org/network/.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from generator.cli import make_parser
from tests.conftest import REPO, write_site
from tests.e2e.e2e_support import serving

DOC = REPO / "docs" / "publishing.md"
GITHUB_WORKFLOW = REPO / "docs" / "examples" / "github-pages.yml"
GITLAB_CI = REPO / "docs" / "examples" / "gitlab-ci.yml"
INSTALL = 'pip install "$NETCARD_PACKAGE"'
PLATFORMS = ("github", "gitlab")

SUB_PATH = "/network/"
PUBLISHED_HOST = "example.org"
PUBLISHED_ROOT = f"https://{PUBLISHED_HOST}{SUB_PATH}"


# The example workflows ---------------------------------------------------------------

def load_yaml(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def github_triggers(workflow: dict[Any, Any]) -> Any:
    """YAML 1.1 readers (PyYAML) take the key `on` for the boolean true; GitHub does not."""
    return workflow.get("on", workflow.get(True))


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@", 1)[0] == action


def shell_lines(script: str) -> list[str]:
    """The lines of a shell script, without blank lines and comments."""
    lines = (line.strip() for line in script.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def platform_scripts(platform: str) -> list[str]:
    """The shell scripts of the publishing job(s), in the order they run."""
    if platform == "github":
        workflow = load_yaml(GITHUB_WORKFLOW)
        return [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                if "run" in step]
    return [str(item) for item in load_yaml(GITLAB_CI)["pages"]["script"]]


def netcard_commands(scripts: list[str]) -> list[list[str]]:
    return [shlex.split(line) for script in scripts for line in shell_lines(script)
            if line.split(maxsplit=1)[0] == "netcard"]


def parse_netcard(argv: list[str]) -> argparse.Namespace:
    try:
        return make_parser().parse_args(argv[1:])
    except SystemExit:
        pytest.fail(f"netcard's command line does not accept: {shlex.join(argv)}")


def gitlab_published_folder(job: dict[str, Any]) -> str:
    """The folder GitLab Pages publishes: `pages.publish`, the older top-level `publish`,
    or else the folder named public."""
    pages = job.get("pages")
    if isinstance(pages, dict) and pages.get("publish"):
        return str(pages["publish"]).strip("/")
    return str(job.get("publish", "public")).strip("/")


def github_published_folder(workflow: dict[Any, Any]) -> str:
    uploads = [step for job in workflow["jobs"].values() for step in job["steps"]
               if uses(step, "actions/upload-pages-artifact")]
    assert len(uploads) == 1, "one step uploads the site with actions/upload-pages-artifact"
    return str(uploads[0]["with"]["path"]).strip("/")


def test_github_workflow_has_the_structure_github_pages_requires() -> None:
    workflow = load_yaml(GITHUB_WORKFLOW)
    triggers = github_triggers(workflow)
    assert isinstance(triggers, dict) and {"push", "workflow_dispatch"} <= set(triggers)
    assert workflow["env"]["NETCARD_PACKAGE"], "the package spec is set once, at the top"
    jobs: dict[str, Any] = workflow["jobs"]
    for name, job in jobs.items():
        assert job.get("runs-on"), f"job {name} has no runs-on"
        assert job.get("steps"), f"job {name} has no steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{name}: {step} needs uses or run"

    assert github_published_folder(workflow) == "output/public"
    [(build_name, build_job)] = [(name, job) for name, job in jobs.items()
                                 if any(uses(s, "actions/upload-pages-artifact")
                                        for s in job["steps"])]
    [deploy_job] = [job for job in jobs.values()
                    if any(uses(s, "actions/deploy-pages") for s in job["steps"])]
    needs = deploy_job.get("needs", [])
    assert build_name in ([needs] if isinstance(needs, str) else needs)
    assert deploy_job["environment"]["name"] == "github-pages"
    deploy_permissions = deploy_job.get("permissions", workflow.get("permissions", {}))
    assert deploy_permissions.get("pages") == "write"
    assert deploy_permissions.get("id-token") == "write"
    # The job that runs pip and netcard cannot publish by itself.
    build_permissions = build_job.get("permissions", workflow.get("permissions", {}))
    assert build_permissions.get("pages") != "write"

    # Install, check, build, then upload: in this order, in the job that uploads.
    steps = build_job["steps"]
    order = [next(i for i, step in enumerate(steps) if found(step)) for found in (
        lambda step: INSTALL in step.get("run", ""),
        lambda step: "netcard check" in step.get("run", ""),
        lambda step: "netcard build" in step.get("run", ""),
        lambda step: uses(step, "actions/upload-pages-artifact"))]
    assert order == sorted(order), "install, check, build and upload run in this order"


def test_gitlab_ci_publishes_the_public_card_from_a_pages_job() -> None:
    ci = load_yaml(GITLAB_CI)
    assert ci["variables"]["NETCARD_PACKAGE"], "the package spec is set once, at the top"
    job = ci["pages"]
    image = re.fullmatch(r"python:3\.(\d+)(\D.*)?", str(job["image"]))
    assert image and int(image.group(1)) >= 11, "a Python image netcard runs on (3.11+)"
    published = gitlab_published_folder(job)
    artifacts = [str(path).strip("/") for path in job["artifacts"]["paths"]]
    assert published in artifacts, "GitLab publishes only a folder that is an artifact"
    lines = shell_lines("\n".join(map(str, job["script"])))
    if published != "output/public":
        assert f"mv output/public {published}" in lines, \
            f"the built card is moved to {published}/, the folder GitLab Pages publishes"
    assert not any("workbook" in path for path in artifacts)
    assert not any("workbook" in line for line in lines)
    assert any("$CI_DEFAULT_BRANCH" in str(rule.get("if", "")) for rule in job["rules"]), \
        "only the default branch is published"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_workflow_runs_netcard_commands_that_exist(platform: str) -> None:
    scripts = platform_scripts(platform)
    parsed = {args.command: args for args in map(parse_netcard, netcard_commands(scripts))}
    assert set(parsed) == {"check", "build"}
    assert parsed["check"].strict is True
    assert parsed["build"].profile == "public"
    assert parsed["build"].output is None, "the card is built into output/public"
    lines = [line for script in scripts for line in shell_lines(script)]
    install = next(i for i, line in enumerate(lines) if INSTALL in line)
    first_netcard = next(i for i, line in enumerate(lines) if line.startswith("netcard "))
    assert install < first_netcard, "netcard is installed before it runs"


def netcard_shim(folder: Path) -> Path:
    """A `netcard` command that runs this checkout's netcard, as the workflow's pip
    install would provide."""
    folder.mkdir(parents=True)
    shim = folder / "netcard"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("platform", PLATFORMS)
def test_workflow_steps_leave_the_public_card_where_the_platform_publishes(
    platform: str, tmp_path: Path
) -> None:
    """Runs the workflow's own shell steps (all but installing netcard) in a site."""
    site = write_site(tmp_path / "site", {
        "site.yaml": f"languages: [fi, sv, en]\nbase_url: {PUBLISHED_ROOT}\n"})
    shims = netcard_shim(tmp_path / "bin")
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(REPO)}
    for script in platform_scripts(platform):
        if "NETCARD_PACKAGE" in script:
            continue  # installing netcard: the shim stands in for it
        run = subprocess.run(["sh", "-e", "-c", script], cwd=site, env=env,
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"{script!r} failed:\n{run.stdout}\n{run.stderr}"
    published = site / (github_published_folder(load_yaml(GITHUB_WORKFLOW))
                        if platform == "github" else
                        gitlab_published_folder(load_yaml(GITLAB_CI)["pages"]))
    index = (published / "index.html").read_text(encoding="utf-8")
    assert 'class="profile-public' in index
    assert (published / "404.html").is_file()
    assert not (site / "output" / "workbook").exists(), "the workbook is not even built"
    assert "profile-workbook" not in "".join(
        page.read_text(encoding="utf-8") for page in published.rglob("*.html"))


def test_publishing_doc_links_to_files_that_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#\s]+)\)", text) if "://" not in t]
    assert "examples/github-pages.yml" in targets and "examples/gitlab-ci.yml" in targets
    missing = [t for t in targets if not (DOC.parent / t).is_file()]
    assert not missing, f"docs/publishing.md links to missing files: {missing}"


# Serving under a sub-path ------------------------------------------------------------

class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder at /network/ and nothing else, as a host serves a project site:
    any path outside /network/ is 404; a missing file inside it gets the site's 404.html
    with status 404."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the assertions report what failed."""

    def do_GET(self) -> None:
        if self.path.startswith(SUB_PATH):
            super().do_GET()
        else:
            self.send_error(404)

    def do_HEAD(self) -> None:
        if self.path.startswith(SUB_PATH):
            super().do_HEAD()
        else:
            self.send_error(404)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(SUB_PATH) or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_under_sub_path(folder: Path) -> Iterator[str]:
    """Serves `folder` at http://127.0.0.1:PORT/network/; yields http://127.0.0.1:PORT."""
    with serving(folder, SubPathHandler) as base_url:
        yield base_url.rstrip("/")


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy


def fetch(url: str) -> Response:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return Response(response.status, response.headers.get_content_type(),
                            response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, error.headers.get_content_type(), error.read())


@dataclass(frozen=True)
class Reference:
    tag: str
    attribute: str
    value: str
    rel: tuple[str, ...] = ()
    download: bool = False


URL_ATTRIBUTES = ("href", "src", "action", "poster", "xlink:href", "data-index")
SHARE_META = {"og:url", "og:image", "og:image:url", "twitter:image", "twitter:url"}


class References(HTMLParser):
    """Every address in a page: href, src, srcset, form action, poster, SVG xlink:href,
    the search index the search page imports (data-index), and the full addresses in
    share <meta> tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = tuple(values.get("rel", "").lower().split())
        download = "download" in values
        for name in URL_ATTRIBUTES:
            if name in values:
                self.found.append(Reference(tag, name, values[name], rel, download))
        if tag == "object" and "data" in values:
            self.found.append(Reference(tag, "data", values["data"]))
        for name in ("srcset", "imagesrcset"):
            for candidate in values.get(name, "").split(","):
                if candidate.strip():
                    self.found.append(Reference(tag, name, candidate.split()[0]))
        meta = values.get("property") or values.get("name")
        if tag == "meta" and meta in SHARE_META and values.get("content"):
            self.found.append(Reference(tag, meta, values["content"]))


def is_published(url: str) -> bool:
    """Under https://example.org/network/ (the root itself may lack its final slash)."""
    return url.startswith(PUBLISHED_ROOT) or url == PUBLISHED_ROOT.rstrip("/")


@dataclass
class Crawl:
    """Pages reached from /network/, what they use, and everything wrong on the way."""

    origin: str  # http://127.0.0.1:PORT
    pages: dict[str, list[Reference]] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    resources: dict[str, set[str]] = field(default_factory=dict)  # local URL → used where
    errors: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.origin + SUB_PATH

    @property
    def missing_page(self) -> str:
        """A missing page deep under the root: the host answers with 404.html."""
        return self.root + "no/such/folder/page.html"

    def use(self, url: str, where: str) -> None:
        self.resources.setdefault(url, set()).add(where)

    def use_published(self, url: str, where: str) -> None:
        """A full address netcard wrote from base_url: under it, and there on the host."""
        if not is_published(url):
            self.errors.append(f"{where}: {url} is not under {PUBLISHED_ROOT}")
            return
        self.use(self.root + url.removeprefix(PUBLISHED_ROOT.rstrip("/")).lstrip("/"), where)


def is_page(path: str) -> bool:
    return path.endswith((".html", "/"))


def classify(crawl: Crawl, page_url: str, ref: Reference, queue: deque[str]) -> None:
    value = ref.value.strip()
    if not value or value.startswith("#") or \
            value.lower().startswith(("mailto:", "tel:", "data:")):
        return
    where = f"{page_url}: <{ref.tag} {ref.attribute}={value!r}>"
    absolute = urldefrag(urljoin(page_url, value)).url
    parts = urlsplit(absolute)
    if parts.hostname == PUBLISHED_HOST:
        crawl.use_published(absolute, where)
    elif f"{parts.scheme}://{parts.netloc}" != crawl.origin:
        if ref.tag != "a":  # another organisation's website may be linked, not loaded
            crawl.errors.append(f"{where} loads from another host")
    elif not parts.path.startswith(SUB_PATH):
        crawl.errors.append(f"{where} leads outside {SUB_PATH}")
    elif ref.tag == "a" and not ref.download and is_page(parts.path):
        if absolute not in crawl.pages:
            queue.append(absolute)
    else:
        crawl.use(absolute, where)


def crawl_pages(crawl: Crawl) -> None:
    """Every page reachable from /network/ and from a missing page's 404.html."""
    queue: deque[str] = deque([crawl.root, crawl.missing_page])
    while queue:
        url = queue.popleft()
        if url in crawl.pages:
            continue
        response = fetch(url)
        crawl.statuses[url] = response.status
        expected = 404 if url == crawl.missing_page else 200
        if response.status != expected:
            crawl.errors.append(f"{url}: status {response.status}, expected {expected}")
        if response.content_type != "text/html":
            crawl.errors.append(f"{url}: {response.content_type}, not a page")
            crawl.pages[url] = []
            continue
        parser = References()
        parser.feed(response.text)
        crawl.pages[url] = parser.found
        for ref in parser.found:
            classify(crawl, url, ref, queue)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def check_resources(crawl: Crawl) -> None:
    """Every file the pages use answers 200; so does every file a stylesheet uses."""
    checked: set[str] = set()
    while unchecked := sorted(set(crawl.resources) - checked):
        for url in unchecked:
            checked.add(url)
            response = fetch(url)
            if response.status != 200:
                first_user = sorted(crawl.resources[url])[0]
                crawl.errors.append(f"{url}: status {response.status} (used by {first_user})")
            elif response.content_type == "text/css":
                for value in CSS_URL.findall(response.text):
                    if not value.startswith("data:"):
                        classify(crawl, url, Reference("css", "url", value), deque())


def crawl_site(origin: str) -> Crawl:
    crawl = Crawl(origin)
    crawl_pages(crawl)
    check_resources(crawl)
    return crawl


@dataclass(frozen=True)
class ServedSite:
    root: Path  # the site folder (content/, output/)
    base_url: str  # as written in site.yaml
    crawl: Crawl


def example_with_sub_path(example_copy: Path, root: Path) -> str:
    """The example site, with base_url https://example.org/network/."""
    shutil.copytree(example_copy / "content", root / "content")
    settings = root / "content" / "site.yaml"
    text, count = re.subn(r"(?m)^base_url:.*$", f"base_url: {PUBLISHED_ROOT}",
                          settings.read_text(encoding="utf-8"))
    assert count == 1, "the example's site.yaml sets base_url once"
    settings.write_text(text, encoding="utf-8")
    return PUBLISHED_ROOT


def small_site_without_final_slash(root: Path) -> str:
    """The smallest site, with base_url https://example.org/network (no final slash)."""
    base_url = PUBLISHED_ROOT.rstrip("/")
    write_site(root, {"site.yaml": f"languages: [fi, sv, en]\nbase_url: {base_url}\n"})
    return base_url


@pytest.fixture(scope="module", params=["example-site", "small-site-no-final-slash"])
def served_site(request: pytest.FixtureRequest, example_copy: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A site built with a base_url under /network/, served there and crawled once."""
    from generator.build import build

    root = tmp_path_factory.mktemp(request.param)
    if request.param == "example-site":
        base_url = example_with_sub_path(example_copy, root)
    else:
        base_url = small_site_without_final_slash(root)
    build(root, root / "output", ("public",))
    with serve_under_sub_path(root / "output" / "public") as origin:
        assert fetch(origin + "/index.html").status == 404, "only /network/ is served"
        yield ServedSite(root, base_url, crawl_site(origin))


@pytest.mark.slow
def test_every_link_and_asset_resolves_under_the_sub_path(served_site: ServedSite) -> None:
    crawl = served_site.crawl
    languages = 3
    assert len(crawl.pages) > 2 * languages, f"the crawl reached only {sorted(crawl.pages)}"
    assert crawl.statuses[crawl.missing_page] == 404
    missing_page_refs = crawl.pages[crawl.missing_page]
    assert any(ref.rel == ("stylesheet",) for ref in missing_page_refs), \
        "the 404 page has its stylesheet (checked to resolve like every other reference)"
    assert any(url.endswith("/sv/index.html") for url in crawl.pages), \
        "the other languages were reached"
    assert any(url.endswith(".css") for url in crawl.resources)
    assert not crawl.errors, f"{len(crawl.errors)} problems:\n" + "\n".join(crawl.errors[:60])


def canonical_of(refs: list[Reference]) -> list[str]:
    return [ref.value for ref in refs if ref.tag == "link" and "canonical" in ref.rel]


@pytest.mark.slow
def test_full_addresses_point_under_base_url(served_site: ServedSite) -> None:
    """canonical, og:url, sitemap.xml, robots.txt, the vCard and the QR code."""
    from generator.render.extras import qr_svg

    crawl = served_site.crawl
    wrong: list[str] = []
    for url, refs in crawl.pages.items():
        if crawl.statuses[url] != 200:
            continue
        relative = url.removeprefix(crawl.root).removesuffix("index.html")
        for canonical in canonical_of(refs):
            if canonical != PUBLISHED_ROOT + relative:
                wrong.append(f"{url}: canonical {canonical}, expected {PUBLISHED_ROOT + relative}")
    assert canonical_of(crawl.pages[crawl.root]) == [PUBLISHED_ROOT]
    assert not wrong, "\n".join(wrong)

    robots = fetch(crawl.root + "robots.txt").text
    assert f"Sitemap: {PUBLISHED_ROOT}sitemap.xml" in robots.splitlines()

    sitemap = ElementTree.fromstring(fetch(crawl.root + "sitemap.xml").body)
    addresses = [el.text or "" for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    addresses += [el.get("href", "") for el in sitemap.iter("{http://www.w3.org/1999/xhtml}link")]
    assert PUBLISHED_ROOT in addresses
    outside = [a for a in addresses if not a.startswith(PUBLISHED_ROOT)]
    assert not outside, f"sitemap addresses outside {PUBLISHED_ROOT}: {outside}"
    broken = [a for a in sorted(set(addresses))
              if fetch(crawl.root + a.removeprefix(PUBLISHED_ROOT)).status != 200]
    assert not broken, f"sitemap addresses that are not there on the host: {broken}"

    vcard = fetch(crawl.root + "contact.vcf").text.replace("\r\n ", "")
    urls = [line.split(":", 1)[1] for line in vcard.splitlines() if line.startswith("URL")]
    assert urls, "the contact card has the web address"
    assert all(is_published(url) for url in urls if urlsplit(url).hostname == PUBLISHED_HOST)

    qr = fetch(crawl.root + "qr.svg").text
    assert qr in {qr_svg(PUBLISHED_ROOT), qr_svg(PUBLISHED_ROOT.rstrip("/"))}, \
        "the QR code opens the card's address"


def test_pull_request_diff_workflow_runs_netcard_diff() -> None:
    workflow = load_yaml(REPO / "docs" / "examples" / "pull-request-diff.yml")
    steps = workflow["jobs"]["diff"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("netcard diff") for run in runs)
    assert any("gh pr comment" in run for run in runs)
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert (REPO / "docs" / "diff.md").read_text(encoding="utf-8").count(
        "examples/pull-request-diff.yml") >= 1

"""Building whole sites: the example and small fixtures, as a user runs them."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.build import build, load_site
from generator.cli import main
from generator.errors import UsageError
from generator.model.visibility import public_view
from tests.conftest import REPO, SiteFactory


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_example_builds_both_profiles(example_output: Path) -> None:
    for profile in ("public", "workbook"):
        root = example_output / profile
        for page in ("index.html", "members/index.html", "404.html",
                     "contact.vcf", "qr.svg", "sv/index.html", "en/index.html",
                     "coordination/index.html", "competences/index.html",
                     "assets/netcard.css", "assets/vendor/vis-network.min.js"):
            assert (root / page).is_file(), f"{profile}/{page}"
    assert (example_output / "workbook" / "workbook" / "index.html").is_file()
    assert (example_output / "workbook" / "futures" / "index.html").is_file()
    assert (example_output / "workbook" / "evaluations" / "index.html").is_file()
    assert not (example_output / "public" / "futures").exists()
    assert not (example_output / "public" / "evaluations").exists()


def test_only_the_public_card_claims_addresses_under_base_url(example_output: Path) -> None:
    """The workbook is not published at base_url: no sitemap, canonical or alternates of
    its own that would name public addresses its internal pages do not have."""
    public, workbook = example_output / "public", example_output / "workbook"
    assert (public / "sitemap.xml").is_file()
    assert 'rel="canonical"' in (public / "members/index.html").read_text(encoding="utf-8")
    assert not (workbook / "sitemap.xml").exists()
    for page in ("index.html", "members/index.html", "futures/index.html"):
        html_text = (workbook / page).read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html_text, page
        assert '<link rel="alternate" hreflang=' not in html_text, page
    assert (workbook / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


@pytest.mark.slow
def test_same_input_gives_identical_bytes(example_copy: Path, tmp_path: Path) -> None:
    build(example_copy, tmp_path / "one")
    build(example_copy, tmp_path / "two")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_failing_build_leaves_previous_output_untouched(make_site: SiteFactory) -> None:
    site = make_site()
    assert main(["build", str(site)]) == 0
    before = tree_digest(site / "output")
    (site / "content" / "members" / "alpha.yaml").write_text("name: A\nrole: boss\n")
    assert main(["build", str(site)]) == 2
    assert tree_digest(site / "output") == before
    assert not list(site.glob(".output.tmp-*"))


def test_refuses_a_folder_it_did_not_create(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    foreign = tmp_path / "important"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    with pytest.raises(UsageError, match="was not made by netcard"):
        build(site, foreign)
    assert (foreign / "thesis.docx").read_text() == "precious"


@pytest.mark.slow
def test_rebuild_replaces_old_files(make_site: SiteFactory) -> None:
    site = make_site({"pages/old.md": "---\ntitle: Old\n---\nOld page\n"})
    build(site, site / "output")
    assert (site / "output/public/old/index.html").exists()
    (site / "content/pages/old.md").unlink()
    build(site, site / "output")
    assert not (site / "output/public/old").exists()


def test_profile_option_keeps_the_other_profile(make_site: SiteFactory) -> None:
    site = make_site()
    build(site, site / "output")
    workbook = tree_digest(site / "output" / "workbook")
    build(site, site / "output", ("public",))
    assert tree_digest(site / "output" / "workbook") == workbook


def _walk_texts(value: object, found: set[str]) -> None:
    from pydantic import BaseModel

    from generator.model.types import Text

    if isinstance(value, Text):
        found.update(value.all_strings())
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _walk_texts(getattr(value, name), found)
    elif isinstance(value, dict):
        for item in value.values():
            _walk_texts(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk_texts(item, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _walk_texts(getattr(value, name), found)


def text_runs(markdown: str) -> list[str]:
    """The plain text of each paragraph, heading and list item of a Markdown string."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    runs = []
    for token in tokens:
        if token.type == "inline":
            text = "".join(c.content if c.type in ("text", "code_inline") else "\n"
                           for c in token.children or [] if c.type != "em_open")
            runs.extend(text.split("\n"))
    return runs


def visible_text(path: Path) -> str:
    """A file's text as a reader sees it: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def internal_only_strings(site_dir: Path) -> set[str]:
    site, _ = load_site(site_dir)
    everything: set[str] = set()
    public: set[str] = set()
    _walk_texts(site, everything)
    _walk_texts(public_view(site), public)
    for page in [*site.workbook.values(), *site.strategy.values(), *site.pages.values()]:
        shown = site.types.named(page.section).visibility_of(page) == "public"
        (public if shown else everything).add(page.body)
    hidden = everything - public
    ui_text = "\n".join((REPO / "generator/locales" / f"{code}.yaml").read_text("utf-8")
                        for code in ("fi", "sv", "en"))
    public_text = "\n".join(public) + ui_text
    strings = set()
    for text in hidden:
        for run in text_runs(text):
            run = run.strip()
            if len(run) >= 16 and run not in public_text and run not in site.members:
                strings.add(run[:60])
    ids = {m for m in site.members if m not in public_view(site).members}
    return strings | {f"/{i}/" for i in ids} | {f'"{i}"' for i in ids}


@pytest.mark.slow
def test_no_internal_string_of_the_example_reaches_public(example_copy: Path,
                                                          example_output: Path) -> None:
    secrets = internal_only_strings(example_copy)
    assert len(secrets) > 50  # the example has plenty of internal content
    leaks: list[tuple[str, str]] = []
    for path in (example_output / "public").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".js", ".vcf",
                                              ".graphml", ".gexf", ".txt"):
            text = html.unescape(path.read_text(encoding="utf-8"))
            leaks.extend((path.name, s) for s in secrets if s in text)
    assert leaks == []
    workbook = "\n".join(visible_text(p) for p in (example_output / "workbook").rglob("*.html"))
    missing = sorted(s for s in secrets if s not in workbook and not s.startswith(('"', "/")))
    assert missing == []


def test_workbook_is_marked_internal_and_noindex(example_output: Path) -> None:
    for page in (example_output / "workbook").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        assert 'class="internal-banner"' in text, page
    for page in (example_output / "public").rglob("*.html"):
        assert "noindex" not in page.read_text(encoding="utf-8"), page
    assert (example_output / "workbook/robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


@pytest.mark.slow
def test_python_dash_m_works_like_netcard(make_site: SiteFactory) -> None:
    site = make_site()
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(site)], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (site / "output/public/index.html").exists()
    # The command exits without tearing the heap down: what it printed still arrives
    # whole through a pipe, and its exit code is main()'s.
    assert done.stdout.startswith("Built ") and done.stdout.endswith(" s\n"), done.stdout
    version = subprocess.run([sys.executable, "-m", "generator", "--version"], cwd=REPO,
                             capture_output=True, text=True, check=False)
    assert version.stdout.startswith("netcard ")
    (site / "content/site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "generator", "build", str(site)], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert failed.returncode == 2
    assert "content/site.yaml" in failed.stderr and failed.stderr.endswith("\n"), failed.stderr


def test_content_error_exit_code_and_no_traceback(make_site: SiteFactory,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"members/alpha.yaml": "name: A\nsector: educaton\nrole: boss\n"})
    assert main(["build", str(site)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "content/members/alpha.yaml:2:9" in err and "content/members/alpha.yaml:3:7" in err
    assert "2 problems found; nothing was written." in err


def test_no_content_folder_is_a_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path)]) == 2
    assert "there is no content/ folder" in capsys.readouterr().err


@pytest.mark.slow
def test_new_site_builds_and_checks(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "site")]) == 0
    assert main(["build", str(tmp_path / "site")]) == 0
    assert main(["check", str(tmp_path / "site")]) == 0
    assert main(["new", str(tmp_path / "site")]) == 2


@pytest.mark.slow
def test_a_public_phase_page_links_only_to_public_pages(make_site: SiteFactory,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The card's copy of the workbook index lists phase 9 without the workbook's card
    preview, which the public profile does not have."""
    site = make_site({"workbook/kortti.md": "---\ntitle: Käyntikortti\nphase: 9\n"
                                           "visibility: public\n---\nTeksti.\n"})
    assert main(["check", str(site), "--strict"]) == 0, capsys.readouterr().err
    public = (site / "output/public/workbook/index.html")
    assert not public.exists()  # check writes nothing
    result = main(["build", str(site)])
    assert result == 0
    assert "card/index.html" not in public.read_text(encoding="utf-8")
    assert "../card/index.html" in (site / "output/workbook/workbook/index.html").read_text(
        encoding="utf-8")


@pytest.mark.slow
def test_example_checks_clean(example_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(example_copy), "--strict"]) == 0
    assert "every internal link resolves" in capsys.readouterr().out


@pytest.mark.slow
def test_parallel_rendering_gives_the_same_pages(example_copy: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import render_site
    from generator.render import site as render_module

    serial = render_site(example_copy, ("public",), workers=1).files()
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 0)
    parallel = render_site(example_copy, ("public",), workers=2).files()
    assert parallel == serial


@pytest.mark.slow
def test_this_process_renders_beside_its_workers(example_copy: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Each forked worker ends up with a copy of most of the loaded site, so the build
    # process renders too: `workers` processes in all, each page once, the same pages.
    import os

    from generator.build import render_site
    from generator.render import site as render_module

    first = render_site(example_copy, ("public",), workers=1)
    serial = first.files()
    log = tmp_path / "pages.log"
    render_task = render_module.ProfileRenderer.render_task

    def logged(self: render_module.ProfileRenderer, task: tuple[int, str]) -> object:
        with log.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return render_task(self, task)

    monkeypatch.setattr(render_module.ProfileRenderer, "render_task", logged)
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 0)
    parallel = render_site(example_copy, ("public",), workers=3).files()
    assert parallel == serial
    renderers = log.read_text().splitlines()
    assert len(renderers) == len(first.profiles["public"].rendered)
    assert str(os.getpid()) in renderers and len(set(renderers)) <= 3


@pytest.mark.slow
def test_a_page_that_fails_in_a_worker_stops_the_build(example_copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from generator.build import render_site
    from generator.render import site as render_module

    builder = os.getpid()
    render_task = render_module.ProfileRenderer.render_task

    def failing(self: render_module.ProfileRenderer, task: tuple[int, str]) -> object:
        if os.getpid() != builder:
            raise RuntimeError("a page failed in a worker")
        return render_task(self, task)

    monkeypatch.setattr(render_module.ProfileRenderer, "render_task", failing)
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 0)
    with pytest.raises(RuntimeError, match="failed in a worker"):
        render_site(example_copy, ("public",), workers=2)


@pytest.mark.slow
def test_a_page_that_fails_here_stops_the_workers_at_their_next_page(
        example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers used to be killed: one killed while it handed its pages back left half
    # a message in the pool's pipe, and the build waited for the rest for ever (a CI run
    # of the Ctrl-C test of netcard serve hung so). Now each worker finishes the page in
    # hand, renders no other and ends normally.
    import os

    from generator.build import render_site
    from generator.parallel import forked_pool
    from generator.render import site as render_module

    builder = os.getpid()
    log = tmp_path / "pages.log"
    render_task = render_module.ProfileRenderer.render_task
    workers: list[Any] = []

    def recorded_pool(count: int) -> Any:
        pool, forked = forked_pool(count)
        workers.extend(forked)
        return pool, forked

    def failing_here(self: render_module.ProfileRenderer, task: tuple[int, str]) -> object:
        if os.getpid() == builder:
            raise RuntimeError("a page failed in the build process")
        stop = render_module._STOP_WORKERS
        assert stop is not None
        stop.wait(timeout=120)  # (the page in hand when the build fails)
        with log.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return render_task(self, task)

    monkeypatch.setattr(render_module, "forked_pool", recorded_pool)
    monkeypatch.setattr(render_module.ProfileRenderer, "render_task", failing_here)
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 0)
    with pytest.raises(RuntimeError, match="failed in the build process"):
        render_site(example_copy, ("public",), workers=3)
    assert len(workers) == 2
    assert [worker.exitcode for worker in workers] == [0, 0]  # ended, not killed
    rendered = log.read_text().splitlines() if log.exists() else []
    assert all(rendered.count(str(worker.pid)) <= 1 for worker in workers)
    assert len(rendered) <= 2


def test_workers_get_the_pages_that_sum_up_the_site_first_one_by_one(example_copy: Path) -> None:
    from collections import Counter

    from generator.analyse.profiles import analyse_profiles
    from generator.build import load_site, profile_views
    from generator.model.profile import Profile
    from generator.render.site import ProfileRenderer, _work_units

    site, _ = load_site(example_copy)
    views, public = profile_views(site, (Profile.WORKBOOK, Profile.PUBLIC))
    analysed = analyse_profiles(views, None, "")
    jobs = [ProfileRenderer(view, example_copy, analysed[profile], public=public).start()
            for profile, view in views.items()]
    units = _work_units(jobs, workers=2)
    every = sorted((number, *task) for number, job in enumerate(jobs) for task in job.tasks)
    assert sorted(task for unit in units for task in unit) == every  # each page once
    kinds = [Counter(spec.kind for spec in job.renderer.specs()) for job in jobs]

    def alone(task: tuple[int, int, str]) -> bool:
        number, index, _ = task
        return kinds[number][jobs[number].renderer.specs()[index].kind] == 1

    assert [unit[0][0] for unit in units] == sorted(unit[0][0] for unit in units)  # by profile
    for number in range(len(jobs)):
        own = [unit for unit in units if unit[0][0] == number]
        singles = [unit for unit in own if alone(unit[0])]
        assert own[:len(singles)] == singles and all(len(unit) == 1 for unit in singles)
        assert not any(alone(task) for unit in own[len(singles):] for task in unit)
        kinds_alone = {jobs[number].renderer.specs()[unit[0][1]].kind for unit in singles}
        assert kinds_alone >= {"network", "card", "members"}


def test_a_site_without_a_logo_tells_the_browser_there_is_no_icon(make_site: SiteFactory,
                                                                   example_output: Path) -> None:
    """Without a logo, browsers ask for /favicon.ico, a 404 in every console; an empty
    data: icon stops them. A site with a logo links the logo."""
    from generator.build import render_site

    site = make_site()
    pages = {path: content for path, content in render_site(site).files().items()
             if path.endswith(".html")}
    assert pages and all(b'<link rel="icon" href="data:,">' in page for page in pages.values())
    card = (example_output / "public/index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="media/' in card and 'href="data:,"' not in card

"""One test per class of content error: the message names the file, the line and a fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import load_site
from generator.errors import ContentErrors
from tests.conftest import SiteFactory


def errors_of(site: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_site(site)
    return [error.format() for error in caught.value.errors]


def single_error(site: Path) -> str:
    errors = errors_of(site)
    assert len(errors) == 1, errors
    return errors[0]


CASES: list[tuple[str, dict[str, str | bytes | None], str, str]] = [
    ("duplicate key", {"members/alpha.yaml": "name: A\nname: B\n"},
     "content/members/alpha.yaml:2:1", "duplicate key 'name'"),
    ("tab", {"members/alpha.yaml": "name: A\ncompetences:\n\tx: 1\n"},
     "content/members/alpha.yaml:3:1", "tab is used for indentation"),
    ("not utf-8", {"members/alpha.yaml": "name: Äiti\n".encode("latin-1")},
     "content/members/alpha.yaml:1:7", "not UTF-8"),
    ("invalid file name", {"members/Big Name.yaml": "name: X\n"},
     "content/members/Big Name.yaml", "rename it to 'big-name.yaml'"),
    ("invalid id", {"network.yaml": "name: N\nservices:\n  - id: Foo_Bar\n    name: S\n"},
     "content/network.yaml:3:9", "'Foo_Bar' is not a valid id"),
    ("url scheme", {"members/alpha.yaml": "name: A\nwebsite: 'javascript:alert(1)'\n"},
     "content/members/alpha.yaml:2:10", "only http://, https://, mailto: and tel:"),
    ("number out of range", {"members/alpha.yaml": "name: A\ncompetences: {x: 7}\n",
                             "competences.yaml": "areas:\n  - id: x\n    name: X\n"},
     "content/members/alpha.yaml:2:18", "use a whole number from 1 to 5"),
    ("impossible date", {"members/alpha.yaml": "name: A\njoined: 2023-02-30\n"},
     "content/members/alpha.yaml:2:9", "'2023-02-30' is not a real date"),
    ("unknown reference", {"network.yaml": "name: N\nservices:\n  - id: s\n    name: S\n"
                           "    providers: [alpah]\n"},
     "content/network.yaml:5:17", "did you mean 'alpha'?"),
    ("duplicate id", {"network.yaml": "name: N\nservices:\n  - {id: s, name: S}\n"
                      "  - {id: s, name: T}\n"},
     "content/network.yaml:4:10", "duplicate service id 's' (first on line 3)"),
    ("parent cycle", {"members/alpha.yaml": "name: A\nparent: beta\n",
                      "members/beta.yaml": "name: B\nparent: alpha\n"},
     "content/members/alpha.yaml:2:9", "alpha → beta → alpha"),
    ("unterminated front matter", {"pages/about.md": "---\ntitle: About\nbody\n"},
     "content/pages/about.md:1:1", "front matter is not closed"),
    ("empty file", {"ties.yaml": "\n"}, "content/ties.yaml:1:1", "the file is empty"),
    ("list where a mapping belongs", {"members/alpha.yaml": "- name: A\n"},
     "content/members/alpha.yaml:1:1", "it must be a mapping"),
    ("unknown enum value", {"members/alpha.yaml": "name: A\nsector: educaton\n"},
     "content/members/alpha.yaml:2:9", "did you mean 'education'?"),
    ("unknown visibility", {"members/alpha.yaml": "name: A\nvisibility: pubic\n"},
     "content/members/alpha.yaml:2:13", "did you mean 'public'? allowed: public, internal"),
    ("unknown language code", {"members/alpha.yaml": "name: {fi: A, de: B}\n"},
     "content/members/alpha.yaml:1:7", "language 'de' is not one of the site's languages"),
    ("path leaving content", {"network.yaml": "name: N\nlogo: ../secret.png\n"},
     "content/network.yaml:2:7", "leaves content/"),
    ("absolute path", {"network.yaml": "name: N\nlogo: /etc/passwd\n"},
     "content/network.yaml:2:7", "the path is absolute"),
    ("unknown key", {"members/alpha.yaml": "name: A\nsectr: ngo\n"},
     "content/members/alpha.yaml:2:1", "did you mean 'sector'?"),
    ("missing required key", {"members/alpha.yaml": "sector: ngo\n"},
     "content/members/alpha.yaml:1:1", "'name' is required"),
    ("wrong type", {"members/alpha.yaml": "name: A\nexternal: maybe\n"},
     "content/members/alpha.yaml:2:11", "expected true or false"),
    ("alias bomb", {"members/alpha.yaml": "name: A\nx: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{chr(98 + i)}{i}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(7))},
     "content/members/alpha.yaml", "alias bomb"),
    ("tie to itself", {"ties.yaml": "ties:\n  - between: [alpha, alpha]\n"},
     "content/ties.yaml:2:5", "connects 'alpha' with itself"),
    ("unknown tie type", {"ties.yaml": "types: {referral: {label: R}}\n"
                          "ties:\n  - {between: [alpha, beta], type: referal}\n"},
     "content/ties.yaml:3:36", "did you mean 'referral'?"),
    ("bad colour", {"ties.yaml": "types: {referral: {label: R, color: red}}\n"},
     "content/ties.yaml:1:37", "is not a colour"),
    ("page id collides", {"pages/members.md": "---\ntitle: M\n---\n"},
     "content/pages/members.md", "taken by a built-in section"),
    ("page id is the pages index's", {"pages/pages.md": "---\ntitle: P\n---\n"},
     "content/pages/pages.md", "taken by a built-in section"),
    ("page id is the card preview's", {"pages/card.md": "---\ntitle: C\n---\n"},
     "content/pages/card.md", "taken by a built-in section"),
    ("csv bad value", {"evaluations/r.yaml": "responses_csv: evaluations/r.csv\n",
                       "evaluations/r.csv": "respondent,debate\nA,4\nB,9\n"},
     "content/evaluations/r.csv:3:2", "use a whole number from 1 to 5"),
    ("csv unknown column", {"evaluations/r.yaml": "responses_csv: evaluations/r.csv\n",
                            "evaluations/r.csv": "respondent,dialog\nA,4\n"},
     "content/evaluations/r.csv:1:2", "did you mean 'dialogue'"),
    ("missing csv", {"evaluations/r.yaml": "responses_csv: evaluations/nope.csv\n"},
     "content/evaluations/r.yaml:1:16", "there is no file content/evaluations/nope.csv"),
    ("unknown top-level file", {"member/alpha.yaml": "name: A\n"},
     "content/member", "did you mean 'members'?"),
    ("unknown language in site.yaml", {"site.yaml": "languages: [fi, xx]\n"},
     "content/site.yaml:1:17", "not a known language"),
    # Issue 14, item 10: the true line and column of a NUL byte (was 1:1), also in
    # the front matter of a Markdown page.
    ("NUL byte", {"members/alpha.yaml": "name: A\nsector: educ\x00ation\n"},
     "content/members/alpha.yaml:2:13", "the invisible character U+0000"),
    ("NUL byte in front matter", {"pages/p.md": "---\ntitle: Ot\x00sikko\n---\nText.\n"},
     "content/pages/p.md:2:10", "the invisible character U+0000"),
]


@pytest.mark.parametrize(("name", "files", "location", "text"), CASES,
                         ids=[case[0] for case in CASES])
@pytest.mark.slow
def test_error_names_file_line_and_fix(make_site: SiteFactory, name: str,
                                       files: dict[str, str | bytes | None], location: str,
                                       text: str) -> None:
    error = single_error(make_site(files))
    assert error.startswith(location + ":") or error.startswith(location + " "), error
    assert text in error
    assert "how to fix:" in error


def test_symlink_out_of_content_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Secret\n", encoding="utf-8")
    site = make_site()
    os.symlink(secret, site / "content" / "members" / "gamma.yaml")
    error = single_error(site)
    assert error.startswith("content/members/gamma.yaml: error: this is a link to a file "
                            "outside content/")


def test_every_error_at_once(make_site: SiteFactory) -> None:
    site = make_site({
        "members/alpha.yaml": "name: A\nsectr: ngo\n",
        "members/beta.yaml": "name: B\nrole: boss\n",
        "ties.yaml": "ties:\n  - between: [alpha, gamma]\n",
        "pages/x.md": "no front matter\n",
    })
    errors = errors_of(site)
    files = sorted({e.split(":")[0] for e in errors})
    assert files == ["content/members/alpha.yaml", "content/members/beta.yaml",
                     "content/pages/x.md"]
    # ties are checked against members only once the members themselves are valid
    assert len(errors) == 3


def test_reference_errors_are_reported_together(make_site: SiteFactory) -> None:
    site = make_site({
        "ties.yaml": "ties:\n  - between: [alpha, gamma]\n  - {from: delta, to: beta}\n",
        "network.yaml": "name: N\ncoordination: {coordinators: [zeta]}\n",
    })
    errors = errors_of(site)
    assert len(errors) == 3
    assert any("content/ties.yaml:2:22" in e and "'gamma'" in e for e in errors)
    assert any("content/ties.yaml:3:12" in e and "'delta'" in e for e in errors)


def test_a_case_clash_names_both_files(make_site: SiteFactory) -> None:
    """Issue 14, item 10: the hint said to rename Koordinaattori.yaml to
    koordinaattori.yaml, which already exists."""
    site = make_site({"members/koordinaattori.yaml": "name: K\n",
                      "members/Koordinaattori.yaml": "name: K2\n"})
    error = single_error(site)
    assert error.startswith("content/members/Koordinaattori.yaml: error:")
    assert "'Koordinaattori.yaml' and 'koordinaattori.yaml' clash" in error
    assert "rename it to 'koordinaattori.yaml'" not in error


def test_two_names_that_would_become_the_same_id_name_each_other(make_site: SiteFactory) -> None:
    site = make_site({"members/Uusi Jäsen.yaml": "name: U\n",
                      "members/uusi_jasen.yaml": "name: U2\n"})
    errors = errors_of(site)
    assert len(errors) == 2
    assert all("'Uusi Jäsen.yaml' and 'uusi_jasen.yaml' would both become 'uusi-jasen.yaml'"
               in error or "'uusi_jasen.yaml' and 'Uusi Jäsen.yaml' would both become "
               "'uusi-jasen.yaml'" in error for error in errors), errors


def _unknown_keys(count: int) -> str:
    return "name: M\n" + "".join(f"avain{number}: 1\n" for number in range(count))


def test_errors_are_capped_per_file_and_in_all(make_site: SiteFactory,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14, item 9: 100,000 unknown keys printed 100,000 errors."""
    from generator.cli import main
    from generator.errors import SHOWN_IN_ALL, SHOWN_PER_FILE

    files: dict[str, str | bytes | None] = {
        f"members/m{number}.yaml": _unknown_keys(60) for number in range(5)}
    assert main(["check", str(make_site(files))]) == 2
    lines = capsys.readouterr().err.splitlines()
    listed = [line for line in lines if ": error: unknown key" in line]
    assert len(listed) == SHOWN_IN_ALL == 4 * SHOWN_PER_FILE
    assert {line.split(":")[0] for line in listed} == {
        f"content/members/m{number}.yaml" for number in range(4)}
    assert listed[0].startswith("content/members/m0.yaml:2:1:")  # the first come first
    assert "… and 10 more problems in content/members/m0.yaml" in lines
    assert "… and 60 more problems in 1 more file" in lines
    assert lines[-1] == "300 problems found; nothing was written."


@pytest.mark.slow
def test_a_hundred_thousand_problems_in_one_file() -> None:
    from generator.errors import ContentError, ContentErrors

    errors = ContentErrors(ContentError("members/x.yaml", line, 1, f"unknown key 'k{line}'")
                           for line in range(1, 100_001))
    report = errors.report().splitlines()
    assert len(report) == 50 + 2
    assert report[0].startswith("members/x.yaml:1:1: error:")
    assert report[-2:] == ["… and 99,950 more problems in members/x.yaml",
                           "100,000 problems found; nothing was written."]
    overlay = errors.shown()  # what netcard serve shows over the page
    assert len(overlay) == 51 and overlay[-1].summary


def test_a_tie_type_in_a_sectors_colour_is_a_warning(make_site: SiteFactory) -> None:
    site = make_site({"ties.yaml": "types:\n"
                      "  money: {label: Money, color: \"#1F77B4\"}\n"
                      "  advice: {label: Advice, color: \"#123456\"}\n"
                      "ties:\n  - {between: [alpha, beta], type: money}\n"})
    _, warnings = load_site(site)
    texts = [warning.format() for warning in warnings]
    assert len(texts) == 1, texts
    assert texts[0].startswith("content/ties.yaml:2:32:")
    assert "#1f77b4 is the colour of the sector 'education'" in texts[0]
    assert "remove 'color:'" in texts[0]

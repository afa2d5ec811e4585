"""`netcard --version` stays fast: the command line imports no heavy library."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = ("pydantic", "jinja2", "networkx", "pyvis", "babel", "markdown_it", "markdown_it_pyrs",
         "yaml", "rich",
         "watchfiles", "numpy", "scipy")


def test_version_imports_nothing_heavy() -> None:
    code = ("import sys\nfrom generator.cli import main\ntry:\n    main(['--version'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, check=True)
    assert done.stdout.startswith("netcard ")
    loaded = {name.split(".")[0] for name in eval(done.stdout.splitlines()[-1])}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_up_to_date_check_imports_nothing_heavy(tmp_path) -> None:
    site, out = str(tmp_path), str(tmp_path / "out")
    code = ("import sys\nfrom pathlib import Path\nfrom generator.freshness import is_up_to_date\n"
            f"is_up_to_date(Path({site!r}), Path({out!r}), ('public',))\n"
            "print(sorted(m for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, check=True)
    loaded = {name.split(".")[0] for name in eval(done.stdout.splitlines()[-1])}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    import pytest

    from generator.cli import EXIT_CONTENT, main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == EXIT_CONTENT
    return str(capsys.readouterr().err)


def test_a_usage_error_points_at_the_help_of_the_command_used(capsys) -> None:
    assert "see 'netcard --help'" in _usage_error(["biuld"], capsys)
    for argv in (["build", "--colour", "red"], ["build", "--profile", "intranet"],
                 ["build", "site", "extra"]):
        err = _usage_error(argv, capsys)
        assert "see 'netcard build --help'" in err, err
        assert "netcard netcard" not in err


@pytest.mark.slow  # two builds of the example in fresh interpreters
def test_an_edit_that_leaves_the_network_as_it_was_does_not_import_networkx(tmp_path) -> None:
    import shutil

    from tests.conftest import EXAMPLE

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site / "content")
    build = ("import sys\nfrom generator.cli import main\n"
             f"assert main(['build', {str(site)!r}]) == 0\n"
             "print(sorted(m for m in sys.modules))")

    def modules_of_a_build() -> set[str]:
        done = subprocess.run([sys.executable, "-c", build], cwd=REPO, capture_output=True,
                              text=True, check=True)
        return {name.split(".")[0] for name in eval(done.stdout.splitlines()[-1])}

    assert "networkx" in modules_of_a_build()  # the first build analyses the network
    page = next((site / "content/pages").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert modules_of_a_build().isdisjoint({"networkx", "numpy", "scipy"})
    assert "One more line." in "".join(
        path.read_text(encoding="utf-8") for path in (site / "output").rglob("*.html"))

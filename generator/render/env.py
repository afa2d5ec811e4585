"""The Jinja2 environment: autoescape everywhere, site theme before the default."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from generator.paths import default_theme_dir


def theme_dirs(site_dir: Path, theme: str, sub: str) -> list[Path]:
    """Where to look for a theme's templates or static files, most specific first."""
    candidates = [site_dir / "themes" / theme / sub]
    if theme != "default":
        candidates.append(site_dir / "themes" / "default" / sub)
    candidates.append(default_theme_dir() / sub)
    seen: list[Path] = []
    for path in candidates:
        if path.is_dir() and path.resolve() not in [s.resolve() for s in seen]:
            seen.append(path)
    return seen


def make_environment(site_dir: Path, theme: str) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(path))
                           for path in theme_dirs(site_dir, theme, "templates")])
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                      trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
    return env

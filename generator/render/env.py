"""The Jinja2 environment: autoescape everywhere, site theme before the default."""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path
from types import MethodType
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.runtime import Context

from generator.deps import fingerprint, record
from generator.paths import default_theme_dir, user_cache_dir
from generator.render.contact_links import email_of, link_text, phone_href, phone_text
from generator.render.service_finder import language_label


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


def template_candidates(site_dir: Path, theme: str) -> list[Path]:
    """Every folder a template may come from, existing or not (a new override counts)."""
    candidates = [site_dir / "themes" / theme / "templates"]
    if theme != "default":
        candidates.append(site_dir / "themes" / "default" / "templates")
    candidates.append(default_theme_dir() / "templates")
    return candidates


def template_fingerprint(site_dir: Path, theme: str, name: str) -> str:
    """Which folder provides `name`, and its bytes: changes when an override appears."""
    for index, folder in enumerate(template_candidates(site_dir, theme)):
        path = folder / name
        if path.is_file():
            return fingerprint(str(index), path.read_bytes())
    return "missing"


class HelperContext(Context):
    """Jinja's context, calling plain methods (`nc.t(…)`, `nc.url(…)`) directly.

    Jinja's own `call` asks every callable, on every call, whether it wants the
    context or the environment passed in (two `hasattr` each): a member page makes
    ~150 such calls. Here a method's function is asked once; the answer is kept.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is MethodType:
            plain = _PLAIN_FUNCTIONS.get(__obj.__func__)
            if plain is None:
                plain = _PLAIN_FUNCTIONS[__obj.__func__] = (
                    getattr(__obj.__func__, "jinja_pass_arg", None) is None)
            if plain:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
                try:
                    return __obj(*args, **kwargs)
                except StopIteration:
                    return __self.environment.undefined(
                        "value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_PLAIN_FUNCTIONS: dict[Any, bool] = {}


class RecordingEnvironment(Environment):
    """Records every template a page uses, even when Jinja serves it from its cache."""

    context_class = HelperContext

    def _load_template(self, name: str, globals: MutableMapping[str, Any] | None) -> Template:
        record(f"template:{name}")
        return super()._load_template(name, globals)


class SafeBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between builds; a damaged entry is recompiled, not trusted.

    The cache is the user's ($XDG_CACHE_HOME/netcard/templates), not the site's: the
    built-in theme then compiles once per netcard install, not once per site and again
    after every `rm -r .netcard-cache`, like Python's own .pyc files (compiling it
    took 0.3–0.6 s of every cold build). Entries are keyed by the template's full path
    and checked against its source, so sites never mix, and the folder is private to
    the user (Jinja's own default cache folder works the same way).
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # marshal raises several types on damaged data
            bucket.reset()


def make_environment(site_dir: Path, theme: str, site_cache: Path | None = None) -> Environment:
    """The templates' environment. Compiled templates go to the user's cache, else to
    `site_cache` (see `paths.site_cache_dir`), else nowhere (compiled on every run)."""
    loader = ChoiceLoader([FileSystemLoader(str(path))
                           for path in theme_dirs(site_dir, theme, "templates")])
    bytecode_cache: SafeBytecodeCache | None = None
    fallback = [] if site_cache is None else [site_cache / "templates"]
    for cache_dir in (user_cache_dir() / "templates", *fallback):
        try:
            cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            if cache_dir.stat().st_uid == os.getuid():
                bytecode_cache = SafeBytecodeCache(str(cache_dir))
                break
        except OSError:
            continue  # a read-only home or site still builds, only slower
    env = RecordingEnvironment(loader=loader, autoescape=True, undefined=StrictUndefined,
                               trim_blocks=False, lstrip_blocks=False,
                               keep_trailing_newline=True, bytecode_cache=bytecode_cache)
    # contact details as people read them (render/contact_links.py)
    env.filters.update(phone=phone_text, tel_href=phone_href, link_text=link_text,
                       email_of=email_of, language_label=language_label)
    return env

"""pyvis's Node, Edge and Options classes, without pyvis's package `__init__`.

`import pyvis.node` first runs `pyvis/__init__.py`, which imports `pyvis.network`
and through it IPython, jedi and prompt_toolkit: 0.6 s of every build's start-up
(measured with `python -X importtime`) for three small classes that import nothing
but `json`. This module loads just those files, under their usual names, so that
`pyvis.network` imported later by someone else still finds the same classes.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any


@cache
def pyvis_dir() -> Path:
    """Where pyvis is installed, found without importing it."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis is not installed: pip install pyvis")
    return Path(next(iter(spec.submodule_search_locations)))


def vis_network_dir() -> Path:
    """vis-network's JS and CSS, from the copy pyvis ships (served from our own assets/)."""
    lib = pyvis_dir().resolve() / "templates" / "lib"
    versions = sorted(lib.glob("vis-*"))
    return versions[-1]


def _module(name: str) -> ModuleType:
    full_name = f"pyvis.{name}"
    loaded = sys.modules.get(full_name)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(full_name, pyvis_dir() / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[full_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[full_name]
        raise
    return module


_module("physics")  # options.py does `from .physics import *`
Node: Any = _module("node").Node
Edge: Any = _module("edge").Edge
Options: Any = _module("options").Options

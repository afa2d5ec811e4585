"""The hostile site, built once per markdown.allow_html setting (both profiles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from tests.hostile.hostile_site import write_hostile_site


@pytest.fixture(scope="session", params=[False, True], ids=["html-off", "html-on"])
def hostile_output(request: pytest.FixtureRequest,
                   tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT with public/ and workbook/ of the hostile site."""
    allow_html: bool = request.param
    root = write_hostile_site(tmp_path_factory.mktemp(f"hostile-{allow_html}"),
                              allow_html=allow_html)
    build(root, root / "output")
    return root / "output"

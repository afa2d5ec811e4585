"""Relative URLs between output files."""

from __future__ import annotations

import posixpath

from hypothesis import assume, given
from hypothesis import strategies as st

from generator.render.routes import relative_url

NAMES = st.sampled_from(["members", "alpha", "index.html", "en", "a", "b", "pages", "..", ".",
                         "", "x.y", "assets", "netcard.css"])
PATHS = st.lists(NAMES, min_size=1, max_size=5).map("/".join)


@given(PATHS, PATHS)
def test_relative_url_is_relpath_from_the_files_folder(from_file: str, to_file: str) -> None:
    assume(to_file and not posixpath.isabs(to_file) and not posixpath.isabs(from_file))
    expected = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    assert relative_url(from_file, to_file) == expected


def test_examples() -> None:
    assert relative_url("members/alpha/index.html", "index.html") == "../../index.html"
    assert relative_url("index.html", "members/alpha/index.html") == "members/alpha/index.html"
    assert relative_url("en/members/index.html", "en/members/a/index.html") == "a/index.html"
    assert relative_url("en/index.html", "assets/netcard.css") == "../assets/netcard.css"

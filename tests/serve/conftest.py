"""A real `netcard serve` on an ephemeral port, started and stopped per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.serve import Server

ServerFactory = Callable[..., Server]


@pytest.fixture
def start_server() -> Iterator[ServerFactory]:
    """start_server(site, profile=…) → a started Server on a free port; stopped afterwards.

    No profile: both, the public card at / and the workbook at /_workbook/, as
    `netcard serve` does by default."""
    started: list[Server] = []

    def factory(site: Path, profile: str | None = None, **options: object) -> Server:
        server = Server(site, profile=profile, port=0, **options)  # type: ignore[arg-type]
        started.append(server)
        server.start()
        return server

    yield factory
    for server in started:
        server.stop()

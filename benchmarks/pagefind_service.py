"""Pagefind's command line against its service mode, on one folder of built pages.

    python benchmarks/pagefind_service.py OUTPUT/public [--runs 3]

The service mode (`pagefind --service`, the protocol Pagefind's Python and Node APIs
speak: base64 JSON messages, each ended by a comma) would let a build hand Pagefind
each page as it is rendered instead of running it on the finished folder. This times
both on the same pages, run after run: the command line on the folder, and the
service given every HTML file (the time to add them, then to write the index). The
indexes go to temporary folders; the pages are not changed.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.search import INDEX_FOLDER, index_folder, pagefind_executable


class Service:
    """One `pagefind --service` process and its numbered messages."""

    def __init__(self, executable: Path) -> None:
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.pending = b""
        self.messages: list[bytes] = []
        self.sent = 0

    def send(self, payload: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        message = {"message_id": self.sent, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        self.sent += 1

    def answer(self) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.flush()
        while not self.messages:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError("pagefind --service stopped")
            *complete, self.pending = (self.pending + chunk).split(b",")
            self.messages.extend(complete)
        answer: dict[str, Any] = json.loads(base64.b64decode(self.messages.pop(0)))
        if answer["payload"].get("type") == "Error":
            raise RuntimeError(f"pagefind --service: {answer['payload']}")
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html")
                  if INDEX_FOLDER not in path.relative_to(site).parts)


def command_line(site: Path, output: Path) -> float:
    """Seconds for the command-line run a build makes (generator.search)."""
    start = time.perf_counter()
    index_folder(site, output)
    return time.perf_counter() - start


def service(executable: Path, site: Path, output: Path) -> tuple[float, float]:
    """(seconds to add every page, seconds to write the index)."""
    server = Service(executable)
    try:
        server.send({"type": "NewIndex", "config": {"keep_index_url": True}})
        index = server.answer()["payload"]["index_id"]
        start = time.perf_counter()
        files = pages(site)
        for path in files:
            server.send({"type": "AddFile", "index_id": index,
                         "file_path": path.relative_to(site).as_posix(),
                         "file_contents": path.read_text(encoding="utf-8")})
        for _ in files:
            server.answer()
        added = time.perf_counter()
        server.send({"type": "WriteFiles", "index_id": index, "output_path": str(output)})
        server.answer()
        return added - start, time.perf_counter() - added
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a profile folder of built pages")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    executable = pagefind_executable()
    whole: list[float] = []
    adding: list[float] = []
    writing: list[float] = []
    print(f"{len(pages(options.site)):,} pages in {options.site}")
    for _ in range(options.runs):
        with tempfile.TemporaryDirectory(prefix="pagefind-bench-") as folder:
            whole.append(command_line(options.site, Path(folder, "cli")))
            add, write = service(executable, options.site, Path(folder, "service"))
            adding.append(add)
            writing.append(write)
    print(f"command line: median {statistics.median(whole):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in whole)})")
    print(f"service: adding median {statistics.median(adding):.2f} s, writing median "
          f"{statistics.median(writing):.2f} s (runs: "
          + ", ".join(f"{a:.2f} + {w:.2f}" for a, w in zip(adding, writing, strict=True))
          + ")")
    print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()

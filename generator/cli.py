"""The command line: parses arguments and calls build, check, new, serve, bundle, diff,
schema.

Heavy libraries are imported inside the commands so `netcard --version` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from generator import __version__
from generator.model.profile import PROFILES
from generator.names import DEFAULT_OUTPUT, WORKBOOK_MOUNT

EXIT_OK, EXIT_BUG, EXIT_CONTENT, EXIT_ENVIRONMENT = 0, 1, 2, 3
PROFILE_NAMES = tuple(profile.value for profile in PROFILES)  # as --profile takes them
OUTPUT_HELP = f"output folder (default: SITE/{DEFAULT_OUTPUT})"


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.command_parsers: dict[str, argparse.ArgumentParser] = {}

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"netcard: error: {message}\n    how to fix: see '{self.prog} --help'",
              file=sys.stderr)
        raise SystemExit(EXIT_CONTENT)


def make_parser() -> _Parser:
    parser = _Parser(prog="netcard", description="Build a network card and a facilitator "
                     "workbook from the YAML and Markdown files in content/.")
    parser.add_argument("--version", action="version", version=f"netcard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    build = commands.add_parser("build", help="build output/public/ and output/workbook/")
    _site_argument(build)
    build.add_argument("-o", "--output", type=Path, help=OUTPUT_HELP)
    build.add_argument("--profile", choices=PROFILE_NAMES, help="build only this profile")
    check = commands.add_parser("check", help="validate the content and every internal link")
    _site_argument(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve = commands.add_parser("serve", help="build and serve the public card and the "
                                "workbook on 127.0.0.1, rebuild and reload the browser page "
                                "on change")
    _site_argument(serve)
    serve.add_argument("-o", "--output", type=Path, help=OUTPUT_HELP)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to serve on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="a further name browsers may use to open the pages (repeatable; "
                       "this computer's own names and IP addresses always work)")
    serve.add_argument("--profile", choices=PROFILE_NAMES,
                       help="serve only this profile, at / (default: both, the public card "
                       f"at / and the workbook at {WORKBOOK_MOUNT})")
    bundle = commands.add_parser("bundle", help="the whole workbook as one self-contained, "
                                 "read-only HTML file")
    _site_argument(bundle)
    bundle.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html",
                        help="the HTML file to write")
    bundle.add_argument("--lang", help="the language (default: the site's default language)")
    diff = commands.add_parser(
        "diff", help="what changed between two states of the content in git, for a pull "
        "request", description="Compare two states of the content kept in git (default: "
        "HEAD against the working tree; one revision: it against the working tree) and "
        "print a summary: first what would become public, then members, ties, services "
        "and pages added, removed or changed, the network's figures and its brokers. "
        "Writes nothing, unless --svg names a file for the drawing of the change.")
    diff.add_argument("arguments", nargs="*", metavar="[SITE] [REV1 [REV2]]",
                      help="the site folder (default: here; taken as SITE when it is a "
                      "folder), then the states to compare: git commits, branches or tags")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown",
                      dest="output_format", help="markdown (default) or json")
    diff.add_argument("--lang", help="the language of the summary and of the names in it "
                      "(default: the site's default language; fi, sv and en are translated)")
    diff.add_argument("--svg", type=Path, metavar="FILE.svg",
                      help="also draw the change on the network into this SVG file: added "
                      "members and ties in blue with solid lines, removed ones in orange, "
                      "dashed and hollow, the rest pale grey")
    new = commands.add_parser("new", help="create a starter site that builds at once")
    new.add_argument("directory", type=Path, metavar="DIR")
    schema = commands.add_parser(
        "schema", help="JSON Schemas of the content files, so editors underline mistakes",
        description="Write JSON Schemas of every kind of content file (site.yaml, "
        "network.yaml, members/<id>.yaml, ...), made from the same rules netcard checks "
        "with. Without -o: into SITE/.vscode/netcard-schemas/, and SITE/.vscode/settings.json "
        "maps each schema to its files (its other settings are kept), so VS Code with the "
        "YAML extension (Red Hat) underlines unknown keys and wrong values while you type "
        "and explains each key on hover. Run it again after updating netcard. With -o DIR: "
        "only the schema files, into DIR, for another editor or tool.")
    _site_argument(schema)
    schema.add_argument("-o", "--output", type=Path, metavar="DIR",
                        help="write only the schema files, into DIR")
    parser.command_parsers = dict(commands.choices)
    return parser


def _site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", type=Path, default=Path("."), metavar="SITE",
                        help="the site folder that holds content/ (default: here)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # name the command's own help, not the top-level one
        command_parser = parser.command_parsers.get(args.command, parser)
        command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command is None:
        parser.print_help()
        return EXIT_CONTENT
    from generator.errors import ContentErrors, EnvironmentProblem, UsageError
    from generator.search import SearchIndexError

    try:
        return int(_run(args))
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as exc:
        print(f"netcard: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except EnvironmentProblem as exc:
        return _environment_failure(exc)
    except SearchIndexError as exc:  # a tool netcard runs failed, not the content
        print(f"netcard: error: {exc}", file=sys.stderr)
        return EXIT_BUG
    except KeyboardInterrupt:
        print("netcard: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except OSError as exc:  # the machine's doing (disk full, read-only …), else a bug
        from generator.errors import environment_problem

        problem = environment_problem(exc)
        if problem is None:
            return _internal_error(exc)
        return _environment_failure(problem)
    except Exception as exc:  # a bug in netcard: say so plainly
        return _internal_error(exc)


def _environment_failure(problem: Exception) -> int:
    """The machine prevented the command (exit code 3): what happened, what to do."""
    print(f"netcard: error: {problem}\nnetcard stopped; the previous output is unchanged.",
          file=sys.stderr)
    return EXIT_ENVIRONMENT


def _internal_error(exc: Exception) -> int:
    """A bug in netcard: say so plainly."""
    if os.environ.get("NETCARD_DEBUG"):
        traceback.print_exception(exc)
    print(f"netcard: internal error ({type(exc).__name__}: {exc}).\nThis is a bug in "
          "netcard, not in your content; the previous output is unchanged. Run again "
          "with NETCARD_DEBUG=1 to see the details.", file=sys.stderr)
    return EXIT_BUG


def entry() -> NoReturn:
    """The `netcard` command: `main`, then exit without tearing the heap down.

    When `main` returns, every file is written and closed and every child process
    has finished; all that the interpreter's clean-up would still do is free, one by
    one, the objects of the loaded site (0.2 s after a 1,000-page build, 0.4 s after
    a 2,000-member one), memory the system takes back at once anyway. mypy exits
    the same way.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        from generator.commands import run_build

        return run_build(args.site, args.output, args.profile)
    if args.command == "check":
        from generator.commands import run_check

        return run_check(args.site, args.strict)
    if args.command == "serve":
        from generator.serve import run_serve

        return run_serve(args.site, args.output, args.profile, args.host, args.port,
                         args.allow_host)
    if args.command == "bundle":
        from generator.bundle import run_bundle

        return run_bundle(args.site, args.output, args.lang)
    if args.command == "schema":
        from generator.schema_export import run_schema

        return run_schema(args.site, args.output)
    if args.command == "diff":
        from generator.commands import run_diff

        return run_diff(args.arguments, args.output_format, args.svg, args.lang)
    if args.command == "new":
        from generator.scaffold import create_site

        return create_site(args.directory)
    raise AssertionError(args.command)

"""The command line. Bare `coach` opens the app; subcommands are quick capture from a shell.

Subcommands never import Textual, so they start fast. Exit codes: 0 success, 1 error,
2 usage or an unreadable data file. Errors are one line on stderr.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from coach import __version__, paths
from coach.errors import CoachError, DataFileError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

if TYPE_CHECKING:
    import argparse


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse with coach's one-line usage errors (argparse prints the usage and the error on two).
    Made when a command is parsed: opening the app needn't import argparse (about 6 ms of a start)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            from coach.text import usage_line

            self.exit(EXIT_USAGE, usage_line(self.prog, message))

    return _Parser


COMMANDS: dict[str, tuple[str, str, str]] = {
    "paths": ("coach.__main__", "add_paths_parser", "run_paths"),
    "export": ("coach.cli_io", "add_export_parser", "run_export"),
    "import": ("coach.cli_io", "add_import_parser", "run_import"),
    "fear": ("coach.cli_fear", "add_fear_parser", "run_fear"),
    "contact": ("coach.cli_reach", "add_contact_parser", "run_contact"),
    "log": ("coach.cli_reach", "add_log_parser", "run_log"),
    "answer": ("coach.cli_reach", "add_answer_parser", "run_answer"),
    "goal": ("coach.cli_reach", "add_goal_parser", "run_goal"),
    "today": ("coach.cli_reach", "add_today_parser", "run_today"),
    "interview": ("coach.cli_interview", "add_interview_parser", "run_interview"),
    "prep": ("coach.cli_interview", "add_prep_parser", "run_prep"),
    "careers": ("coach.cli_careers", "add_careers_parser", "run_careers"),
    "walk": ("coach.cli_walk", "add_walk_parser", "run_walk"),
    "review": ("coach.cli_review", "add_review_parser", "run_review"),
    "demo": ("coach.cli_demo", "add_demo_parser", "run_demo"),
    "serve": ("coach.cli_demo", "add_serve_parser", "run_serve"),
}
"""Each command, in the order `coach --help` lists them: (module, the function adding its parser, the
function running it as `run(args, data_path) -> exit code`). One entry is all a new command needs here."""


def _command_function(name: str, which: int) -> Callable[..., Any]:
    module, *functions = COMMANDS[name]
    return getattr(importlib.import_module(module), functions[which])  # type: ignore[no-any-return]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with `only`, the same parser holding that command alone (what parsing a command
    line needs: building all sixteen and importing their modules took about a tenth of each command)."""
    parser_class = _parser_class()
    parser = parser_class(
        prog="coach",
        description="A terminal companion for reaching out: write down the fears, set a small goal, "
        "reach out, prepare, reflect. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--data",
        metavar="FILE",
        help=f"the data file to use (default: ${paths.ENV_VAR}, else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name in COMMANDS if only is None else (only,):
        _command_function(name, 0)(commands)
    return parser


def _command_named(arguments: list[str]) -> str | None:
    """The command `arguments` run, when the parser would read them so (after `--data FILE` at most);
    None when they ask for help or the version, name no command or an unknown one."""
    rest = arguments
    if rest[:1] == ["--data"]:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--data="):
        rest = rest[1:]
    return rest[0] if rest and rest[0] in COMMANDS else None


def add_paths_parser(commands: Any) -> None:
    commands.add_parser("paths", help="show where the data file, its backups and its lock live")


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    from coach.text import printable

    print(f"coach: {printable(message)}", file=sys.stderr)
    return code


def _usage(message: str, prog: str = "coach") -> int:
    from coach.text import usage_line

    print(usage_line(prog, message), end="", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run coach with `argv` (default: sys.argv[1:]) and return the exit code.

    Every failure ends as one line on stderr and an exit code: 2 for a usage error or a data file
    coach won't touch, 1 for anything else (a folder it can't write, a full disk, a bug). No
    traceback is printed and no text the person gave is echoed by a crash (COACH_DEBUG=1 shows it).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    app_only = _app_only(arguments)
    if app_only is not None:  # `coach` or `coach --data FILE`: the app, without argparse or any command's parser
        try:
            data = paths.data_path(app_only[0])
        except paths.DataPathError as error:
            return _usage(str(error))
        return _guarded(_run_app, data)
    args = build_parser(_command_named(arguments)).parse_args(arguments)
    try:
        data = paths.data_path(args.data)
    except paths.DataPathError as error:
        return _usage(str(error))
    if args.command is None:
        return _guarded(_run_app, data)
    return _guarded(functools.partial(_command_function(args.command, 1), args), data)


def _app_only(arguments: list[str]) -> tuple[str | None] | None:
    """(the --data value or None) when `arguments` only open the app, as the full parser would read them;
    None for anything else (a command, --help, --version, an unknown option: the full parser decides)."""
    if not arguments:
        return (None,)
    if len(arguments) == 1 and arguments[0].startswith("--data="):
        return (arguments[0].removeprefix("--data="),)
    if len(arguments) == 2 and arguments[0] == "--data" and not arguments[1].startswith("-"):
        return (arguments[1],)
    return None


def _guarded(handler: Callable[[Path], int], data: Path) -> int:
    """Run one command; every failure becomes one line on stderr and an exit code (see `main`)."""
    try:
        return handler(data)
    except DataFileError as error:
        return _fail(str(error), EXIT_USAGE)
    except CoachError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("interrupted; nothing half-saved.", 130)
    except BrokenPipeError:
        # Whatever reads the output (`| head`, a dead pipeline) closed it. Say so once, and point
        # stdout at nothing so that Python's own flush at exit doesn't add a second complaint.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _fail("stopped writing: the output was closed before the end.")
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        return _fail(f"couldn't finish{where}: {error.strerror or type(error).__name__}. Nothing half-saved.")
    except Exception as error:  # a bug: one line without the values involved, which may be someone's words
        if os.environ.get("COACH_DEBUG"):
            raise
        return _fail(
            f"something went wrong inside coach ({_where(error)}); anything saved before is safe. "
            "Run again with COACH_DEBUG=1 to see the details, and please report it."
        )


def _where(error: BaseException) -> str:
    """The error's type and the innermost coach line it came from: enough to report, without any values."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if f"{os.sep}coach{os.sep}" in frame.filename] or frames
    if not ours:
        return type(error).__name__
    last = ours[-1]
    return f"{type(error).__name__} at {Path(last.filename).name}:{last.lineno}"


def run_paths(_args: argparse.Namespace, data: Path) -> int:
    from coach.text import printable

    backups, lock = paths.backups_dir(data), paths.lock_path(data)
    print(f"data file:  {printable(str(data))}")
    if data.is_symlink():  # saves go through the link; the lock and backups sit beside the real file
        from coach.store.locations import backups_folder, lock_file, real_path

        backups, lock = backups_folder(data), lock_file(data)
        print(f"real file:  {printable(str(real_path(data)))}")
    print(f"backups:    {printable(str(backups))}")
    print(f"lock file:  {printable(str(lock))}")
    from coach.store.locations import real_path
    from coach.store.seal import seal_path

    # What coach remembers about the file it last checked or saved (a cache: deleting it loses nothing).
    print(f"seal:       {printable(str(seal_path(real_path(data))))}")
    return EXIT_OK


def _run_app(data: Path) -> int:
    from coach.store import Store

    first_run = not data.exists()  # no file yet: the welcome opens over Home
    store = Store.open(data)
    try:
        from coach.app import CoachApp
        from coach.services import Services
        from coach.terminal_input import harden_terminal_input

        harden_terminal_input()
        app = CoachApp(Services.create(store), first_run=first_run)
        result = app.run()
    finally:
        store.close()
    return result if isinstance(result, int) else (app.return_code or EXIT_OK)


def run() -> None:
    """The console-script entry point."""
    # Python's cycle collector stays off while coach starts: the imports, the data file's records and the
    # first screen make hundreds of thousands of objects and no garbage cycles worth walking them for
    # (about 80 ms of a start). The app turns it back on once its first frame is shown (CoachApp);
    # `coach serve` at once; a command that runs and exits never needs it.
    gc.disable()
    code = main()
    seal = sys.modules.get("coach.store.seal")
    if seal is not None:
        seal.write_pending()  # what this run saved opens without a full check next time
    # Leave without freeing every object one by one (about 0.2 s with 100,000 records in memory):
    # each change was saved, fsynced and its lock released before main returned. If the output
    # can't be flushed, exit the usual way so Python reports it.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()

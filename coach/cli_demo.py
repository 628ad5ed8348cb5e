"""`coach demo` and `coach serve`: the app on sample data, and the app in a browser tab.

    coach demo                          the app on a month of sample data, in a temporary folder
    coach serve                         the app in a browser tab at http://127.0.0.1:8000
    coach serve --port 8080             another port
    coach serve --host 0.0.0.0 --public anyone who can reach the port can use it (and read the data)

`coach demo` never touches the person's own data file: the sample is written into a new private
folder (0700) that is removed when the app closes. `coach serve` runs one `coach --data FILE` per
browser tab (textual-serve), all on the same data file and its lock, like several terminals would.
Neither imports Textual before the app is needed; every problem is one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.text import printable

if TYPE_CHECKING:
    from coach.app import CoachApp
    from coach.services import Services

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

DEMO_TITLE = "coach demo"
DEMO_SUB_TITLE = "demo data: nothing here is saved to your own file"
DEMO_NOTE = "This is sample data in a temporary file, removed when you quit. Your own coach file isn't touched."
DEMO_FILE = "coach-demo.json"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_demo_parser(commands: Any) -> None:
    commands.add_parser(
        "demo",
        help="open the app on a month of sample data (your own file is never touched)",
        description="Open coach on a realistic sample: fears with what became of them, a goal, about thirty "
        "people, outreach, interviews with prep and a reflection, weekly reviews and career options. It lives "
        "in a temporary folder that is removed when you quit; your own data file is never read or written.",
    )


def add_serve_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="use coach in a browser tab (serves this machine only, unless --public)",
        description="Serve the app to a browser tab. Each tab runs its own coach on the same data file, "
        "safely, like two terminals would. Only this machine can reach it unless you say --public.",
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"the address to listen on (default: {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the port (default: {DEFAULT_PORT})")
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines can reach (anyone who reaches the port can read your data)",
    )


# --- coach demo -------------------------------------------------------------------------------------


def run_demo(_args: argparse.Namespace, _data: Path) -> int:
    """Build the sample in a private temporary folder, open the app on it, remove the folder after."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="coach-demo-"))  # mkdtemp: 0700, only this user can read it
    try:
        return _open_demo(folder / DEMO_FILE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_demo(path: Path) -> int:
    from coach.demo import build_demo
    from coach.services import Services
    from coach.store import Store, local_now

    store = Store.open(path)
    try:
        build_demo(store, local_now())
        from coach.terminal_input import harden_terminal_input

        harden_terminal_input()
        app = demo_app(Services.create(store))
        with terminal_title(f"{DEMO_TITLE}: {DEMO_SUB_TITLE}"):
            result = app.run()
    finally:
        store.close()
    return result if isinstance(result, int) else (app.return_code or EXIT_OK)


@contextlib.contextmanager
def terminal_title(title: str) -> Iterator[None]:
    """The terminal window's title bar says `title` meanwhile (xterm's title stack keeps the old one)."""
    out = sys.__stdout__
    shown = out is not None and out.isatty()
    if shown and out is not None:
        out.write(f"\x1b[22;0t\x1b]2;{printable(title)}\x07")
        out.flush()
    try:
        yield
    finally:
        if shown and out is not None:
            with contextlib.suppress(OSError):
                out.write("\x1b[23;0t")
                out.flush()


def demo_app(services: Services) -> CoachApp:
    """The app, titled as a demo, saying once it opens that this is sample data."""
    from textual import events, on

    from coach.app import CoachApp

    class DemoApp(CoachApp):
        TITLE = DEMO_TITLE
        SUB_TITLE = DEMO_SUB_TITLE

        @on(events.Ready)
        def _say_it_is_a_demo(self) -> None:
            self.notify(DEMO_NOTE, title="Demo", timeout=12, markup=False)

    return DemoApp(services)


# --- coach serve ------------------------------------------------------------------------------------


def run_serve(args: argparse.Namespace, data: Path) -> int:
    import gc
    import shlex

    gc.enable()  # a server runs for hours (coach's launcher turns the collector off for a quick start)

    host, port = args.host, args.port
    if not 0 < port < 65536:
        return _fail(f"{port} isn't a port; choose one from 1 to 65535, like --port 8000.", EXIT_USAGE)
    if not _is_loopback(host) and not args.public:
        return _fail(
            f"{host} can be reached from other machines, and anyone who reaches coach can read your notes. "
            "Add --public if you really mean it, or leave --host out to serve only this machine.",
            EXIT_USAGE,
        )
    problem = port_problem(host, port)
    if problem is not None:
        return _fail(problem)
    if args.public and not _is_loopback(host):
        print(
            f"coach serve: warning: serving on {printable(host)}:{port}; anyone who can reach this port can "
            "read and change your coach data. There is no password.",
            file=sys.stderr,
        )
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "coach", "--data", str(data)))
    try:
        from textual_serve.server import Server
    except ImportError:
        return _fail("serving needs the textual-serve package: pip install textual-serve")
    shown = f"[{host}]" if ":" in host else host
    print(f"coach serve: open http://{printable(shown)}:{port} in a browser. Ctrl+C stops it.", file=sys.stderr)
    server = Server(command, host=host, port=port, title="coach")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve()
    return EXIT_OK


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def port_problem(host: str, port: int) -> str | None:
    """Why coach can't listen on host:port (in use, not an address here, not allowed), or None when it can."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return f"{host} isn't an address coach can listen on. Leave --host out to serve only this machine."
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} is already in use on {host}; choose another with --port, like --port {port + 1}."
            if error.errno == errno.EACCES:
                return f"this user may not listen on port {port}; choose one above 1023, like --port 8000."
            return f"can't listen on {host}:{port} ({error.strerror or error})."
    return None


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"coach serve: {printable(message)}", file=sys.stderr)
    return code

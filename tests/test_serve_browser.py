"""`coach serve` end to end: a real server, a real headless Chromium (Debian's package), a fear typed in
the browser tab, and `coach export` on the same file showing it was saved.

Chromium is driven through its DevTools protocol over a websocket (aiohttp, which textual-serve already
brings), so nothing downloads a browser. Without Chromium the test is skipped, saying so. The refusals
of `coach serve` (another address without --public, a port in use) are tested without a browser.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.__main__ import main

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
STARTUP = 30.0
"""Seconds to wait for the server, the browser and the app to come up (a loaded CI machine is slow)."""
FEAR = "They will think I only want a favour"


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def coach_command(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "coach", "--data", str(data), *args]


# --- refusals, no browser needed -------------------------------------------------------------------


def test_serve_refuses_another_address_without_public(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(data_file), "serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--public" in err and "read your notes" in err
    assert not data_file.exists()


def test_serve_says_when_the_port_is_in_use(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--data", str(data_file), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"port {port} is already in use" in err


def test_serve_public_warns_and_runs_one_coach_per_tab_on_the_same_file(
    data_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server_module = pytest.importorskip("textual_serve.server")
    made: list[dict[str, Any]] = []

    class FakeServer:
        def __init__(self, command: str, **kwargs: Any) -> None:
            made.append({"command": command, **kwargs})

        def serve(self) -> None:
            made[-1]["served"] = True

    monkeypatch.setattr(server_module, "Server", FakeServer)
    port = free_port()
    assert main(["--data", str(data_file), "serve", "--host", "0.0.0.0", "--port", str(port), "--public"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "anyone who can reach this port can read" in err
    [server] = made
    assert server["served"] and (server["host"], server["port"]) == ("0.0.0.0", port)
    assert server["command"].split()[-3:] == ["coach", "--data", str(data_file)]
    assert main(["--data", str(data_file), "serve", "--port", str(port)]) == 0  # loopback: no warning
    assert "warning" not in capsys.readouterr().err and made[-1]["host"] == "127.0.0.1"


# --- the browser ----------------------------------------------------------------------------------


class DevTools:
    """The smallest DevTools-protocol client: one page, commands in, results out."""

    def __init__(self, websocket: Any) -> None:
        self._ws = websocket
        self._ids = itertools.count(1)
        self._session: str | None = None
        self.received = b""
        """Everything the page got over its websockets: the app's output, as the terminal drew it."""

    def _note(self, message: dict[str, Any]) -> None:
        if message.get("method") == "Network.webSocketFrameReceived":
            frame = message["params"]["response"]
            data = frame["payloadData"]
            self.received += base64.b64decode(data) if frame.get("opcode") == 2 else data.encode()

    async def _receive(self, timeout: float) -> dict[str, Any]:
        message = dict(json.loads((await self._ws.receive(timeout=timeout)).data))
        self._note(message)
        return message

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if self._session is not None:
            message["sessionId"] = self._session
        await self._ws.send_str(json.dumps(message))
        while True:
            reply = await self._receive(STARTUP)
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))

    async def open_page(self, url: str) -> None:
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self._session = attached["sessionId"]
        await self.send("Network.enable")
        await self.send("Page.navigate", url=url)

    async def wait_for_output(self, text: str) -> None:
        """Until the app has sent `text` to the page (drawn it in the terminal)."""
        wanted = text.encode()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP
        while wanted not in self.received:
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"the app never drew {text!r}")
            with contextlib.suppress(TimeoutError):
                await self._receive(left)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def wait_for(self, expression: str, what: str) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP
        while loop.time() < deadline:
            value = await self.evaluate(expression)
            if value:
                return value
            await asyncio.sleep(0.2)
        raise AssertionError(f"gave up waiting for {what}")

    async def type_text(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                nativeVirtualKeyCode=13,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )


@contextlib.contextmanager
def running(command: list[str], **kwargs: Any) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


async def wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STARTUP
    while loop.time() < deadline:
        assert server.poll() is None, "coach serve ended before it listened"
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise AssertionError(f"coach serve didn't listen on port {port}")


@contextlib.asynccontextmanager
async def browser(chromium: str, profile: Path) -> AsyncIterator[DevTools]:
    import aiohttp

    command = [
        chromium,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=1000,700",
        "about:blank",
    ]
    with running(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        address = await asyncio.wait_for(asyncio.to_thread(_devtools_address, process.stderr), STARTUP)
        async with aiohttp.ClientSession() as session, session.ws_connect(address, max_msg_size=0) as websocket:
            yield DevTools(websocket)


def _devtools_address(stream: Any) -> str:
    for raw in stream:
        found = re.search(rb"DevTools listening on (ws://\S+)", raw)
        if found:
            return found.group(1).decode()
    raise AssertionError("Chromium ended without a DevTools address")


def export_json(data: Path) -> dict[str, Any]:
    out = subprocess.run(coach_command(data, "export"), capture_output=True, check=True, timeout=60)
    return dict(json.loads(out.stdout))


@pytest.mark.slow
async def test_a_fear_typed_in_the_browser_is_saved(tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); .ci/run installs it")
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    data = tmp_path / "coach.json"
    port = free_port()
    with running(coach_command(data, "serve", "--port", str(port)), stdout=subprocess.DEVNULL) as server:
        await wait_for_port(port, server)
        async with browser(chromium, tmp_path / "profile") as page:
            await page.open_page(f"http://127.0.0.1:{port}/")
            # A first run: the welcome opens, the cursor in the field for the thoughts on your mind.
            await page.wait_for_output("Step 1 of 3")
            await page.wait_for("document.body.classList.contains('-first-byte')", "the terminal to show")
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.type_text(FEAR)
            await page.press_enter()
            await page.wait_for_output("Written down")
            thoughts = [item["text"] for item in export_json(data)["thoughts"]]
    assert server.returncode is not None
    assert thoughts == [FEAR]

"""A real `cmo serve` driven by Debian's headless Chromium through Playwright.

Playwright is used only as a driver: it is pointed at /usr/bin/chromium and never
downloads a browser of its own. Without Chromium these tests fail and say how to
install it (they are part of `make test`, which installs it when it can).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.samples import CODEBOOK, SAMPLE_INTERVIEW

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)


def chromium_binary() -> str:
    found = os.environ.get("CMO_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "the browser tests need Debian's Chromium: run `apt-get install chromium` "
            "(as root; `make test` does it when it can) or set CMO_CHROMIUM to a Chromium binary"
        )
    return found


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API runs an event loop in this thread while it is
    # open, and Textual's run_test() in later test modules needs the thread's loop free.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_binary(), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def served_project(tmp_path) -> Path:
    """A project with one interview and the codebook, nothing coded yet."""
    from cmo.ingest.codebook_yaml import load_codebook
    from cmo.ingest.service import import_files
    from cmo.store.project import init_project

    sample = tmp_path / "cirkel-client1.txt"
    sample.write_text(SAMPLE_INTERVIEW, encoding="utf-8")
    with init_project(tmp_path / "proj", name="served", coder="lead") as proj:
        proj.store.codebook.load(load_codebook(CODEBOOK))
        import_files(proj.store, [sample], casus="De Cirkel Almere")
    return tmp_path / "proj"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A running `cmo serve`: its address, its process and what it started."""

    def __init__(self, project: Path, *args: str) -> None:
        self.project = project
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CMO_")}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cmo.cli",
                "serve",
                str(project),
                "--port",
                str(self.port),
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.address = self._read_address()
        self.base = f"http://127.0.0.1:{self.port}"

    def _read_address(self) -> str:
        for line in self.process.stdout:
            if match := re.search(r"http://\S+token=\S+", line):
                return match.group(0)
        raise AssertionError(f"cmo serve printed no address (exit {self.process.wait()})")

    def workbenches(self) -> list[int]:
        """Pids of the `cmo open` processes this server started."""
        found = subprocess.run(
            ["pgrep", "-f", f"cmo.cli open {self.project}"], capture_output=True, text=True
        )
        return [int(pid) for pid in found.stdout.split()]

    def stop(self) -> int:
        """Ctrl+C, as a user stops it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(20)
        finally:
            if self.process.poll() is None:
                self.process.kill()

    def codings(self) -> list[tuple[str, str, str]]:
        """(code, coder, coded text) of every stored coding, read straight from the file."""
        with sqlite3.connect(self.project / "cmo.db") as db:
            return db.execute(
                "SELECT c.code_id, c.coder, substr(t.text, c.start + 1, c.end - c.start) "
                "FROM coding c JOIN transcript t ON t.id = c.transcript_id ORDER BY c.id"
            ).fetchall()


@pytest.fixture
def serve(served_project):
    running: list[Served] = []

    def start(*args: str, project: Path | None = None) -> Served:
        served = Served(project or served_project, *args)
        running.append(served)
        return served

    yield start
    for served in running:
        served.stop()


class Tab:
    """One browser tab on the served workbench; reads the screen from the terminal
    stream the page receives (xterm.js draws on a canvas, so the DOM has no text). The
    page is about 110 x 33 cells: every test reads text that fits, and a bigger page costs
    Chromium and the served workbench CPU per frame."""

    def __init__(self, browser, url: str, size=(1000, 600)) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.frames: list[str] = []
        self.responses: list[int] = []
        self.page.on("websocket", self._watch)
        self.page.on("response", lambda r: self.responses.append(r.status))
        self.page.goto(url)

    def _watch(self, websocket) -> None:
        websocket.on("framereceived", self._received)

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            self.frames.append(payload.decode("utf-8", "replace"))

    def text(self) -> str:
        return ANSI.sub("", "".join(self.frames))

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        started = time.perf_counter()
        while needle not in self.text():
            if time.perf_counter() - started > timeout:
                raise AssertionError(f"{needle!r} never appeared; screen: {self.text()[-600:]!r}")
            self.page.wait_for_timeout(50)
        return time.perf_counter() - started

    def repaint(self) -> str:
        """The whole screen as text: a resize makes Textual draw every line again."""
        self.frames.clear()
        width, height = self.page.viewport_size["width"], self.page.viewport_size["height"]
        self.page.set_viewport_size({"width": width - 40, "height": height})
        self.page.wait_for_timeout(1200)
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.wait_for_timeout(1200)
        return self.text()

    def keys(self, *keys: str, pause: int = 250) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(pause)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=30)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_tab(browser):
    tabs: list[Tab] = []

    def open_(url: str, **kwargs) -> Tab:
        tab = Tab(browser, url, **kwargs)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.close()

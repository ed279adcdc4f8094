"""``cmo serve``: the workbench in a browser tab, one ``cmo open`` process per tab.

textual-serve (the Textual project's own server) does the terminal bridging: its
``AppService`` starts a process with Textual's web driver and relays it over a
websocket to xterm.js in the page. This module adds what a project with personal data
needs around it: the token check on every route (:mod:`cmo.web.access`), a coder per
tab, a page that loads nothing from outside the machine, and a shutdown that ends
every workbench process it started.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import secrets
import shlex
import signal
import sys
from pathlib import Path

import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .access import token_middleware

log = logging.getLogger("cmo.serve")

STATIC = Path(textual_serve.__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
CODER_NAME = re.compile(r"^[\w][\w .@-]{0,39}$")
STOP_GRACE_SECONDS = 5.0
UPLOAD_LIMIT = 32 * 1024 * 1024
UPLOAD_SUFFIXES = {".txt", ".docx", ".odt", ".vtt", ".srt"}
SAFE_NAME = re.compile(r"[^\w.-]+")


class WorkbenchProcess(AppService):
    """One browser tab's workbench: ``cmo open PROJECT`` as ``coder``."""

    def __init__(self, command: str, *, coder: str, **kwargs) -> None:
        super().__init__(command, **kwargs)
        self.coder = coder

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["CMO_CODER"] = self.coder
        environment["CMO_SERVED"] = "1"  # the workbench words its file prompts for a server
        return environment

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def kill(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()


class WorkbenchServer(Server):
    """textual-serve's Server with a token, a coder per tab and clean shutdown."""

    def __init__(
        self,
        project: Path,
        *,
        project_name: str,
        token: str,
        host: str,
        port: int,
        coder: str | None,
    ) -> None:
        # textual-serve starts the command through a shell; exec makes the workbench that
        # process itself, so stopping or killing it reaches the workbench.
        command = "exec " + shlex.join([sys.executable, "-m", "cmo.cli", "open", str(project)])
        super().__init__(command, host=host, port=port, title=f"cmo · {project_name}")
        self.project = project
        self.project_name = project_name
        self.token = token
        self.default_coder = coder
        self.pending: dict[str, str] = {}
        """Session key → coder, made by the page and taken once by its websocket."""
        self.running: set[WorkbenchProcess] = set()

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"

    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "WARNING", format="%(message)s")

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C (or SIGTERM); the address is printed once the port is
        bound, so whatever reads it can connect straight away."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda _message: self.announce(),
        )

    def announce(self) -> None:
        print(
            f"cmo serve: the workbench of {self.project_name} is ready. Open this address "
            f"in a browser:\n\n    {self.address}\n\nPress Ctrl+C to stop.",
            flush=True,
        )

    async def _make_app(self) -> web.Application:
        app = web.Application(
            middlewares=[token_middleware(self.token)], client_max_size=UPLOAD_LIMIT
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{session}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.post("/upload", self.handle_upload, name="upload"),
                web.static("/static", STATIC, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        coder = request.query.get("coder", "").strip() or self.default_coder
        if not coder or not CODER_NAME.match(coder):
            return self._page("coder.html", error=bool(request.query.get("coder")))
        session = secrets.token_urlsafe(16)
        self.pending[session] = coder
        return self._page("workbench.html", coder=coder, session=session)

    def _page(self, name: str, **values: object) -> web.Response:
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        values = {"project": self.project_name, **values}
        for key, value in values.items():
            text = text.replace("{{ " + key + " }}", html.escape(str(value), quote=True))
        if values.get("error"):
            text = text.replace('class="error hidden"', 'class="error"')
        return web.Response(
            text=text,
            content_type="text/html",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    async def handle_upload(self, request: web.Request) -> web.Response:
        """A corrected transcript from the colleague's own disk (the browser cannot
        offer the server's files): kept private in the project's ``uploads/`` folder,
        whose path the workbench's ctrl+r then takes."""
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="cmo serve: no file in the upload\n")
        name = SAFE_NAME.sub("-", Path(upload.filename or "").name).strip(".-")
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise web.HTTPBadRequest(
                text=f"cmo serve: {name or 'the file'}: use one of "
                f"{', '.join(sorted(UPLOAD_SUFFIXES))}\n"
            )
        folder = self.project / "uploads"
        folder.mkdir(mode=0o700, exist_ok=True)
        target = _unused(folder / name)
        partial = target.with_name(f".{target.name}.part")
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(upload.file.read())
        partial.rename(target)
        return web.json_response({"path": str(target)})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        coder = self.pending.pop(request.match_info["session"], None)
        if coder is None:
            raise web.HTTPForbidden(text="cmo serve: reload the page to start a new session\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        service: WorkbenchProcess | None = None
        try:
            await websocket.prepare(request)
            service = WorkbenchProcess(
                self.command,
                coder=coder,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.running.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a tab's failure must not stop the server
            log.exception(error)
        finally:
            if service is not None:
                await self._stop(service)
        return websocket

    async def _stop(self, service: WorkbenchProcess) -> None:
        """Ask the workbench to quit (it has committed every coding it showed), and
        kill it if it does not within the grace period."""
        try:
            await asyncio.wait_for(service.stop(), STOP_GRACE_SECONDS)
        except (TimeoutError, Exception):
            service.kill()
        if service._process is not None:
            try:
                await asyncio.wait_for(service._process.wait(), STOP_GRACE_SECONDS)
            except TimeoutError:
                service.kill()
        self.running.discard(service)

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(self._stop(s) for s in list(self.running)))


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext`` … where it exists already."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _int(value: str | None, default: int) -> int:
    try:
        return max(10, min(1000, int(value or "")))
    except ValueError:
        return default

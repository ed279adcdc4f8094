"""``cmo serve``: the workbench in a browser, for colleagues who never open a terminal."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .common import ProjectArg


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    project: ProjectArg = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    coder: Annotated[
        str | None,
        typer.Option(
            help="Coder for every tab (default: $CMO_CODER; otherwise each tab asks).",
            show_default=False,
        ),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Listen on an address other machines can reach (put a TLS proxy in front).",
        ),
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the address in this machine's browser.")
    ] = False,
) -> None:
    """Serve the workbench in a browser: one workbench per tab, behind a secret token.

    Prints the address to open (it carries the token). Ctrl+C ends every workbench it
    started; each coding is saved the moment it is shown, so nothing is lost.
    """
    from ..core.errors import UsageError
    from ..store.project import open_project
    from ..web.access import is_loopback, new_token
    from ..web.server import WorkbenchServer

    if not is_loopback(host) and not allow_remote:
        raise UsageError(
            f"--host {host} lets other machines reach the workbench and its personal data; "
            "add --allow-remote (behind a TLS reverse proxy, see docs/serve.md) if you mean it"
        )
    proj = open_project(project)  # a clear error for a wrong folder before listening
    folder, name = proj.path.resolve(), proj.name
    proj.close()
    server = WorkbenchServer(
        folder,
        project_name=name,
        token=new_token(),
        host=host,
        port=port,
        coder=coder or os.environ.get("CMO_CODER") or None,
    )
    if open_browser:
        import webbrowser

        webbrowser.open(server.address)
    server.serve()

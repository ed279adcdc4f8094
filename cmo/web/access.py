"""Who may reach the served workbench: a secret token per start, then a cookie.

Every route (page, websocket, static files, downloads) goes through
:func:`token_middleware`; a request without the token gets 403 before any handler runs,
so it can never start a workbench process. The token arrives once in the printed
address (``/?token=…``), is turned into an HttpOnly, SameSite=Strict cookie and the
address bar is cleaned by a redirect, the way Jupyter does it.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

COOKIE = "cmo_serve_token"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts served without
    ``--allow-remote``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def token_middleware(token: str) -> Callable:
    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if _matches(request.query.get("token"), token):
            if request.method == "GET" and request.path == "/":
                # Swap the token in the address for a cookie, keep the other parameters.
                rest = {k: v for k, v in request.query.items() if k != "token"}
                location = (
                    request.rel_url.with_query(rest) if rest else request.rel_url.with_query(None)
                )
                response = web.HTTPFound(str(location))
                response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
                raise response
            return await handler(request)
        if _matches(request.cookies.get(COOKIE), token):
            if request.path.startswith("/ws") and not _same_origin(request):
                raise web.HTTPForbidden(text="cmo serve: websocket from another origin\n")
            return await handler(request)
        raise web.HTTPForbidden(
            text="cmo serve: open the address printed by `cmo serve` (it carries the token)\n"
        )

    return check


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by a page of this server (browsers always send Origin)."""
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host

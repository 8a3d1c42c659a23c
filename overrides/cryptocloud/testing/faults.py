"""Faults injected by ``fail_next``: what each does before the request is carried out, and after."""

from __future__ import annotations

import attrs
import httpx

from .wire import json_response

FAULTS = ("refused", "html_520", "rate_limit", "reset_after_send", "read_timeout", "server_error")

_PAGE_520 = "<html><head><title>520: Web server is returning an unknown error</title></head></html>"


@attrs.frozen
class Fault:
    kind: str
    retry_after: float = 1.0


def before(fault: Fault, request: httpx.Request) -> httpx.Response | None:
    """The answer that replaces the request (nothing is done), or None when the request goes ahead."""
    if fault.kind == "refused":
        raise httpx.ConnectError("[Errno 111] Connection refused (fake)", request=request)
    if fault.kind == "html_520":
        return httpx.Response(520, text=_PAGE_520, headers={"content-type": "text/html"})
    if fault.kind == "rate_limit":
        return json_response(429, {"detail": "Request was throttled."}, {"Retry-After": f"{fault.retry_after:g}"})
    return None


def after(fault: Fault, request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """What the client gets once the request was carried out."""
    if fault.kind == "reset_after_send":
        raise httpx.RemoteProtocolError("Server disconnected without sending a response (fake)", request=request)
    if fault.kind == "read_timeout":
        raise httpx.ReadTimeout("The read operation timed out (fake)", request=request)
    if fault.kind == "server_error":
        return json_response(500, {"detail": "Internal server error"})
    return response

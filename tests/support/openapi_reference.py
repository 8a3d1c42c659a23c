"""openapi-core over the bundled spec, the reference the fake's compiled request check is held to, and the
response check of the fake's answers (tests only: the fake itself no longer loads openapi-core)."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qs

import attrs
import httpx
import yaml
from cryptocloud.testing.spec import spec_text
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request.exceptions import InvalidRequestBody, RequestValidationError
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_SERVER = "https://api.trybit.com"  # the current host; the spec lists the legacy one too


@cache
def openapi() -> OpenAPI:
    return OpenAPI.from_dict(yaml.safe_load(spec_text()))


@attrs.frozen
class OpenAPIRequest:
    """An httpx request as openapi-core reads it (its contrib adapters cover other HTTP libraries)."""

    host_url: str
    path: str
    method: str
    parameters: RequestParameters
    content_type: str
    body: bytes | None

    @classmethod
    def of(cls, request: httpx.Request) -> OpenAPIRequest:
        return cls(
            host_url=SPEC_SERVER,  # the fake stands in for the real host, whatever URL reached it
            path=request.url.path,
            method=request.method.lower(),
            parameters=RequestParameters(
                query=ImmutableMultiDict(parse_qs(request.url.query.decode(), keep_blank_values=True)),
                header=Headers(dict(request.headers)),
                cookie=ImmutableMultiDict(),
            ),
            content_type=request.headers.get("content-type", ""),
            body=request.content,
        )


def reference_problems(request: httpx.Request) -> dict[str, list[str] | str]:
    """What openapi-core's validate_request finds wrong, shaped as the fake shapes it (the fake's check before
    it was compiled once per operation)."""
    try:
        openapi().validate_request(OpenAPIRequest.of(request))  # type: ignore[arg-type]  # a protocol match
    except InvalidRequestBody as exc:
        found: dict[str, list[str]] = {}
        for error in getattr(exc.__cause__, "schema_errors", ()) or ():
            field = ".".join(str(p) for p in error.absolute_path) or _field_of(error)
            found.setdefault(field, []).append(error.message)
        if not found:
            return {"validate_error": str(exc)}
        shaped: dict[str, list[str] | str] = dict(found)
        if "validate_error" in found:
            shaped["validate_error"] = "; ".join(found["validate_error"])
        return shaped
    except RequestValidationError as exc:
        return {"validate_error": str(exc)}
    return {}


def _field_of(error: Any) -> str:
    if error.validator == "required":
        return str(error.message.split("'")[1])
    return "validate_error"

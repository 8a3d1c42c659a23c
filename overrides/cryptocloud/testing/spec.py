"""Requests checked against the bundled OpenAPI spec by openapi-core, with errors in the API's shape."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import attrs
import httpx
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_SERVER = "https://api.trybit.com"  # the current host; the spec lists the legacy one too


@cache
def spec_text() -> str:
    return resources.files("cryptocloud_client").joinpath("openapi.yaml").read_text(encoding="utf-8")


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


def problems(request: httpx.Request) -> dict[str, list[str] | str]:
    """What the spec finds wrong with a request: error messages by field, in the API's shape (a list per field;
    ``validate_error`` is one string, as the API sends it)."""
    from openapi_core.validation.request.exceptions import InvalidRequestBody, RequestValidationError

    try:
        openapi().validate_request(OpenAPIRequest.of(request))  # type: ignore[arg-type]  # a protocol match
    except InvalidRequestBody as exc:
        cause = exc.__cause__
        found: dict[str, list[str]] = {}
        for error in getattr(cause, "schema_errors", ()) or ():
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
    """The field a 'required' or 'additionalProperties' error is about."""
    if error.validator == "required":
        return str(error.message.split("'")[1])
    return "validate_error"

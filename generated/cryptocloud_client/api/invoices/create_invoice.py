from http import HTTPStatus
from typing import Any

import httpx

from ... import errors, exact
from ...client import AuthenticatedClient, Client, request_url
from ...models.detail_error import DetailError
from ...models.error_response import ErrorResponse
from ...models.invoice_create_request import InvoiceCreateRequest
from ...models.invoice_create_response import InvoiceCreateResponse
from ...models.locale import Locale
from ...types import UNSET, Response, Unset


def request_kwargs(
    *,
    body: InvoiceCreateRequest,
    locale: Locale | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_locale: str | Unset
    if isinstance(locale, Unset):
        json_locale = UNSET
    elif isinstance(locale, Locale):
        json_locale = locale.value
    else:
        json_locale = locale
    params["locale"] = json_locale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/invoice/create",
    }
    if params:
        _kwargs["params"] = params

    _kwargs["content"] = exact.dumps(body.to_dict())

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse | None:
    if response.status_code == 200:
        response_200 = InvoiceCreateResponse.from_dict(exact.loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(exact.loads(response.content))

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> DetailError | ErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_auth_error_response_type_0 = DetailError.from_dict(data)

                return componentsschemas_auth_error_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_auth_error_response_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_auth_error_response_type_1

        response_401 = _parse_response_401(exact.loads(response.content))

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> DetailError | ErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_auth_error_response_type_0 = DetailError.from_dict(data)

                return componentsschemas_auth_error_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_auth_error_response_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_auth_error_response_type_1

        response_403 = _parse_response_403(exact.loads(response.content))

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceCreateRequest,
    locale: Locale | str | Unset = UNSET,
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse]:
    """Create an invoice

     Creates a unique invoice and returns its payment link (and, when `add_fields.cryptocurrency`
    is given, the payment address and amount). The API has no idempotency key: a request that
    may have reached the server must not be resent blindly, look the invoice up by `order_id`.

    Args:
        locale (Locale | str | Unset): Language of the API's messages (open: the documented `en`
            and `ru`, or another code the API may
            accept; other clients send `de`, `fr`, `it`, `es` and `ch`).
        body (InvoiceCreateRequest): What a shop sends to create an invoice.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse]
    """

    kwargs = request_kwargs(
        body=body,
        locale=locale,
    )

    http = client.get_httpx_client()
    kwargs["url"] = request_url(http, kwargs["url"])
    response = http.request(**kwargs)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: InvoiceCreateRequest,
    locale: Locale | str | Unset = UNSET,
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse | None:
    """Create an invoice

     Creates a unique invoice and returns its payment link (and, when `add_fields.cryptocurrency`
    is given, the payment address and amount). The API has no idempotency key: a request that
    may have reached the server must not be resent blindly, look the invoice up by `order_id`.

    Args:
        locale (Locale | str | Unset): Language of the API's messages (open: the documented `en`
            and `ru`, or another code the API may
            accept; other clients send `de`, `fr`, `it`, `es` and `ch`).
        body (InvoiceCreateRequest): What a shop sends to create an invoice.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        locale=locale,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceCreateRequest,
    locale: Locale | str | Unset = UNSET,
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse]:
    """Create an invoice

     Creates a unique invoice and returns its payment link (and, when `add_fields.cryptocurrency`
    is given, the payment address and amount). The API has no idempotency key: a request that
    may have reached the server must not be resent blindly, look the invoice up by `order_id`.

    Args:
        locale (Locale | str | Unset): Language of the API's messages (open: the documented `en`
            and `ru`, or another code the API may
            accept; other clients send `de`, `fr`, `it`, `es` and `ch`).
        body (InvoiceCreateRequest): What a shop sends to create an invoice.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse]
    """

    kwargs = request_kwargs(
        body=body,
        locale=locale,
    )

    http = client.get_async_httpx_client()
    kwargs["url"] = request_url(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InvoiceCreateRequest,
    locale: Locale | str | Unset = UNSET,
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse | None:
    """Create an invoice

     Creates a unique invoice and returns its payment link (and, when `add_fields.cryptocurrency`
    is given, the payment address and amount). The API has no idempotency key: a request that
    may have reached the server must not be resent blindly, look the invoice up by `order_id`.

    Args:
        locale (Locale | str | Unset): Language of the API's messages (open: the documented `en`
            and `ru`, or another code the API may
            accept; other clients send `de`, `fr`, `it`, `es` and `ch`).
        body (InvoiceCreateRequest): What a shop sends to create an invoice.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | InvoiceCreateResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            locale=locale,
        )
    ).parsed

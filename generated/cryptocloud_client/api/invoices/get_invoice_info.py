from http import HTTPStatus
from typing import Any

import httpx

from ... import errors, exact
from ...client import AuthenticatedClient, Client, request_url
from ...models.detail_error import DetailError
from ...models.error_response import ErrorResponse
from ...models.invoice_info_request import InvoiceInfoRequest
from ...models.invoice_list_response import InvoiceListResponse
from ...types import Response


def request_kwargs(
    *,
    body: InvoiceInfoRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/invoice/merchant/info",
    }

    _kwargs["content"] = exact.dumps(body.to_dict())

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse | None:
    if response.status_code == 200:
        response_200 = InvoiceListResponse.from_dict(exact.loads(response.content))

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
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceInfoRequest,
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse]:
    """Read invoices by id

     Returns one invoice per id asked for (1 to 100 ids, with or without the `INV-` prefix).

    Args:
        body (InvoiceInfoRequest): Which invoices to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse]
    """

    kwargs = request_kwargs(
        body=body,
    )

    http = client.get_httpx_client()
    kwargs["url"] = request_url(http, kwargs["url"])
    response = http.request(**kwargs)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: InvoiceInfoRequest,
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse | None:
    """Read invoices by id

     Returns one invoice per id asked for (1 to 100 ids, with or without the `INV-` prefix).

    Args:
        body (InvoiceInfoRequest): Which invoices to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceInfoRequest,
) -> Response[DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse]:
    """Read invoices by id

     Returns one invoice per id asked for (1 to 100 ids, with or without the `INV-` prefix).

    Args:
        body (InvoiceInfoRequest): Which invoices to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse]
    """

    kwargs = request_kwargs(
        body=body,
    )

    http = client.get_async_httpx_client()
    kwargs["url"] = request_url(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InvoiceInfoRequest,
) -> DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse | None:
    """Read invoices by id

     Returns one invoice per id asked for (1 to 100 ids, with or without the `INV-` prefix).

    Args:
        body (InvoiceInfoRequest): Which invoices to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | InvoiceListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

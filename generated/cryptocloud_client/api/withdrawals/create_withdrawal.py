from http import HTTPStatus
from typing import Any

import httpx

from ... import errors, exact
from ...client import AuthenticatedClient, Client, request_url
from ...models.detail_error import DetailError
from ...models.error_response import ErrorResponse
from ...models.withdrawal_create_request import WithdrawalCreateRequest
from ...models.withdrawal_response import WithdrawalResponse
from ...types import Response


def request_kwargs(
    *,
    body: WithdrawalCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/invoice/api/out/create",
    }

    _kwargs["content"] = exact.dumps(body.to_dict())

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse | None:
    if response.status_code == 200:
        response_200 = WithdrawalResponse.from_dict(exact.loads(response.content))

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
) -> Response[DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WithdrawalCreateRequest,
) -> Response[DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse]:
    """Withdraw to an address

     Sends `amount` of `currency_code` from the merchant's balance to `to_address`. It moves money out
    and
    cannot be undone: a client must never send it twice by itself (after a lost answer it may have been
    carried out; check the balance and the dashboard's history first).

    Authorized by a withdrawal key made in the account's security settings (`WithdrawalKeyAuth`), not by
    the project's API key. CryptoCloud asks for at least 12 seconds between two withdrawals; a faster
    one
    is refused with `rate_limit`. The newer docs wrap the answer in `result`, the older ones in `data`:
    read whichever is present. Other error keys documented: `required_parameter`, `currency_code`,
    `network`, `uncorrected_amount`, `validate_error`.

    The docs' versions disagree on the withdrawal's shape, and every one is read: the older pages show
    four
    fields (`invoice_id`, `status`, `currency` as a full code, `amount`); the 2026 Russian page shows an
    invoice-like object (`uuid`, `currency` as a currency object, `type: dw`, `invoice_status: start`,
    its
    amounts, nulls, and `"None"` as text). No field of it is required by the schema, but every version
    names
    the withdrawal by an `INV-` id, in `uuid` or in `invoice_id`: a client should treat an answer naming
    neither as unreadable (the withdrawal may have gone out).

    Args:
        body (WithdrawalCreateRequest): A withdrawal to make from the merchant's balance.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse]
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
    body: WithdrawalCreateRequest,
) -> DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse | None:
    """Withdraw to an address

     Sends `amount` of `currency_code` from the merchant's balance to `to_address`. It moves money out
    and
    cannot be undone: a client must never send it twice by itself (after a lost answer it may have been
    carried out; check the balance and the dashboard's history first).

    Authorized by a withdrawal key made in the account's security settings (`WithdrawalKeyAuth`), not by
    the project's API key. CryptoCloud asks for at least 12 seconds between two withdrawals; a faster
    one
    is refused with `rate_limit`. The newer docs wrap the answer in `result`, the older ones in `data`:
    read whichever is present. Other error keys documented: `required_parameter`, `currency_code`,
    `network`, `uncorrected_amount`, `validate_error`.

    The docs' versions disagree on the withdrawal's shape, and every one is read: the older pages show
    four
    fields (`invoice_id`, `status`, `currency` as a full code, `amount`); the 2026 Russian page shows an
    invoice-like object (`uuid`, `currency` as a currency object, `type: dw`, `invoice_status: start`,
    its
    amounts, nulls, and `"None"` as text). No field of it is required by the schema, but every version
    names
    the withdrawal by an `INV-` id, in `uuid` or in `invoice_id`: a client should treat an answer naming
    neither as unreadable (the withdrawal may have gone out).

    Args:
        body (WithdrawalCreateRequest): A withdrawal to make from the merchant's balance.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WithdrawalCreateRequest,
) -> Response[DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse]:
    """Withdraw to an address

     Sends `amount` of `currency_code` from the merchant's balance to `to_address`. It moves money out
    and
    cannot be undone: a client must never send it twice by itself (after a lost answer it may have been
    carried out; check the balance and the dashboard's history first).

    Authorized by a withdrawal key made in the account's security settings (`WithdrawalKeyAuth`), not by
    the project's API key. CryptoCloud asks for at least 12 seconds between two withdrawals; a faster
    one
    is refused with `rate_limit`. The newer docs wrap the answer in `result`, the older ones in `data`:
    read whichever is present. Other error keys documented: `required_parameter`, `currency_code`,
    `network`, `uncorrected_amount`, `validate_error`.

    The docs' versions disagree on the withdrawal's shape, and every one is read: the older pages show
    four
    fields (`invoice_id`, `status`, `currency` as a full code, `amount`); the 2026 Russian page shows an
    invoice-like object (`uuid`, `currency` as a currency object, `type: dw`, `invoice_status: start`,
    its
    amounts, nulls, and `"None"` as text). No field of it is required by the schema, but every version
    names
    the withdrawal by an `INV-` id, in `uuid` or in `invoice_id`: a client should treat an answer naming
    neither as unreadable (the withdrawal may have gone out).

    Args:
        body (WithdrawalCreateRequest): A withdrawal to make from the merchant's balance.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse]
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
    body: WithdrawalCreateRequest,
) -> DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse | None:
    """Withdraw to an address

     Sends `amount` of `currency_code` from the merchant's balance to `to_address`. It moves money out
    and
    cannot be undone: a client must never send it twice by itself (after a lost answer it may have been
    carried out; check the balance and the dashboard's history first).

    Authorized by a withdrawal key made in the account's security settings (`WithdrawalKeyAuth`), not by
    the project's API key. CryptoCloud asks for at least 12 seconds between two withdrawals; a faster
    one
    is refused with `rate_limit`. The newer docs wrap the answer in `result`, the older ones in `data`:
    read whichever is present. Other error keys documented: `required_parameter`, `currency_code`,
    `network`, `uncorrected_amount`, `validate_error`.

    The docs' versions disagree on the withdrawal's shape, and every one is read: the older pages show
    four
    fields (`invoice_id`, `status`, `currency` as a full code, `amount`); the 2026 Russian page shows an
    invoice-like object (`uuid`, `currency` as a currency object, `type: dw`, `invoice_status: start`,
    its
    amounts, nulls, and `"None"` as text). No field of it is required by the schema, but every version
    names
    the withdrawal by an `INV-` id, in `uuid` or in `invoice_id`: a client should treat an answer naming
    neither as unreadable (the withdrawal may have gone out).

    Args:
        body (WithdrawalCreateRequest): A withdrawal to make from the merchant's balance.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | ErrorResponse | ErrorResponse | WithdrawalResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

"""``client.invoices``: invoice operations, each defined once and exposed sync, async and raw."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from functools import cached_property

import httpx
from cryptocloud_client.api.invoices import create_invoice
from cryptocloud_client.models import (
    CryptoCurrency,
    FiatCurrency,
    InvoiceAddFields,
    InvoiceCreateRequest,
    Locale,
    TimeToPay,
)
from cryptocloud_client.types import UNSET

from . import _params
from ._core import Call, Core
from ._resource import AsyncResource, SyncResource, async_method, async_raw_method, sync_method, sync_raw_method
from .models import Invoice


def create_call(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    /,
    *,
    amount: Decimal | int | str | float,
    currency: FiatCurrency | str = "USD",
    order_id: str | None = None,
    email: str | None = None,
    time_to_pay: timedelta | None = None,
    available_currencies: list[CryptoCurrency | str] | tuple[CryptoCurrency | str, ...] | None = None,
    cryptocurrency: CryptoCurrency | str | None = None,
    email_to_send: str | None = None,
    locale: Locale | str | None = None,
    shop_id: str | None = None,
) -> Call[Invoice]:
    """Create an invoice and return it.

    ``amount`` is exact: a Decimal, an int or a numeric string (a float is read through its repr). Every
    argument is checked before anything is sent. A create that fails after it may have reached the server is
    never resent: the error's ``may_have_been_created`` is true and ``order_id`` says what to look it up by.
    """
    add_fields = InvoiceAddFields(
        time_to_pay=TimeToPay(*_params.time_to_pay(time_to_pay)) if time_to_pay is not None else UNSET,
        email_to_send=_params.email(email_to_send, "email_to_send") if email_to_send is not None else UNSET,
        available_currencies=(_params.crypto_list(available_currencies) if available_currencies is not None else UNSET),
        cryptocurrency=_params.crypto(cryptocurrency) if cryptocurrency is not None else UNSET,
    )
    body = InvoiceCreateRequest(
        shop_id=core.require_shop_id(shop_id),
        amount=_params.amount(amount),
        currency=_params.fiat(currency),
        order_id=_params.text(order_id, "order_id") if order_id is not None else UNSET,
        email=_params.email(email) if email is not None else UNSET,
        add_fields=add_fields if add_fields.to_dict() else UNSET,
    )
    kwargs = create_invoice._get_kwargs(body=body, locale=_params.locale(locale) if locale is not None else UNSET)
    return Call(request=core.build(http, kwargs), decode=Invoice.from_dict, creates=True, order_id=order_id)


class Invoices(SyncResource):
    create = sync_method(create_call)

    @cached_property
    def with_raw_response(self) -> InvoicesWithRawResponse:
        """The same operations, returning the undecoded HTTP answer (``.parse()`` decodes it)."""
        return InvoicesWithRawResponse(self._client)


class InvoicesWithRawResponse(SyncResource):
    create = sync_raw_method(create_call)


class AsyncInvoices(AsyncResource):
    create = async_method(create_call)

    @cached_property
    def with_raw_response(self) -> AsyncInvoicesWithRawResponse:
        """The same operations, returning the undecoded HTTP answer (``.parse()`` decodes it)."""
        return AsyncInvoicesWithRawResponse(self._client)


class AsyncInvoicesWithRawResponse(AsyncResource):
    create = async_raw_method(create_call)

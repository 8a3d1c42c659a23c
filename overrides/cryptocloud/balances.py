"""``client.balances``: what the merchant's wallets hold."""

from __future__ import annotations

import httpx
from cryptocloud_client.api.balances import get_balances
from cryptocloud_client.models import Balance, EmptyRequest

from ._core import Call, Core
from ._resource import AsyncResource, SyncResource, async_method, sync_method
from .models import results_as


def list_call(core: Core, http: httpx.Client | httpx.AsyncClient, /) -> Call[list[Balance]]:
    """The balance of every currency of the merchant's wallet (amounts as Decimal)."""
    kwargs = get_balances.request_kwargs(body=EmptyRequest())
    return Call(core.build(http, kwargs), results_as(Balance), creates=False)


class Balances(SyncResource):
    list = sync_method(list_call)


class AsyncBalances(AsyncResource):
    list = async_method(list_call)

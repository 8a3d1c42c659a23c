"""``client.static_wallets``: permanent deposit addresses for the shop's customers."""

from __future__ import annotations

import httpx
from cryptocloud_client.api.static_wallets import create_static_wallet
from cryptocloud_client.models import CryptoCurrency, StaticWallet, StaticWalletCreateRequest

from . import _params
from ._core import Call, Core
from ._resource import AsyncResource, SyncResource, async_method, sync_method
from .models import result_as


def create_call(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    /,
    *,
    currency: CryptoCurrency | str,
    identify: str,
    shop_id: str | None = None,
) -> Call[StaticWallet]:
    """A permanent address in ``currency`` for the customer ``identify`` (it comes back as the postbacks'
    order_id). Not resent once it may have reached the server."""
    body = StaticWalletCreateRequest(
        shop_id=core.require_shop_id(shop_id),
        currency=_params.crypto(currency, "currency"),
        identify=_params.text(identify, "identify"),
    )
    kwargs = create_static_wallet.request_kwargs(body=body)
    return Call(core.build(http, kwargs), result_as(StaticWallet), creates=True)


class StaticWallets(SyncResource):
    create = sync_method(create_call)


class AsyncStaticWallets(AsyncResource):
    create = async_method(create_call)

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.crypto_currency import CryptoCurrency

T = TypeVar("T", bound="StaticWalletCreateRequest")


@_attrs_define
class StaticWalletCreateRequest:
    """A static wallet to create for one of the shop's customers.

    Attributes:
        shop_id (str): Unique identifier of the shop (project) from the merchant dashboard.
        currency (CryptoCurrency): Payment currency with its network (the docs' 40 payment currencies, in their order).
        identify (str): Your id of the customer; it comes back as `order_id` in this wallet's postbacks.
    """

    shop_id: str
    currency: CryptoCurrency
    identify: str

    def to_dict(self) -> dict[str, Any]:
        shop_id = self.shop_id

        currency = self.currency.value

        identify = self.identify

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shop_id": shop_id,
                "currency": currency,
                "identify": identify,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shop_id = d.pop("shop_id")

        currency = CryptoCurrency(d.pop("currency"))

        identify = d.pop("identify")

        static_wallet_create_request = cls(
            shop_id=shop_id,
            currency=currency,
            identify=identify,
        )

        return static_wallet_create_request

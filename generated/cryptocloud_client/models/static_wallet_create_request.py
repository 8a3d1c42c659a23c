from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.crypto_currency import CryptoCurrency

T = TypeVar("T", bound="StaticWalletCreateRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET

_members_of_CryptoCurrency = CryptoCurrency._value2member_map_


@_attrs_define
class StaticWalletCreateRequest:
    """A static wallet to create for one of the shop's customers.

    Attributes:
        shop_id (str): Unique identifier of the shop (project) from the merchant dashboard.
        currency (CryptoCurrency): Payment currency with its network, as the docs' create page lists them, in their
            order. Closed here so that typed clients catch a misspelled code; the API adds currencies without notice (older
            docs and the withdrawal and static-wallet pages list others), and a client may send a well-formed code (`COIN`
            or `COIN_NETWORK`) this list lacks (the API then decides).
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

    _json_keys: ClassVar[frozenset[str]] = frozenset(["currency", "identify", "shop_id"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("shop_id", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("shop_id", "str", a0)
        a1: Any = get("currency", UNSET)
        if a1.__class__ is str and a1 in _members_of_CryptoCurrency:
            a1 = _members_of_CryptoCurrency[a1]
        elif isinstance(a1, str) and a1 in _members_of_CryptoCurrency:
            a1 = _members_of_CryptoCurrency[a1]
        else:
            raise DecodeError.wrong("currency", "CryptoCurrency", a1)
        a2: Any = get("identify", UNSET)
        if a2.__class__ is str:
            pass
        elif isinstance(a2, str):
            pass
        else:
            raise DecodeError.wrong("identify", "str", a2)
        obj = cls(a0, a1, a2)
        return obj

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
    parse_decimal,
)
from ..models.balance_currency import BalanceCurrency
from ..types import UNSET, Unset

T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """What the merchant holds in one currency.

    Attributes:
        currency (BalanceCurrency): A currency as balances and static wallets show it. `code` is the full code here
            (`USDT_TRC20`).
        balance_crypto (Decimal): Balance in the currency.
        balance_usd (Decimal): Balance in USD.
        available_balance (Decimal | Unset): What can be withdrawn now, in the currency.
        available_balance_usd (Decimal | Unset): What can be withdrawn now, in USD.
    """

    currency: BalanceCurrency
    balance_crypto: Decimal
    balance_usd: Decimal
    available_balance: Decimal | Unset = UNSET
    available_balance_usd: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.to_dict()

        balance_crypto = self.balance_crypto

        balance_usd = self.balance_usd

        available_balance = self.available_balance

        available_balance_usd = self.available_balance_usd

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "balance_crypto": balance_crypto,
                "balance_usd": balance_usd,
            }
        )
        if available_balance is not UNSET:
            field_dict["available_balance"] = available_balance
        if available_balance_usd is not UNSET:
            field_dict["available_balance_usd"] = available_balance_usd

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        ["available_balance", "available_balance_usd", "balance_crypto", "balance_usd", "currency"]
    )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("currency", UNSET)
        if a0.__class__ is dict:
            try:
                a0 = BalanceCurrency.from_dict(a0)
            except DecodeError as exc:
                raise exc.inside("currency") from None
        elif a0 == "" or a0 == []:
            try:
                a0 = BalanceCurrency.from_dict({})
            except DecodeError as exc:
                raise exc.inside("currency") from None
        else:
            raise DecodeError.wrong("currency", "BalanceCurrency", a0)
        a1: Any = get("balance_crypto", UNSET)
        if a1.__class__ is Decimal and a1.is_finite() and -40 <= a1.adjusted() <= 40:
            pass
        elif (
            a1.__class__ is int
            and -100000000000000000000000000000000000000000 < a1 < 100000000000000000000000000000000000000000
        ):
            a1 = Decimal(a1)
        elif a1 is None or a1 is UNSET:
            raise DecodeError.wrong("balance_crypto", "Decimal", a1)
        else:
            try:
                a1 = parse_decimal(a1)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("balance_crypto", str(exc)) from None
        a2: Any = get("balance_usd", UNSET)
        if a2.__class__ is Decimal and a2.is_finite() and -40 <= a2.adjusted() <= 40:
            pass
        elif (
            a2.__class__ is int
            and -100000000000000000000000000000000000000000 < a2 < 100000000000000000000000000000000000000000
        ):
            a2 = Decimal(a2)
        elif a2 is None or a2 is UNSET:
            raise DecodeError.wrong("balance_usd", "Decimal", a2)
        else:
            try:
                a2 = parse_decimal(a2)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("balance_usd", str(exc)) from None
        a3: Any = get("available_balance", UNSET)
        if a3.__class__ is Decimal and a3.is_finite() and -40 <= a3.adjusted() <= 40:
            pass
        elif (
            a3.__class__ is int
            and -100000000000000000000000000000000000000000 < a3 < 100000000000000000000000000000000000000000
        ):
            a3 = Decimal(a3)
        elif a3 is UNSET:
            missing += 1
        elif a3 is None:
            raise DecodeError.wrong("available_balance", "Decimal", a3)
        else:
            try:
                a3 = parse_decimal(a3)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("available_balance", str(exc)) from None
        a4: Any = get("available_balance_usd", UNSET)
        if a4.__class__ is Decimal and a4.is_finite() and -40 <= a4.adjusted() <= 40:
            pass
        elif (
            a4.__class__ is int
            and -100000000000000000000000000000000000000000 < a4 < 100000000000000000000000000000000000000000
        ):
            a4 = Decimal(a4)
        elif a4 is UNSET:
            missing += 1
        elif a4 is None:
            raise DecodeError.wrong("available_balance_usd", "Decimal", a4)
        else:
            try:
                a4 = parse_decimal(a4)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("available_balance_usd", str(exc)) from None
        obj = cls(a0, a1, a2, a3, a4)
        if len(d) != 5 - missing:
            known = cls._json_keys
            if not d.keys() <= known:
                obj.additional_properties = {k: x for k, x in d.items() if k not in known}
        return obj

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

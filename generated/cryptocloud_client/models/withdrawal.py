from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Withdrawal")
from typing import ClassVar

from ..exact import (
    MAX_ADJUSTED_EXPONENT,
    MAX_INTEGRAL_AMOUNT,
    DecodeError,
    parse_decimal,
)


@_attrs_define
class Withdrawal:
    """A withdrawal as created; only `invoice_id` is required (no recorded answer was found).

    Attributes:
        invoice_id (str): The withdrawal's id.
        status (str | Unset): `created` in the docs (kept as text: no other value is documented).
        currency (str | Unset): Code of the currency sent (`USDT_TRC20`); kept open.
        amount (Decimal | Unset): Amount sent, in `currency`.
    """

    invoice_id: str
    status: str | Unset = UNSET
    currency: str | Unset = UNSET
    amount: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invoice_id = self.invoice_id

        status = self.status

        currency = self.currency

        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "invoice_id": invoice_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if currency is not UNSET:
            field_dict["currency"] = currency
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["amount", "currency", "invoice_id", "status"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("invoice_id", UNSET)
        if isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("invoice_id", "str", a0)
        a1: Any = get("status", UNSET)
        if isinstance(a1, str):
            pass
        elif a1 is UNSET:
            pass
        else:
            raise DecodeError.wrong("status", "str", a1)
        a2: Any = get("currency", UNSET)
        if isinstance(a2, str):
            pass
        elif a2 is UNSET:
            pass
        else:
            raise DecodeError.wrong("currency", "str", a2)
        a3: Any = get("amount", UNSET)
        if a3.__class__ is Decimal and -MAX_ADJUSTED_EXPONENT <= a3.adjusted() <= MAX_ADJUSTED_EXPONENT:
            pass
        elif a3.__class__ is int and -MAX_INTEGRAL_AMOUNT < a3 < MAX_INTEGRAL_AMOUNT:
            a3 = Decimal(a3)
        elif a3 is UNSET:
            pass
        elif a3 is None:
            raise DecodeError.wrong("amount", "Decimal", a3)
        else:
            try:
                a3 = parse_decimal(a3)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount", str(exc)) from None
        obj = cls(invoice_id=a0, status=a1, currency=a2, amount=a3)
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

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
from ..models.postback_invoice import PostbackInvoice
from ..types import UNSET, Unset

T = TypeVar("T", bound="Postback")


@_attrs_define
class Postback:
    """A payment notification, before verification. Unknown fields are kept.

    Attributes:
        status (str): `success` for a paid invoice (kept as text: other values are not documented).
        invoice_id (str): The invoice's id WITHOUT the `INV-` prefix.
        amount_crypto (Decimal): Amount paid, in `currency` (text in a form body).
        currency (str): Full code of the payment currency (`USDT_TRC20`); kept open.
        token (str): JWT signed HS256 with the project's secret key, valid 5 minutes.
        order_id (None | str | Unset): The invoice's `order_id`, or a static wallet's `identify`.
        invoice_info (None | PostbackInvoice | Unset): The whole invoice (newer docs); JSON text in a form body.
    """

    status: str
    invoice_id: str
    amount_crypto: Decimal
    currency: str
    token: str
    order_id: None | str | Unset = UNSET
    invoice_info: None | PostbackInvoice | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        status = self.status

        invoice_id = self.invoice_id

        amount_crypto = self.amount_crypto

        currency = self.currency

        token = self.token

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        invoice_info: dict[str, Any] | None | Unset
        if isinstance(self.invoice_info, Unset):
            invoice_info = UNSET
        elif isinstance(self.invoice_info, PostbackInvoice):
            invoice_info = self.invoice_info.to_dict()
        else:
            invoice_info = self.invoice_info

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "invoice_id": invoice_id,
                "amount_crypto": amount_crypto,
                "currency": currency,
                "token": token,
            }
        )
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if invoice_info is not UNSET:
            field_dict["invoice_info"] = invoice_info

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        ["amount_crypto", "currency", "invoice_id", "invoice_info", "order_id", "status", "token"]
    )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("status", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("status", "str", a0)
        a1: Any = get("invoice_id", UNSET)
        if a1.__class__ is str:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("invoice_id", "str", a1)
        a2: Any = get("amount_crypto", UNSET)
        if a2.__class__ is Decimal and a2.is_finite() and -40 <= a2.adjusted() <= 40:
            pass
        elif (
            a2.__class__ is int
            and -100000000000000000000000000000000000000000 < a2 < 100000000000000000000000000000000000000000
        ):
            a2 = Decimal(a2)
        elif a2 is None or a2 is UNSET:
            raise DecodeError.wrong("amount_crypto", "Decimal", a2)
        else:
            try:
                a2 = parse_decimal(a2)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount_crypto", str(exc)) from None
        a3: Any = get("currency", UNSET)
        if a3.__class__ is str:
            pass
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("currency", "str", a3)
        a4: Any = get("token", UNSET)
        if a4.__class__ is str:
            pass
        elif isinstance(a4, str):
            pass
        else:
            raise DecodeError.wrong("token", "str", a4)
        a5: Any = get("order_id", UNSET)
        if a5.__class__ is str:
            pass
        elif a5 is UNSET:
            missing += 1
        elif a5 is None:
            pass
        elif isinstance(a5, str):
            pass
        else:
            raise DecodeError.wrong("order_id", "null | str", a5)
        a6: Any = get("invoice_info", UNSET)
        if a6.__class__ is dict:
            try:
                a6 = PostbackInvoice.from_dict(a6)
            except DecodeError as exc:
                raise exc.inside("invoice_info") from None
        elif a6 is UNSET:
            missing += 1
        elif a6 is None:
            pass
        else:
            raise DecodeError.wrong("invoice_info", "null | PostbackInvoice", a6)
        obj = cls(a0, a1, a2, a3, a4, a5, a6)
        if len(d) != 7 - missing:
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

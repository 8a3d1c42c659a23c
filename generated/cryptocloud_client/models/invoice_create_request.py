from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..exact import (
    DecodeError,
    parse_decimal,
)
from ..models.fiat_currency import FiatCurrency
from ..models.invoice_add_fields import InvoiceAddFields
from ..types import UNSET, Unset

_members_of_FiatCurrency = FiatCurrency._value2member_map_


T = TypeVar("T", bound="InvoiceCreateRequest")


@_attrs_define
class InvoiceCreateRequest:
    """What a shop sends to create an invoice.

    Attributes:
        shop_id (str): Unique identifier of the shop (project) from the merchant dashboard.
        amount (Decimal): Payment amount, in `currency`.
        currency (FiatCurrency | Unset): Currency in which an invoice amount is given, as the docs list them, in their
            order. Closed here so that typed clients catch a misspelled code; the API may accept more, and a client may send
            a well-formed ISO 4217 code this list lacks (the API then decides). Default: FiatCurrency.USD.
        order_id (str | Unset): The shop's own order number, kept on the invoice and sent back in postbacks.
        email (str | Unset): The payer's email, shown on the invoice page.
        add_fields (InvoiceAddFields | Unset): Optional settings of an invoice, passed inside `add_fields`.
    """

    shop_id: str
    amount: Decimal
    currency: FiatCurrency | Unset = FiatCurrency.USD
    order_id: str | Unset = UNSET
    email: str | Unset = UNSET
    add_fields: InvoiceAddFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        shop_id = self.shop_id

        amount = self.amount

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value

        order_id = self.order_id

        email = self.email

        add_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.add_fields, Unset):
            add_fields = self.add_fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shop_id": shop_id,
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if email is not UNSET:
            field_dict["email"] = email
        if add_fields is not UNSET:
            field_dict["add_fields"] = add_fields

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(
        ["add_fields", "amount", "currency", "email", "order_id", "shop_id"]
    )

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
        a1: Any = get("amount", UNSET)
        if a1.__class__ is Decimal and a1.is_finite() and -40 <= a1.adjusted() <= 40:
            pass
        elif (
            a1.__class__ is int
            and -100000000000000000000000000000000000000000 < a1 < 100000000000000000000000000000000000000000
        ):
            a1 = Decimal(a1)
        elif a1 is None or a1 is UNSET:
            raise DecodeError.wrong("amount", "Decimal", a1)
        else:
            try:
                a1 = parse_decimal(a1)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("amount", str(exc)) from None
        a2: Any = get("currency", UNSET)
        if a2.__class__ is str and a2 in _members_of_FiatCurrency:
            a2 = _members_of_FiatCurrency[a2]
        elif a2 is UNSET:
            pass
        elif isinstance(a2, str) and a2 in _members_of_FiatCurrency:
            a2 = _members_of_FiatCurrency[a2]
        else:
            raise DecodeError.wrong("currency", "FiatCurrency", a2)
        a3: Any = get("order_id", UNSET)
        if a3.__class__ is str:
            pass
        elif a3 is UNSET:
            pass
        elif isinstance(a3, str):
            pass
        else:
            raise DecodeError.wrong("order_id", "str", a3)
        a4: Any = get("email", UNSET)
        if a4.__class__ is str:
            pass
        elif a4 is UNSET:
            pass
        elif isinstance(a4, str):
            pass
        else:
            raise DecodeError.wrong("email", "str", a4)
        a5: Any = get("add_fields", UNSET)
        if a5.__class__ is dict:
            try:
                a5 = InvoiceAddFields.from_dict(a5)
            except DecodeError as exc:
                raise exc.inside("add_fields") from None
        elif a5 == "" or a5 == []:
            try:
                a5 = InvoiceAddFields.from_dict({})
            except DecodeError as exc:
                raise exc.inside("add_fields") from None
        elif a5 is UNSET:
            pass
        else:
            raise DecodeError.wrong("add_fields", "InvoiceAddFields", a5)
        obj = cls(a0, a1, a2, a3, a4, a5)
        return obj

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._exact import parse_decimal
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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:

        d = dict(src_dict)
        status = d.pop("status")

        invoice_id = d.pop("invoice_id")

        amount_crypto = parse_decimal(d.pop("amount_crypto"))

        currency = d.pop("currency")

        token = d.pop("token")

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast("None | str | Unset", data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))

        def _parse_invoice_info(data: object) -> None | PostbackInvoice | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                invoice_info_type_0 = PostbackInvoice.from_dict(data)

                return invoice_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast("None | PostbackInvoice | Unset", data)

        invoice_info = _parse_invoice_info(d.pop("invoice_info", UNSET))

        postback = cls(
            status=status,
            invoice_id=invoice_id,
            amount_crypto=amount_crypto,
            currency=currency,
            token=token,
            order_id=order_id,
            invoice_info=invoice_info,
        )

        postback.additional_properties = d
        return postback

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

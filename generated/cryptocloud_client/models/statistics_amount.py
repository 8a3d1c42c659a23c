from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatisticsAmount")
from typing import ClassVar

from ..exact import (
    DecodeError,
    parse_decimal,
)
from ..types import UNSET


@_attrs_define
class StatisticsAmount:
    """Sum of invoice amounts by status, in USD (a zero may come as an integer).

    Attributes:
        all_ (Decimal): All invoices.
        created (Decimal): Invoices still waiting for payment.
        paid (Decimal): Invoices paid in full.
        overpaid (Decimal): Invoices paid more than due.
        partial (Decimal): Invoices paid in part.
        canceled (Decimal): Invoices canceled or expired.
    """

    all_: Decimal
    created: Decimal
    paid: Decimal
    overpaid: Decimal
    partial: Decimal
    canceled: Decimal
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_

        created = self.created

        paid = self.paid

        overpaid = self.overpaid

        partial = self.partial

        canceled = self.canceled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all": all_,
                "created": created,
                "paid": paid,
                "overpaid": overpaid,
                "partial": partial,
                "canceled": canceled,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["all", "canceled", "created", "overpaid", "paid", "partial"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("all", UNSET)
        if a0.__class__ is Decimal and a0.is_finite() and -40 <= a0.adjusted() <= 40:
            pass
        elif (
            a0.__class__ is int
            and -100000000000000000000000000000000000000000 < a0 < 100000000000000000000000000000000000000000
        ):
            a0 = Decimal(a0)
        elif a0 is None or a0 is UNSET:
            raise DecodeError.wrong("all", "Decimal", a0)
        else:
            try:
                a0 = parse_decimal(a0)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("all", str(exc)) from None
        a1: Any = get("created", UNSET)
        if a1.__class__ is Decimal and a1.is_finite() and -40 <= a1.adjusted() <= 40:
            pass
        elif (
            a1.__class__ is int
            and -100000000000000000000000000000000000000000 < a1 < 100000000000000000000000000000000000000000
        ):
            a1 = Decimal(a1)
        elif a1 is None or a1 is UNSET:
            raise DecodeError.wrong("created", "Decimal", a1)
        else:
            try:
                a1 = parse_decimal(a1)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("created", str(exc)) from None
        a2: Any = get("paid", UNSET)
        if a2.__class__ is Decimal and a2.is_finite() and -40 <= a2.adjusted() <= 40:
            pass
        elif (
            a2.__class__ is int
            and -100000000000000000000000000000000000000000 < a2 < 100000000000000000000000000000000000000000
        ):
            a2 = Decimal(a2)
        elif a2 is None or a2 is UNSET:
            raise DecodeError.wrong("paid", "Decimal", a2)
        else:
            try:
                a2 = parse_decimal(a2)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("paid", str(exc)) from None
        a3: Any = get("overpaid", UNSET)
        if a3.__class__ is Decimal and a3.is_finite() and -40 <= a3.adjusted() <= 40:
            pass
        elif (
            a3.__class__ is int
            and -100000000000000000000000000000000000000000 < a3 < 100000000000000000000000000000000000000000
        ):
            a3 = Decimal(a3)
        elif a3 is None or a3 is UNSET:
            raise DecodeError.wrong("overpaid", "Decimal", a3)
        else:
            try:
                a3 = parse_decimal(a3)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("overpaid", str(exc)) from None
        a4: Any = get("partial", UNSET)
        if a4.__class__ is Decimal and a4.is_finite() and -40 <= a4.adjusted() <= 40:
            pass
        elif (
            a4.__class__ is int
            and -100000000000000000000000000000000000000000 < a4 < 100000000000000000000000000000000000000000
        ):
            a4 = Decimal(a4)
        elif a4 is None or a4 is UNSET:
            raise DecodeError.wrong("partial", "Decimal", a4)
        else:
            try:
                a4 = parse_decimal(a4)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("partial", str(exc)) from None
        a5: Any = get("canceled", UNSET)
        if a5.__class__ is Decimal and a5.is_finite() and -40 <= a5.adjusted() <= 40:
            pass
        elif (
            a5.__class__ is int
            and -100000000000000000000000000000000000000000 < a5 < 100000000000000000000000000000000000000000
        ):
            a5 = Decimal(a5)
        elif a5 is None or a5 is UNSET:
            raise DecodeError.wrong("canceled", "Decimal", a5)
        else:
            try:
                a5 = parse_decimal(a5)
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise DecodeError("canceled", str(exc)) from None
        obj = cls(a0, a1, a2, a3, a4, a5)
        if len(d) != 6 - missing:
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

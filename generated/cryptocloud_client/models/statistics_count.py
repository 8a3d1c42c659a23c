from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatisticsCount")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class StatisticsCount:
    """Number of invoices by status.

    Attributes:
        all_ (int): All invoices.
        created (int): Invoices still waiting for payment.
        paid (int): Invoices paid in full.
        overpaid (int): Invoices paid more than due.
        partial (int): Invoices paid in part.
        canceled (int): Invoices canceled or expired.
    """

    all_: int
    created: int
    paid: int
    overpaid: int
    partial: int
    canceled: int
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
        if a0.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("all", "int", a0)
        a1: Any = get("created", UNSET)
        if a1.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("created", "int", a1)
        a2: Any = get("paid", UNSET)
        if a2.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("paid", "int", a2)
        a3: Any = get("overpaid", UNSET)
        if a3.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("overpaid", "int", a3)
        a4: Any = get("partial", UNSET)
        if a4.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("partial", "int", a4)
        a5: Any = get("canceled", UNSET)
        if a5.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("canceled", "int", a5)
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

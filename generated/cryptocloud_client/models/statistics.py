from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
)
from ..models.statistics_amount import StatisticsAmount
from ..models.statistics_count import StatisticsCount
from ..types import UNSET

T = TypeVar("T", bound="Statistics")


@_attrs_define
class Statistics:
    """Invoice counts and sums over a period.

    Attributes:
        count (StatisticsCount): Number of invoices by status.
        amount (StatisticsAmount): Sum of invoice amounts by status, in USD (a zero may come as an integer).
    """

    count: StatisticsCount
    amount: StatisticsAmount
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count.to_dict()

        amount = self.amount.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "amount": amount,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["amount", "count"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("count", UNSET)
        if a0.__class__ is dict:
            try:
                a0 = StatisticsCount.from_dict(a0)
            except DecodeError as exc:
                raise exc.inside("count") from None
        elif a0 == "" or a0 == []:
            try:
                a0 = StatisticsCount.from_dict({})
            except DecodeError as exc:
                raise exc.inside("count") from None
        else:
            raise DecodeError.wrong("count", "StatisticsCount", a0)
        a1: Any = get("amount", UNSET)
        if a1.__class__ is dict:
            try:
                a1 = StatisticsAmount.from_dict(a1)
            except DecodeError as exc:
                raise exc.inside("amount") from None
        elif a1 == "" or a1 == []:
            try:
                a1 = StatisticsAmount.from_dict({})
            except DecodeError as exc:
                raise exc.inside("amount") from None
        else:
            raise DecodeError.wrong("amount", "StatisticsAmount", a1)
        obj = cls(a0, a1)
        if len(d) != 2 - missing:
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

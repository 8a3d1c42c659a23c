from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
)
from ..models.balance import Balance
from ..models.success_status import SuccessStatus
from ..types import UNSET

_members_of_SuccessStatus = SuccessStatus._value2member_map_


T = TypeVar("T", bound="BalanceListResponse")


@_attrs_define
class BalanceListResponse:
    """The merchant's balances.

    Attributes:
        status (SuccessStatus): The envelope's status on success.
        result (list[Balance]): One entry per currency.
    """

    status: SuccessStatus
    result: list[Balance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result = []
        for result_item_data in self.result:
            result_item = result_item_data.to_dict()
            result.append(result_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "result": result,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["result", "status"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("status", UNSET)
        if a0.__class__ is str and a0 in _members_of_SuccessStatus:
            a0 = _members_of_SuccessStatus[a0]
        elif isinstance(a0, str) and a0 in _members_of_SuccessStatus:
            a0 = _members_of_SuccessStatus[a0]
        else:
            raise DecodeError.wrong("status", "SuccessStatus", a0)
        a1: Any = get("result", UNSET)
        if a1.__class__ is list:
            items: list[Balance] = []
            for x in a1:
                if x.__class__ is not dict:
                    raise DecodeError.wrong(len(items), "Balance", x).inside("result")
                try:
                    items.append(Balance.from_dict(x))
                except DecodeError as exc:
                    raise exc.inside(len(items)).inside("result") from None
            a1 = items
        else:
            raise DecodeError.wrong("result", "list[Balance]", a1)
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

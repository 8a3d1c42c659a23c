from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..exact import (
    DecodeError,
)
from ..models.success_status import SuccessStatus
from ..models.withdrawal import Withdrawal
from ..types import UNSET, Unset

_members_of_SuccessStatus = SuccessStatus._value2member_map_


T = TypeVar("T", bound="WithdrawalResponse")


@_attrs_define
class WithdrawalResponse:
    """The answer to a withdrawal: the newer docs put it in `result`, the older ones in `data`. One of the two
    is present. Nothing of the withdrawal itself is required (see `Withdrawal`): an answer that cannot be
    read after money moved costs the user most.

        Attributes:
            status (SuccessStatus): The envelope's status on success.
            result (Withdrawal | Unset): A withdrawal as created, in either docs version's shape (see the operation);
                unknown fields are kept.
            data (Withdrawal | Unset): A withdrawal as created, in either docs version's shape (see the operation); unknown
                fields are kept.
    """

    status: SuccessStatus
    result: Withdrawal | Unset = UNSET
    data: Withdrawal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if result is not UNSET:
            field_dict["result"] = result
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["data", "result", "status"])

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
        if a1.__class__ is dict:
            try:
                a1 = Withdrawal.from_dict(a1)
            except DecodeError as exc:
                raise exc.inside("result") from None
        elif a1 == "" or a1 == []:
            try:
                a1 = Withdrawal.from_dict({})
            except DecodeError as exc:
                raise exc.inside("result") from None
        elif a1 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("result", "Withdrawal", a1)
        a2: Any = get("data", UNSET)
        if a2.__class__ is dict:
            try:
                a2 = Withdrawal.from_dict(a2)
            except DecodeError as exc:
                raise exc.inside("data") from None
        elif a2 == "" or a2 == []:
            try:
                a2 = Withdrawal.from_dict({})
            except DecodeError as exc:
                raise exc.inside("data") from None
        elif a2 is UNSET:
            missing += 1
        else:
            raise DecodeError.wrong("data", "Withdrawal", a2)
        obj = cls(a0, a1, a2)
        if len(d) != 3 - missing:
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

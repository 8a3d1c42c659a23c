from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_status import SuccessStatus

T = TypeVar("T", bound="InvoiceCancelResponse")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET

_members_of_SuccessStatus = SuccessStatus._value2member_map_


@_attrs_define
class InvoiceCancelResponse:
    """The answer to a cancel; `result` is `["ok"]` (one docs table says `"ok"`).

    Attributes:
        status (SuccessStatus): The envelope's status on success.
        result (list[str] | str): Confirmation.
    """

    status: SuccessStatus
    result: list[str] | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        result: list[str] | str
        if isinstance(self.result, list):
            result = self.result

        else:
            result = self.result

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
            for i, x in enumerate(a1):
                if not isinstance(x, str):
                    raise DecodeError.wrong(i, "str", x).inside("result")
        elif a1.__class__ is str:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("result", "list[str] | str", a1)
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

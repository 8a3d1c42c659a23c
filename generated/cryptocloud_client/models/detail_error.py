from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DetailError")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class DetailError:
    """The bare error the API's token check answers with.

    Attributes:
        detail (str): Why the token was refused.
    """

    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["detail"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("detail", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("detail", "str", a0)
        obj = cls(a0)
        if len(d) != 1 - missing:
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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResult")
from typing import ClassVar

from ..exact import (
    DecodeError,
)


@_attrs_define
class ErrorResult:
    """Error messages, keyed by the field they are about, or by `validate_error` / `authorization`.

    Attributes:
        validate_error (str | Unset): A validation message not tied to one field.
        authorization (str | Unset): The API key was refused.
    """

    validate_error: str | Unset = UNSET
    authorization: str | Unset = UNSET
    additional_properties: dict[str, list[str] | str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        validate_error = self.validate_error

        authorization = self.authorization

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, list):
                field_dict[prop_name] = prop

            else:
                field_dict[prop_name] = prop

        field_dict.update({})
        if validate_error is not UNSET:
            field_dict["validate_error"] = validate_error
        if authorization is not UNSET:
            field_dict["authorization"] = authorization

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["authorization", "validate_error"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        missing = 0  # fields not in d: then len(d) says whether d has other keys
        a0: Any = get("validate_error", UNSET)
        if a0.__class__ is str:
            pass
        elif a0 is UNSET:
            missing += 1
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("validate_error", "str", a0)
        a1: Any = get("authorization", UNSET)
        if a1.__class__ is str:
            pass
        elif a1 is UNSET:
            missing += 1
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("authorization", "str", a1)
        obj = cls(a0, a1)
        if len(d) != 2 - missing:
            known = cls._json_keys
            if not d.keys() <= known:
                more = {}
                for k, x in d.items():
                    if k not in known:
                        if x.__class__ is list:
                            for i, x in enumerate(x):
                                if not isinstance(x, str):
                                    raise DecodeError.wrong(i, "str", x).inside(k)
                        elif x.__class__ is str:
                            pass
                        elif isinstance(x, str):
                            pass
                        else:
                            raise DecodeError.wrong(k, "list[str] | str", x)
                        more[k] = x
                obj.additional_properties = more
        return obj

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[str] | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[str] | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

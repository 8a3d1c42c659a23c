from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EmptyRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)


@_attrs_define
class EmptyRequest:
    """An empty body (`{}`)."""

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset([])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        obj = cls()
        return obj

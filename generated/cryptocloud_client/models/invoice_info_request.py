from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InvoiceInfoRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class InvoiceInfoRequest:
    """Which invoices to read.

    Attributes:
        uuids (list[str]): 1 to 100 invoice ids.
    """

    uuids: list[str]

    def to_dict(self) -> dict[str, Any]:
        uuids = self.uuids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uuids": uuids,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["uuids"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("uuids", UNSET)
        if a0.__class__ is list:
            for i, x in enumerate(a0):
                if not isinstance(x, str):
                    raise DecodeError.wrong(i, "str", x).inside("uuids")
        else:
            raise DecodeError.wrong("uuids", "list[str]", a0)
        obj = cls(a0)
        return obj

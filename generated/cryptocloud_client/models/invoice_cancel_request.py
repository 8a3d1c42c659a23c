from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InvoiceCancelRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class InvoiceCancelRequest:
    """Which invoice to cancel.

    Attributes:
        uuid (str): An invoice id, with or without the `INV-` prefix.
    """

    uuid: str

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uuid": uuid,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["uuid"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("uuid", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("uuid", "str", a0)
        obj = cls(a0)
        return obj

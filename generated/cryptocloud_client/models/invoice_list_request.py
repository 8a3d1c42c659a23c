from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceListRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)


@_attrs_define
class InvoiceListRequest:
    """A period of days and a page of the invoices created in it.

    Attributes:
        start (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        end (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        offset (int | Unset): Index of the first invoice to return (0-based). Default: 0.
        limit (int | Unset): How many invoices to return (the docs' wording may also mean an inclusive end index).
            Default: 10.
    """

    start: str
    end: str
    offset: int | Unset = 0
    limit: int | Unset = 10

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        offset = self.offset

        limit = self.limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )
        if offset is not UNSET:
            field_dict["offset"] = offset
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["end", "limit", "offset", "start"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("start", UNSET)
        if a0.__class__ is str:
            pass
        elif isinstance(a0, str):
            pass
        else:
            raise DecodeError.wrong("start", "str", a0)
        a1: Any = get("end", UNSET)
        if a1.__class__ is str:
            pass
        elif isinstance(a1, str):
            pass
        else:
            raise DecodeError.wrong("end", "str", a1)
        a2: Any = get("offset", UNSET)
        if a2.__class__ is int:
            pass
        elif a2 is UNSET:
            pass
        else:
            raise DecodeError.wrong("offset", "int", a2)
        a3: Any = get("limit", UNSET)
        if a3.__class__ is int:
            pass
        elif a3 is UNSET:
            pass
        else:
            raise DecodeError.wrong("limit", "int", a3)
        obj = cls(a0, a1, a2, a3)
        return obj

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PeriodRequest")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class PeriodRequest:
    """A period of days, both ends included.

    Attributes:
        start (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
        end (str): A calendar day as `dd.mm.yyyy`, years 1000 to 9999; the pattern admits only days the calendar has.
    """

    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["end", "start"])

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
        obj = cls(a0, a1)
        return obj

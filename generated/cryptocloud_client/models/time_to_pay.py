from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TimeToPay")
from typing import ClassVar

from ..exact import (
    DecodeError,
)
from ..types import UNSET


@_attrs_define
class TimeToPay:
    """How long the invoice can be paid, from creation. The project's default when absent.

    Attributes:
        hours (int): Whole hours.
        minutes (int): Minutes on top of `hours`.
    """

    hours: int
    minutes: int

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        minutes = self.minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
                "minutes": minutes,
            }
        )

        return field_dict

    _json_keys: ClassVar[frozenset[str]] = frozenset(["hours", "minutes"])

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""
        d = src_dict
        if d.__class__ is not dict and not isinstance(d, Mapping):
            raise DecodeError.wrong("", "an object", d)
        get = d.get
        a0: Any = get("hours", UNSET)
        if a0.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("hours", "int", a0)
        a1: Any = get("minutes", UNSET)
        if a1.__class__ is int:
            pass
        else:
            raise DecodeError.wrong("minutes", "int", a1)
        obj = cls(a0, a1)
        return obj

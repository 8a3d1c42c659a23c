from enum import StrEnum


class CommissionSide(StrEnum):
    CLIENT = "client"
    MERCHANT = "merchant"

    def __str__(self) -> str:
        return str(self.value)

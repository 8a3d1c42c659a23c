from enum import StrEnum


class ErrorStatus(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)

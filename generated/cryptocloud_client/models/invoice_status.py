from enum import StrEnum


class InvoiceStatus(StrEnum):
    CANCELED = "canceled"
    CREATED = "created"
    OVERPAID = "overpaid"
    PAID = "paid"
    PARTIAL = "partial"

    def __str__(self) -> str:
        return str(self.value)

"""Payment notifications (postbacks): ``verify_postback`` checks one's token and reads its fields (``verify``);
``client.postbacks.confirm`` verifies it and then reads the invoice back from the API (``confirm``)."""

from .confirm import ENV_SECRET, PAID_STATUSES, AsyncPostbacks, ConfirmedPayment, Mismatch, Postbacks
from .verify import (
    MAX_BODY_BYTES,
    MAX_TOKEN_CHARS,
    Postback,
    PostbackInvoice,
    PostbackVerificationError,
    verify_postback,
)

__all__ = [
    "ENV_SECRET",
    "MAX_BODY_BYTES",
    "MAX_TOKEN_CHARS",
    "PAID_STATUSES",
    "AsyncPostbacks",
    "ConfirmedPayment",
    "Mismatch",
    "Postback",
    "PostbackInvoice",
    "PostbackVerificationError",
    "Postbacks",
    "verify_postback",
]

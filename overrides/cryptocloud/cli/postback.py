"""``cryptocloud postback verify``: what a saved postback's token proves."""

from __future__ import annotations

import os
from typing import Any

import attrs
from cryptocloud_client.types import Unset

from .. import errors
from ._app import _client, _line, _plain, _reports_errors, click, main


@main.group()
def postback() -> None:
    """Payment notifications."""


@postback.command("verify")
@click.option("--secret-env", required=True, help="Name of the environment variable holding the secret key.")
@click.option("--content-type", help="The request's Content-Type (sniffed when absent).")
@click.option(
    "--confirm",
    is_flag=True,
    help="Also read the invoice from the API (CRYPTOCLOUD_API_KEY): status, order_id and amounts from there.",
)
@click.argument("file", type=click.File("rb"))
@_reports_errors
def postback_verify(secret_env: str, content_type: str | None, confirm: bool, file: Any) -> None:
    """Check a saved postback body (FILE, or - for stdin) and print what its token proves.

    Only the token is signed, and it names at most the invoice: the body's status, order_id and amounts are
    printed under "unauthenticated". With --confirm, "api" holds what the API says, and "paid" is true only
    for an invoice the API calls paid or overpaid.
    """
    from ..postbacks import MAX_BODY_BYTES, verify_postback

    secret = os.environ.get(secret_env)
    if not secret:
        raise errors.InvalidParameterError("--secret-env", secret_env, f"${secret_env} is not set")
    body = file.read(MAX_BODY_BYTES + 1)  # one byte more than allowed, so an oversized body is refused, not read
    verified = verify_postback(body, content_type, secret)
    fields = _plain(verified.to_dict())
    report: dict[str, Any] = {
        "invoice_uuid": verified.invoice_uuid,
        "token_verified": True,
        "token_expires": verified.token_expires_at.isoformat(),
        "token_payload": _plain(verified.token_payload),
        "authenticated": {name: fields[name] for name in verified.authenticated_fields},
        "unauthenticated": {name: fields[name] for name in verified.unauthenticated_fields},
        "confirmed": False,
        "paid": None,
    }
    if confirm:
        with _client(False) as client:
            payment = client.postbacks.confirm(body, content_type, secret)
        # A field the API left out (UNSET) is left out here too; null stays null.
        api = attrs.asdict(
            payment, recurse=False, filter=lambda a, value: a.name in _API_FIELDS and not isinstance(value, Unset)
        )
        report |= {
            "confirmed": True,
            "paid": payment.paid,
            "api": _plain(api),
            "mismatches": [_plain(attrs.asdict(m)) for m in payment.mismatches],
            "verified_by": payment.verified_by,
        }
    click.echo(_line(report))


_API_FIELDS = (
    "invoice_uuid",
    "status",
    "order_id",
    "currency",
    "amount",
    "received",
    "amount_usd",
    "received_usd",
    "test_mode",
)

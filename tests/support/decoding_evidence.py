"""Decode the recorded answers and spec examples through the client's facade, in this process or in another
environment (``DECODE`` is a script run there): each line is the repr of what a call returned, or its error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.recorded_tools import recorded, spec_examples

# The script: {"operation", "body"} per entry -> one line per entry. Creates only (the facade's decoding of a
# create answer: envelope, strict decoder, the Invoice subclass), and info through retrieve_many.
DECODE = r"""
import json, sys, httpx
from cryptocloud import CryptoCloud
from cryptocloud_client import exact
for entry in json.loads(open(sys.argv[1]).read()):
    body = exact.dumps(entry["body"])
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    client = CryptoCloud(api_key="k" * 16, shop_id="s", http_client=http, max_retries=0)
    try:
        if entry["operation"] == "createInvoice":
            result = client.invoices.create(amount=entry["amount"], currency=entry["currency"])
        else:
            result = client.invoices.retrieve_many(entry["uuids"])
        print(repr(result))
    except Exception as error:
        print(type(error).__name__, str(error))
"""


def decoded_lines(path: Path) -> list[str]:
    """Write the evidence to ``path`` and return what ``DECODE`` prints for it in this environment."""
    entries = []
    for operation, body in [(a["operation"], a["body"]) for a in recorded().values()] + [
        (op, body) for _, op, body in spec_examples()
    ]:
        result = body.get("result") if isinstance(body, dict) else None
        if operation == "createInvoice" and isinstance(result, dict):
            amount, currency = result.get("amount_in_fiat", 100), result.get("fiat_currency", "USD")
            entries.append({"operation": operation, "body": body, "amount": str(amount), "currency": currency})
        elif operation == "getInvoiceInfo" and isinstance(result, list):
            uuids = [item["uuid"] for item in result if isinstance(item, dict) and "uuid" in item]
            entries.append({"operation": operation, "body": body, "uuids": uuids})
    path.write_text(json.dumps(entries, default=str))
    here = subprocess.run([sys.executable, "-c", DECODE, str(path)], capture_output=True, text=True, timeout=120)
    assert here.stderr == "", here.stderr
    return here.stdout.splitlines()

"""A fake CryptoCloud for tests: stateful, in memory, validated against the bundled OpenAPI spec.

    fake = FakeCryptoCloud()
    client = fake.client()                      # a CryptoCloud wired to the fake in-process (no socket)
    invoice = client.invoices.create(amount=Decimal("10"), order_id="o-1")
    postback = fake.pay(invoice.uuid)           # .body / .content_type, signed with fake.secret
    verify_postback(postback.body, postback.content_type, fake.secret)
    fake.fail_next("read_timeout")              # the next request lands, then its answer is lost

Requests are checked against ``openapi.yaml`` (shipped with the generated package) by JSON Schema validators
compiled from it once (``spec``), not by hand-written rules, and refused with the real API's error shapes.
Needs the ``testing`` extra.

Its parts: ``fake`` (the FakeCryptoCloud class: controls and wiring), ``operations`` (the API's operations),
``state`` (clock and records), ``catalog`` (rates and currencies), ``payments`` (pay and postbacks), ``faults``
(fail_next), ``spec`` (request validation), ``wire`` (answers and bodies), ``server`` (HTTP) and ``control``
(the HTTP control API under ``/_fake/``, described by ``fake-control.yaml``).
"""

from importlib.util import find_spec

from .._extras import install_hint

# The extra's own packages, checked first so that a missing one is named with the extra to install (found, not
# imported: the validators are loaded when the first request is checked).
for _needed in ("openapi_schema_validator", "jsonschema", "yaml"):
    if find_spec(_needed) is None:
        raise ImportError(
            f"cryptocloud.testing needs the testing extra ({_needed} is missing): {install_hint('testing')}"
        )

from .fake import FAKE_BASE_URL, FakeCryptoCloud  # noqa: E402  (after the extra's check)
from .faults import FAULTS  # noqa: E402
from .payments import FakePostback  # noqa: E402
from .state import FakeClock  # noqa: E402

__all__ = ["FAKE_BASE_URL", "FAULTS", "FakeClock", "FakeCryptoCloud", "FakePostback"]

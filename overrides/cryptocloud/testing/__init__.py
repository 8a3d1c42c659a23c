"""A fake CryptoCloud for tests: stateful, in memory, validated against the bundled OpenAPI spec.

    fake = FakeCryptoCloud()
    client = fake.client()                      # a CryptoCloud wired to the fake in-process (no socket)
    invoice = client.invoices.create(amount=Decimal("10"), order_id="o-1")
    postback = fake.pay(invoice.uuid)           # .body / .content_type, signed with fake.secret
    verify_postback(postback.body, postback.content_type, fake.secret)
    fake.fail_next("read_timeout")              # the next request lands, then its answer is lost

Requests are checked against ``openapi.yaml`` (shipped with the generated package) by openapi-core, not by
hand-written rules, and refused with the real API's error shapes. Needs the ``testing`` extra.

Its parts: ``fake`` (the FakeCryptoCloud class: controls and wiring), ``operations`` (the API's operations),
``state`` (clock and records), ``catalog`` (rates and currencies), ``payments`` (pay and postbacks), ``faults``
(fail_next), ``spec`` (request validation), ``wire`` (answers and bodies), ``server`` (HTTP) and ``control``
(the HTTP control API under ``/_fake/``, described by ``fake-control.yaml``).
"""

try:  # the extra's own packages, checked first so that a missing one is named with the extra to install
    import openapi_core  # noqa: F401
    import yaml  # noqa: F401
except ImportError as missing:
    raise ImportError(
        f"cryptocloud.testing needs the testing extra ({missing.name} is missing): "
        "pip install 'cryptocloud-client[testing]'"
    ) from None

from .fake import FAKE_BASE_URL, FakeCryptoCloud
from .faults import FAULTS
from .payments import FakePostback
from .state import FakeClock

__all__ = ["FAKE_BASE_URL", "FAULTS", "FakeClock", "FakeCryptoCloud", "FakePostback"]

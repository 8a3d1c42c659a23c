"""pytest plugin (registered by the package's ``pytest11`` entry point): the ``cryptocloud_fake`` fixture.

Every pytest run of a project that installs the package imports this module, so it imports nothing of ours
(``cryptocloud`` itself loads lazily) until a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import FakeCryptoCloud


@pytest.fixture
def cryptocloud_fake() -> Iterator[FakeCryptoCloud]:
    """A fresh in-memory CryptoCloud for one test; ``cryptocloud_fake.client()`` talks to it."""
    try:
        from .testing import FakeCryptoCloud  # the testing extra is only needed when the fixture is used
    except ImportError as missing:
        pytest.fail(f"cryptocloud_fake: {missing}", pytrace=False)
    yield FakeCryptoCloud()

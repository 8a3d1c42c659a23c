"""pytest plugin (registered by the package's ``pytest11`` entry point): the ``cryptocloud_fake`` fixture."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import FakeCryptoCloud


@pytest.fixture
def cryptocloud_fake() -> Iterator[FakeCryptoCloud]:
    """A fresh in-memory CryptoCloud for one test; ``cryptocloud_fake.client()`` talks to it."""
    from .testing import FakeCryptoCloud  # imported here: the testing extra is only needed when used

    yield FakeCryptoCloud()

from collections.abc import Iterator

import pytest
from cryptocloud.withdrawals import SPACING
from support.harness import _close_harnesses, backend, mock_mode, mode, no_proxy_env, sleeps

__all__ = ["_close_harnesses", "_withdrawal_spacing_per_test", "backend", "mock_mode", "mode", "no_proxy_env", "sleeps"]


@pytest.fixture(autouse=True)
def _withdrawal_spacing_per_test() -> Iterator[None]:
    """Each test starts with no withdrawal sent: the 12 s spacing is process-wide, tests are not."""
    SPACING.clear()
    yield
    SPACING.clear()

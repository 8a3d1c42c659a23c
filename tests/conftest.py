from harness import _close_harnesses, mock_mode, mode, sleeps

__all__ = ["_close_harnesses", "mock_mode", "mode", "sleeps"]

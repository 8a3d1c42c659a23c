from harness import mode, sleeps

__all__ = ["mode", "sleeps"]

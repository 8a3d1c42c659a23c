"""The package version, in one place (read by hatch and by the User-Agent)."""

__version__ = "0.3.0"

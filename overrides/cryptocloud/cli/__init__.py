"""The ``cryptocloud`` command: the API (or the embedded fake, with --fake) from a terminal.

Its parts: ``_app`` (the group, error lines and exit codes, tables, the client or fake), ``api`` (invoices,
balance, withdraw, stats), ``postback`` (verify), ``drift_report`` (drift) and ``fake_server``.
"""

from . import api, drift_report, fake_server, postback  # noqa: F401  (each registers its commands)
from ._app import EXIT_CODES, error_line, exit_code, main

__all__ = ["EXIT_CODES", "error_line", "exit_code", "main"]

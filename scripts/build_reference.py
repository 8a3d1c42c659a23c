"""Build the reference of the Python package (classes, methods, parameters, models, errors) from the code and its
docstrings with pdoc (pinned in requirements-dev.txt): static HTML, no network, into build/reference/ (git-ignored).

    python scripts/build_reference.py [OUTPUT_DIR]      (codegen.sh runs it; so does tests/test_docs_browser.py)

The modules are the public ones a user imports: ``cryptocloud`` (the clients, errors and models it exports), the
resource modules that hold the methods (``client.invoices.create`` is ``cryptocloud.invoices.Invoices.create``),
postbacks, the fake and its pytest fixture, and the generated package's models and types.
"""

from __future__ import annotations

import importlib
import inspect
import shutil
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pdoc
import pdoc.render

MODULES = [
    "cryptocloud",
    "cryptocloud.invoices",
    "cryptocloud.balances",
    "cryptocloud.statistics",
    "cryptocloud.static_wallets",
    "cryptocloud.withdrawals",
    "cryptocloud.postbacks",
    "cryptocloud.errors",
    "cryptocloud.models",
    "cryptocloud.testing",
    "cryptocloud.pytest_plugin",
    "cryptocloud_client",
    "cryptocloud_client.models",
    "cryptocloud_client.types",
]


RESOURCE_MODULES = [m for m in MODULES if m.split(".")[-1] in ("invoices", "balances", "statistics", "static_wallets")]
RESOURCE_MODULES += ["cryptocloud.withdrawals", "cryptocloud.postbacks.confirm"]


def show_operation_signatures() -> None:
    """Give each resource method the operation's signature with its annotations resolved, for the reference.

    ``client.invoices.create`` is made by cryptocloud/_resource.py's helpers from ``create_call(core, http, /,
    *, amount, ...)`` and carries that signature (without ``core`` and ``http``), but its annotations are text
    (``from __future__ import annotations``), which pdoc would read in _resource.py, where those names are unknown.
    Here, in the process that builds the reference only, they are resolved in the operation's own module.
    """
    from cryptocloud import RawResponse
    from cryptocloud._resource import AsyncResource, SyncResource

    for name in RESOURCE_MODULES:
        module = importlib.import_module(name)
        for resource in vars(module).values():
            if not (isinstance(resource, type) and issubclass(resource, (SyncResource, AsyncResource))):
                continue
            raw = resource.__name__.endswith("WithRawResponse")
            for attribute, method in vars(resource).items():
                builder = getattr(module, f"{attribute}_call", None)
                if not (inspect.isfunction(method) and builder is not None and method.__doc__ == builder.__doc__):
                    continue
                # The annotations read in the operation's own module (they are text under `from __future__ import
                # annotations`, which pdoc would read in _resource.py, where those names are unknown).
                signature = inspect.signature(builder, eval_str=True)
                returned = _result(signature.return_annotation)
                if raw:
                    returned = typing.cast(Any, RawResponse)[returned]
                me = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
                parameters = [me, *list(signature.parameters.values())[2:]]
                method.__signature__ = signature.replace(parameters=parameters, return_annotation=returned)  # type: ignore[attr-defined]


def _result(operation: Any) -> Any:
    """What running an operation gives: ``Call[Invoice]``, or ``Operation[Invoice]`` (``Call[Invoice] |
    Composite[Invoice]``), gives ``Invoice``."""
    if typing.get_origin(operation) in (typing.Union, types.UnionType):
        operation = typing.get_args(operation)[0]
    return typing.get_args(operation)[0]


def build(output: Path) -> None:
    from cryptocloud import __version__

    show_operation_signatures()
    shutil.rmtree(output, ignore_errors=True)
    # The generated models' docstrings are Google style ("Attributes:"); ours read the same way.
    # No "View Source": a resource method's source is the helper that runs its operation, not the operation.
    pdoc.render.configure(docformat="google", footer_text=f"cryptocloud-client {__version__}", show_source=False)
    pdoc.pdoc(*MODULES, output_directory=output)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/reference"))

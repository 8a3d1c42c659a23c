"""Resources by noun. Each operation is one function that builds an Operation (a Call, or a Composite of
several) from the client's configuration and HTTP client; these helpers turn it into the sync, async and
raw-response methods, so its signature and checks are written once.

Each method carries the operation's real signature (``inspect.signature``, ``help()``, IDEs and IPython show its
parameters), and a call with arguments that do not fit it raises the TypeError Python would, naming the public
method (``invoices.create() got an unexpected keyword argument 'oder_id'``).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Concatenate, NoReturn, ParamSpec, TypeVar, cast

import attrs
import httpx

from . import errors
from ._core import Call, Core, Operation
from ._responses import RawResponse

if TYPE_CHECKING:
    from ._client import AsyncCryptoCloud, CryptoCloud

P = ParamSpec("P")
T = TypeVar("T")

Http = httpx.Client | httpx.AsyncClient
Builder = Callable[Concatenate[Core, Http, P], Operation[T]]


class SyncResource:
    def __init__(self, client: CryptoCloud) -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: AsyncCryptoCloud) -> None:
        self._client = client


def _public(method: Any, build: Callable[..., Any], returns: str) -> Any:
    """``method`` named, documented and signed as the operation ``build`` (less its core and http parameters)."""
    name = build.__name__.removesuffix("_call")
    method.__name__ = method.__qualname__ = name
    method.__doc__ = build.__doc__
    parameters = list(inspect.signature(build).parameters.values())[2:]
    self = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    method.__signature__ = inspect.Signature([self, *parameters], return_annotation=returns)
    return method


def _misfit(exc: TypeError, method: Any, build: Callable[..., Any], args: Any, kwargs: Any) -> NoReturn:
    """Raise the TypeError of arguments that do not fit ``method`` in its public name; else ``exc`` as it was."""
    try:
        method.__signature__.bind(None, *args, **kwargs)
    except TypeError as misfit:
        noun = build.__module__.rsplit(".", 1)[-1].lstrip("_")
        raise TypeError(f"{noun}.{method.__name__}() {misfit}") from None
    raise exc


def _raw(operation: Operation[T]) -> Call[T]:
    if not isinstance(operation, Call):
        raise errors.InvalidParameterError("with_raw_response", True, "not available for this combination of arguments")
    return attrs.evolve(operation, raw=True)


def _returned(build: Callable[..., Any], raw: bool) -> str:
    returns = str(inspect.signature(build).return_annotation)
    inner = returns[returns.index("[") + 1 : -1] if "[" in returns else returns  # Call[X], Composite[X] -> X
    return f"RawResponse[{inner}]" if raw else inner


def sync_method(build: Builder[P, T]) -> Callable[Concatenate[SyncResource, P], T]:
    def method(self: SyncResource, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client = self._client
        try:
            operation = build(client._core, client._http, *args, **kwargs)
        except TypeError as exc:
            _misfit(exc, method, build, args, kwargs)
        return cast(T, client._send(operation))

    return cast(Callable[Concatenate[SyncResource, P], T], _public(method, build, _returned(build, False)))


def sync_raw_method(build: Builder[P, T]) -> Callable[Concatenate[SyncResource, P], RawResponse[T]]:
    def method(self: SyncResource, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        client = self._client
        try:
            operation = _raw(build(client._core, client._http, *args, **kwargs))
        except TypeError as exc:
            _misfit(exc, method, build, args, kwargs)
        return cast(RawResponse[T], client._send(operation))

    signed = _public(method, build, _returned(build, True))
    return cast(Callable[Concatenate[SyncResource, P], RawResponse[T]], signed)


def async_method(build: Builder[P, T]) -> Callable[Concatenate[AsyncResource, P], Awaitable[T]]:
    async def method(self: AsyncResource, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client = self._client
        try:
            operation = build(client._core, client._http, *args, **kwargs)
        except TypeError as exc:
            _misfit(exc, method, build, args, kwargs)
        return cast(T, await client._send(operation))

    return cast(Callable[Concatenate[AsyncResource, P], Awaitable[T]], _public(method, build, _returned(build, False)))


def async_raw_method(build: Builder[P, T]) -> Callable[Concatenate[AsyncResource, P], Awaitable[RawResponse[T]]]:
    async def method(self: AsyncResource, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        client = self._client
        try:
            operation = _raw(build(client._core, client._http, *args, **kwargs))
        except TypeError as exc:
            _misfit(exc, method, build, args, kwargs)
        return cast(RawResponse[T], await client._send(operation))

    signed = _public(method, build, _returned(build, True))
    return cast(Callable[Concatenate[AsyncResource, P], Awaitable[RawResponse[T]]], signed)

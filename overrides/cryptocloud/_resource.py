"""Resources by noun. Each operation is one function that builds an Operation (a Call, or a Composite of
several); these helpers turn it into the sync, async and raw-response methods, so its signature and checks are
written once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

import attrs
import httpx

from . import errors
from ._core import Call, Core, Operation, RawResponse

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


def _named(method: Any, build: Callable[..., Any]) -> Any:
    method.__name__ = method.__qualname__ = build.__name__.removesuffix("_call")
    method.__doc__ = build.__doc__
    return method


def _raw(operation: Operation[T]) -> Call[T]:
    if not isinstance(operation, Call):
        raise errors.InvalidParameterError("with_raw_response", True, "not available for this combination of arguments")
    return attrs.evolve(operation, raw=True)


def sync_method(build: Builder[P, T]) -> Callable[Concatenate[SyncResource, P], T]:
    def method(self: SyncResource, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client = self._client
        return cast(T, client._send(build(client._core, client._http, *args, **kwargs)))

    return cast(Callable[Concatenate[SyncResource, P], T], _named(method, build))


def sync_raw_method(build: Builder[P, T]) -> Callable[Concatenate[SyncResource, P], RawResponse[T]]:
    def method(self: SyncResource, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        client = self._client
        return cast(RawResponse[T], client._send(_raw(build(client._core, client._http, *args, **kwargs))))

    return cast(Callable[Concatenate[SyncResource, P], RawResponse[T]], _named(method, build))


def async_method(build: Builder[P, T]) -> Callable[Concatenate[AsyncResource, P], Awaitable[T]]:
    async def method(self: AsyncResource, /, *args: P.args, **kwargs: P.kwargs) -> T:
        client = self._client
        return cast(T, await client._send(build(client._core, client._http, *args, **kwargs)))

    return cast(Callable[Concatenate[AsyncResource, P], Awaitable[T]], _named(method, build))


def async_raw_method(build: Builder[P, T]) -> Callable[Concatenate[AsyncResource, P], Awaitable[RawResponse[T]]]:
    async def method(self: AsyncResource, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        client = self._client
        return cast(RawResponse[T], await client._send(_raw(build(client._core, client._http, *args, **kwargs))))

    return cast(Callable[Concatenate[AsyncResource, P], Awaitable[RawResponse[T]]], _named(method, build))

"""Building an operation's httpx request: exactly what ``http.build_request`` makes, from parts kept per client.

Merging the same default headers and parsing the same URL again cost ~25 us of every call; here the parsed URL
of each path and each merged header set are kept (``test_request_building`` holds the result equal to httpx's).
Whatever httpx would merge in differently goes through ``http.build_request`` itself: query parameters (the
call's or the client's), cookies, and a client whose request building is not httpx's own.
"""

from __future__ import annotations

from typing import Any

import httpx

_CACHE_LIMIT = 64  # paths and header sets are a handful; never let odd ones grow a cache

# The client methods build_request goes through, as httpx defines them: a caller's client that changes one (a
# subclass adding a tracing or signing header, an instrumentation library patching the class or the instance) builds
# its own way, so it is asked. Checked on every call (about 1 us): a class can be patched at any time.
_BUILD_STEPS = tuple(
    (name, next(vars(c)[name] for c in httpx.Client.__mro__ if name in vars(c)))
    for name in ("build_request", "_merge_url", "_merge_headers", "_merge_cookies", "_merge_queryparams")
)


def _builds_as_httpx(http: httpx.Client | httpx.AsyncClient) -> bool:
    """Whether ``http.build_request`` is httpx's own, unchanged on the class and on the instance."""
    kind = type(http)
    own = getattr(http, "__dict__", {})
    return all(getattr(kind, name) is step and name not in own for name, step in _BUILD_STEPS)


class Requests:
    """The requests of one configuration (base URL, our headers, timeout), for any httpx client."""

    __slots__ = ("_base_url", "_header_sets", "_headers", "_timeout", "_urls")

    def __init__(self, base_url: str, headers: dict[str, str], timeout: httpx.Timeout) -> None:
        self._base_url, self._headers, self._timeout = base_url, headers, timeout
        self._urls: dict[str, httpx.URL] = {}
        self._header_sets: dict[tuple[Any, ...], httpx.Headers] = {}

    def __repr__(self) -> str:
        return f"<Requests to {self._base_url}>"  # the headers hold the API key

    def build(self, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
        """The request of a generated operation's ``_get_kwargs()`` on ``http``, with our headers and timeout."""
        params = kwargs.get("params") or None
        if params or http.params or http.cookies or not _builds_as_httpx(http):  # rare: let httpx merge them
            return http.build_request(
                kwargs["method"],
                self._base_url + kwargs["url"],
                params=params,
                content=kwargs.get("content"),
                headers=self._headers | kwargs.get("headers", {}),
                timeout=self._timeout,
            )
        return httpx.Request(
            kwargs["method"],
            self._url(kwargs["url"]),
            content=kwargs.get("content"),
            headers=self._merged_headers(http, kwargs.get("headers")),
            extensions={"timeout": self._timeout.as_dict()},
        )

    def _url(self, path: str) -> httpx.URL:
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) > _CACHE_LIMIT:
                self._urls.clear()
            url = self._urls[path] = httpx.URL(self._base_url + path)
        return url

    def _merged_headers(self, http: httpx.Client | httpx.AsyncClient, extra: dict[str, str] | None) -> httpx.Headers:
        """The client's default headers, then ours, then the operation's, merged as httpx merges them; kept per
        (client headers, operation headers), so that a change to the client's headers is still seen."""
        key = (tuple(http.headers.raw), tuple(extra.items()) if extra else ())
        headers = self._header_sets.get(key)
        if headers is None:
            if len(self._header_sets) > _CACHE_LIMIT:
                self._header_sets.clear()
            headers = httpx.Headers(http.headers)
            headers.update(self._headers | (extra or {}))
            self._header_sets[key] = headers
        return headers

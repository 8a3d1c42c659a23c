"""Building an operation's httpx request: from parts kept per configuration for the clients this package made,
through ``http.build_request`` for a caller's own client (which may add its headers, params or cookies, be a
subclass, or be patched by an instrumentation library: it is asked, every time).

For a client made here, merging the same default headers and parsing the same URL on every call is work that can
be done once: the parsed URL of each path and each merged header set are kept (``test_request_building`` holds
the result equal to what httpx's ``build_request`` makes). Such a client sends no cookies: the API authenticates
by key, and a cookie set by a proxy in front of it is not worth a second request-building path.
"""

from __future__ import annotations

from typing import Any

import httpx

from ._http import made_here

_CACHE_LIMIT = 64  # paths and header sets are a handful; never let odd ones grow a cache


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
        """The request of a generated operation's ``request_kwargs()`` on ``http``, with our headers and timeout."""
        params = kwargs.get("params") or None
        if params or not made_here(http):
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

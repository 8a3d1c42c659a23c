"""``client.statistics``: invoice counts and sums over a period."""

from __future__ import annotations

from datetime import date

import httpx
from cryptocloud_client.api.statistics import get_statistics
from cryptocloud_client.models import PeriodRequest
from cryptocloud_client.models import Statistics as StatisticsResult

from . import _params
from ._core import Call, Core
from ._resource import AsyncResource, SyncResource, async_method, sync_method
from .models import result_as


def get_call(
    core: Core, http: httpx.Client | httpx.AsyncClient, /, *, start: date, end: date
) -> Call[StatisticsResult]:
    """Counts by status and USD sums of the invoices created from ``start`` to ``end`` (both included)."""
    first, last = _params.period(start, end)
    kwargs = get_statistics.request_kwargs(body=PeriodRequest(start=first, end=last))
    return Call(core.build(http, kwargs), result_as(StatisticsResult), creates=False)


class Statistics(SyncResource):
    get = sync_method(get_call)


class AsyncStatistics(AsyncResource):
    get = async_method(get_call)

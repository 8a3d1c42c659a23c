"""schemathesis hooks for the run against the served fake (SCHEMATHESIS_HOOKS=openapi/checks/schemathesis_hooks.py).

Requests name the shop the fake serves, so that a valid invoice or wallet creation reaches the fake's logic
instead of its "Shop not found". Only a non-empty string is replaced: a deliberately invalid `shop_id` (a
negative test case) stays invalid.
"""

from typing import Any

import schemathesis

SHOP = "fake-shop"  # `cryptocloud fake-server`'s shop


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("shop_id"), str) and body["shop_id"]:
        case.body = {**body, "shop_id": SHOP}
    return case

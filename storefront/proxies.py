"""The address of the client behind the shop's own proxies, for counters such as the coupon throttle.

X-Forwarded-For is a list each proxy appends the address it received from to; anything left of what our own
proxies wrote is whatever the client chose to send. With `TRUSTED_PROXY_COUNT` = N the client is therefore the
N-th address from the right, and with 0 (no proxy, the default) the header is ignored: a client cannot pick the
address it is counted under by sending the header itself.
"""

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address as our proxies saw it; REMOTE_ADDR without proxies or with too short a header."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

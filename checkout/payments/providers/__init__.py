"""Payment providers behind one protocol (`base.PaymentProvider`): Stripe Checkout (`stripe`) and the local
test-card page (`offline`); `free` completes an order that costs nothing. New payments start with
`settings.PAYMENT_PROVIDER` (a dotted path to a provider class); payments made earlier keep theirs, found by name
among it and `settings.PAYMENT_PROVIDERS`, whose webhooks are received too.

Only this package knows a provider's names: its ids, statuses, event types and SDK.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import EventKind, InvalidWebhook, PaymentProvider, ProviderEvent, RefundAnswer, Session
from .free import NothingToPay

__all__ = [
    "EventKind",
    "InvalidWebhook",
    "PaymentProvider",
    "ProviderEvent",
    "RefundAnswer",
    "Session",
    "active",
    "configured",
    "named",
    "nothing_to_pay",
]


@cache
def _load(path: str) -> PaymentProvider:
    return import_string(path)()


def active() -> PaymentProvider:
    """The provider new payments go through (`settings.PAYMENT_PROVIDER`)."""
    return _load(settings.PAYMENT_PROVIDER)


def nothing_to_pay() -> PaymentProvider:
    """The "provider" of an order that costs nothing: its session is paid as it starts."""
    return _load(f"{NothingToPay.__module__}.{NothingToPay.__qualname__}")


def configured() -> list[PaymentProvider]:
    """Every provider the shop knows: the active one first, then `settings.PAYMENT_PROVIDERS` (whose earlier
    payments may still be refunded, and whose webhooks are still received), then "nothing to pay"."""
    found = {}
    for provider in (active(), *(_load(path) for path in settings.PAYMENT_PROVIDERS), nothing_to_pay()):
        found.setdefault(provider.name, provider)
    return list(found.values())


def named(name: str) -> PaymentProvider | None:
    """The provider a payment was made with, by its `name`; None for a provider this shop no longer has."""
    return next((provider for provider in configured() if provider.name == name), None)

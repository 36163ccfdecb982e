"""Deployment checks for payments, run by `manage.py check --deploy`.

Errors: no secret key, no webhook secret, or the offline test-card page allowed. Warnings: the API base
points somewhere other than Stripe, or the key is a test key (silence `checkout.W002` on a staging site).
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def stripe_deployment(app_configs, **kwargs):
    problems = []
    if not settings.STRIPE_SECRET_KEY:
        problems.append(Error("STRIPE_SECRET_KEY is not set: no payment can start.", id="checkout.E001"))
    if not settings.STRIPE_WEBHOOK_SECRET:
        problems.append(
            Error(
                "STRIPE_WEBHOOK_SECRET is not set: every webhook is refused and no order is marked paid.",
                hint="Copy the signing secret (whsec_...) of the endpoint /payment/webhook/ in the Stripe dashboard.",
                id="checkout.E002",
            )
        )
    if settings.STRIPE_OFFLINE_ALLOWED:
        problems.append(Error("STRIPE_OFFLINE_ALLOWED is on: the test-card page could pay orders.", id="checkout.E003"))
    if settings.STRIPE_API_BASE:
        problems.append(
            Warning(
                f"STRIPE_API_BASE is {settings.STRIPE_API_BASE!r}: payments do not go to Stripe.", id="checkout.W001"
            )
        )
    if settings.STRIPE_SECRET_KEY.startswith(("sk_test_", "rk_test_")):
        problems.append(Warning("STRIPE_SECRET_KEY is a test key: no real money is taken.", id="checkout.W002"))
    return problems

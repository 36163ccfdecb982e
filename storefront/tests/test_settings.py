"""Production settings refuse to start without their secrets, pass Django's deployment checks, mail the ADMINS
on a 500, and report to Sentry only when SENTRY_DSN is set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "ADMINS", "SENTRY_DSN", "EMAIL_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(DJANGO_SETTINGS_MODULE="storefront.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [({"ALLOWED_HOSTS": "shop.example.com"}, "SECRET_KEY"), ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = manage("check", **env)

    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k3y-" + "q8Z!v2#Lm9@xR4$tW7%pB1^nC6&dF0*hJ5" * 2,
        ALLOWED_HOSTS="shop.example.com",
        STRIPE_SECRET_KEY="sk_live_" + "a1B2c3D4" * 3,
        STRIPE_WEBHOOK_SECRET="whsec_" + "e5F6g7H8" * 3,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cannot_enable_the_offline_payment_page():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STRIPE_OFFLINE_ALLOWED, settings.DEBUG)",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="shop.example.com",
        STRIPE_OFFLINE_ALLOWED="true",
        DEBUG="true",
    )

    assert result.stdout.strip().splitlines()[-1] == "False False"


SECRETS = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "shop.example.com"}


def shell(code, **env):
    """The last line `code` prints, run in `manage.py shell` under the production settings."""
    result = manage("shell", "-c", code, **SECRETS, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_mails_the_admins_the_500s():
    code = (
        "import logging; from django.conf import settings; from django.core import mail; "
        "logging.getLogger('django.request').error('Internal Server Error: /en/cart/', extra={'status_code': 500}); "
        "print(settings.ADMINS, [(m.to, m.subject) for m in mail.outbox], "
        "[type(h).__name__ for h in logging.getLogger('django').handlers])"
    )

    printed = shell(code, ADMINS="Ops <ops@example.com>,dev@example.com", EMAIL_URL="memorymail://")

    assert printed == (
        "[('Ops', 'ops@example.com'), ('', 'dev@example.com')] "
        "[(['ops@example.com', 'dev@example.com'], '[Django] ERROR: Internal Server Error: /en/cart/')] "
        "['AdminEmailHandler']"
    )


def test_production_without_admins_mails_nobody():
    code = (
        "import logging; from django.conf import settings; from django.core import mail; "
        "logging.getLogger('django.request').error('Internal Server Error: /', extra={'status_code': 500}); "
        "print(settings.ADMINS, len(getattr(mail, 'outbox', [])))"
    )

    assert shell(code, EMAIL_URL="memorymail://") == "[] 0"


SENTRY_STATE = (
    "import sentry_sdk; client = sentry_sdk.get_client(); "
    "print(client.is_active(), sorted(name for name in client.integrations if name in {'django', 'celery'}), "
    "client.options['send_default_pii'], client.options['environment'])"
)


def test_without_a_sentry_dsn_nothing_is_initialised():
    assert shell(SENTRY_STATE) == "False [] None None"


def test_with_a_sentry_dsn_django_and_celery_errors_are_reported():
    # A DSN nobody listens on (port 1): initialising sends nothing, and nothing else happens in this process.
    printed = shell(SENTRY_STATE, SENTRY_DSN="http://public@127.0.0.1:1/1", SENTRY_ENVIRONMENT="staging")

    assert printed == "True ['celery', 'django'] False staging"


def test_an_smtp_email_url_gets_the_backend_with_a_send_deadline():
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)"

    printed = shell(code, EMAIL_URL="smtp+tls://user:pw@smtp.example.com:587")

    assert printed == "storefront.mail.EmailBackend smtp.example.com 587"

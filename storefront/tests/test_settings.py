"""Production settings refuse to start without their secrets and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
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

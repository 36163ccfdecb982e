"""Production: refuses to start without its secrets and passes `check --deploy --fail-level WARNING`."""

from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, STORAGES, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

# Persistent connections: a page that reaches the database reuses its worker's connection instead of starting a
# PostgreSQL backend per request; checked before reuse, so a restarted database costs no request an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The offline test-card page can never be switched on here.
STRIPE_OFFLINE_ALLOWED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail marks its preview views SAMEORIGIN itself, so everything else can refuse framing.
X_FRAME_OPTIONS = "DENY"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# Who is mailed the traceback of every 500 (and of every other ERROR of Django's loggers), from SERVER_EMAIL:
# ADMINS="Ops <ops@example.com>,dev@example.com". Empty: nobody is mailed (Sentry may still report).
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[])]
LOGGING["handlers"]["mail_admins"] = {
    "class": "django.utils.log.AdminEmailHandler",
    "level": "ERROR",
    "filters": ["require_debug_false"],
}
LOGGING.setdefault("filters", {})["require_debug_false"] = {"()": "django.utils.log.RequireDebugFalse"}
# Configured here, Django's own logger gets this one mail handler (not Django's default one as well); its lines
# still reach the console through the root logger.
LOGGING["loggers"]["django"] = {"handlers": ["mail_admins"], "level": "INFO", "propagate": True}

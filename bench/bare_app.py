"""The baseline of `bench/pages.py`: a bare Django app that renders a ~20 KB template, nothing else.

No database, no middleware, no session: what one Django process can serve at best on this machine, so that the
shop's pages are measured as a share of it (`page requests/s ÷ bare requests/s`) rather than in requests per
second, which depend on the machine and on whatever else runs on it. Served by gunicorn beside the shop:

    gunicorn bench.bare_app:application
"""

from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-app-only",  # noqa: S106 - serves one static template on 127.0.0.1
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [Path(__file__).resolve().parent / "templates"],
        }
    ],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

ITEMS = [
    {
        "title": f"Product number {number}",
        "price": f"{number * 3 + 0.5:.2f}",
        "sku": f"SKU-{number:05d}",
        "url": f"/p/{number}/",
    }
    for number in range(32)
]


def page(request):
    return render(request, "bare.html", {"items": ITEMS, "title": "A bare page"})


urlpatterns = [path("", page)]
application = get_wsgi_application()

"""`manage.py load_demo_data`: a believable, translated demo shop for local development. Idempotent.

The first run builds the shop (see `demo.loader`); later runs see it is there and only make sure the
staff groups are up to date. `--products N` then adds N generated products in bulk (`demo.bulk`).
"""

import logging
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from demo import bulk, loader
from demo.markets import ensure_markets
from demo.shipping import ensure_seller_tax_id, ensure_shipping_and_taxes
from home.groups import ensure_groups
from home.models import HomePage
from products.models import Product, ProductIndexPage, ProductPage


@contextmanager
def _quiet_logger(name, quiet):
    logger = logging.getLogger(name)
    level = logger.level
    if quiet:
        logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def _positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _image_size(value):
    number = int(value)
    if not 16 <= number <= 2000:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Load a demo shop for local development: categories, products, pictures, es/ru pages, staff groups."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=_positive, default=0, metavar="N", help="Also add N generated products, in bulk."
        )
        parser.add_argument(
            "--translated", action="store_true", help="Give the generated products Spanish and Russian pages too."
        )
        parser.add_argument(
            "--no-index",
            dest="index",
            action="store_false",
            help="Do not add the generated products to the search index (run `manage.py update_index` later).",
        )
        parser.add_argument(
            "--image-size", type=_image_size, default=600, metavar="PX", help="Side of the product pictures (600)."
        )
        parser.add_argument(
            "--site-url",
            metavar="URL",
            help="Where the shop is served (e.g. http://127.0.0.1:8000): the default site's host and port, "
            "so that links in emails lead there (`make run` passes its HOST and PORT).",
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Create the admin/admin superuser even with DEBUG off (it is always created with DEBUG on).",
        )

    def handle(self, *args, **options):
        if not options["products"] and (options["translated"] or not options["index"]):
            raise CommandError("--translated and --no-index apply to generated products: add --products N.")
        # Wagtail logs every page action at INFO: hundreds of lines here. `-v 2` shows them.
        with _quiet_logger("wagtail", options["verbosity"] < 2):
            self._load(options)
        self._admin(options["admin"])
        if options["site_url"]:
            self._serve_site_at(options["site_url"])
        self._summary()

    def _load(self, options):
        started = time.monotonic()
        if loader.demo_present():
            ensure_groups()
            ensure_shipping_and_taxes()
            ensure_seller_tax_id()
            ensure_markets()
            self.stdout.write(
                f"The demo data is already loaded (product {loader.MARKER_SKU} exists): nothing to do "
                f"({time.monotonic() - started:.2f} s)."
            )
        else:
            self.stdout.write("Loading the demo shop: drawing pictures and translating pages, please wait…")
            try:
                report = loader.load_demo_shop(image_size=options["image_size"])
            except loader.DemoError as error:
                raise CommandError(str(error)) from error
            ensure_groups()
            ensure_shipping_and_taxes()
            ensure_seller_tax_id()
            ensure_markets()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the demo shop in {time.monotonic() - started:.1f} s: {len(report.categories)} categories, "
                    f"{len(report.product_pages)} products, {report.images} pictures."
                )
            )
            if report.missing:
                self.stdout.write(
                    self.style.WARNING(
                        f"{len(report.missing)} texts have no Spanish/Russian translation and stay in English, "
                        f"e.g. {report.missing[0]!r}."
                    )
                )

        if options["products"]:
            bulk_started = time.monotonic()
            result = bulk.add_generated_products(
                options["products"], translated=options["translated"], index=options["index"]
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {result.count} generated products ({result.pages} pages) under “{result.category.title}” "
                    f"in {time.monotonic() - bulk_started:.1f} s"
                    + ("." if result.indexed else "; run `manage.py update_index` to make them searchable.")
                )
            )

    def _serve_site_at(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"--site-url needs an http(s) URL with a host, not {url!r}.")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site and (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save(update_fields=["hostname", "port"])
            self.stdout.write(f"The default site is now served at {site.root_url}.")

    def _admin(self, forced):
        username, password = loader.LOCAL_ADMIN
        if not (settings.DEBUG or forced):
            self.stdout.write(f"No “{username}” superuser created: DEBUG is off (pass --admin to create it anyway).")
        elif loader.ensure_local_admin():
            self.stdout.write(
                self.style.WARNING(
                    f"Created the superuser “{username}” with password “{password}”. This is for LOCAL DEVELOPMENT "
                    "ONLY: never keep it on a machine that others can reach."
                )
            )

    def _summary(self):
        by_locale = ", ".join(
            f"{code} {ProductPage.objects.live().filter(locale__language_code=code).count()}"
            for code, _name in settings.LANGUAGES
        )
        categories = ProductIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).count()
        homes = HomePage.objects.filter(depth=2).count()
        username, password = loader.LOCAL_ADMIN
        login = (
            f"user “{username}”, password “{password}” unless you changed it"
            if get_user_model().objects.filter(username=username).exists()
            else "create a user with `manage.py createsuperuser`"
        )
        self.stdout.write(
            f"Shop: {Product.objects.count()} products, {categories} categories, live product pages: {by_locale}; "
            f"{homes} home pages.\n"
            f"Admin: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/ ({login})."
        )

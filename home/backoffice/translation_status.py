"""Where each locale's translation stands: product and category pages, and the interface strings.

A page is *untranslated* in a locale when it has no page there or only an alias; *out of date* when its
source changed after the translation was last synced (or, without a wagtail-localize record, published
after the translation), or when the synced source still has strings without a translation; else
*current*. Everything is computed for one screen of pages at a time with a fixed number of queries.
"""

from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.permissions import editable_locales
from products.models import ProductIndexPage, ProductPage

UNTRANSLATED = "untranslated"
OUT_OF_DATE = "out_of_date"
CURRENT = "current"
STATE_LABELS = {UNTRANSLATED: _("Untranslated"), OUT_OF_DATE: _("Out of date"), CURRENT: _("Current")}
PAGES_PER_SCREEN = 50


@dataclass
class PageStatus:
    source: Page
    state: str
    target_id: int | None
    action_url: str

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


def source_pages():
    """Product and category pages in the default locale, in tree order."""
    return (
        Page.objects.filter(locale=Locale.get_default())
        .type(ProductPage, ProductIndexPage)
        .select_related("content_type")
        .order_by("path")
    )


def _last_change(page):
    return max(filter(None, [page.latest_revision_created_at, page.last_published_at]), default=None)


def page_statuses(pages, locale):
    """The status of each source page in `locale`: four queries whatever the number of pages."""
    pages = list(pages)
    keys = [page.translation_key for page in pages]
    targets = {
        target["translation_key"]: target
        for target in Page.objects.filter(locale=locale, translation_key__in=keys).values(
            "id", "translation_key", "alias_of_id", "last_published_at"
        )
    }
    translations = {
        translation.source.object_id: translation
        for translation in Translation.objects.filter(
            source__object_id__in=keys, target_locale=locale, enabled=True
        ).select_related("source")
    }
    missing = dict(
        StringSegment.objects.filter(source_id__in=[t.source_id for t in translations.values()])
        .annotate(
            translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale=locale
                )
            )
        )
        .filter(translated=False)
        .values("source_id")
        .annotate(count=Count("pk"))
        .values_list("source_id", "count")
    )
    statuses = []
    for page in pages:
        target = targets.get(page.translation_key)
        if target is None:
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            statuses.append(PageStatus(page, UNTRANSLATED, None, url))
            continue
        url = reverse("wagtailadmin_pages:edit", args=[target["id"]])
        if target["alias_of_id"]:
            # An alias's edit view offers "Translate this page".
            statuses.append(PageStatus(page, UNTRANSLATED, target["id"], url))
            continue
        translation = translations.get(page.translation_key)
        changed = _last_change(page)
        if translation is not None:
            stale = (changed and changed > translation.source.last_updated_at) or missing.get(translation.source_id)
        else:
            stale = changed and target["last_published_at"] and changed > target["last_published_at"]
        statuses.append(PageStatus(page, OUT_OF_DATE if stale else CURRENT, target["id"], url))
    return statuses


@dataclass
class CatalogueStatus:
    path: str
    translated: int
    total: int

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 100


def catalogue_statuses(language_code, base_dir=None):
    """Translated / total entries of each `locale/<lang>/LC_MESSAGES/django.po` of the project (not .venv)."""
    base = Path(base_dir or settings.BASE_DIR)
    pattern = f"locale/{language_code}/LC_MESSAGES/django.po"
    files = sorted({*base.glob(pattern), *base.glob(f"*/{pattern}")})
    statuses = []
    for path in files:
        relative = path.relative_to(base)
        if relative.parts[0].startswith("."):
            continue
        catalogue = polib.pofile(str(path))
        entries = [entry for entry in catalogue if not entry.obsolete]
        statuses.append(CatalogueStatus(str(relative), len([e for e in entries if e.translated()]), len(entries)))
    return statuses


def locales_for_user(user):
    """The non-default locales whose pages `user` may edit: the ones whose status they may see."""
    return list(editable_locales(user).exclude(pk=Locale.get_default().pk).order_by("language_code"))

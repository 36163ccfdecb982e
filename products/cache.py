"""Which catalog pages a change makes stale, purged from the page cache and the CDN after the change commits.

- A `Product`'s or a variant's price, stock or "for sale" changes (a save or a variant's deletion, or an `F()`
  update such as an order's stock reservation; `products_changed` in `products.signals`): its pages in every
  locale, their categories and home pages, the pages whose product cards or "bought together" picks name it,
  and the search pages.
- A page is published, unpublished or moved: the page and its translations in every locale, their ancestors
  (categories, home) and descendants (a category's products show its title in their breadcrumbs; a move
  changes their addresses, so the old addresses go too), and the search pages. A home page or a top category
  is in every page's navigation: every cached page of the shop goes (the CDN gets the pages listed above and
  lets the others age out within `PAGE_CACHE_S_MAXAGE`).

- A sale starts or ends (`sale_starts_at`, `sale_ends_at`): nothing is saved then, so `purge_sale_edges`, run
  every minute by Celery beat (`products.tasks.purge_sale_edges`), purges the pages of the products whose sale
  window opened or closed since its last run, as a price change would. A page cached just before the edge is
  thus served at most about a minute too long (and never longer than `PAGE_CACHE_S_MAXAGE` if beat is down);
  the cart, the order and Stripe never read the cache: they take the price in force when the order is placed.

The mechanics (keys, versions, the CDN call) are `storefront.page_cache`'s.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from storefront import page_cache

from .models import Product, ProductPage, ProductVariant, products_changed

# Pages at this depth or above (root › home › top category) appear in every page's navigation.
NAVIGATION_DEPTH = 3


def _ancestor_paths(pages) -> set[str]:
    """Tree paths of the pages' ancestors below the root."""
    step = Page.steplen
    return {page.path[:end] for page in pages for end in range(2 * step, len(page.path), step)}


def _urls_of(pages) -> set[str]:
    """The absolute URL of each routable page (one lookup of the sites for all of them)."""
    memo = SimpleNamespace()
    return {url for page in pages if (url := page.get_full_url(memo))}


def search_urls() -> set[str]:
    """The search page of every language on every site: its results show prices and stock."""
    urls = set()
    roots = [site.root_url for site in Site.objects.all()]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("search")
        urls.update(root + path for root in roots)
    return urls


def affected_by_products(product_pks) -> set[str]:
    """The URLs showing these products' commercial data (see the module docstring)."""
    products = list(Product.objects.filter(pk__in=product_pks))
    referencing = ReferenceIndex.get_references_to_in_bulk(products).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    pages = list(
        Page.objects.filter(
            Q(pk__in=ProductPage.objects.filter(product__in=products).values("pk"))
            | Q(pk__in=[int(pk) for pk in referencing.values_list("object_id", flat=True)])
        )
    )
    pages += list(Page.objects.filter(path__in=_ancestor_paths(pages)))
    return _urls_of(pages) | search_urls()


def affected_by_page(page, old_url_path=None, old_parent=None) -> tuple[set[str], bool]:
    """The URLs a page's publication, unpublication or move makes stale, and whether the navigation changed."""
    translations = list(Page.objects.filter(translation_key=page.translation_key))
    pages = set(translations)
    # A move: the categories it left list it no more (their listings and counts).
    left = [old_parent] if old_parent is not None else []
    pages.update(Page.objects.filter(path__in=_ancestor_paths(translations + left) | {p.path for p in left}))
    descendants = set()
    for translated in translations:
        descendants.update(Page.objects.descendant_of(translated))
    pages |= descendants
    urls = _urls_of(pages) | search_urls()
    # The addresses the page and its descendants had before a move: their url_path below the home page.
    tail_before, tail_after = (old_url_path or "").partition("/")[2].partition("/")[2], page.url_path
    tail_after = tail_after.partition("/")[2].partition("/")[2]
    if tail_before and tail_after and tail_before != tail_after:
        for url in _urls_of([page, *Page.objects.descendant_of(page)]):
            urls.add(url.replace(tail_after, tail_before, 1))
    if isinstance(page.specific_deferred, ProductPage):
        urls |= affected_by_products([page.specific_deferred.product_id])
    return urls, page.depth <= NAVIGATION_DEPTH


def purge_products(product_pks) -> list[str]:
    page_cache.bump_fragment_version("products")
    return page_cache.purge_urls(affected_by_products(product_pks))


def purge_page(page, old_url_path=None, old_parent=None) -> list[str]:
    urls, in_navigation = affected_by_page(page, old_url_path, old_parent)
    page_cache.bump_fragment_version("content")
    if in_navigation:
        page_cache.purge_everything()
    return page_cache.purge_urls(urls)


def purge_language(language_code) -> list[str]:
    """Every live page of a language and its search page: its interface strings changed (`translations`). The
    fragments are dropped too: the navigation and the header carry interface strings."""
    page_cache.bump_fragment_version("content")
    page_cache.bump_fragment_version("products")
    pages = Page.objects.live().filter(locale__language_code=language_code).exclude(depth=1)
    roots = [site.root_url for site in Site.objects.all()]
    with translation.override(language_code):
        search = {root + reverse("search") for root in roots}
    return page_cache.purge_urls(_urls_of(pages) | search)


SALE_EDGES_CHECKED_KEY = "products:sale-edges-checked-until"
# Without a record of the last run (first run, cache flushed), look back this far.
SALE_EDGES_LOOKBACK = timedelta(minutes=10)


def purge_sale_edges(now=None) -> list[int]:
    """Purge the pages of the products whose sale started or ended since the last run; their primary keys."""
    now = now or timezone.now()
    since = cache.get(SALE_EDGES_CHECKED_KEY) or now - SALE_EDGES_LOOKBACK
    crossed = Q(sale_starts_at__gt=since, sale_starts_at__lte=now) | Q(sale_ends_at__gt=since, sale_ends_at__lte=now)
    pks = list(Product.objects.filter(crossed, sale_price__isnull=False).values_list("pk", flat=True))
    if pks:
        purge_products(pks)
    cache.set(SALE_EDGES_CHECKED_KEY, now, timeout=None)
    return pks


_held = ContextVar("products_cache_purges_held", default=False)


@contextmanager
def purges_held():
    """Inside the block, changes purge nothing one by one; everything cached is purged once after it (when its
    transaction commits). For bulk loads such as the demo data, which publish hundreds of pages: working out each
    page's affected addresses would cost more than the load. The CDN is not told (`purge_everything`): what it
    holds ages out within `PAGE_CACHE_S_MAXAGE`."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
        if not _held.get():
            transaction.on_commit(page_cache.purge_everything)


def _on_commit(purge) -> None:
    if not _held.get():
        transaction.on_commit(purge)


# --- Receivers (connected in ProductsConfig.ready) ---------------------------------------------------------
def on_products_changed(sender, pks, **kwargs):
    pks = list(pks)
    _on_commit(lambda: purge_products(pks))


def on_product_saved(sender, instance, **kwargs):
    on_products_changed(sender, [instance.pk])


def on_variant_changed(sender, instance, **kwargs):
    on_products_changed(sender, [instance.product_id])


def on_page_changed(sender, instance, **kwargs):
    _on_commit(lambda: purge_page(instance))


def on_page_moved(sender, instance, url_path_before=None, parent_page_before=None, **kwargs):
    _on_commit(lambda: purge_page(instance, old_url_path=url_path_before, old_parent=parent_page_before))


def on_image_changed(sender, instance, **kwargs):
    """An image's new file or focal point makes new renditions: the cached galleries and cards must follow."""
    _on_commit(lambda: page_cache.bump_fragment_version("content"))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            on_image_changed, sender=get_image_model(), dispatch_uid=f"products.cache.image.{signal is post_save}"
        )
    products_changed.connect(on_products_changed, dispatch_uid="products.cache.changed")
    post_save.connect(on_product_saved, sender=Product, dispatch_uid="products.cache.saved")
    post_save.connect(on_variant_changed, sender=ProductVariant, dispatch_uid="products.cache.variant_saved")
    post_delete.connect(on_variant_changed, sender=ProductVariant, dispatch_uid="products.cache.variant_deleted")
    page_published.connect(on_page_changed, dispatch_uid="products.cache.published")
    page_unpublished.connect(on_page_changed, dispatch_uid="products.cache.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="products.cache.moved")

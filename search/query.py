"""Product search for shoppers: clean what they type, search the listed products of their locale, promote, suggest.

Views only parse the request and call these functions; every search goes through `search_products` or
`suggest_products`, whichever search backend the settings choose.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F
from django.utils.functional import cached_property
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from products.inventory import in_stock_products
from products.models import listed_product_pages

MAX_QUERY_LENGTH = 100
MIN_SUGGEST_LENGTH = 2
MAX_SUGGESTIONS = 8
# Matches counted at most: "more than 1,000 results" says all a shopper needs, and counting the 75,000 pages
# that contain a common word is most of the work of such a search. The results pages stop there too.
MAX_COUNTED_RESULTS = 1000
# Characters kept inside search terms besides letters, marks and digits: enough for "1.5" and "KET-1".
TERM_PUNCTUATION = "-."

SORTS = {
    # name: (queryset ordering, or None for relevance)
    "relevance": None,
    "price": (F("min_price").asc(), "id"),
    "-price": (F("min_price").desc(), "id"),
    "name": ("title", "id"),
    "newest": ("-first_published_at", "-id"),
}


@dataclass(frozen=True)
class ShopperQuery:
    """What the shopper typed, made safe to show (`text`) and to search for (`terms`, words only)."""

    text: str
    terms: str
    shortened: bool = False

    def __bool__(self):
        return bool(self.text)


def clean_query(raw: str) -> ShopperQuery:
    """Drop control, format and unpaired surrogate characters, normalise, cap the length, find the words.

    Operators, quotes and other punctuation never reach the search backend: every backend tokenises them away
    anyway, and some (SQLite's FTS5) would read them as query syntax.
    """
    raw = (raw or "")[: MAX_QUERY_LENGTH * 4]  # bound the work on absurd input before looking at characters
    chars = []
    for char in raw:
        category = unicodedata.category(char)
        if category == "Cc":
            chars.append(" ")  # tabs, newlines, NUL
        elif category[0] != "C":  # also drops Cf (zero-width), Cs (lone surrogates), Co and Cn
            chars.append(char)
    text = " ".join(unicodedata.normalize("NFKC", "".join(chars)).split())
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:  # at the last whole word, if there is one
        cut = text[: MAX_QUERY_LENGTH + 1]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]
    word_chars = "".join(c if unicodedata.category(c)[0] in "LMN" or c in TERM_PUNCTUATION else " " for c in text)
    terms = [word.strip(TERM_PUNCTUATION) for word in word_chars.split()]
    terms = [word for word in terms if re.search(r"\w", word)]
    return ShopperQuery(text=text, terms=" ".join(terms), shortened=shortened)


def search_backend(language_code):
    """The configured backend, searching with `language_code`'s stemming where the backend can."""
    backend = get_search_backend()
    for_language = getattr(backend, "for_language", None)
    return for_language(language_code) if for_language else backend


def sort_choices_supported(backend=None):
    """Sort names the backend can apply: search clusters cannot order by the related product's price."""
    backend = backend or get_search_backend()
    if backend.query_compiler_class.HANDLES_ORDER_BY_EXPRESSIONS:
        return list(SORTS)
    return [name for name in SORTS if name not in ("price", "-price")]


def filtered_product_pages(locale, category=None, in_stock=False):
    """The listed product pages of `locale`, within `category` (and its subcategories), optionally in stock only."""
    pages = listed_product_pages(locale).defer_streamfields()
    if category is not None:
        pages = pages.descendant_of(category)
    if in_stock:
        pages = pages.filter(product__in=in_stock_products())
    return pages


def promoted_pages(query: ShopperQuery, pages):
    """The pages editors promoted for this query, in their order, as their translations among `pages`.

    A promotion names one page in one language; the shopper gets that product's page in their own language, as
    long as it passes the same filters as the search results.
    """
    if not query:
        return []
    keys = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query.text), page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page__translation_key", flat=True)
    )
    if not keys:
        return []
    found = {page.translation_key: page for page in pages.filter(translation_key__in=keys)}
    return list({key: found[key] for key in keys if key in found}.values())


@dataclass(frozen=True)
class ProductSearch:
    """What `search_products` found: the pages editors promoted, the results (lazy: slice them, as a paginator
    does; never a promoted page) and how many results there are, counted no further than `MAX_COUNTED_RESULTS + 1`
    (more than the cap reads as "more than 1,000")."""

    promoted: list
    results: object
    count: int


def search_products(query: ShopperQuery, locale, *, category=None, in_stock=False, sort="relevance") -> ProductSearch:
    """Search `query` among the listed products of `locale`, within the filters, in the order of `sort`.

    A search shows at most `MAX_COUNTED_RESULTS` results. With no more matches than that, they are all ranked
    by relevance, exactly as the search backend ranks them. With more (a word in most texts matches 75,000 pages
    of a 100,000-product catalog), ranking them all would be most of the work and grow with the catalog, so where
    the backend can find candidates cheaply (`candidate_ids`, on PostgreSQL) only `MAX_COUNTED_RESULTS` of them
    are ranked: the pages matching in their title first (every one of which outranks a page matching in its body
    only), then the others, newest first. The candidates are the same for every page of results and every sort,
    so paging and sorting show one fixed set of results, without repeats or gaps; the other sorts order that set.
    """
    pages = filtered_product_pages(locale, category, in_stock)
    if not query.terms:
        return ProductSearch(promoted_pages(query, pages), pages.none(), 0)
    backend = search_backend(locale.language_code)
    if sort not in sort_choices_supported(backend):
        sort = "relevance"
    promoted = promoted_pages(query, pages)
    if promoted:
        pages = pages.exclude(id__in=[page.pk for page in promoted])
    candidate_ids = getattr(backend, "candidate_ids", None)
    if candidate_ids:
        ids = candidate_ids(query.terms, pages, MAX_COUNTED_RESULTS + 1)
        count = len(ids)
        pages = pages.filter(id__in=ids[:MAX_COUNTED_RESULTS])
    else:  # counted without ranking: ranking every match only to count them is the expensive part
        matches = backend.search(query.terms, pages, operator="and", order_by_relevance=False)
        count = matches[: MAX_COUNTED_RESULTS + 1].count()
    ordering = SORTS[sort]
    if ordering:
        pages = pages.order_by(*ordering)
    results = backend.search(query.terms, pages, operator="and", order_by_relevance=ordering is None)
    return ProductSearch(promoted, results, count)


class CountedPaginator(Paginator):
    """Django's paginator, told how many items there are (`ProductSearch.count`) instead of counting them."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


def suggest_products(query: ShopperQuery, locale, limit=MAX_SUGGESTIONS):
    """Up to `limit` listed product pages of `locale` whose title starts with the words typed so far."""
    if len(query.terms) < MIN_SUGGEST_LENGTH:
        return []
    pages = listed_product_pages(locale).defer_streamfields()
    return list(search_backend(locale.language_code).autocomplete(query.terms, pages, operator="and")[:limit])

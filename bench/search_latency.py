"""Search latency at 1,000 and 100,000 products, on PostgreSQL, with the database search backend.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storefront .venv/bin/python -m bench.search_latency
        [--sizes 1000,100000] [--repeat 15] [--output bench/results/search.md] [--keep]

It works in a database of its own (`<name>_bench`, created, migrated and dropped again), so the one in
DATABASE_URL is never touched. The catalog is generated in bulk: Product rows, then the Page and ProductPage rows
with their tree paths computed. The first size is indexed through the search backend's own `add_bulk`, as
Wagtail would; beyond it, Wagtail's indexer (about 6 ms of Python per page here) would take ten minutes for
100,000 pages, so the index entries are written by one INSERT ... SELECT computing the same tsvectors in
PostgreSQL, and a sample of them is then re-indexed through `add_bulk` and compared: the run stops if they
differ. The catalog grows from one size to the next in the same run, and every latency is reported next to two
baselines measured in that same run: a SKU lookup on the unique index (the cheapest query the shop makes) and
the same search at the first size.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.backends.database.postgres.weights import get_weight  # noqa: E402
from wagtail.search.index import SearchField  # noqa: E402

from home.models import HomePage  # noqa: E402
from products.models import PRODUCTS_PER_PAGE, Product, ProductIndexPage, ProductPage, ProductVariant  # noqa: E402
from search.query import (  # noqa: E402
    MAX_COUNTED_RESULTS,
    CountedPaginator,
    clean_query,
    filtered_product_pages,
    search_backend,
    search_products,
    suggest_products,
)

RESULTS = Path(__file__).resolve().parent / "results" / "search.md"
CATEGORIES = 10
INDEX_CHUNK = 1000
INSERT_CHUNK = 5000

# Word lists tuned so that the measured words match known shares of the catalog.
NOUNS = (
    "kettle teapot mug cup bowl plate pan pot knife spoon fork jar bottle glass tray grater whisk ladle colander "
    "skillet wok griddle peeler tongs sieve funnel timer scale mixer blender toaster grinder press opener board "
    "apron towel mitt napkin coaster vase lamp candle basket crate shelf hook rack stool bench chair table clock "
    "mirror frame rug cushion blanket"
).split()  # 60: "kettle" is in about 1 title in 60
MATERIALS = "steel copper ceramic glass bamboo oak enamel stoneware porcelain linen".split()  # 10: "steel" ~ 10 %
ADJECTIVES = (
    "classic modern compact large small round square tall slim heavy light bright matt glossy rustic vintage "
    "nordic deluxe everyday handmade"
).split()
FILLER = (
    "design kitchen home table daily use easy clean gift quality finish colour size shape detail feature "
    "comfort style season cook serve store keep warm cold fresh simple smart practical sturdy elegant "
    "balanced generous precise gentle natural durable"
).split()


@dataclass
class Measure:
    name: str
    median_ms: float
    p90_ms: float
    matches: int


def timed(function, repeat):
    for _ in range(2):  # warm the caches first
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.9))]


class Catalog:
    """A bulk-generated English catalog: CATEGORIES categories under the home page, products spread over them."""

    def __init__(self, seed=7):
        self.random = random.Random(seed)
        self.locale = Locale.objects.get(language_code="en")
        self.home = HomePage.objects.get(depth=2, locale=self.locale)
        self.content_type = ContentType.objects.get_for_model(ProductPage)
        self.backend = get_search_backend()
        self.categories = []
        for number in range(CATEGORIES):
            category = ProductIndexPage(title=f"{MATERIALS[number].title()} collection", slug=f"collection-{number}")
            self.home.add_child(instance=category)
            category.save_revision().publish()
            self.categories.append(ProductIndexPage.objects.get(pk=category.pk))
        self.size = 0
        self.backend_rate = None
        self.checked = 0

    def title(self, number):
        noun = NOUNS[self.random.randrange(len(NOUNS))]
        material = MATERIALS[self.random.randrange(len(MATERIALS))]
        adjective = ADJECTIVES[self.random.randrange(len(ADJECTIVES))]
        return f"{adjective.title()} {material} {noun} {number}"

    def words(self, count):
        return " ".join(self.random.choice(FILLER) for _ in range(count))

    def grow_to(self, size):
        """Add products until there are `size`, indexing them; returns the seconds it took."""
        start = time.perf_counter()
        for first in range(self.size, size, INSERT_CHUNK):
            self._insert(range(first, min(first + INSERT_CHUNK, size)))
        for category in self.categories:
            category.numchild = Page.objects.filter(path__startswith=category.path, depth=category.depth + 1).count()
            category.save(update_fields=["numchild"])
        self._index(self.size, size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.size = size
        return time.perf_counter() - start

    def _insert(self, numbers):
        now = timezone.now()
        products = Product.objects.bulk_create(
            [
                Product(
                    sku=f"BN-{number:06d}",
                    name=f"Bench product {number}",
                    price=Decimal(self.random.randrange(100, 50_000)) / 100,
                )
                for number in numbers
            ]
        )
        ProductVariant.objects.bulk_create(
            ProductVariant(
                product=product,
                sku=product.sku,
                stock=0 if self.random.random() < 0.2 else self.random.randrange(1, 100),
            )
            for product in products
        )
        pages = []
        for number in numbers:
            category = self.categories[number % CATEGORIES]
            title = self.title(number)
            slug = f"product-{number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=self.content_type,
                    locale=self.locale,
                    path=Page._get_path(category.path, category.depth + 1, number // CATEGORIES + 1),
                    depth=category.depth + 1,
                    numchild=0,
                    url_path=f"{category.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now - timedelta(seconds=number),
                    last_published_at=now - timedelta(seconds=number),
                )
            )
        pages = Page.objects.bulk_create(pages)
        rows = []
        for page, product in zip(pages, products, strict=True):
            description = f"{self.words(10)}."
            body = f'[{{"type": "paragraph", "value": "<p>{self.words(40)}</p>", "id": "{uuid.uuid4()}"}}]'
            rows.append((page.pk, product.pk, description, body))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO products_productpage (page_ptr_id, product_id, short_description, body) "
                "VALUES (%s, %s, %s, %s::jsonb)",
                rows,
            )

    def _pages(self, first, last):
        return ProductPage.objects.filter(product__sku__gte=f"BN-{first:06d}", product__sku__lt=f"BN-{last:06d}")

    def _index(self, first, last):
        if first == 0:
            self.backend_rate = self._index_with_backend(self._pages(first, last).values_list("pk", flat=True))
        else:
            self._index_with_sql(first, last)
            self._check_sql_index(first, last)

    def _index_with_backend(self, ids):
        """Index through the backend's add_bulk, as Wagtail does; returns the pages per second."""
        ids = sorted(ids)
        parents = {category.path: category for category in self.categories}
        start = time.perf_counter()
        for offset in range(0, len(ids), INDEX_CHUNK):
            pages = ProductPage.objects.filter(pk__in=ids[offset : offset + INDEX_CHUNK]).select_related("product")
            chunk = list(pages)
            for page in chunk:
                page._cached_parent_obj = parents[page.path[: -Page.steplen]]  # what get_parent() would fetch
            self.backend.add_bulk(ProductPage, chunk)
        return len(ids) / (time.perf_counter() - start)

    def _index_with_sql(self, first, last):
        """The index entries add_bulk would write (same texts, configurations, weights and order), in one INSERT."""
        config = self.backend.config_for_language("en")
        weight = get_weight(None)
        title_boost = next(
            f.boost for f in Page.search_fields if isinstance(f, SearchField) and f.field_name == "title"
        )
        title_weight = get_weight(title_boost)

        def vector(text):
            return f"setweight(to_tsvector('{config}', {text}), '{weight}')"

        body = " || ".join(vector(text) for text in ("pp.short_description", "t.body_text", "cat.title", "t.sku_terms"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO wagtailsearch_indexentry
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT %s, p.id::text,
                    setweight(to_tsvector('{config}', p.title), '{title_weight}'),
                    setweight(to_tsvector('simple', p.title), 'D'),
                    {body},
                    1.0,
                    p.title,
                    concat_ws(' ', pp.short_description, t.body_text, cat.title, t.sku_terms)
                FROM products_productpage pp
                JOIN wagtailcore_page p ON p.id = pp.page_ptr_id
                JOIN products_product pr ON pr.id = pp.product_id
                JOIN wagtailcore_page cat ON cat.path = left(p.path, -{Page.steplen})
                CROSS JOIN LATERAL (
                    SELECT regexp_replace(pp.body -> 0 ->> 'value', '<[^>]*>', '', 'g') AS body_text,
                           concat_ws(' ', pr.sku, replace(pr.sku, '-', ' '), replace(pr.sku, '-', '')) AS sku_terms
                ) t
                WHERE pr.sku >= %s AND pr.sku < %s
                """,  # noqa: S608 - every interpolated value is a constant of this module or Wagtail's
                [self.content_type.pk, f"BN-{first:06d}", f"BN-{last:06d}"],
            )
        self.backend.get_index_for_model(ProductPage)._refresh_title_norms()

    def _check_sql_index(self, first, last, sample=50):
        """Re-index a sample through add_bulk: the entries must come out exactly as the INSERT wrote them."""
        ids = sorted(self.random.sample(list(self._pages(first, last).values_list("pk", flat=True)), sample))
        columns = "title::text, body::text, autocomplete::text, title_text, body_text"

        def entries():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT object_id, {columns} FROM wagtailsearch_indexentry "  # noqa: S608 - constant columns
                    "WHERE content_type_id = %s AND object_id = ANY(%s) ORDER BY object_id",
                    [self.content_type.pk, [str(pk) for pk in ids]],
                )
                return [(row[0], *row[1:4], row[4], " ".join(row[5].split())) for row in cursor.fetchall()]

        written = entries()
        self._index_with_backend(ids)
        if entries() != written:
            for ours, wagtails in zip(written, entries(), strict=True):
                if ours != wagtails:
                    sys.exit(f"The bulk index entries differ from the backend's:\n{ours}\n{wagtails}")
        self.checked += sample


def scenarios(catalog):
    """(name, callable, matches) for what a shopper does, as the views do it: `matches` is how many pages the search
    matches in all (counted apart, untimed), or None."""
    locale = catalog.locale
    steel = catalog.categories[0]

    def page_of_results(q, page=1, **filters):
        def run():
            found = search_products(clean_query(q), locale, **filters)
            paginator = CountedPaginator(found.results, PRODUCTS_PER_PAGE, min(found.count, MAX_COUNTED_RESULTS))
            list(paginator.get_page(page).object_list)

        pages = filtered_product_pages(locale, filters.get("category"), filters.get("in_stock", False))
        backend = search_backend(locale.language_code)
        return run, backend.search(clean_query(q).terms, pages, operator="and", order_by_relevance=False).count()

    def suggestions(q):
        def run():
            return suggest_products(clean_query(q), locale)

        return run, len(run())

    client = Client()

    def http_page(q):
        def run():
            with translation.override("en"):
                response = client.get("/en/search/", {"q": q})
            assert response.status_code == 200

        return run, None  # one of the searches above, rendered with the whole page

    def sku_lookup():
        Product.objects.filter(sku="BN-000042").exists()

    return [
        ("baseline: SKU lookup (unique index)", sku_lookup, 1),
        ("search: one SKU ('BN-000042')", *page_of_results("BN-000042")),
        ("search: a product word ('kettle')", *page_of_results("kettle")),
        ("search: two words ('steel kettle')", *page_of_results("steel kettle")),
        ("search: a material ('steel')", *page_of_results("steel")),
        ("search: a word in most texts ('durable')", *page_of_results("durable")),
        ("search: no match ('zzyzx')", *page_of_results("zzyzx")),
        ("search + in stock + price sort ('steel')", *page_of_results("steel", in_stock=True, sort="price")),
        ("search + category filter ('kettle' in one category)", *page_of_results("kettle", category=steel)),
        ("suggestions: 'ket' (8 shown)", *suggestions("ket")),
        ("suggestions: 'st' (8 shown)", *suggestions("st")),
        ("full HTTP search page ('kettle')", *http_page("kettle")),
        ("search: a word in most texts, page 20 ('durable')", *page_of_results("durable", page=20)),
        ("search: a word in most texts, price sort ('durable')", *page_of_results("durable", sort="price")),
        ("full HTTP search page ('durable')", *http_page("durable")),
    ]


def measure(catalog, repeat):
    results = []
    for name, function, matches in scenarios(catalog):
        median, p90 = timed(function, repeat)
        results.append(Measure(name, median, p90, matches))
        print(f"  {catalog.size:>7} {name:<55} {median:8.2f} ms (p90 {p90:8.2f})  matches {matches}", flush=True)
    return results


def report(catalog, sizes, runs, build_seconds, repeat, total_seconds):
    first = sizes[0]
    lines = [
        "# Search latency (PostgreSQL, database search backend)",
        "",
        "Generated by `.venv/bin/python -m bench.search_latency` "
        f"on {timezone.now():%Y-%m-%d}. Do not edit by hand; run it again.",
        "",
        f"- PostgreSQL {connection.connection.info.server_version // 10000}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU cores "
        "(shared with other work while measuring: treat small differences as noise)",
        f"- Catalog: English product pages in {CATEGORIES} categories; titles, short descriptions and a paragraph "
        "of body text from fixed word lists, so the words below match known shares of the catalog",
        f"- Each figure: median (and 90th percentile) of {repeat} runs after 2 warm-up runs, in milliseconds. "
        "A search is what the search view does: search (counting at most "
        f"{MAX_COUNTED_RESULTS + 1:,} matches) and fetch the first page of {PRODUCTS_PER_PAGE} (promotions "
        "included) or the page named; suggestions fetch 8. The last column counts every match, in a query of its own",
        "- Ratios: against the SKU lookup measured at the same size in the same run, and against the same "
        f"scenario at {first:,} products",
        "- Build time (bulk insert + indexing + ANALYZE): "
        + ", ".join(f"{size:,} products in {build_seconds[size]:.0f} s" for size in sizes)
        + f"; whole run {total_seconds / 60:.1f} min. The first {first:,} pages were indexed through the "
        f"backend's `add_bulk` at {catalog.backend_rate:.0f} pages/s; the rest by one INSERT ... SELECT, of which "
        f"{catalog.checked} random entries were re-indexed through `add_bulk` and came out identical",
        "",
    ]
    header = "| Scenario | " + " | ".join(f"{size:,}: median (p90) ms | × SKU lookup" for size in sizes)
    if len(sizes) > 1:
        header += f" | {sizes[-1]:,} ÷ {first:,}"
    lines.append(header + " | Matches at " + f"{sizes[-1]:,} |")
    columns = 2 + 2 * len(sizes) + (1 if len(sizes) > 1 else 0)
    lines.append("|" + "---|" * columns)
    for index, measure_first in enumerate(runs[first]):
        cells = [measure_first.name]
        for size in sizes:
            entry = runs[size][index]
            baseline = runs[size][0].median_ms
            cells.append(f"{entry.median_ms:.2f} ({entry.p90_ms:.2f})")
            cells.append(f"{entry.median_ms / baseline:.1f}")
        if len(sizes) > 1:
            cells.append(f"{runs[sizes[-1]][index].median_ms / measure_first.median_ms:.1f}")
        matches = runs[sizes[-1]][index].matches
        cells.append("—" if matches is None else f"{matches:,} ({matches / sizes[-1]:.1%})")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="catalog sizes, increasing (default 1000,100000)")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per scenario (default 15)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards (to EXPLAIN queries)")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    if connection.vendor != "postgresql":
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://...")
    database = settings.DATABASES["default"]
    database["TEST"]["NAME"] = f"{database['NAME']}_bench"
    started = time.perf_counter()
    print(f"Creating and migrating {database['TEST']['NAME']} ...", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        catalog = Catalog()
        runs, build_seconds = {}, {}
        for size in sizes:
            print(f"Growing the catalog to {size:,} products ...", flush=True)
            build_seconds[size] = catalog.grow_to(size)
            print(f"  built in {build_seconds[size]:.0f} s; measuring", flush=True)
            runs[size] = measure(catalog, args.repeat)
        text = report(catalog, sizes, runs, build_seconds, args.repeat, time.perf_counter() - started)
    finally:
        if args.keep:
            print(f"Kept {database['TEST']['NAME']}: drop it when done.")
        else:
            teardown_databases(old_config, verbosity=0)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()

"""The database recommender: the truth, used when REDIS_URL is unset, with the filtering every suggestion gets."""

import pytest
from django.utils import translation

from checkout.models import Order
from checkout.orders.purchases import record_paid_order, top_pairs
from checkout.tests.factories import order_with
from products.recommender import DatabaseRecommender, get_recommender, suggest_for_products
from products.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_redis(settings):
    settings.REDIS_URL = ""


def products(count):
    return [factories.ProductFactory() for _ in range(count)]


def test_without_redis_url_the_database_answers(no_redis):
    assert isinstance(get_recommender(), DatabaseRecommender)


def test_ranks_by_orders_together_then_by_product_id():
    # given: A bought with B three times, with C and D once each, with E in an unpaid order
    a, b, c, d, e = products(5)
    for _ in range(3):
        order_with(a, b)
    order_with(a, d)
    order_with(a, c)
    order_with(a, e, status=Order.Status.PENDING)
    order_with(a, e, status=Order.Status.CANCELLED)

    # when
    ranked = DatabaseRecommender().suggest([a.pk], 10)

    # then: B first; C and D tie and the lower id wins; E's orders were never paid
    assert ranked == [b.pk, c.pk, d.pk]


def test_shipped_orders_count_as_paid():
    a, b = products(2)
    order_with(a, b, status=Order.Status.SHIPPED)

    assert DatabaseRecommender().suggest([a.pk], 5) == [b.pk]


def test_for_a_cart_the_scores_of_each_product_add_up_and_the_cart_is_left_out():
    # given: C is bought twice with A and once with B; D three times with A only
    a, b, c, d = products(4)
    order_with(a, c)
    order_with(a, b, c)
    order_with(a, d)
    order_with(a, d)
    order_with(a, d)

    # when: suggesting for the cart {A, B}
    ranked = DatabaseRecommender().suggest([a.pk, b.pk], 5)

    # then: C scores 2 (with A) + 1 (with B) = 3, D scores 3; tie → lower id first; A and B are not suggested
    assert ranked == sorted([c.pk, d.pk])


def test_k_cuts_the_ranking():
    a, *others = products(5)
    for index, other in enumerate(others):
        for _ in range(index + 1):
            order_with(a, other)

    assert DatabaseRecommender().suggest([a.pk], 2) == [others[3].pk, others[2].pk]


def test_nothing_to_suggest_for_nothing():
    assert DatabaseRecommender().suggest([], 4) == []
    assert DatabaseRecommender().suggest([1], 0) == []


def test_recording_without_redis_does_nothing_and_says_so(no_redis):
    a, b = products(2)
    order = order_with(a, b)

    assert record_paid_order(order) is False


def test_an_unpaid_order_is_never_recorded(settings):
    # given a Redis URL nothing listens on: a pending order must not even try it
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    a, b = products(2)

    assert record_paid_order(order_with(a, b, status=Order.Status.PENDING)) is False


def test_top_pairs_counts_paid_orders_per_pair_once():
    a, b, c = products(3)
    order_with(a, b)
    order_with(b, a, c)
    order_with(a, c, status=Order.Status.EXPIRED)

    rows = list(top_pairs())

    assert rows == [
        {"product_id": a.pk, "partner_id": b.pk, "orders": 2},
        {"product_id": a.pk, "partner_id": c.pk, "orders": 1},
        {"product_id": b.pk, "partner_id": c.pk, "orders": 1},
    ]


class TestFiltering:
    """Suggestions leave out the inputs and anything a shopper could not buy or see in their language."""

    @pytest.fixture
    def shop(self, catalog, no_redis):
        category = catalog["category"]
        kettle, mug = catalog["kettle"]["en"].product, catalog["mug"]["en"].product

        def add(sku, title, **fields):
            product = factories.ProductFactory(sku=sku, name=title, **fields)
            page = factories.add_product_page(category["en"], product, title=title)
            return product, page

        teapot, teapot_page = add("TEA-1", "Teapot")
        factories.translate(teapot_page, "es", title="Tetera")
        sold_out, sold_out_page = add("OUT-1", "Sold out", stock=0)
        factories.translate(sold_out_page, "es", title="Agotado")
        withdrawn, withdrawn_page = add("OFF-1", "Withdrawn", for_sale=False)
        factories.translate(withdrawn_page, "es", title="Retirado")
        english_only, _page = add("ENG-1", "English only")
        aliased, aliased_page = add("ALI-1", "Aliased")
        aliased_page.copy_for_translation(factories.locale("es"), alias=True)
        draft, draft_page = add("DRA-1", "Draft")
        factories.translate(draft_page, "es", title="Borrador").unpublish()
        # The most bought-with first, so that each left-out product would otherwise have ranked above the mug.
        bought = [sold_out, withdrawn, english_only, aliased, draft, mug, teapot]
        for rank, product in enumerate(bought):
            for _ in range(len(bought) - rank):
                order_with(kettle, product)
        return {"kettle": kettle, "mug": mug, "teapot": teapot, "english_only": english_only, "draft": draft}

    def titles(self, pages):
        return [page.title for page in pages]

    def test_in_english_only_buyable_products_with_a_live_english_page(self, shop):
        with translation.override("en"):
            pages = suggest_for_products([shop["kettle"].pk], 5)

        assert self.titles(pages) == ["English only", "Aliased", "Draft", "Mug", "Teapot"]

    def test_in_spanish_no_alias_no_untranslated_and_no_unpublished_page(self, shop):
        with translation.override("es"):
            pages = suggest_for_products([shop["kettle"].pk], 5)

        assert self.titles(pages) == ["Taza", "Tetera"]

    def test_in_russian_only_what_has_a_russian_page(self, shop):
        with translation.override("ru"):
            pages = suggest_for_products([shop["kettle"].pk], 5)

        assert self.titles(pages) == ["Кружка"]

    def test_the_inputs_are_left_out(self, shop):
        with translation.override("es"):
            pages = suggest_for_products([shop["kettle"].pk, shop["mug"].pk], 5)

        assert self.titles(pages) == ["Tetera"]

    def test_k_counts_after_filtering(self, shop):
        with translation.override("en"):
            pages = suggest_for_products([shop["kettle"].pk], 2)

        assert self.titles(pages) == ["English only", "Aliased"]

    def test_pages_come_with_their_product(self, shop, django_assert_max_num_queries):
        with translation.override("en"), django_assert_max_num_queries(6):
            pages = suggest_for_products([shop["kettle"].pk], 4)
            prices = [page.product.price for page in pages]

        assert len(prices) == 4

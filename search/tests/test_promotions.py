"""Editors see what shoppers search for, and the results they promote for a query head that query's results."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import hits

from .helpers import search, suggest

pytestmark = pytest.mark.django_db


def promote(query_string, *pages):
    query = Query.get(query_string)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)


@pytest.mark.parametrize(("code", "q"), [("en", "Kettle"), ("es", "Hervidor"), ("ru", "Чайник")])
def test_a_search_is_counted_for_the_editors(client, shop, code, q):
    search(client, code, q)
    search(client, code, f"  {q} ")
    hits.flush()  # with Redis, the counts wait there for the beat task (search/hits.py)

    assert Query.objects.get(query_string=q.lower()).hits == 2


def test_empty_searches_later_pages_and_suggestions_are_not_counted(client, shop, monkeypatch):
    monkeypatch.setattr("search.views.PRODUCTS_PER_PAGE", 1)

    search(client, "en", "")
    search(client, "en", "😀")
    search(client, "en", "kitchen", page="2")
    suggest(client, "en", "kit")
    hits.flush()

    assert Query.objects.filter(daily_hits__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("code", "q", "titles"),
    [
        ("en", "kitchen", ["Mug", "Kettle"]),
        ("es", "cocina", ["Taza", "Hervidor"]),
        ("ru", "кухня", ["Кружка", "Чайник"]),
    ],
)
def test_a_promoted_product_comes_first_in_the_shoppers_language(client, shop, code, q, titles):
    # Given the editor promoted the English mug page for the query in each language
    promote(q, shop["mug"]["en"])

    response = search(client, code, q, sort="-price")

    assert response.titles == titles
    assert [page.title for page in response.context["promoted"]] == titles[:1]
    assert response.context["result_count"] == 2


def test_a_promoted_product_is_shown_even_when_the_words_do_not_match(client, shop):
    promote("kettle", shop["can"]["es"], shop["mug"]["ru"])

    response = search(client, "en", "Kettle")

    assert response.titles == ["Watering can", "Mug", "Kettle"]
    html = response.content.decode()
    assert html.index("Recommended") < html.index("Watering can") < html.index(">Kettle<")


def test_a_promoted_product_follows_the_filters(client, shop):
    promote("kettle", shop["can"]["en"])

    assert search(client, "en", "kettle", in_stock="1").titles == ["Kettle"]
    assert search(client, "en", "kettle", category=shop["category"]["en"].pk).titles == ["Kettle"]


def test_promotions_head_the_first_page_only(client, shop, monkeypatch):
    monkeypatch.setattr("search.views.PRODUCTS_PER_PAGE", 1)
    promote("kitchen", shop["can"]["en"])

    first = search(client, "en", "kitchen", sort="price")
    second = search(client, "en", "kitchen", sort="price", page="2")

    assert first.titles == ["Watering can", "Mug"]
    assert second.titles == ["Kettle"]
    assert first.context["result_count"] == second.context["result_count"] == 3


def test_an_unpublished_promoted_product_is_not_shown(client, shop):
    promote("kettle", shop["can"]["es"])
    shop["can"]["es"].unpublish()

    assert search(client, "es", "kettle").titles == ["Hervidor"]
    assert search(client, "en", "kettle").titles == ["Watering can", "Kettle"]


@pytest.fixture
def editor(django_user_model):
    group = Group.objects.create(name="Search editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_searchpromotion"),
    )
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(group)
    return user


def test_editors_who_promote_results_see_what_shoppers_search_for(client, shop, editor):
    search(client, "en", "kettle")
    search(client, "es", "hervidor")
    search(client, "es", "hervidor")
    hits.flush()
    client.force_login(editor)

    response = client.get("/admin/reports/shopper-searches/")

    assert response.status_code == 200
    rows = [(query.query_string, query._hits) for query in response.context["object_list"]]
    assert rows == [("hervidor", 2), ("kettle", 1)]
    assert b"/admin/reports/shopper-searches/" in client.get("/admin/").content


def test_other_admin_users_do_not_see_the_shopper_searches(client, shop, django_user_model):
    user = django_user_model.objects.create_user("writer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get("/admin/reports/shopper-searches/").status_code in (302, 403)
    assert b"/admin/reports/shopper-searches/" not in client.get("/admin/").content

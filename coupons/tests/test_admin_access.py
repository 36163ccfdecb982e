"""Coupon codes are secrets of the shop managers: no admin URL that can show one shows it to an editor, a
translator or a visitor who is not signed in. The list covers every admin screen that lists, searches, chooses,
reports or exports coupons, or orders and payment events (which carry the code of an order's coupon)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import log

from checkout.models import PaymentEvent
from checkout.tests.factories import make_order

from .factories import CouponFactory

pytestmark = pytest.mark.django_db

CODE = "SECRET-7431"


@pytest.fixture
def coupon(homes):
    coupon = CouponFactory(code=CODE)
    log(coupon, "wagtail.create")  # the site history lists it by its title, the code
    order = make_order(coupon=coupon)
    PaymentEvent.objects.create(
        provider="stripe", event_id="evt_1", type="checkout.session.completed", payload={"coupon": CODE}, order=order
    )
    return coupon


def admin_urls(coupon):
    """Every admin URL that can show a coupon's code to someone allowed to see it."""
    order = PaymentEvent.objects.get().order
    snippet = "wagtailsnippets_coupons_coupon"
    chooser = "wagtailsnippetchoosers_coupons_coupon"
    by_pk = {"pk": coupon.pk}
    urls = [
        reverse(f"{snippet}:list"),
        reverse(f"{snippet}:list") + "?q=SECRET",
        reverse(f"{snippet}:list_results") + "?q=SECRET",
        reverse(f"{snippet}:edit", kwargs=by_pk),
        reverse(f"{snippet}:delete", kwargs=by_pk),
        reverse(f"{snippet}:copy", kwargs=by_pk),
        reverse(f"{snippet}:usage", kwargs=by_pk),
        reverse(f"{snippet}:history", kwargs=by_pk),
        reverse(f"{snippet}:history_results", kwargs=by_pk),
        reverse(f"{chooser}:choose"),
        reverse(f"{chooser}:choose") + "?q=SECRET",
        reverse(f"{chooser}:choose_results"),
        reverse(f"{chooser}:choose_results") + "?q=SECRET",
        reverse(f"{chooser}:chosen", kwargs=by_pk),
        reverse(f"{chooser}:chosen_multiple") + f"?id={coupon.pk}",
        reverse("coupons_report"),
        reverse("coupons_report") + "?export=csv",
        reverse("coupons_report") + "?export=xlsx",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history_results"),
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:search") + "?q=SECRET",
        reverse("orders:index") + "?q=SECRET",
        reverse("orders:index_results") + "?q=SECRET",
        reverse("orders:index") + "?export=csv",
        reverse("orders:index") + "?export=xlsx",
        reverse("payment_events:index"),
        reverse("payment_events:index_results"),
        reverse("payment_events:inspect", kwargs={"pk": PaymentEvent.objects.get().pk}),
        reverse("orders:inspect", kwargs={"pk": order.pk}),
        reverse("wagtail_localize:snippets_api_listing", kwargs={"app_label": "coupons", "model_name": "coupon"}),
        reverse(
            "wagtail_localize:snippets_api_detail",
            kwargs={"app_label": "coupons", "model_name": "coupon", "pk": str(coupon.pk)},
        ),
    ]
    return urls


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name.lower().replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def shown_code(client, urls):
    """The URLs whose answer contains the code, with their status."""
    client.raise_request_exception = False
    shown = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if CODE.encode() in body:
            shown[url] = response.status_code
    return shown


@pytest.mark.parametrize("group_name", [settings.EDITORS_GROUP, settings.TRANSLATORS_GROUP])
def test_editors_and_translators_see_no_coupon_code_anywhere(client, django_user_model, coupon, group_name):
    client.force_login(member_of(django_user_model, group_name))

    assert shown_code(client, admin_urls(coupon)) == {}


def test_a_visitor_who_is_not_signed_in_sees_no_coupon_code(client, coupon):
    assert shown_code(client, admin_urls(coupon)) == {}


def test_a_shop_manager_sees_the_codes_where_they_are_listed(client, django_user_model, coupon):
    """The other tests' URLs are the real ones: a shop manager finds the code there."""
    client.force_login(member_of(django_user_model, settings.SHOP_MANAGERS_GROUP))

    shown = shown_code(client, admin_urls(coupon))

    for url in (
        reverse("wagtailsnippets_coupons_coupon:list"),
        reverse("wagtailsnippetchoosers_coupons_coupon:choose"),
        reverse("coupons_report"),
        reverse("orders:inspect", kwargs={"pk": PaymentEvent.objects.get().order.pk}),
    ):
        assert shown.get(url) == 200, url

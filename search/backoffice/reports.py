"""The admin's "Shopper searches" report: what shoppers search for, for everyone who manages promotions.

Wagtail's own "Search terms" report is for superusers only; editors who promote results for a query need to see
the queries too, so this is the same report behind the search promotion permissions. Registered by
`search/wagtail_hooks.py`.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.permission_policies import ModelPermissionPolicy

PROMOTION_PERMISSIONS = ["add", "change", "delete"]
promotion_policy = ModelPermissionPolicy(SearchPromotion)


class ShopperSearchesReportView(SearchTermsReportView):
    page_title = _("Shopper searches")
    index_url_name = "search_shopper_searches"
    index_results_url_name = "search_shopper_searches_results"
    permission_policy = promotion_policy
    any_permission_required = PROMOTION_PERMISSIONS

    def dispatch(self, request, *args, **kwargs):
        # Skip the parent's superuser-only check; PermissionCheckedMixin applies the promotion permissions instead.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


class ShopperSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return promotion_policy.user_has_any_permission(request.user, PROMOTION_PERMISSIONS)


def report_urls():
    return [
        path("reports/shopper-searches/", ShopperSearchesReportView.as_view(), name="search_shopper_searches"),
        path(
            "reports/shopper-searches/results/",
            ShopperSearchesReportView.as_view(results_only=True),
            name="search_shopper_searches_results",
        ),
    ]


def report_menu_item():
    return ShopperSearchesMenuItem(
        _("Shopper searches"),
        reverse("search_shopper_searches"),
        name="shopper-searches",
        icon_name="search",
        order=1310,
    )

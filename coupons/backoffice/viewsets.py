"""The coupon snippets in the Wagtail admin for shop managers, their chooser and the menu entry of their report.

Permissions: `coupons.add_coupon`, `coupons.change_coupon`, `coupons.delete_coupon` and `coupons.view_coupon`
for the coupon screens; the report needs `coupons.view_coupon`; the coupon chooser any of them (Wagtail's
snippet choosers are open to every admin user otherwise). `home.permissions` guards wagtail-localize's snippet API.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK

from ..models import Coupon
from . import reports
from .forms import CouponAdminForm, description_field


def may_see_coupons(user) -> bool:
    """Any coupon permission: the codes are the shop managers' secret, shown to no editor or translator."""
    return ModelPermissionPolicy(Coupon).user_has_any_permission(user, ["add", "change", "delete", "view"])


class CouponPermissionRequired:
    """Wagtail's snippet chooser lists and searches a snippet for every admin user; the coupons' asks first."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_coupons(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CouponChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (CouponPermissionRequired, chooser.ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (CouponPermissionRequired, chooser.ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (CouponPermissionRequired, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (CouponPermissionRequired, chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("CreateView", (CouponPermissionRequired, chooser.SnippetCreateView), {})


class CouponViewSet(SnippetViewSet):
    model = Coupon
    chooser_viewset_class = CouponChooserViewSet
    icon = "tag"
    menu_label = _("Coupons")
    menu_name = "coupons"
    menu_order = 40
    menu_hook = SHOP_MENU_HOOK
    list_display = [
        "code",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        "value",
        Column("validity", label=_("Validity"), accessor=reports.validity),
        BooleanColumn("active", label=_("Active")),
        Column("uses", label=_("Uses / limit"), accessor=reports.uses_of_limit),
    ]
    list_filter = ["active", "kind"]
    search_fields = ["code"]
    ordering = ["code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("active")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("value"), FieldPanel("currency")]),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
            FieldRowPanel([FieldPanel("max_uses"), FieldPanel("max_uses_per_email"), FieldPanel("minimum_amount")]),
            MultiFieldPanel(
                [FieldPanel(description_field(language)) for language, _name in settings.LANGUAGES],
                heading=_("What shoppers read"),
            ),
        ],
        base_form_class=CouponAdminForm,
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("coupons.view_coupon")


def report_urls():
    return [path("coupons/report/", reports.CouponReportView.as_view(), name="coupons_report")]


def report_menu_item():
    return ReportMenuItem(_("Coupon report"), reverse("coupons_report"), icon_name="table", order=50)

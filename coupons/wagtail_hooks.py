"""Registers the coupons' back office (`coupons.backoffice`) with Wagtail: the coupon snippets and their report
in the "Shop" menu."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from storefront.admin_menu import SHOP_MENU_HOOK

from .backoffice.viewsets import CouponViewSet, report_menu_item, report_urls

register_snippet(CouponViewSet)
hooks.register("register_admin_urls", report_urls)
hooks.register(SHOP_MENU_HOOK, report_menu_item)

"""Registers the customers' back office (`accounts.backoffice`) with Wagtail, under the "Shop" menu."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .backoffice.customers import CustomerViewSet
from .models import Customer

# `Customer` is a proxy of the user model: without its own policy, Wagtail would check the users' admin rights
# (auth.view_user) instead of `accounts.view_customer`.
register_permission_policy(Customer, exact_class=True)


@hooks.register("register_admin_viewset")
def register_customer_viewset():
    return CustomerViewSet("customers", url_prefix="shop/customers")

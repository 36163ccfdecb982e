"""Factories for orders, and a small English-only shop for tests that need no translations (it is faster)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from checkout.models import Order, OrderEvent, OrderLine
from products.tests import factories as catalog_factories


def english_shop():
    """{'kettle': Product, 'mug': Product}: KET-1 at 24.50 (10 in stock), MUG-1 at 8.00 (3), with live pages."""
    category = catalog_factories.add_category(catalog_factories.english_home(), "Kitchen")
    kettle = catalog_factories.ProductFactory(sku="KET-1", name="Kettle", price=Decimal("24.50"), stock=10)
    mug = catalog_factories.ProductFactory(sku="MUG-1", name="Mug", price=Decimal("8.00"), stock=3)
    pages = {
        "kettle": catalog_factories.add_product_page(category, kettle),
        "mug": catalog_factories.add_product_page(category, mug),
    }
    return {"kettle": kettle, "mug": mug, "category": category, "pages": pages}


class OrderFactory(factory.django.DjangoModelFactory):
    """A pending order with no lines; use `order_with_lines` for a complete one."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"SF-T{n:05d}")
    language = "en"
    currency = "usd"
    subtotal = Decimal("0.00")
    discount = Decimal("0.00")
    total = factory.LazyAttribute(lambda order: order.subtotal - order.discount)
    first_name = "Ana"
    last_name = "Pérez"
    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    address = "Calle Mayor 1"
    postal_code = "28001"
    city = "Madrid"
    country = "ES"
    reserved_until = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))


def order_with_lines(lines, **fields):
    """An order with `lines` [(product, quantity)], priced at today's prices, and its creation event."""
    subtotal = sum((product.price * quantity for product, quantity in lines), Decimal("0"))
    order = OrderFactory(subtotal=subtotal, **fields)
    for product, quantity in lines:
        OrderLine.objects.create(
            order=order,
            product=product,
            sku=product.sku,
            title=product.name,
            unit_price=product.price,
            quantity=quantity,
        )
    OrderEvent.objects.create(order=order, from_status="", to_status=order.status)
    return order


def user_in_group(user_model, name, *codenames):
    """A user in group `name`, which may use the admin and holds the permissions "app.codename"."""
    group, _created = Group.objects.get_or_create(name=name)
    app_model = [codename.split(".") for codename in ("wagtailadmin.access_admin", *codenames)]
    for app, codename in app_model:
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user = user_model.objects.create_user(username=name.lower().replace(" ", "-"), password="x")
    user.groups.add(group)
    return user

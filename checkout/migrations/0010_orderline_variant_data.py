"""Order lines placed before variants existed point at their product's default variant: the one with the
product's primary key (products 0007), else (a product made after 0007, when checkout is migrated on its own)
the product's first variant. A line whose product has no variant keeps none."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def link_default_variants(apps, schema_editor):
    OrderLine = apps.get_model("checkout", "OrderLine")
    ProductVariant = apps.get_model("products", "ProductVariant")
    same_pk = ProductVariant.objects.filter(pk=OuterRef("product_id"), product_id=OuterRef("product_id"))
    OrderLine.objects.filter(variant__isnull=True).update(variant_id=Subquery(same_pk.values("pk")[:1]))
    first = ProductVariant.objects.filter(product_id=OuterRef("product_id")).order_by("sort_order", "pk")
    OrderLine.objects.filter(variant__isnull=True).update(variant_id=Subquery(first.values("pk")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0009_orderline_variant"),
        ("products", "0007_default_variants"),
    ]

    operations = [migrations.RunPython(link_default_variants, migrations.RunPython.noop)]

"""Every existing product gets one default variant carrying its SKU, price (none of its own: the product's),
stock and "for sale", under the product's own primary key.

Same primary key: a session cart written before variants existed is keyed by product pk and reads as the same
default variant after, and order lines point at their product's variant by the same number (checkout 0010).
PostgreSQL's sequence of the variant ids is moved past the largest id, so new variants never collide. No weight is
copied: a variant without a weight of its own weighs its product's (`ProductVariant.shipping_weight`)."""

from django.core.management.color import no_style
from django.db import migrations


def create_default_variants(apps, schema_editor):
    Product = apps.get_model("products", "Product")
    ProductVariant = apps.get_model("products", "ProductVariant")
    ProductVariant.objects.bulk_create(
        ProductVariant(
            pk=product.pk,
            product_id=product.pk,
            sku=product.sku,
            price=None,
            stock=product.stock,
            for_sale=product.for_sale,
            sort_order=0,
        )
        for product in Product.objects.order_by("pk").iterator()
    )
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [ProductVariant]):
            cursor.execute(sql)


def restore_product_stock(apps, schema_editor):
    """Going back: each product's stock is its variants' total (0008 reversed has re-added the column)."""
    Product = apps.get_model("products", "Product")
    ProductVariant = apps.get_model("products", "ProductVariant")
    for product in Product.objects.all():
        product.stock = sum(ProductVariant.objects.filter(product=product).values_list("stock", flat=True))
        product.save(update_fields=["stock"])
    ProductVariant.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("products", "0006_variants")]

    operations = [migrations.RunPython(create_default_variants, restore_product_stock)]

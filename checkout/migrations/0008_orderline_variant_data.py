"""Order lines placed before variants existed point at their product's default variant, which has the product's
primary key (products 0004)."""

from django.db import migrations
from django.db.models import F


def link_default_variants(apps, schema_editor):
    OrderLine = apps.get_model("checkout", "OrderLine")
    OrderLine.objects.filter(variant__isnull=True).update(variant_id=F("product_id"))


class Migration(migrations.Migration):
    dependencies = [("checkout", "0007_orderline_variant")]

    operations = [migrations.RunPython(link_default_variants, migrations.RunPython.noop)]

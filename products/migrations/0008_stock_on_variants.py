"""Stock moves to the variants: every product's stock is on its default variant now (0007)."""

import django.core.validators
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('products', '0007_default_variants'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='product',
            name='product_stock_not_negative',
        ),
        migrations.RemoveField(
            model_name='product',
            name='stock',
        ),
        migrations.AlterField(
            model_name='product',
            name='price',
            field=models.DecimalField(decimal_places=2, help_text='The price of every variant without a price of its own.', max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='price'),
        ),
        migrations.AlterField(
            model_name='product',
            name='sku',
            field=models.CharField(help_text="Unique in the shop. A product with one variant usually shares it with its variant's SKU.", max_length=64, unique=True, verbose_name='product code'),
        ),
    ]

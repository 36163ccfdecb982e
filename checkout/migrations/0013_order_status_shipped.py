"""The order status "fulfilled" is called "shipped", the one word the shop uses for it: the orders in it and
the status history's moves into and out of it are renamed (and back, migrating backwards)."""

from django.db import migrations, models


def rename_status(old, new):
    def rename(apps, schema_editor):
        Order = apps.get_model("checkout", "Order")
        OrderEvent = apps.get_model("checkout", "OrderEvent")
        Order.objects.filter(status=old).update(status=new)
        OrderEvent.objects.filter(from_status=old).update(from_status=new)
        OrderEvent.objects.filter(to_status=old).update(to_status=new)

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0012_refund_email_claimed_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending payment"),
                    ("paid", "Paid"),
                    ("shipped", "Shipped"),
                    ("cancelled", "Cancelled"),
                    ("failed", "Payment failed"),
                    ("expired", "Expired"),
                    ("partially_refunded", "Partially refunded"),
                    ("refunded", "Refunded"),
                ],
                default="pending",
                max_length=32,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="from_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pending", "Pending payment"),
                    ("paid", "Paid"),
                    ("shipped", "Shipped"),
                    ("cancelled", "Cancelled"),
                    ("failed", "Payment failed"),
                    ("expired", "Expired"),
                    ("partially_refunded", "Partially refunded"),
                    ("refunded", "Refunded"),
                ],
                max_length=32,
                verbose_name="from",
            ),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="to_status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending payment"),
                    ("paid", "Paid"),
                    ("shipped", "Shipped"),
                    ("cancelled", "Cancelled"),
                    ("failed", "Payment failed"),
                    ("expired", "Expired"),
                    ("partially_refunded", "Partially refunded"),
                    ("refunded", "Refunded"),
                ],
                max_length=32,
                verbose_name="to",
            ),
        ),
        migrations.RunPython(rename_status("fulfilled", "shipped"), rename_status("shipped", "fulfilled")),
    ]

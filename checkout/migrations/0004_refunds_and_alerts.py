# Refunds (issue #12): Refund and RefundLine, refunded amounts and quantities on orders, two refund statuses,
# disputes and alerts. Existing orders keep everything; refunded amounts and quantities start at zero.

import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checkout', '0003_order_status_emails'),
        ('coupons', '0002_descriptions'),
        ('products', '0002_bought_together_block'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Alert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('dispute', 'Payment disputed'), ('refund_failed', 'Refund failed'), ('payment_not_applied', 'Payment not applied'), ('email_failed', 'Email not sent')], max_length=32, verbose_name='kind')),
                ('message', models.TextField(verbose_name='message')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='raised')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='emailed')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved')),
            ],
            options={
                'verbose_name': 'alert',
                'verbose_name_plural': 'alerts',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Refund',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('manual', 'By a shop manager'), ('automatic', 'Automatic (payment not applied)'), ('external', "Made in Stripe's dashboard")], default='manual', max_length=16, verbose_name='kind')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('succeeded', 'Succeeded'), ('failed', 'Failed'), ('canceled', 'Canceled')], default='pending', max_length=16, verbose_name='status')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='amount')),
                ('currency', models.CharField(max_length=3, verbose_name='currency')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('payment_intent_id', models.CharField(blank=True, max_length=255, verbose_name='Stripe payment refunded')),
                ('stripe_refund_id', models.CharField(blank=True, max_length=255, null=True, unique=True, verbose_name='Stripe refund')),
                ('request_key', models.CharField(blank=True, editable=False, help_text='Sent with the refund form, so that a double submit makes one refund.', max_length=64, null=True, unique=True, verbose_name='request key')),
                ('restocked', models.BooleanField(default=False, verbose_name='stock returned')),
                ('failure_message', models.TextField(blank=True, verbose_name='failure')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='customer emailed')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'refund',
                'verbose_name_plural': 'refunds',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='RefundLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('quantity', models.PositiveIntegerField(verbose_name='quantity')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='amount')),
                ('restock', models.BooleanField(default=False, verbose_name='return to stock')),
            ],
            options={
                'verbose_name': 'refund line',
                'verbose_name_plural': 'refund lines',
                'ordering': ['pk'],
            },
        ),
        migrations.AlterModelOptions(
            name='order',
            options={'ordering': ['-created_at'], 'permissions': [('refund_order', 'Can refund orders')], 'verbose_name': 'order', 'verbose_name_plural': 'orders'},
        ),
        migrations.AddField(
            model_name='order',
            name='disputed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='payment disputed'),
        ),
        migrations.AddField(
            model_name='order',
            name='refunded_amount',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), editable=False, max_digits=12, verbose_name='refunded'),
        ),
        migrations.AddField(
            model_name='orderline',
            name='refunded_quantity',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='refunded quantity'),
        ),
        migrations.AlterField(
            model_name='order',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending payment'), ('paid', 'Paid'), ('fulfilled', 'Fulfilled'), ('cancelled', 'Cancelled'), ('failed', 'Payment failed'), ('expired', 'Expired'), ('partially_refunded', 'Partially refunded'), ('refunded', 'Refunded')], default='pending', max_length=32, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='orderevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('pending', 'Pending payment'), ('paid', 'Paid'), ('fulfilled', 'Fulfilled'), ('cancelled', 'Cancelled'), ('failed', 'Payment failed'), ('expired', 'Expired'), ('partially_refunded', 'Partially refunded'), ('refunded', 'Refunded')], max_length=32, verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='orderevent',
            name='to_status',
            field=models.CharField(choices=[('pending', 'Pending payment'), ('paid', 'Paid'), ('fulfilled', 'Fulfilled'), ('cancelled', 'Cancelled'), ('failed', 'Payment failed'), ('expired', 'Expired'), ('partially_refunded', 'Partially refunded'), ('refunded', 'Refunded')], max_length=32, verbose_name='to'),
        ),
        migrations.AddConstraint(
            model_name='order',
            constraint=models.CheckConstraint(condition=models.Q(('refunded_amount__gte', 0), ('refunded_amount__lte', models.F('total'))), name='order_refunded_within_total'),
        ),
        migrations.AddConstraint(
            model_name='orderline',
            constraint=models.CheckConstraint(condition=models.Q(('refunded_quantity__lte', models.F('quantity'))), name='orderline_refunded_within_quantity'),
        ),
        migrations.AddField(
            model_name='alert',
            name='order',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to='checkout.order', verbose_name='order'),
        ),
        migrations.AddField(
            model_name='alert',
            name='resolved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolved by'),
        ),
        migrations.AddField(
            model_name='refund',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddField(
            model_name='refund',
            name='order',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='refunds', to='checkout.order', verbose_name='order'),
        ),
        migrations.AddField(
            model_name='refundline',
            name='order_line',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='refund_lines', to='checkout.orderline', verbose_name='order line'),
        ),
        migrations.AddField(
            model_name='refundline',
            name='refund',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='checkout.refund', verbose_name='refund'),
        ),
        migrations.AddConstraint(
            model_name='refund',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='refund_amount_positive'),
        ),
        migrations.AddConstraint(
            model_name='refund',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'automatic')), fields=('payment_intent_id',), name='refund_one_make_good_per_payment'),
        ),
        migrations.AddConstraint(
            model_name='refundline',
            constraint=models.CheckConstraint(condition=models.Q(('quantity__gte', 1)), name='refundline_quantity_positive'),
        ),
    ]

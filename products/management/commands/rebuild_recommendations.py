"""Rebuild the "Bought together" scores in Redis from the truth: the lines of paid orders."""

import redis
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from products.recommender import RecommenderUnavailable, RedisRecommender, key_prefix, purchase_history

BATCH = 500


class Command(BaseCommand):
    help = "Delete this shop's recommendation keys in Redis and record every paid order again."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH, help="Keys deleted / orders recorded per round trip.")

    def handle(self, *args, batch, **options):
        if not settings.REDIS_URL:
            raise CommandError("REDIS_URL is not set: recommendations come from the database, nothing to rebuild.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        # A longer timeout than pages get: this is a batch job, and a batch round trip does more work.
        recommender = RedisRecommender.from_url(settings.REDIS_URL, timeout=10, prefix=key_prefix())
        try:
            deleted = self.delete_keys(recommender, batch)
            orders, recorded = self.record_orders(recommender, batch)
        except RecommenderUnavailable as error:
            raise CommandError(f"Redis is unavailable: {error}") from error
        self.stdout.write(
            f"Deleted {deleted} keys; recorded {recorded} of {orders} paid orders "
            "(orders with a single product have no pairs)."
        )

    def delete_keys(self, recommender, batch):
        """SCAN this prefix's keys and UNLINK them a batch at a time (never KEYS, never FLUSHDB)."""
        client, deleted = recommender.client, 0
        pending = []
        try:
            for key in client.scan_iter(match=f"{recommender.prefix}:*", count=batch):
                pending.append(key)
                if len(pending) >= batch:
                    deleted += client.unlink(*pending)
                    pending = []
            if pending:
                deleted += client.unlink(*pending)
        except redis.RedisError as error:
            raise RecommenderUnavailable(str(error)) from error
        return deleted

    def record_orders(self, recommender, batch):
        """Record each paid order (marked, so a payment recorded during the rebuild cannot count it twice)."""
        orders = recorded = 0
        pipe = recommender.client.pipeline(transaction=False)
        try:
            for order_id, product_ids in purchase_history().baskets():
                orders += 1
                if len(product_ids) < 2:
                    continue
                script, keys, script_args = recommender.record_command(product_ids, once_key=order_id)
                pipe.eval(script, len(keys), *keys, *script_args)
                if len(pipe) >= batch:
                    recorded += sum(pipe.execute())
            if len(pipe):
                recorded += sum(pipe.execute())
        except redis.RedisError as error:
            raise RecommenderUnavailable(str(error)) from error
        return orders, recorded

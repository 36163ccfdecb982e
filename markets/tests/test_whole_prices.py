"""An explicit price in a market of whole prices is whole: what the shopper reads ("2 205 ₽") is what they pay."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from markets.models import RoundingRule, VariantPrice
from markets.tests.factories import make_market
from products.tests.factories import variant_of

pytestmark = pytest.mark.django_db


def test_kopecks_are_refused_in_a_market_of_whole_roubles(shop):
    russia = make_market("russia", ["RU"], "RUB", rounding=RoundingRule.WHOLE)
    price = VariantPrice(market=russia, variant=variant_of(shop["kettle"]), price=Decimal("2205.50"))

    with pytest.raises(ValidationError) as refused:
        price.full_clean()

    assert refused.value.message_dict == {"price": ["Too many decimals for RUB."]}
    price.price = Decimal("2205")
    price.full_clean()

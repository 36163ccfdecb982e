"""`invalid_ids`: which `id` values of a bulk action's link cannot name a row, decided before any query."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from wagtail.models import Page

from storefront.bulk_actions import invalid_ids


@pytest.mark.parametrize(
    ("values", "invalid"),
    [
        (["1", "42", "all"], []),
        (["abc", "1", "", "1.5", "\x00", "1\x00"], ["abc", "", "1.5", "\x00", "1\x00"]),
    ],
)
def test_an_integer_key_takes_integers(db, values, invalid):
    assert invalid_ids(Page, values) == invalid


def test_an_integer_key_takes_only_what_fits_the_column(db):
    low, high = connection.ops.integer_field_range(Page._meta.pk.get_internal_type())  # 32 bits on PostgreSQL

    assert invalid_ids(Page, [str(low), str(high), str(low - 1), str(high + 1)]) == [str(low - 1), str(high + 1)]


def test_a_text_key_takes_any_text_without_a_nul():
    assert invalid_ids(Session, ["abc", "", "ñandú", "a\x00b"]) == ["a\x00b"]

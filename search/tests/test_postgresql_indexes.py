"""The indexes the PostgreSQL search queries need exist after migrating (see search/migrations/0001 and 0002)."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_the_search_filter_and_join_have_their_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'search\\_%' ORDER BY 1")
        indexes = dict(cursor.fetchall())

    assert list(indexes) == [
        "search_indexentry_title_body_gin",
        "search_indexentry_title_gin",
        "search_productpage_id_as_text",
    ]
    assert "USING gin (((title || body)))" in indexes["search_indexentry_title_body_gin"]
    assert "USING gin (title)" in indexes["search_indexentry_title_gin"]
    assert "((page_ptr_id)::character varying(50))" in indexes["search_productpage_id_as_text"]

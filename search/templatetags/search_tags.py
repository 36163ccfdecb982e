"""`{% search_box %}`: the header's search form with suggestions as you type."""

from django import template

from search.query import MAX_QUERY_LENGTH, MIN_SUGGEST_LENGTH

register = template.Library()


@register.inclusion_tag("search/search_box.html", takes_context=True)
def search_box(context):
    return {
        "search_query": context.get("search_query", ""),
        "max_query_length": MAX_QUERY_LENGTH,
        "min_suggest_length": MIN_SUGGEST_LENGTH,
    }

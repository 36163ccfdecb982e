"""Requests to the search pages, shared by the search tests."""

from django.urls import reverse
from django.utils import translation


def url(name, code):
    with translation.override(code):
        return reverse(name)


def search(client, code, q=None, **params):
    """GET the search page of locale `code`; the response gets `.titles`: the product titles shown, in order."""
    if q is not None:
        params = {"q": q, **params}
    response = client.get(url("search", code), params)
    response.titles = result_titles(response)
    return response


def result_titles(response):
    context = response.context
    if context is None or "search_results" not in context:
        return []
    return [page.title for page in context["promoted"]] + [page.title for page in context["search_results"]]


def suggest(client, code, q):
    response = client.get(url("search_suggestions", code), {"q": q})
    assert response.status_code == 200
    return response.json()

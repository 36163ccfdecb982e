"""Search URLs, mounted inside i18n_patterns: /en/search/, /es/buscar/, /ru/poisk/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(_("search/suggestions/"), views.suggest, name="search_suggestions"),
]

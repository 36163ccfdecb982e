"""Countries by ISO 3166 code and their names in a language, from CLDR (babel): the checkout's country list and
the shipping zones' countries use the same list."""

import unicodedata

from babel import Locale as BabelLocale
from django.conf import settings
from django.utils import translation

# CLDR territories that are not countries one ships to (regions, pseudo-codes, uninhabited islands).
NOT_COUNTRIES = {"AC", "AQ", "BV", "CP", "CQ", "DG", "EA", "EU", "EZ", "HM", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


def country_names(language: str | None = None) -> dict[str, str]:
    """{ISO code: name in `language`} for every country, from CLDR."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    territories = BabelLocale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def sorted_by_name(names: dict[str, str]) -> list[tuple[str, str]]:
    """(code, name) pairs in the alphabetical order a reader expects (accents ignored)."""

    def sort_key(item):
        return unicodedata.normalize("NFKD", item[1]).encode("ascii", "ignore").decode().casefold() or item[1]

    return sorted(names.items(), key=sort_key)

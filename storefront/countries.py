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


# Letters that a language sorts as letters of their own, not as an accented base letter: (base, combining mark)
# pairs kept while other marks are dropped, and where each such letter goes in the alphabet (right after its
# base: "Йемен" after "Италия", "ñ" after every "n…").
OWN_LETTERS = {
    "es": {("n", "\u0303"): "n\U0010ffff"},  # ñ
    "ru": {("и", "\u0306"): "и\U0010ffff"},  # й (ё, by contrast, sorts as е)
}


def collation_key(name: str, language: str | None = None) -> tuple[str, str]:
    """A sort key for `name` as a reader of `language` alphabetises: case and accents are ignored (Å as A, ё as
    е), every script keeps its letters (Cyrillic sorts in Cyrillic order), and the letters the language counts
    as its own (Spanish ñ, Russian й) come after their base letter. Ties are broken by the name itself."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].split("_")[0]
    own = OWN_LETTERS.get(language, {})
    letters = []
    for char in unicodedata.normalize("NFD", name.casefold()):
        if unicodedata.combining(char):
            if letters and (letters[-1], char) in own:
                letters[-1] = own[letters[-1], char]
            continue
        letters.append(char)
    return "".join(letters), name


def sorted_by_name(names: dict[str, str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs in the alphabetical order a reader of `language` (default: the active one) expects."""
    return sorted(names.items(), key=lambda item: collation_key(item[1], language))

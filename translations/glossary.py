"""The glossary of each language: which approved terms a source text contains, and which translations miss them.

A term is found in a source as a whole word, whatever its case; a translation "uses" the approved translation
when it contains it, whatever its case (inflected languages may need the note to say more)."""

import re
from dataclasses import dataclass

from translations.models import GlossaryTerm


def _pattern(term: str):
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def terms_in(language_code: str, source: str, terms=None) -> list:
    """The language's glossary terms that appear in `source`."""
    if not source:
        return []
    terms = GlossaryTerm.objects.filter(language_code=language_code) if terms is None else terms
    return [term for term in terms if _pattern(term.term).search(source)]


def misses(term, translation: str) -> bool:
    return term.translation.casefold() not in translation.casefold()


@dataclass
class Inconsistency:
    source: str
    translation: str
    term: object
    where: str


def check_segments(language_code: str, pairs) -> list[Inconsistency]:
    """Of `pairs` (source, translation, where), the ones whose source holds a term whose approved translation
    the translation does not use."""
    terms = list(GlossaryTerm.objects.filter(language_code=language_code))
    found = []
    for source, translation, where in pairs:
        for term in terms_in(language_code, source, terms):
            if misses(term, translation):
                found.append(Inconsistency(source, translation, term, where))
    return found

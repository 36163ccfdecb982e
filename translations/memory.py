"""Translation memory: approved source/target pairs per language, and suggestions for a new source text.

Close matches are scored by PostgreSQL's `pg_trgm` similarity (in the database, over an index-friendly `%`
threshold); on SQLite (`make run`) by difflib over the language's most recent pairs. Nothing leaves the shop.
"""

import difflib
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from translations.models import MemoryEntry

MIN_SCORE = 0.5
FALLBACK_CANDIDATES = 2000


@dataclass
class Suggestion:
    source: str
    target: str
    score: float
    origin: str
    where: str

    @property
    def percent(self):
        return round(self.score * 100)


def remember(language_code, source, target, origin, where="") -> None:
    """Keep an approved pair (once: an existing pair only learns where it was last used)."""
    if not source.strip() or not target.strip():
        return
    updated = MemoryEntry.objects.filter(language_code=language_code, source=source, target=target).update(
        origin=origin, origin_label=where[:255]
    )
    if not updated:
        MemoryEntry.objects.create(
            language_code=language_code, source=source, target=target, origin=origin, origin_label=where[:255]
        )


def _as_suggestion(entry, score):
    return Suggestion(entry.source, entry.target, score, entry.get_origin_display(), entry.origin_label)


def suggestions(language_code, source, *, limit=5, exclude_target="") -> list[Suggestion]:
    """Exact matches first (score 1), then close ones, best first; not the translation already there."""
    if not source.strip():
        return []
    entries = MemoryEntry.objects.filter(language_code=language_code).exclude(target=exclude_target)
    if connection.vendor == "postgresql":
        scored = (
            entries.annotate(score=TrigramSimilarity("source", source))
            .filter(score__gte=MIN_SCORE)
            .order_by("-score", "-updated_at")[:limit]
        )
        found = [_as_suggestion(entry, 1.0 if entry.source == source else entry.score) for entry in scored]
    else:
        found = []
        for entry in entries.order_by("-updated_at")[:FALLBACK_CANDIDATES]:
            score = 1.0 if entry.source == source else difflib.SequenceMatcher(None, source, entry.source).ratio()
            if score >= MIN_SCORE:
                found.append(_as_suggestion(entry, score))
    found.sort(key=lambda suggestion: -suggestion.score)
    return found[:limit]

"""Translate demo pages through wagtail-localize, so its translation editor knows every string as done.

For each English page: extract its segments (`TranslationSource`), open a `Translation` per target locale,
store a `StringTranslation` for every segment whose English text the glossary knows, and let
`Translation.save_target` build the Spanish or Russian page from them.
"""

import html

from django.utils.text import slugify
from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .content import T

_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split()
_CYRILLIC = {
    c: ("" if latin == "-" else latin) for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True)
}


def transliterate(text):
    """Russian to Latin letters (a simple, readable romanisation) for ASCII slugs."""
    return "".join(_CYRILLIC.get(c, c) for c in text.lower())


def slug_for(text, language):
    """The slug of a title in `language`: Latin letters only, as wagtail-localize slugifies translated slugs."""
    return slugify(transliterate(text) if language == "ru" else text)


class Glossary:
    """English segment text → its Spanish and Russian versions, in wagtail-localize's segment form.

    Plain-text fields become segments HTML-escaped (`Coffee &amp; tea`); a rich-text paragraph becomes a segment
    holding its inner HTML. Each text is registered in the form its segment will take.
    """

    def __init__(self, languages=("es", "ru")):
        self.languages = languages
        self.entries = {code: {} for code in languages}

    def _put(self, english, translations):
        for code in self.languages:
            known = self.entries[code].setdefault(english, translations[code])
            if known != translations[code]:
                raise ValueError(f"{english!r} has two {code} translations: {known!r} and {translations[code]!r}")

    def text(self, t: T):
        """Register a plain-text field's value; returns the English text to store on the page."""
        self._put(_plain(t.en), {code: _plain(getattr(t, code)) for code in self.languages})
        return t.en

    def paragraph(self, t: T):
        """Register one rich-text paragraph (inline <b>/<i> allowed); returns its English HTML `<p>…</p>`."""
        self._put(t.en, {code: getattr(t, code) for code in self.languages})
        return f"<p>{t.en}</p>"

    def title(self, t: T):
        """Register a page title and the slug derived from it; returns the English title."""
        self._put(slug_for(t.en, "en"), {code: slug_for(getattr(t, code), code) for code in self.languages})
        return self.text(t)

    def lookup(self, language, segment_text):
        return self.entries[language].get(segment_text)


def _plain(text):
    return StringValue.from_plaintext(text).data


def translate_instance(instance, locales, glossary):
    """Create or update the `locales` translations of a page or snippet from the glossary; return them.

    A page's translations are saved as drafts (the caller publishes them: see `publish_latest`); a snippet
    without drafts is simply saved.

    Returns `(pages, missing)`: the translated pages by language code, and the English segment texts the
    glossary did not know (those keep the English text, as wagtail-localize does for untranslated segments).
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    pages, missing = {}, []
    english_title = next((s.string.data for s in segments if s.context.path == "title"), None)
    titles = {code: glossary.lookup(code, english_title) for code in glossary.languages}
    for locale in locales:
        code = locale.language_code
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        existing = {
            (st.translation_of_id, st.context_id): st
            for st in StringTranslation.objects.filter(locale=locale, context__in=[s.context_id for s in segments])
        }
        new = []
        for segment in segments:
            text = glossary.lookup(code, segment.string.data)
            if text is None and segment.context.path == "slug" and titles.get(code):
                text = slug_for(html.unescape(titles[code]), code)  # e.g. "kitchen-1" where "kitchen" was taken
            if text is None:
                missing.append(segment.string.data)
                continue
            StringValue.from_translated_html(text)  # what StringTranslation.save() checks; bulk_create does not
            current = existing.get((segment.string_id, segment.context_id))
            if current is None:
                new.append(
                    StringTranslation(
                        translation_of_id=segment.string_id,
                        locale=locale,
                        context_id=segment.context_id,
                        data=text,
                        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    )
                )
            elif current.data != text:
                current.data = text
                current.save()
        StringTranslation.objects.bulk_create(new)
        # Saved as a draft and published by the caller: `publish=True` would publish in `on_commit`, i.e. only
        # after the whole demo load commits (and never inside a test's transaction).
        translation.save_target(publish=not isinstance(instance, DraftStateMixin))
        pages[code] = source.get_translated_instance(locale)
    return pages, missing


def publish_latest(page):
    revision = page.get_latest_revision()
    revision.publish()
    page.refresh_from_db()
    return page

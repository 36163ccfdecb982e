"""The glossary check: translated segments (page and snippet strings in wagtail-localize, interface strings)
whose source holds a glossary term but whose translation does not use its approved translation."""

from wagtail_localize.models import StringTranslation

from translations.catalogue import load_catalogue
from translations.glossary import check_segments
from translations.listing import overrides_by_key

MAX_SEGMENTS = 5000


def _segment_pairs(language_code):
    translations = (
        StringTranslation.objects.filter(locale__language_code=language_code)
        .select_related("translation_of", "context__object__content_type")
        .order_by("-updated_at")[:MAX_SEGMENTS]
    )
    for translation in translations:
        model = translation.context.object.content_type.model_class()
        label = model._meta.verbose_name if model else translation.context.object.content_type.model
        yield translation.translation_of.data, translation.data, f"{label} · {translation.context.path}"


def _interface_pairs(language_code):
    overrides = overrides_by_key(language_code)
    for entry in load_catalogue(language_code).entries:
        override = overrides.get(entry.key)
        forms = override.forms if override else entry.shipped_forms
        if forms and forms[0]:
            yield entry.msgid, forms[0], f"{entry.app} · {entry.msgid[:40]}"


def inconsistent_segments(language_code):
    return check_segments(language_code, [*_segment_pairs(language_code), *_interface_pairs(language_code)])

"""What the wagtail-localize translation editor shows beside its own form: the glossary terms of the source, and
translation-memory suggestions for the segments not translated yet, each applied with one click (a PUT to the
editor's own string endpoint, as its own "Save" does). Page and snippet strings a translator enters join the
memory (`remember_segment`)."""

from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from translations.glossary import terms_in
from translations.memory import remember, suggestions
from translations.models import MemoryEntry

SUGGESTED_SEGMENTS = 20


def editor_help(translation) -> dict:
    language_code = translation.target_locale.language_code
    segments = list(
        StringSegment.objects.filter(source=translation.source).select_related("string", "context").order_by("order")
    )
    translated = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context_id__in=[s.context_id for s in segments]
        ).values_list("translation_of_id", "context_id")
    )
    source_text = "\n".join(segment.string.data for segment in segments)
    pending = [s for s in segments if (s.string_id, s.context_id) not in translated][:SUGGESTED_SEGMENTS]
    suggested = []
    for segment in pending:
        found = suggestions(language_code, segment.string.data, limit=3)
        if found:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            suggested.append({"segment": segment, "suggestions": found, "url": url})
    return {"glossary": terms_in(language_code, source_text), "suggested": suggested, "language_code": language_code}


def remember_segment(sender, instance, **kwargs):
    """post_save of wagtail-localize's `StringTranslation`: a string a translator typed (not a machine's) joins
    the memory, with the model and field it came from."""
    if instance.translation_type != StringTranslation.TRANSLATION_TYPE_MANUAL or instance.has_error:
        return
    context = instance.context
    model = context.object.content_type.model_class() if context else None
    where = f"{model._meta.verbose_name} · {context.path}" if model else ""
    remember(instance.locale.language_code, instance.translation_of.data, instance.data, MemoryEntry.Origin.PAGE, where)

from django import template

from translations.localize_editor import editor_help

register = template.Library()


@register.inclusion_tag("translations/includes/editor_help.html")
def translation_editor_help(translation):
    """The glossary and memory panel under the wagtail-localize editor (`translations.localize_editor`)."""
    return editor_help(translation)

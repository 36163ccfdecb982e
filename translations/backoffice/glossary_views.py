"""The glossary screens: a language's terms (everyone who translates in it reads them, its reviewers change
them) and the check of the segments that do not use a term's approved translation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from translations.access import locale_or_deny, may_review, translation_locales
from translations.consistency import inconsistent_segments
from translations.models import GlossaryTerm


class TermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "translation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, language_code, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.language_code = language_code

    def clean_term(self):
        term = self.cleaned_data["term"].strip()
        taken = GlossaryTerm.objects.filter(language_code=self.instance.language_code, term__iexact=term)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This term is already in the glossary."))
        return term


def urls():
    return [
        path("glossary/", glossary, name="glossary"),
        path("glossary/<str:language_code>/", glossary, name="glossary"),
        path("glossary/<str:language_code>/check/", check, name="glossary_check"),
        path("glossary/<str:language_code>/<int:pk>/", term, name="glossary_term"),
    ]


def glossary(request, language_code=None):
    locales = translation_locales(request.user)
    if not locales:
        raise PermissionDenied
    if language_code is None:
        return redirect("glossary", locales[0].language_code)
    locale = locale_or_deny(request.user, language_code)
    reviewer = may_review(request.user, language_code)
    form = TermForm(request.POST or None, language_code=language_code)
    if request.method == "POST":
        if not reviewer:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("Term added."))
            return redirect("glossary", language_code)
    return TemplateResponse(
        request,
        "translations/glossary.html",
        {
            "page_title": _("Glossary"),
            "locale": locale,
            "locales": locales,
            "terms": GlossaryTerm.objects.filter(language_code=language_code),
            "form": form if reviewer else None,
            "may_review": reviewer,
        },
    )


def term(request, language_code, pk):
    locale_or_deny(request.user, language_code)
    if not may_review(request.user, language_code):
        raise PermissionDenied
    instance = get_object_or_404(GlossaryTerm, pk=pk, language_code=language_code)
    if request.method == "POST" and request.POST.get("action") == "delete":
        instance.delete()
        messages.success(request, _("Term deleted."))
        return redirect("glossary", language_code)
    form = TermForm(request.POST or None, instance=instance, language_code=language_code)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Term saved."))
        return redirect("glossary", language_code)
    return TemplateResponse(
        request,
        "translations/glossary_term.html",
        {"page_title": _("Glossary term"), "language_code": language_code, "form": form, "term": instance},
    )


def check(request, language_code):
    locale = locale_or_deny(request.user, language_code)
    return TemplateResponse(
        request,
        "translations/glossary_check.html",
        {
            "page_title": _("Glossary check"),
            "locale": locale,
            "inconsistencies": inconsistent_segments(language_code),
        },
    )

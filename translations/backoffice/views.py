"""The translators' interface-strings screens: the listing, the editor of one entry, and the reviewers' .po
export and import. Views check who may act in which language (`translations.access`) and call the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from translations import services
from translations.access import locale_or_deny, may_review, translation_locales
from translations.catalogue import load_catalogue, references
from translations.glossary import terms_in
from translations.listing import STATES, rows, state_of
from translations.memory import suggestions
from translations.models import StringOverrideChange
from translations.po_files import export_po, import_po

from .forms import ImportForm, TranslationForm

ROWS_PER_SCREEN = 50


def index(request, language_code=None):
    locales = translation_locales(request.user)
    if not locales:
        raise PermissionDenied
    if language_code is None:
        return redirect("interface_strings", locales[0].language_code)
    locale = locale_or_deny(request.user, language_code)
    catalogue = load_catalogue(language_code)
    query, app, state = (request.GET.get(name, "") for name in ("q", "app", "state"))
    found = rows(catalogue, query=query, app=app, state=state if state in STATES else "")
    screen = Paginator(found, ROWS_PER_SCREEN).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "translations/index.html",
        {
            "page_title": _("Interface strings"),
            "locale": locale,
            "locales": locales,
            "screen": screen,
            "apps": catalogue.apps,
            "states": STATES,
            "query": query,
            "app": app,
            "state": state,
            "may_review": may_review(request.user, language_code),
        },
    )


def _entry(language_code, key):
    entry = load_catalogue(language_code).by_key.get(key)
    if entry is None:
        raise Http404
    return entry


def edit(request, language_code, key):
    locale = locale_or_deny(request.user, language_code)
    entry = _entry(language_code, key)
    override = services.current_override(language_code, entry)
    reviewer = may_review(request.user, language_code)
    current = override.forms if override else entry.shipped_forms
    form = TranslationForm(request.POST or None, entry=entry, nplurals=entry.nplurals, initial_forms=current)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "revert":
            services.revert_override(language_code, entry, request.user)
            messages.success(request, _("The shipped translation is used again."))
            return redirect("interface_string", language_code, key)
        if action == "approve" and override is not None:
            if not reviewer:
                raise PermissionDenied
            services.approve_override(override, request.user)
            messages.success(request, _("Translation approved."))
            return redirect("interface_string", language_code, key)
        if form.is_valid():
            try:
                services.save_override(language_code, entry, form.translation(), request.user, approve=reviewer)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Translation saved: it is live within a minute."))
                return redirect("interface_string", language_code, key)
    history = StringOverrideChange.objects.filter(
        language_code=language_code, msgctxt=entry.msgctxt, msgid=entry.msgid
    ).select_related("user")[:20]
    return TemplateResponse(
        request,
        "translations/edit.html",
        {
            "page_title": _("Interface string"),
            "locale": locale,
            "entry": entry,
            "override": override,
            "state_label": STATES[state_of(entry, override)],
            "form": form,
            "references": references(entry),
            "history": history,
            "glossary": terms_in(language_code, " ".join(filter(None, [entry.msgid, entry.msgid_plural]))),
            "suggestions": suggestions(language_code, entry.msgid, exclude_target=current[0] if current else ""),
            "may_review": reviewer,
            "back": reverse("interface_strings", args=[language_code]),
        },
    )


def export(request, language_code):
    if not may_review(request.user, language_code):
        raise PermissionDenied
    response = HttpResponse(export_po(language_code), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interface-{language_code}.po"'
    return response


@require_POST
def import_catalogue(request, language_code):
    if not may_review(request.user, language_code):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a .po file to import."))
        return redirect("interface_strings", language_code)
    report = import_po(language_code, form.cleaned_data["catalogue"].read(), request.user)
    messages.success(
        request,
        _("%(saved)s translations imported, %(unchanged)s unchanged, %(refused)s refused.")
        % {"saved": report.saved, "unchanged": report.unchanged, "refused": len(report.refused)},
    )
    for msgid, reason in report.refused[:10]:
        messages.warning(request, f"{msgid[:60]}: {reason}")
    return redirect("interface_strings", language_code)

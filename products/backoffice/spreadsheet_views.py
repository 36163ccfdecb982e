"""The admin page of the product spreadsheet: export links, an upload that shows what would change, and the
confirmation that writes it. Reading and writing are `products.backoffice.spreadsheet`'s."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages

from .spreadsheet import (
    FORMATS,
    SpreadsheetError,
    apply_import,
    export_products,
    from_csv,
    preview_import,
    read_spreadsheet,
    to_csv,
)

IMPORT_PERMISSION = "products.change_product"
EXPORT_PERMISSION = "products.view_product"


class UploadForm(forms.Form):
    spreadsheet = forms.FileField(label=_("Spreadsheet"), help_text=_("A .csv or .xlsx file, as exported here."))


class ConfirmForm(forms.Form):
    rows = forms.CharField(widget=forms.HiddenInput)


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_view(request, file_format):
    if file_format not in FORMATS:
        raise Http404
    response = HttpResponse(export_products(file_format), content_type=FORMATS[file_format].get_content_type())
    response["Content-Disposition"] = f'attachment; filename="products.{file_format}"'
    return response


@method_decorator(permission_required(IMPORT_PERMISSION, raise_exception=True), name="dispatch")
class ImportView(View):
    template_name = "products/backoffice/spreadsheet.html"

    def render(self, upload_form=None, preview=None, confirm_form=None):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "upload_form": upload_form or UploadForm(),
                "preview": preview,
                "confirm_form": confirm_form,
                "formats": list(FORMATS),
            },
        )

    def get(self, request):
        return self.render()

    def post(self, request):
        if "rows" in request.POST:
            return self.confirm(ConfirmForm(request.POST))
        upload_form = UploadForm(request.POST, request.FILES)
        if not upload_form.is_valid():
            return self.render(upload_form)
        try:
            dataset = read_spreadsheet(upload_form.cleaned_data["spreadsheet"])
        except SpreadsheetError as error:
            upload_form.add_error("spreadsheet", str(error))
            return self.render(upload_form)
        preview = preview_import(dataset)
        confirm_form = ConfirmForm(initial={"rows": to_csv(dataset)}) if preview.can_apply else None
        return self.render(preview=preview, confirm_form=confirm_form)

    def confirm(self, form):
        if not form.is_valid():
            raise PermissionDenied
        try:
            changed = apply_import(from_csv(form.cleaned_data["rows"]), by=self.request.user)
        except SpreadsheetError as error:
            messages.error(self.request, str(error))
            return redirect(reverse("products_spreadsheet"))
        messages.success(
            self.request,
            ngettext("%(count)d product changed.", "%(count)d products changed.", len(changed))
            % {"count": len(changed)},
        )
        return redirect(reverse("products_spreadsheet"))

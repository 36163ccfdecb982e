"""The catalog's commercial fields in a spreadsheet (CSV or XLSX), out and back in, with django-import-export.

Export: SKU, internal name, price, stock, "for sale" and the sale (price, start, end) of every product.
Import: the same columns (any but the SKU may be left out; the name is shown for the reader and never imported, and no
translated text is in the file), read by `ProductResource` in a dry run that changes nothing. The editor sees
every change (old → new) and every row's error (unknown or repeated SKU, bad price, negative stock) first;
only a file without errors can be confirmed, and then all its changes are written at once through
`apply_commercial_plan` (one transaction, audit log, cache purge) — all or nothing.

Stock is the variants': a product's stock is its one variant's. A product with several variants exports the
sum of its variants' stock for sale, and a row changing it is an error (its variants' stock is set in the
product's form).
"""

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX
from openpyxl.utils.exceptions import InvalidFileException
from tablib import Dataset, InvalidDimensions, UnsupportedFormat

from storefront.spreadsheets import safe_text, unescaped

from ..models import Product
from ..services import apply_commercial_plan, field_label, multi_variant_skus

FORMATS = {"csv": CSV(), "xlsx": XLSX()}
IMPORTED_FIELDS = ("price", "stock", "for_sale", "sale_price", "sale_starts_at", "sale_ends_at")
TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "y"}, {"0", "false", "no", "n"}
MAX_ROWS = 10_000


class SpreadsheetError(Exception):
    """A file that cannot be read as a product spreadsheet; the message is for the editor."""


class PriceWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        try:
            price = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Enter a price such as 12.50.")) from None
        if not price.is_finite() or price < 0 or price != price.quantize(Decimal("0.01")):
            raise ValueError(_("Enter a price of 0 or more with at most two decimals."))
        return price.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return str(value)


class SalePriceWidget(PriceWidget):
    """A price, or an empty cell for no sale."""

    def clean(self, value, row=None, **kwargs):
        if str(value if value is not None else "").strip() == "":
            return None
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class MomentWidget(widgets.DateTimeWidget):
    """A date and time (ISO 8601, e.g. 2026-12-01 09:00), in the shop's time zone unless it names its own."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            moment = value
        elif str(value if value is not None else "").strip() == "":
            return None
        else:
            try:
                moment = parse_datetime(str(value).strip())
            except ValueError:
                moment = None
            if moment is None:
                raise ValueError(_("Enter a date and time such as 2026-12-01 09:00."))
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else timezone.localtime(value).isoformat(sep=" ", timespec="minutes")


class StockWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Enter a whole number of units, 0 or more.")) from None
        if not number.is_finite() or number != number.to_integral_value() or number < 0:
            raise ValueError(_("Enter a whole number of units, 0 or more."))
        return int(number)


class ForSaleWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(_("Write 1 or 0 (for sale or not)."))

    def render(self, value, obj=None, **kwargs):
        return "1" if value else "0"


class PlannedStockField(fields.Field):
    """`Product.stock` is read-only (the sum over its variants): an imported stock is kept on the instance as
    `planned_stock`, for the plan and for import-export's "unchanged row" comparison."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.planned_stock = self.clean(row, **kwargs)

    def get_value(self, instance):
        return getattr(instance, "planned_stock", instance.stock)


class ProductResource(resources.ModelResource):
    """Reads rows by SKU; never creates or deletes a product, never writes: a row's new values go to `plan`."""

    sku = fields.Field(attribute="sku", column_name="sku", readonly=True)
    name = fields.Field(attribute="name", column_name="name", readonly=True)
    price = fields.Field(attribute="price", column_name="price", widget=PriceWidget())
    stock = PlannedStockField(attribute="stock", column_name="stock", widget=StockWidget())
    for_sale = fields.Field(attribute="for_sale", column_name="for_sale", widget=ForSaleWidget())
    sale_price = fields.Field(attribute="sale_price", column_name="sale_price", widget=SalePriceWidget())
    sale_starts_at = fields.Field(attribute="sale_starts_at", column_name="sale_starts_at", widget=MomentWidget())
    sale_ends_at = fields.Field(attribute="sale_ends_at", column_name="sale_ends_at", widget=MomentWidget())

    class Meta:
        model = Product
        fields = ("sku", "name", *IMPORTED_FIELDS)
        import_id_fields = ("sku",)
        skip_unchanged = True
        report_skipped = False
        skip_html_diff = True
        clean_model_instances = True

    def __init__(self):
        super().__init__()
        self.plan: dict[int, dict] = {}
        self.seen_skus: set[str] = set()
        self.row_numbers: dict[str, int] = {}

    def before_import_row(self, row, **kwargs):
        sku = unescaped(str(row.get("sku") or "").strip())
        row["sku"] = sku
        if sku in self.seen_skus:
            raise ValidationError({"sku": _("SKU %(sku)s is in the file twice.") % {"sku": sku}})
        self.seen_skus.add(sku)
        self.row_numbers[sku] = kwargs.get("row_number") or 0

    def get_or_init_instance(self, instance_loader, row):
        instance = self.get_instance(instance_loader, row)
        if instance is None:
            raise ValidationError({"sku": _("No product has the SKU “%(sku)s”.") % {"sku": row.get("sku", "")}})
        return instance, False

    def save_instance(self, instance, is_create, row, **kwargs):
        self.plan[instance.pk] = {
            name: self.fields[name].get_value(instance) for name in IMPORTED_FIELDS if name in row
        }


@dataclass
class ImportPreview:
    """What an import would do: the changes by product, and the errors by row number (1 is the first data row)."""

    changes: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    plan: dict = field(default_factory=dict)

    @property
    def can_apply(self) -> bool:
        return not self.errors and bool(self.plan)


def export_products(file_format: str) -> bytes | str:
    """The commercial fields of every product, ordered by SKU, in `file_format` ("csv" or "xlsx"); no CSV cell
    reads as a formula (an XLSX file keeps text cells as text)."""
    dataset = ProductResource().export(Product.objects.order_by("sku").prefetch_related("variants"))
    if file_format == "csv":
        dataset = Dataset(*([safe_text(cell) for cell in row] for row in dataset), headers=dataset.headers)
    return FORMATS[file_format].export_data(dataset)


def read_spreadsheet(upload) -> Dataset:
    """The uploaded file's rows, or a SpreadsheetError saying why it cannot be read."""
    file_format = FORMATS.get(upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else "")
    if file_format is None:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    content = upload.read()
    try:
        if not file_format.is_binary():
            content = content.decode("utf-8-sig")
        dataset = file_format.create_dataset(content)
    except (
        UnicodeDecodeError,
        ValueError,
        KeyError,
        IndexError,
        zipfile.BadZipFile,
        InvalidFileException,
        InvalidDimensions,
        UnsupportedFormat,
    ):
        raise SpreadsheetError(_("This file could not be read as a spreadsheet.")) from None
    return normalised(dataset)


def normalised(dataset: Dataset) -> Dataset:
    headers = [str(header or "").strip().lower() for header in (dataset.headers or [])]
    if "sku" not in headers:
        raise SpreadsheetError(_("The first row must name the columns, with one called “sku”."))
    if not set(IMPORTED_FIELDS) & set(headers):
        raise SpreadsheetError(
            _("The file has none of the columns %(columns)s.") % {"columns": ", ".join(IMPORTED_FIELDS)}
        )
    if len(dataset) > MAX_ROWS:
        raise SpreadsheetError(_("The file has more than %(count)d rows.") % {"count": MAX_ROWS})
    dataset.headers = headers
    return dataset


def to_csv(dataset: Dataset) -> str:
    """The rows as CSV text, carried by the confirmation form (read and checked again on confirmation)."""
    return dataset.export("csv")


def from_csv(text: str) -> Dataset:
    try:
        return normalised(Dataset().load(text, format="csv"))
    except (InvalidDimensions, UnsupportedFormat, ValueError):
        raise SpreadsheetError(_("This file could not be read as a spreadsheet.")) from None


def preview_import(dataset: Dataset) -> ImportPreview:
    """Check every row and list every change without writing anything."""
    resource = ProductResource()
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    preview = ImportPreview(plan=resource.plan)
    for invalid in result.invalid_rows:
        for messages in invalid.error_dict.values():
            preview.errors += [(invalid.number, str(message)) for message in messages]
    for number, row_errors in result.row_errors():
        preview.errors += [(number, _("This row could not be read.")) for _error in row_errors]
    preview.errors += [(0, _("This file could not be read as a spreadsheet.")) for _error in result.base_errors]
    products = Product.objects.prefetch_related("variants").in_bulk(list(resource.plan))
    stock_changed = [
        pk for pk, values in resource.plan.items() if values.get("stock", products[pk].stock) != products[pk].stock
    ]
    for sku in multi_variant_skus(stock_changed):
        message = _("%(sku)s has several variants: set their stock in the product's form.") % {"sku": sku}
        preview.errors.append((resource.row_numbers.get(sku, 0), message))
    preview.errors.sort()
    for pk, values in sorted(resource.plan.items(), key=lambda item: products[item[0]].sku):
        product = products[pk]
        changed = [
            {"field": field_label(name), "before": getattr(product, name), "after": value}
            for name, value in values.items()
            if getattr(product, name) != value
        ]
        if changed:
            preview.changes.append({"product": product, "fields": changed})
    return preview


def apply_import(dataset: Dataset, *, by) -> list[Product]:
    """Check the rows again and, if none has an error, write every change at once; the products changed."""
    preview = preview_import(dataset)
    if preview.errors:
        raise SpreadsheetError(_("The file has errors: nothing was changed."))
    return apply_commercial_plan(preview.plan, by=by)

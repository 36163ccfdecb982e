"""Orders to spreadsheets (CSV and XLSX): one row per order line, the order's columns repeated on each.

Amounts are in the order's currency (its "Currency" column); the last columns give its market, the exchange rate
frozen when it was placed, and its total in the base currency at that rate (empty for an order placed without a
rate), so that a bookkeeper can add orders of every market up.

Customers type names and addresses, so no cell may become a formula when a shop manager opens the file
(`storefront.spreadsheets.safe_text`; in XLSX every text cell is stored as text, so it is never evaluated).
"""

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order
from storefront.spreadsheets import safe_text

COLUMNS = [
    (_("Order"), lambda order, line: order.number),
    (_("Placed (UTC)"), lambda order, line: timezone.localtime(order.created_at, datetime.UTC).replace(tzinfo=None)),
    (_("Status"), lambda order, line: order.get_status_display()),
    (_("Language"), lambda order, line: order.language),
    (_("Currency"), lambda order, line: order.currency.upper()),
    (_("First name"), lambda order, line: order.first_name),
    (_("Last name"), lambda order, line: order.last_name),
    (_("Email"), lambda order, line: order.email),
    (_("Address"), lambda order, line: order.address),
    (_("Postal code"), lambda order, line: order.postal_code),
    (_("City"), lambda order, line: order.city),
    (_("Country"), lambda order, line: order.country),
    (_("Tax ID"), lambda order, line: order.tax_id),
    (_("Subtotal"), lambda order, line: order.subtotal),
    (_("Discount"), lambda order, line: order.discount),
    (_("Shipping method"), lambda order, line: order.shipping_name),
    (_("Shipping"), lambda order, line: order.shipping_price),
    (_("Prices include tax"), lambda order, line: order.prices_include_tax),
    (_("Tax"), lambda order, line: order.tax),
    (_("Total"), lambda order, line: order.total),
    (_("SKU"), lambda order, line: line.sku if line else ""),
    (_("Product"), lambda order, line: line.title if line else ""),
    (_("Unit price"), lambda order, line: line.unit_price if line else ""),
    (_("Quantity"), lambda order, line: line.quantity if line else ""),
    (_("Line total"), lambda order, line: line.line_total if line else ""),
    (_("Line discount"), lambda order, line: line.discount if line else ""),
    (_("Tax rate (%)"), lambda order, line: line.tax_rate if line else ""),
    (_("Line net"), lambda order, line: line.net if line else ""),
    (_("Line tax"), lambda order, line: line.tax if line else ""),
    (_("Line gross"), lambda order, line: line.gross if line else ""),
    (_("Market"), lambda order, line: order.market_name),
    (_("Exchange rate"), lambda order, line: order.exchange_rate if order.exchange_rate is not None else ""),
    (_("Total in base currency"), lambda order, line: order.base_total if order.base_total is not None else ""),
]


def base_currency_heading() -> str:
    """The base-currency total's heading names the currency: "Total in base currency (USD)"."""
    return f"{_('Total in base currency')} ({settings.BASE_CURRENCY.upper()})"


def headings() -> list[str]:
    return [str(heading) for heading, _value in COLUMNS[:-1]] + [base_currency_heading()]


def rows(orders: Iterable[Order]):
    """Lists of raw values (str, Decimal, int, naive UTC datetime), one per line of each order."""
    for order in orders:
        for line in list(order.lines.all()) or [None]:
            yield [value(order, line) for _heading, value in COLUMNS]


def with_lines(orders):
    """The orders with their lines in two queries, oldest first (the order a bookkeeper reads them)."""
    pks = [order.pk for order in orders]
    return Order.objects.filter(pk__in=pks).order_by("created_at", "pk").prefetch_related("lines")


class _Echo:
    def write(self, value):
        return value


def csv_response(orders, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # a byte order mark, so that spreadsheet programs read the file as UTF-8
        yield writer.writerow(headings())
        for row in rows(with_lines(orders)):
            yield writer.writerow([safe_text(value) for value in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(orders) -> bytes:
    # openpyxl is loaded by the first spreadsheet export, not by every process that imports the admin.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Orders"))[:31])
    sheet.append(headings())
    for row in rows(with_lines(orders)):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even when it starts with "="
            elif isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(value, Decimal):
                cell.number_format = "0.00"
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(orders, filename: str) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(orders), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

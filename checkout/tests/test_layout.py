"""The checkout app's structure: models in sub-packages keep their app label and tables (existing databases
read as before), every task lives in `checkout/tasks.py` under the name it was queued with, and no module
hides an import circle inside a function."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

import checkout
from checkout.models import Invoice, Order, OrderEvent, OrderLine, PaymentEvent
from storefront.celery import app as celery_app

CHECKOUT = Path(checkout.__file__).parent
# Imports that may wait for first use: heavy libraries only a few code paths need, and Django's check
# registration and signal receivers (the tasks'), which its documentation puts in `AppConfig.ready()`.
LATE_IMPORTS_ALLOWED = {
    "weasyprint",
    "weasyprint.urls",
    "weasyprint.text.fonts",
    "facturx",  # with pypdf: only the processes that read a stored document back need it
    "openpyxl",
    "openpyxl.cell",
    "payments.providers",
    "tasks",
}


@pytest.mark.parametrize(
    ("model", "table"),
    [
        (Order, "checkout_order"),
        (OrderLine, "checkout_orderline"),
        (OrderEvent, "checkout_orderevent"),
        (PaymentEvent, "checkout_paymentevent"),
        (Invoice, "checkout_invoice"),
    ],
)
def test_relocated_models_keep_their_app_label_and_table(model, table):
    assert model._meta.app_label == "checkout"
    assert model._meta.db_table == table
    assert apps.get_model("checkout", model.__name__) is model


@pytest.mark.django_db
def test_rows_written_with_the_migrated_schema_are_read_by_the_relocated_models(catalog):
    """What an existing database holds (rows shaped by the last migration's models) reads through today's."""
    loader = MigrationLoader(connection)
    state = loader.project_state(loader.graph.leaf_nodes("checkout")[0]).apps
    HistoricalOrder = state.get_model("checkout", "Order")
    HistoricalLine = state.get_model("checkout", "OrderLine")
    HistoricalInvoice = state.get_model("checkout", "Invoice")
    kettle = catalog["kettle"]["en"].product
    old = HistoricalOrder.objects.create(
        number="SF-000777",
        token="t" * 32,
        status="paid",
        language="es",
        currency="usd",
        subtotal="49.00",
        total="49.00",
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.com",
        address="1 Analytical Row",
        postal_code="12345",
        city="London",
        country="GB",
        reserved_until=timezone.now(),
        paid_at=timezone.now(),
    )
    HistoricalLine.objects.create(
        order=old, product_id=kettle.pk, sku="KET-1", title="Hervidor", unit_price="24.50", quantity=2
    )
    HistoricalInvoice.objects.create(order=old, number=7)

    order = Order.objects.get(number="SF-000777")

    assert order.is_paid and order.token == "t" * 32
    assert [(line.sku, line.quantity, str(line.line_total)) for line in order.lines.all()] == [("KET-1", 2, "49.00")]
    assert order.invoice.number == 7


def test_every_task_of_the_app_is_defined_in_its_tasks_module_under_its_queued_name():
    import checkout.tasks  # noqa: F401 (what Celery's autodiscovery imports)

    names = {name: task.__module__ for name, task in celery_app.tasks.items() if name.startswith("checkout.")}

    assert names == {
        "checkout.tasks.send_order_confirmation": "checkout.tasks",
        "checkout.tasks.send_order_status_email": "checkout.tasks",
        "checkout.invoice_tasks.issue_invoice": "checkout.tasks",
        "checkout.tasks.expire_unpaid_orders": "checkout.tasks",
        "checkout.tasks.catch_up_emails": "checkout.tasks",
        "checkout.tasks.make_good_refund": "checkout.tasks",
        "checkout.tasks.issue_credit_note": "checkout.tasks",
    }
    defining = sorted(
        str(path.relative_to(CHECKOUT))
        for path in CHECKOUT.rglob("*.py")
        if "tests" not in path.parts and "shared_task" in path.read_text()
    )
    assert defining == ["tasks.py"]


def late_imports(path: Path) -> list[str]:
    """The modules a file imports inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom):
                    found.append(inner.module or ".".join(alias.name for alias in inner.names))
                elif isinstance(inner, ast.Import):
                    found.extend(alias.name for alias in inner.names)
    return found


def test_no_checkout_module_imports_inside_a_function_to_dodge_a_circle():
    offenders = {
        str(path.relative_to(CHECKOUT)): modules
        for path in CHECKOUT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        if (modules := [m for m in late_imports(path) if m not in LATE_IMPORTS_ALLOWED])
    }
    assert offenders == {}


def test_no_sub_package_of_checkout_is_a_flat_folder_of_more_than_a_dozen_modules():
    packages = (p for p in CHECKOUT.iterdir() if (p / "__init__.py").exists() and p.name not in ("tests", "migrations"))
    folders = [CHECKOUT, *packages]
    sizes = {folder.name: len(list(folder.glob("*.py"))) for folder in folders}
    assert max(sizes.values()) <= 12, sizes

"""Credit notes issued at the same moment on PostgreSQL: real threads, each with its own connection and
transaction, meeting at a barrier before they ask for a number."""

import threading

import pytest

from checkout.invoices.credit_notes import assign_credit_note
from checkout.models import CreditNote, Invoice

from .test_concurrency import in_thread
from .test_credit_notes import paid_order, refund_kettle

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def together(barrier, refund):
    barrier.wait(timeout=10)
    return assign_credit_note(refund)


def test_refunds_credited_at_once_take_consecutive_numbers(queued_credit_notes):
    # Given six refunds of six orders that have no invoice yet
    refunds = [refund_kettle(paid_order("en")) for _ in range(6)]
    barrier = threading.Barrier(len(refunds))

    # When their credit notes are issued at the same moment
    runs = [in_thread(together, barrier, refund) for refund in refunds]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    # Then every one got a credit note, numbered 1 to 6 without a gap, each referring to its order's invoice
    outcomes = [outcome[0] for _thread, outcome in runs]
    assert all(isinstance(outcome, CreditNote) for outcome in outcomes), outcomes
    assert sorted(CreditNote.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    for credit_note in CreditNote.objects.select_related("refund", "invoice"):
        assert credit_note.invoice.order_id == credit_note.refund.order_id


def test_one_refund_credited_twice_at_once_gets_one_number(queued_credit_notes):
    refund = refund_kettle(paid_order("en"))
    barrier = threading.Barrier(2)

    runs = [in_thread(together, barrier, refund) for _ in range(2)]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    first, second = (outcome[0] for _thread, outcome in runs)
    assert (first.pk, first.number) == (second.pk, second.number) == (CreditNote.objects.get().pk, 1)

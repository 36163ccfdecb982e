"""What checkout's orders and refunds announce once their transaction commits, for `checkout.tasks` to queue.

Orders and refunds sit below the tasks (which import them to run), so they never queue a task themselves: they
send these signals from `transaction.on_commit(..., robust=True)` (a broker that is down fails the queueing, not
the change; the catch-up task queues it again), and `checkout.tasks` connects the receivers that queue the task.

- `order_placed(order_pk)`: the "order received" email is due (`send_order_confirmation`).
- `status_email_due(order_pk, status)`: the email about the order's new status is due (`send_order_status_email`).
- `credit_note_due(refund_pk)`: a refund of the order's payment succeeded; its credit note is to be issued and
  emailed (`issue_credit_note`).
- `make_good_due(refund_pk)`: a payment that could not be applied is to be given back, and its customer told
  (`make_good_refund`).
"""

from django.dispatch import Signal

order_placed = Signal()
status_email_due = Signal()
credit_note_due = Signal()
make_good_due = Signal()

"""Every task of the shop has soft and hard time limits: none can hold a worker (or an email claim) forever."""

from storefront.celery import app


def test_every_checkout_task_has_soft_and_hard_time_limits():
    tasks = {name: task for name, task in app.tasks.items() if name.startswith("checkout.")}

    assert sorted(tasks) == [
        "checkout.invoice_tasks.issue_invoice",
        "checkout.tasks.catch_up_emails",
        "checkout.tasks.expire_unpaid_orders",
        "checkout.tasks.issue_credit_note",
        "checkout.tasks.make_good_refund",
        "checkout.tasks.send_order_confirmation",
        "checkout.tasks.send_order_status_email",
    ]
    for task in tasks.values():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert (task.name, soft, hard) == (task.name, 120, 180)


def test_an_email_claim_outlives_every_task(settings):
    assert settings.EMAIL_CLAIM_SECONDS == app.conf.task_time_limit + 60

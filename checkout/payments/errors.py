"""Why a payment could not start or go through, told twice: to the shopper (translated) and to the log.

The views turn a `PaymentError` into a message for the shopper and leave the order payable; the log line
(with the order number) is for the developer.
"""

from django.utils.translation import gettext_lazy as _


class PaymentError(Exception):
    """A payment could not be started or completed; the order is unchanged and still payable if it was."""

    shopper_message = _("We could not start the payment. Please try again in a few minutes.")

    def __init__(self, log_message: str, shopper_message=None):
        super().__init__(log_message)
        if shopper_message is not None:
            self.shopper_message = shopper_message


class PaymentUnavailable(PaymentError):
    """The payment provider could not be reached, timed out or failed on its side; trying again may work."""

    shopper_message = _(
        "The payment service is not responding right now. Your order is kept: please try again in a few minutes."
    )


class PaymentDeclined(PaymentError):
    """The card or payment method was refused; another one may work."""

    shopper_message = _("Your card was declined. Please try another card.")


class BelowMinimumCharge(PaymentError):
    """The order's total is above zero but below the smallest amount the provider charges in its currency."""

    def __init__(self, log_message: str, total: str, minimum: str):
        super().__init__(
            log_message,
            shopper_message=_(
                "This order's total (%(total)s) is below the smallest amount our payment provider can charge "
                "(%(minimum)s). Please add products to your cart to reach it and order again."
            )
            % {"total": total, "minimum": minimum},
        )


class OrderNotPayable(PaymentError):
    """The order is already paid, or no longer pending (cancelled, expired, failed)."""

    shopper_message = _("This order can no longer be paid.")

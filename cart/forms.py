"""The cart's forms: what a shopper may send, checked before the cart changes.

Quantities are whole numbers written with ASCII digits, from 1 to what is in stock and never above
`CART_MAX_LINE_QUANTITY`. A field sent twice, a variant that is missing, unpublished or not for sale, and
anything else odd gets a translated message; the cart changes only when the whole form is valid.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from products import inventory
from products.inventory import max_line_quantity
from products.models import ProductVariant
from products.variant_picker import FIELD_PREFIX, VariantChoiceError, resolve

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)
NEGATIVE = re.compile(r"[-\u2212][0-9]+", re.ASCII)
NOT_AVAILABLE = _("Sorry, this product is not available.")
NOT_SOLD_HERE = _("Sorry, this product is not sold in your market.")


class QuantityField(forms.Field):
    default_error_messages = {
        "required": _("Enter how many you want."),
        "invalid": _("Enter the quantity as a whole number, such as 1 or 2."),
        "min_value": _("The quantity must be at least 1."),
    }

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if not WHOLE_NUMBER.fullmatch(value):
            if value.isascii() and value.isdigit():
                return max_line_quantity() + 1  # more digits than any stock: "too many", not "not a number"
            if NEGATIVE.fullmatch(value):
                raise ValidationError(self.error_messages["min_value"], code="min_value")
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 1:
            raise ValidationError(self.error_messages["min_value"], code="min_value")


class VariantField(forms.Field):
    """A variant pk; cleans to a `ProductVariant` a shopper may buy now."""

    default_error_messages = {"required": NOT_AVAILABLE, "unavailable": NOT_AVAILABLE}

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset
        super().__init__(widget=forms.HiddenInput, **kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if not WHOLE_NUMBER.fullmatch(value):
            raise ValidationError(self.error_messages["unavailable"], code="unavailable")
        variant = self.get_queryset().filter(pk=int(value)).select_related("product").first()
        if variant is None:
            raise ValidationError(self.error_messages["unavailable"], code="unavailable")
        return variant

    def get_queryset(self):
        return self.queryset if self.queryset is not None else inventory.purchasable(ProductVariant.objects.all())


class CartForm(forms.Form):
    """Base: knows the cart, refuses repeated fields, and keeps quantities within stock and the line limit."""

    SINGLE_VALUED = ("variant", "quantity")

    def __init__(self, data=None, *, cart, **kwargs):
        self.cart = cart
        super().__init__(data, **kwargs)

    def clean(self):
        getlist = getattr(self.data, "getlist", None)
        if getlist and any(len(getlist(name)) > 1 for name in self.SINGLE_VALUED):
            raise ValidationError(_("The form was sent with a field twice. Please try again."), code="repeated")
        return super().clean()

    def check_limit(self, variant, quantity: int, in_cart: int = 0):
        """Raise a `ValidationError` if the line would hold more than the stock or the per-line maximum."""
        limit = max_line_quantity()
        if not inventory.has_stock(variant):
            raise ValidationError(_("Sorry, this product is out of stock."), code="out_of_stock")
        if quantity <= inventory.most_per_line(variant):
            return
        if variant.stock < limit:
            message = ngettext(
                "Only %(count)d unit is in stock.",
                "Only %(count)d units are in stock.",
                variant.stock,
            ) % {"count": variant.stock}
        else:
            message = ngettext(
                "You can order at most %(count)d unit of a product.",
                "You can order at most %(count)d units of a product.",
                limit,
            ) % {"count": limit}
        if in_cart:
            message += " " + ngettext(
                "Your cart already holds %(count)d.",
                "Your cart already holds %(count)d.",
                in_cart,
            ) % {"count": in_cart}
        raise ValidationError(message, code="too_many")

    def first_errors(self) -> list[str]:
        """One message per problem, for the messages framework."""
        messages = []
        for errors in self.errors.values():
            if errors and errors[0] not in messages:
                messages.append(errors[0])
        return messages


class AddToCartForm(CartForm):
    """`variant`: the chosen variant's pk (a product without options, a card, the confirmation page); or `product`
    with one `option-<type pk>` per option type (the product page's picker), resolved to the variant with exactly
    those values (`products.variant_picker.resolve`). Either way `cleaned_data["variant"]` is the variant."""

    variant = VariantField(required=False)
    product = forms.CharField(required=False, widget=forms.HiddenInput)
    quantity = QuantityField(initial=1)

    def clean(self):
        getlist = getattr(self.data, "getlist", None)
        if getlist and any(len(getlist(name)) > 1 for name in self.data if name.startswith(FIELD_PREFIX)):
            raise ValidationError(_("The form was sent with a field twice. Please try again."), code="repeated")
        cleaned = super().clean()
        if "variant" in cleaned and cleaned["variant"] is None and "variant" not in self.errors:
            cleaned["variant"] = self._chosen_by_options(cleaned.get("product") or "")
        variant, quantity = cleaned.get("variant"), cleaned.get("quantity")
        if variant and self.cart.price_of(variant) is None:  # no price in the shopper's market: never added at 0
            raise ValidationError(NOT_SOLD_HERE, code="not_sold_here")
        if variant and quantity:
            in_cart = self.cart.quantity_of(variant)
            self.check_limit(variant, in_cart + quantity, in_cart)
        return cleaned

    def _chosen_by_options(self, product: str):
        """The product's variant named by the posted options; a `ValidationError` telling what to choose otherwise."""
        product = product.strip()
        if not WHOLE_NUMBER.fullmatch(product):
            raise ValidationError(NOT_AVAILABLE, code="unavailable")
        variants = list(
            inventory.purchasable(ProductVariant.objects.filter(product_id=int(product))).select_related("product")
        )
        if not variants:
            raise ValidationError(NOT_AVAILABLE, code="unavailable")
        try:
            return resolve(variants, self.data)
        except VariantChoiceError as error:
            raise ValidationError(error.message, code="invalid_choice") from error


class UpdateQuantityForm(CartForm):
    variant = VariantField()
    quantity = QuantityField()

    def clean(self):
        cleaned = super().clean()
        variant, quantity = cleaned.get("variant"), cleaned.get("quantity")
        if variant and quantity:
            if not self.cart.quantity_of(variant):
                raise ValidationError(_("This product is not in your cart."), code="not_in_cart")
            self.check_limit(variant, quantity)
        return cleaned


class RemoveForm(CartForm):
    """Removing works for any variant in the cart, even one that is no longer sold or no longer exists."""

    variant = forms.CharField(widget=forms.HiddenInput, error_messages={"required": NOT_AVAILABLE})

    def clean_variant(self):
        value = self.cleaned_data["variant"].strip()
        if not WHOLE_NUMBER.fullmatch(value) or not self.cart.contains(int(value)):
            raise ValidationError(_("This product is not in your cart."), code="not_in_cart")
        return int(value)

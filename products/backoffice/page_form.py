"""The product page's admin form, with the product's commercial fields in it: one step to add a product.

Adding a page under a category, the editor either picks an existing product in the chooser or enters a new
one's SKU, price, stock and "for sale"; the new `Product` is saved with the page, in the page's transaction
(`ProductPage.save`, which gives it its one variant with that SKU and stock), so a page that fails validation
(a duplicate SKU, a negative price) leaves no product behind. Editing a page shows its product's commercial
fields: users with the right to change products edit them (through `products.services`, audited, in every
language at once, even when the page is only saved as a draft); everyone else — translators included — sees
them read-only. The fields belong to the product, not to the page: they are never part of a revision or a
translation. Stock is its variants': the form's stock is a product's one variant's, read-only for a product
with several variants (set per variant in the product's form).

Attached to `ProductPage` in `ProductsConfig.ready` (this module writes through `products.services`, which
imports the models).
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..models import Product, ProductVariant
from ..services import apply_commercial_plan
from .forms import remember_value_shown

PRODUCT_RIGHT = "products.change_product"
# Form field → Product field.
COMMERCIAL_FORM_FIELDS = {
    "product_sku": "sku",
    "product_price": "price",
    "product_stock": "stock",
    "product_for_sale": "for_sale",
}


def commercial_form_field(name):
    model = ProductVariant if name == "stock" else Product
    return model._meta.get_field(name).formfield(required=False)


class ProductPageForm(WagtailAdminPageForm):
    product_sku = commercial_form_field("sku")
    product_price = commercial_form_field("price")
    product_stock = commercial_form_field("stock")
    product_for_sale = commercial_form_field("for_sale")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = self.instance._state.adding
        self.may_change_products = bool(self.for_user and self.for_user.has_perm(PRODUCT_RIGHT))
        if "product" in self.fields:
            self.fields["product"].required = False
            if self.adding:
                self.fields["product"].help_text = _("Pick an existing product, or enter a new one's SKU and price.")
                self.open_chooser_without_pages_here()
        product = None if self.adding else self.instance.product
        for form_name, name in COMMERCIAL_FORM_FIELDS.items():
            field = self.fields[form_name]
            if product is not None:
                self.initial[form_name] = getattr(product, name)
                # The SKU is edited on the product itself, where it is unique.
                field.disabled = name == "sku" or not self.may_change_products
                if name == "stock" and product.has_options:
                    field.disabled = True
                    field.help_text = _("This product has several variants: set their stock in the product's form.")
                if name != "sku":
                    remember_value_shown(field)
            elif self.adding:
                field.disabled = not self.may_change_products
        if self.adding and "product_for_sale" in self.fields:
            self.initial.setdefault("product_for_sale", True)
        self.new_product = None

    def open_chooser_without_pages_here(self):
        """The product chooser opens on the products that have no page yet in the new page's language."""
        if self.parent_page is None:
            return
        widget = self.fields["product"].widget
        url = (
            f"{widget.get_chooser_modal_url()}?{urlencode({'without_page_in': self.parent_page.locale.language_code})}"
        )
        widget.get_chooser_modal_url = lambda: url

    def clean(self):
        cleaned = super().clean()
        if self.adding:
            self.new_product = self.product_to_create(cleaned)
        return cleaned

    def product_to_create(self, cleaned):
        """The unsaved `Product` a new page brings with it, or None when an existing one was chosen."""
        sku = cleaned.get("product_sku")
        if cleaned.get("product"):
            if sku:
                self.add_error("product_sku", _("Pick an existing product or enter a new one, not both."))
            return None
        if not self.may_change_products:
            self.add_error("product", _("Pick a product."))
            return None
        if not sku:
            self.add_error("product_sku", _("Enter the new product's SKU, or pick an existing product."))
        if cleaned.get("product_price") is None:
            self.add_error("product_price", _("Enter the new product's price."))
        if self.errors:
            return None
        product = Product(
            sku=sku,
            name=cleaned.get("title") or sku,
            price=cleaned["product_price"],
            for_sale=bool(cleaned.get("product_for_sale")),
        )
        # Its one variant is created with it (`ProductPage.save`), with the product's SKU and this stock.
        product.opening_stock = cleaned.get("product_stock") or 0
        try:
            product.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                form_name = f"product_{name}" if f"product_{name}" in self.fields else None
                for message in messages:
                    self.add_error(form_name, message)
            return None
        if ProductVariant.objects.filter(sku=sku).exists():
            self.add_error("product_sku", _("A variant already has this SKU."))
            return None
        return product

    def commercial_changes(self) -> dict:
        return {
            COMMERCIAL_FORM_FIELDS[form_name]: self.cleaned_data[form_name]
            for form_name in self.changed_data
            if form_name in COMMERCIAL_FORM_FIELDS and not self.fields[form_name].disabled
        }

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.new_product is not None:
            # Saved with the page, in its transaction (ProductPage.save).
            page.product = self.new_product
        elif not self.adding and self.may_change_products and (changes := self.commercial_changes()):
            apply_commercial_plan({self.instance.product_id: changes}, by=self.for_user)
        if commit:
            page.save()
            self.save_m2m()
        return page

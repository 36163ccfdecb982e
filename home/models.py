"""The home page of each locale: a hero and an editable body; the cart page's editable content."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

from products.blocks import BoughtTogetherBlock, ContentStreamBlock
from products.models import ProductIndexPage
from storefront import page_cache
from storefront.countries import country_names
from storefront.page_fragments import FragmentedPageMixin


class HomePage(FragmentedPageMixin, Page):
    """The root of a locale's tree; categories hang below it."""

    hero_heading = models.CharField(_("hero heading"), max_length=255, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")], _("Hero")),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["products.ProductIndexPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = (
            ProductIndexPage.objects.child_of(self).live().filter(alias_of__isnull=True).select_related("image")
        )
        # The hero and the category tiles are kept until a page is published, unpublished or moved.
        context["fragment_version"] = page_cache.fragment_versions("content")
        return context


@register_setting(icon="site")
class ShopSettings(BaseSiteSetting):
    """Who sells: the name in the header and the seller's details printed on invoices."""

    shop_name = models.CharField(_("shop name"), max_length=100, default="My Shop")
    seller_details = models.TextField(
        _("seller details"),
        blank=True,
        help_text=_("Legal name and address, as printed on invoices. Empty: the SELLER_DETAILS setting."),
    )
    seller_tax_id = models.CharField(
        _("seller tax ID"),
        max_length=32,
        blank=True,
        help_text=_(
            "VAT number printed on invoices and credit notes, with its country prefix, e.g. ESB12345678. Required "
            "for e-invoices. Empty: the SELLER_TAX_ID setting."
        ),
    )

    # The seller as machines read it in the e-invoice (`checkout.invoices.einvoice`, EN 16931): one field each.
    seller_legal_name = models.CharField(
        _("seller legal name"), max_length=200, blank=True, help_text=_("As registered. Empty: the shop name.")
    )
    seller_street = models.CharField(_("seller street address"), max_length=250, blank=True)
    seller_postal_code = models.CharField(_("seller postal code"), max_length=20, blank=True)
    seller_city = models.CharField(_("seller city"), max_length=100, blank=True)
    seller_country = models.CharField(
        _("seller country"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166 country code, e.g. ES. Required for e-invoices. Empty: the SELLER_COUNTRY setting."),
    )
    seller_legal_form = models.CharField(
        _("seller legal form"),
        max_length=200,
        blank=True,
        help_text=_("E.g. S.L., share capital 3,000 EUR. Printed on invoices and given in the e-invoice."),
    )
    seller_registration = models.CharField(
        _("seller registration"),
        max_length=100,
        blank=True,
        help_text=_("Company register number, e.g. Registro Mercantil de Barcelona B12345678."),
    )
    payment_terms = models.TextField(
        _("payment terms"),
        blank=True,
        help_text=_("E.g. Paid by card at checkout. Required for e-invoices only when an amount is left to pay."),
    )

    panels = [
        FieldPanel("shop_name"),
        FieldPanel("seller_details"),
        FieldPanel("seller_tax_id"),
        MultiFieldPanel(
            [
                FieldPanel("seller_legal_name"),
                FieldPanel("seller_street"),
                FieldPanel("seller_postal_code"),
                FieldPanel("seller_city"),
                FieldPanel("seller_country"),
                FieldPanel("seller_legal_form"),
                FieldPanel("seller_registration"),
                FieldPanel("payment_terms"),
            ],
            heading=_("E-invoices (Factur-X / ZUGFeRD)"),
        ),
    ]

    class Meta:
        verbose_name = _("shop settings")

    def clean(self):
        """The seller's country and VAT number as the e-invoice needs them: a known ISO code, a VAT number that starts
        with its country's code (EN 16931, BR-CO-09). Either may stay empty: the settings' fallbacks apply, and a
        document that would lack one is not issued (`checkout.invoices.einvoice`)."""
        super().clean()
        errors = {}
        self.seller_country = self.seller_country.strip().upper()
        if self.seller_country and self.seller_country not in country_names("en"):
            errors["seller_country"] = _("Unknown country code: use the two letters of ISO 3166, e.g. ES.")
        self.seller_tax_id = self.seller_tax_id.replace(" ", "").upper()
        if self.seller_tax_id and not (self.seller_tax_id[:2].isalpha() and self.seller_tax_id.isalnum()):
            errors["seller_tax_id"] = _("A VAT number starts with its country's code, e.g. ESB12345678.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def cache_key(site_id) -> str:
        return f"shop-settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        """Wagtail's `for_site`, kept in the cache: every page's header and footer show the shop's name."""
        if site is None:
            return super().for_site(site)
        instance = cache.get(cls.cache_key(site.pk))
        if instance is None:
            instance = super().for_site(site)
            cache.set(cls.cache_key(site.pk), instance, timeout=None)
        return instance

    def save(self, *args, **kwargs):
        edited = not self._state.adding  # not the defaults `for_site` creates on a site's first page view
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
        if edited:
            transaction.on_commit(page_cache.purge_everything)  # the name is in every page's header and footer

    def delete(self, *args, **kwargs):
        cache.delete(self.cache_key(self.site_id))
        transaction.on_commit(page_cache.purge_everything)
        return super().delete(*args, **kwargs)


class CartContentStreamBlock(blocks.StreamBlock):
    """What editors may put around the cart: text and "Bought together" suggestions for the cart."""

    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    bought_together = BoughtTogetherBlock()


@register_snippet
class CartPageContent(TranslatableMixin, models.Model):
    """The editable content shown under the cart, one per locale (translated with wagtail-localize)."""

    body = StreamField(CartContentStreamBlock(), verbose_name=_("body"), blank=True)

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("cart page content")
        verbose_name_plural = _("cart page content")

    def __str__(self):
        return str(_("Cart page content (%(language)s)") % {"language": self.locale.get_display_name()})

    def clean(self):
        super().clean()
        if self.locale_id and CartPageContent.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk).exists():
            raise ValidationError(_("The cart page already has content in this language: edit that one instead."))

    @classmethod
    def for_locale(cls, locale=None):
        """The content for `locale` (default: the active one), else the default locale's, else None."""
        locale = locale or Locale.get_active()
        contents = cls.objects.order_by("pk")
        return contents.filter(locale=locale).first() or contents.filter(locale=Locale.get_default()).first()

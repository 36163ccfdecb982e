"""The home page of each locale: a hero and an editable body."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from products.blocks import ContentStreamBlock


class HomePage(Page):
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
        from products.models import ProductIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = (
            self.get_children().live().type(ProductIndexPage).filter(alias_of__isnull=True).specific()
        )
        return context


@register_setting(icon="site")
class ShopSettings(BaseSiteSetting):
    """Who sells: the name in the header and the seller's details printed on invoices."""

    shop_name = models.CharField(_("shop name"), max_length=100, default="My Shop")
    seller_details = models.TextField(
        _("seller details"),
        blank=True,
        help_text=_("Legal name, address and tax number, as printed on invoices. Empty: the SELLER_DETAILS setting."),
    )

    panels = [FieldPanel("shop_name"), FieldPanel("seller_details")]

    class Meta:
        verbose_name = _("shop settings")

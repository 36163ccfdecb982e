"""The demo shop's shipping and taxes: four zones (Spain, the rest of the EU, Russia, the USA), their methods in
English, Spanish and Russian with the free delivery from 50 its texts promise (checkout prints the threshold as
money, so the descriptions leave it out), the tax rates of the countries it ships to, and weights and tax classes for
the demo products, and the seller's tax ID the invoices print. Idempotent: what exists is left as it is."""

from decimal import Decimal as D

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

from checkout.models import ShippingMethod, ShippingZone, TaxRate
from home.models import ShopSettings
from products.models import Product, TaxClass

FREE_FROM = D("50.00")
# A Spanish VAT number's shape, for the demo seller in Barcelona (SELLER_DETAILS).
SELLER_TAX_ID = "ESB00000000"
EU_OTHERS = ["AT", "BE", "DE", "DK", "FI", "FR", "IE", "IT", "LU", "NL", "PL", "PT", "SE"]
ZONES = {"Spain": ["ES"], "Rest of the EU": EU_OTHERS, "Russia": ["RU"], "USA": ["US"]}

# (zone, price, free from, max weight g, days, {language: (name, description)})
METHODS = [
    (
        "Spain",
        D("4.95"),
        FREE_FROM,
        20000,
        (2, 4),
        {
            "en": ("Standard delivery", "Tracked parcel."),
            "es": ("Envío estándar", "Paquete con seguimiento."),
            "ru": ("Стандартная доставка", "Посылка с отслеживанием."),
        },
    ),
    (
        "Spain",
        D("9.95"),
        None,
        10000,
        (1, 1),
        {
            "en": ("Express", "Next business day."),
            "es": ("Urgente", "Al siguiente día laborable."),
            "ru": ("Экспресс", "На следующий рабочий день."),
        },
    ),
    (
        "Rest of the EU",
        D("9.95"),
        FREE_FROM,
        20000,
        (3, 7),
        {
            "en": ("Standard delivery", "Tracked parcel."),
            "es": ("Envío estándar", "Paquete con seguimiento."),
            "ru": ("Стандартная доставка", "Посылка с отслеживанием."),
        },
    ),
    (
        "Russia",
        D("14.95"),
        FREE_FROM,
        20000,
        (7, 21),
        {
            "en": ("International post", "Tracked parcel."),
            "es": ("Correo internacional", "Paquete con seguimiento."),
            "ru": ("Международная почта", "Посылка с отслеживанием."),
        },
    ),
    (
        "USA",
        D("19.95"),
        FREE_FROM,
        20000,
        (5, 10),
        {
            "en": ("International courier", "Tracked parcel."),
            "es": ("Mensajería internacional", "Paquete con seguimiento."),
            "ru": ("Международная курьерская доставка", "Посылка с отслеживанием."),
        },
    ),
]

# (country, standard, reduced): the zero class is 0 % everywhere (no row needed).
RATES = [
    ("ES", D("21"), D("10")),
    ("DE", D("19"), D("7")),
    ("FR", D("20"), D("5.5")),
    ("IT", D("22"), D("10")),
    ("NL", D("21"), D("9")),
    ("PT", D("23"), D("6")),
    ("RU", D("20"), D("10")),
    ("US", D("0"), D("0")),
]

# Grams per unit by SKU prefix (packaging included), and the demo products taxed at the reduced rate (food, seeds).
WEIGHTS = {"KIT": 900, "COF": 600, "HOM": 800, "TRV": 500, "STA": 250, "GAR": 700}
REDUCED = {"COF-2007", "GAR-6005"}


@transaction.atomic
def ensure_shipping_and_taxes() -> None:
    zones = {}
    for name, countries in ZONES.items():
        zones[name], _created = ShippingZone.objects.get_or_create(name=name, defaults={"countries": countries})
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_locale = locales[settings.LANGUAGE_CODE]
    for order, (zone, price, free_from, max_weight, (min_days, max_days), texts) in enumerate(METHODS):
        name, description = texts[settings.LANGUAGE_CODE]
        method, created = ShippingMethod.objects.get_or_create(
            zone=zones[zone],
            name=name,
            locale=source_locale,
            defaults={
                "description": description,
                "price": price,
                "free_from": free_from,
                "max_weight": max_weight,
                "min_days": min_days,
                "max_days": max_days,
                "sort_order": order,
            },
        )
        for code, (translated_name, translated_description) in texts.items():
            if code in locales and code != settings.LANGUAGE_CODE and not method.has_translation(locales[code]):
                translation = method.copy_for_translation(locales[code])
                translation.name, translation.description = translated_name, translated_description
                translation.save()
    for country, standard, reduced in RATES:
        for tax_class, rate in ((TaxClass.STANDARD, standard), (TaxClass.REDUCED, reduced)):
            TaxRate.objects.get_or_create(country=country, tax_class=tax_class, defaults={"rate": rate})
    for prefix, grams in WEIGHTS.items():
        Product.objects.filter(sku__startswith=f"{prefix}-", weight=0).update(weight=grams)
    Product.objects.filter(sku__in=REDUCED).update(tax_class=TaxClass.REDUCED)


def ensure_seller_tax_id() -> None:
    """The default site's shop settings carry the demo seller's tax ID, unless a manager gave one already."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    shop, _created = ShopSettings.objects.get_or_create(site=site)
    if not shop.seller_tax_id:
        shop.seller_tax_id = SELLER_TAX_ID
        shop.save()

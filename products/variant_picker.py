"""The product page's variant picker: one named choice per option type (Colour, Size), and the variant a choice names.

A product's variants are combinations of option values, one value per option type. The page shows one radio group
per option type (a `fieldset` whose `legend` is the type's name) that posts `option-<type pk>=<value pk>`, with
`product=<product pk>`; `resolve()` finds the one variant with exactly those values, so the picker works without
JavaScript. Each value says, in words, when the combination it would make with the other choices does not exist or
is sold out (relative to the variant offered first; `js/shop.js` redoes it as the shopper changes a choice).

Invariants: option types and values are identified by the default language's pks (the ones variants point at);
names are shown in the active language, falling back to the default language's; a choice that names no variant of
the product raises `VariantChoiceError` with a translated message, never anything else.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .variants import LABEL_SEPARATOR, OptionType, OptionValue, ProductVariant

FIELD_PREFIX = "option-"
AVAILABLE, SOLD_OUT, MISSING = "available", "sold-out", "missing"


class VariantChoiceError(ValueError):
    """The posted options name no variant of the product; `message` tells the shopper, in their language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class OptionOf:
    """One option value of a variant, with the names shown to the shopper."""

    type_pk: int
    type_name: str
    value_pk: int
    value_name: str


@dataclass
class PickerChoice:
    pk: int
    name: str
    state: str = AVAILABLE
    checked: bool = False

    @property
    def state_text(self) -> str:
        """Said next to the value's name (text, not colour only): empty when the combination can be bought."""
        return state_texts().get(self.state, "")


@dataclass
class PickerGroup:
    pk: int
    name: str
    choices: list[PickerChoice] = field(default_factory=list)

    @property
    def field_name(self) -> str:
        return f"{FIELD_PREFIX}{self.pk}"


@dataclass
class Picker:
    """What the template draws: the groups in option type order, and the variants' data for `js/shop.js`."""

    product_pk: int
    groups: list[PickerGroup]
    variants_json: str


def state_texts() -> dict[str, str]:
    """What a value says when its combination cannot be bought, in the active language (the stock badge's words)."""
    return {SOLD_OUT: _("Out of stock"), MISSING: _("Not available")}


def variant_options(variants: Sequence[ProductVariant], language_code: str | None = None) -> dict[int, list[OptionOf]]:
    """{variant pk: [OptionOf...] in option type order}, names in `language_code` (else the default language's).
    Three queries whatever the number of variants; an empty list for a variant without options."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    pks = [variant.pk for variant in variants]
    if not pks:
        return {}
    rows = list(
        ProductVariant.option_values.through.objects.filter(productvariant_id__in=pks)
        .order_by("optionvalue__option_type_id", "optionvalue__sort_order", "optionvalue_id")
        .values_list(
            "productvariant_id",
            "optionvalue__option_type_id",
            "optionvalue__option_type__translation_key",
            "optionvalue__option_type__name",
            "optionvalue_id",
            "optionvalue__translation_key",
            "optionvalue__name",
        )
    )
    value_names = dict(
        OptionValue.objects.filter(
            translation_key__in={row[5] for row in rows}, locale__language_code=language_code
        ).values_list("translation_key", "name")
    )
    type_names = dict(
        OptionType.objects.filter(
            translation_key__in={row[2] for row in rows}, locale__language_code=language_code
        ).values_list("translation_key", "name")
    )
    options: dict[int, list[OptionOf]] = {pk: [] for pk in pks}
    for variant_pk, type_pk, type_key, type_name, value_pk, value_key, value_name in rows:
        options[variant_pk].append(
            OptionOf(type_pk, type_names.get(type_key, type_name), value_pk, value_names.get(value_key, value_name))
        )
    return options


def options_label(options: Sequence[OptionOf]) -> str:
    """ "Red / M": the variant's values in option type order (`variants.variant_labels`' wording)."""
    return LABEL_SEPARATOR.join(option.value_name for option in options)


def _combination(options: list[OptionOf]) -> frozenset[int]:
    return frozenset(option.value_pk for option in options)


def build_picker(product_pk: int, choices: Sequence[tuple], chosen: ProductVariant, describe) -> Picker | None:
    """The picker for `choices` ([(variant, label)] for sale, in admin order) with `chosen` checked, or None when
    the variants have no options to choose between. `describe(variant)` gives the data `js/shop.js` shows for a
    variant (price, SKU, stock badge...), rendered by the caller in the page's language."""
    variants = [variant for variant, _label in choices]
    if all(hasattr(variant, "picked_options") for variant in variants):
        options = {variant.pk: variant.picked_options for variant in variants}  # read by `variant_choices`
    else:
        options = variant_options(variants)
    if not any(options.values()):
        return None
    by_combination = {_combination(options[variant.pk]): variant for variant in variants}
    groups: dict[int, PickerGroup] = {}
    for variant in variants:
        for option in options[variant.pk]:
            group = groups.setdefault(option.type_pk, PickerGroup(option.type_pk, option.type_name))
            if all(choice.pk != option.value_pk for choice in group.choices):
                group.choices.append(PickerChoice(option.value_pk, option.value_name))
    chosen_values = {option.type_pk: option.value_pk for option in options[chosen.pk]}
    for group in groups.values():
        for choice in group.choices:
            choice.checked = chosen_values.get(group.pk) == choice.pk
            variant = by_combination.get(frozenset({**chosen_values, group.pk: choice.pk}.values()))
            choice.state = MISSING if variant is None else (AVAILABLE if variant.stock > 0 else SOLD_OUT)
    data = {
        "states": state_texts(),
        "variants": [
            {"options": sorted(_combination(options[variant.pk])), **describe(variant)} for variant in variants
        ],
    }
    ordered = sorted(groups.values(), key=lambda group: group.pk)
    return Picker(product_pk, ordered, json.dumps(data, ensure_ascii=False))


def resolve(variants: Sequence[ProductVariant], posted: Mapping[str, str]) -> ProductVariant:
    """The one variant among `variants` (a product's, for sale) whose option values are those `posted`
    (`option-<type pk>` → value pk). Raises `VariantChoiceError` naming the option type that is missing or holds a
    value the product does not offer, or saying that the combination does not exist."""
    options = variant_options(variants)
    offered: dict[int, tuple[str, set[int]]] = {}
    for variant_options_ in options.values():
        for option in variant_options_:
            offered.setdefault(option.type_pk, (option.type_name, set()))[1].add(option.value_pk)
    chosen = set()
    for type_pk, (type_name, values) in sorted(offered.items()):
        raw = (posted.get(f"{FIELD_PREFIX}{type_pk}") or "").strip()
        if not raw:
            raise VariantChoiceError(_("Please choose a value for “%(option)s”.") % {"option": type_name})
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) in values):
            raise VariantChoiceError(
                _("Please choose one of the values offered for “%(option)s”.") % {"option": type_name}
            )
        chosen.add(int(raw))
    for variant in variants:
        if _combination(options[variant.pk]) == chosen:
            return variant
    raise VariantChoiceError(_("This combination is not available. Please choose another."))

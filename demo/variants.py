"""The demo's variants: option types and values in English, Spanish and Russian, and which demo products come in
several variants (a T-shirt in colours × sizes, a mug in two colours). Every other product has one variant
carrying its SKU and stock."""

from decimal import Decimal as D

from .content import T

OPTION_TYPES = {
    "colour": (
        T("Colour", "Color", "Цвет"),
        {
            "red": T("Red", "Rojo", "Красный"),
            "blue": T("Blue", "Azul", "Синий"),
            "white": T("White", "Blanco", "Белый"),
        },
    ),
    "size": (
        T("Size", "Talla", "Размер"),
        {"s": T("S", "S", "S"), "m": T("M", "M", "M"), "l": T("L", "L", "L")},
    ),
}

# Item SKU → [(variant SKU, {option type: value}, stock, own price or None)].
VARIANTS = {
    "TRV-4010": [
        (f"TRV-4010-{colour[:3].upper()}-{size.upper()}", {"colour": colour, "size": size}, stock, price)
        for colour, size, stock, price in (
            ("red", "s", 6, None),
            ("red", "m", 4, None),
            ("red", "l", 0, None),
            ("blue", "s", 5, None),
            ("blue", "m", 8, None),
            ("blue", "l", 3, D("38.00")),
        )
    ],
    "COF-2006": [
        ("COF-2006-BLU", {"colour": "blue"}, 50, None),
        ("COF-2006-WHT", {"colour": "white"}, 30, D("15.00")),
    ],
}

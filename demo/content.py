"""The demo shop's texts in English, Spanish and Russian, side by side.

Every text a shopper reads is a `T` holding its three versions, written by hand. The loader creates the
English pages from `.en` and hands the Spanish and Russian versions to wagtail-localize as the translations
of the English segments, so the translation editor shows them as done. The forty products are in `catalogue.py`.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class T:
    """One text in the shop's three languages."""

    en: str
    es: str
    ru: str

    def format(self, **values):
        """The same template filled in each language, e.g. with each language's product title."""
        return T(
            self.en.format(**{k: v.en for k, v in values.items()}),
            self.es.format(**{k: v.es for k, v in values.items()}),
            self.ru.format(**{k: v.ru for k, v in values.items()}),
        )


@dataclass(frozen=True)
class Quote:
    text: T
    attribution: T


@dataclass(frozen=True)
class Category:
    key: str
    title: T
    intro: T
    note: T  # a paragraph every product page of the category ends its description with
    colours: tuple[str, str]
    parent: str | None = None


@dataclass(frozen=True)
class Item:
    """A demo product: its commercial record and the texts of its page."""

    sku: str
    category: str
    title: T
    short: T
    text: T
    specs: tuple[tuple[T, T], ...]
    price: Decimal
    stock: int
    for_sale: bool = True
    quote: Quote | None = None
    photo: bool = False  # an image block in the body
    gallery: int = 3


# --- Units and numbers: decimal comma and local unit names in Spanish and Russian -----------------


def _number(value, comma):
    text = str(value)
    return text.replace(".", ",") if comma else text


def _measure(values, en, es, ru):
    def join(comma):
        return " × ".join(_number(v, comma) for v in values)

    return T(f"{join(False)} {en}", f"{join(True)} {es}", f"{join(True)} {ru}")


def cm(*values):
    return _measure(values, "cm", "cm", "см")


def ml(value):
    return _measure([value], "ml", "ml", "мл")


def litres(value):
    return _measure([value], "l", "l", "л")


def grams(value):
    return _measure([value], "g", "g", "г")


def kg(value):
    return _measure([value], "kg", "kg", "кг")


# --- Shared vocabulary ----------------------------------------------------------------------------

SPECIFICATIONS = T("Specifications", "Especificaciones", "Характеристики")
MATERIAL = T("Material", "Material", "Материал")
DIMENSIONS = T("Dimensions", "Dimensiones", "Размеры")
CAPACITY = T("Capacity", "Capacidad", "Объём")
WEIGHT = T("Weight", "Peso", "Вес")
DIAMETER = T("Diameter", "Diámetro", "Диаметр")
HEIGHT = T("Height", "Altura", "Высота")
LENGTH = T("Length", "Longitud", "Длина")
BLADE = T("Blade length", "Longitud de la hoja", "Длина клинка")
CARE = T("Care", "Cuidado", "Уход")
MADE_IN = T("Made in", "Fabricado en", "Страна производства")
CONTENTS = T("In the box", "Contenido", "Комплектация")
COLOUR = T("Colour", "Color", "Цвет")
POWER = T("Power", "Alimentación", "Питание")
BURN_TIME = T("Burn time", "Duración", "Время горения")
DENSITY = T("Density", "Densidad", "Плотность")
PAPER = T("Paper", "Papel", "Бумага")
PAGES = T("Pages", "Páginas", "Страницы")
NIB = T("Nib", "Plumín", "Перо")
CASE = T("Case", "Estuche", "Футляр")
SIZES = T("Sizes", "Tallas", "Размеры в наличии")

CHINA = T("China", "China", "Китай")
FRANCE = T("France", "Francia", "Франция")
GERMANY = T("Germany", "Alemania", "Германия")
INDIA = T("India", "India", "Индия")
ITALY = T("Italy", "Italia", "Италия")
JAPAN = T("Japan", "Japón", "Япония")
LITHUANIA = T("Lithuania", "Lituania", "Литва")
NETHERLANDS = T("Netherlands", "Países Bajos", "Нидерланды")
POLAND = T("Poland", "Polonia", "Польша")
PORTUGAL = T("Portugal", "Portugal", "Португалия")
SPAIN = T("Spain", "España", "Испания")
SWITZERLAND = T("Switzerland", "Suiza", "Швейцария")
TAIWAN = T("Taiwan", "Taiwán", "Тайвань")
TURKEY = T("Turkey", "Turquía", "Турция")
UK = T("United Kingdom", "Reino Unido", "Великобритания")
VIETNAM = T("Vietnam", "Vietnam", "Вьетнам")

DISHWASHER = T("Dishwasher safe", "Apto para lavavajillas", "Можно мыть в посудомоечной машине")
HAND_WASH = T("Hand wash only", "Lavar solo a mano", "Только ручная мойка")
WASH_30 = T("Machine wash at 30 °C", "Lavado a máquina a 30 °C", "Машинная стирка при 30 °C")
WASH_40 = T("Machine wash at 40 °C", "Lavado a máquina a 40 °C", "Машинная стирка при 40 °C")
WIPE = T("Wipe with a damp cloth", "Limpiar con un paño húmedo", "Протирать влажной тканью")
OIL = T(
    "Hand wash, oil now and then",
    "Lavar a mano y aceitar de vez en cuando",
    "Мыть вручную, время от времени смазывать маслом",
)

CAST_IRON = T("Cast iron", "Hierro fundido", "Чугун")
LINEN = T("100% linen", "100 % lino", "100 % лён")
PORCELAIN = T("Porcelain", "Porcelana", "Фарфор")
STAINLESS = T("Stainless steel", "Acero inoxidable", "Нержавеющая сталь")
STONEWARE = T("Glazed stoneware", "Gres esmaltado", "Глазурованная каменная керамика")

# Gallery captions, and alt texts built from each language's product title.
CAPTIONS = (
    T("Front view", "Vista frontal", "Вид спереди"),
    T("Close-up of the details", "Detalle de cerca", "Детали крупным планом"),
    T("At home", "En casa", "Дома"),
)
ALT_TEXTS = (
    T("{title}, seen from the front", "{title}, vista de frente", "{title}, вид спереди"),
    T("{title}: close-up", "{title}: detalle", "{title}: крупный план"),
    T("{title} at home", "{title} en casa", "{title} в интерьере"),
)
PHOTO_CAPTION = T(
    "Photographed in our studio in Valencia",
    "Foto tomada en nuestro estudio de Valencia",
    "Снято в нашей студии в Валенсии",
)
PHOTO_ALT = T("{title} on a plain background", "{title} sobre un fondo liso", "{title} на однотонном фоне")

# --- The home page --------------------------------------------------------------------------------

HOME_TITLE = T("My Shop", "Mi tienda", "Мой магазин")
HOME_SLUG = T("home", "inicio", "glavnaya")
HERO_HEADING = T("Good things, fairly priced", "Cosas buenas a precios justos", "Хорошие вещи по честной цене")
HERO_TEXT = T(
    "Hand-picked goods for home, kitchen and travel.",
    "Artículos escogidos a mano para el hogar, la cocina y los viajes.",
    "Тщательно отобранные товары для дома, кухни и путешествий.",
)
HOME_PARAGRAPHS = (
    T(
        "We are a small shop with a simple rule: we only sell things we use ourselves. Every product is tested "
        "at home, described honestly and priced fairly.",
        "Somos una pequeña tienda con una regla sencilla: solo vendemos lo que usamos nosotros mismos. Cada "
        "producto se prueba en casa, se describe con honestidad y tiene un precio justo.",
        "Мы — небольшой магазин с простым правилом: продаём только то, чем пользуемся сами. Каждый товар "
        "проверен дома, честно описан и продаётся по справедливой цене.",
    ),
    T(
        "<b>New this season:</b> hand-glazed mugs from Portugal and a merino throw for cold evenings.",
        "<b>Novedades de la temporada:</b> tazas esmaltadas a mano de Portugal y una manta de merino para las "
        "tardes frías.",
        "<b>Новинки сезона:</b> кружки ручной глазуровки из Португалии и плед из мериноса для холодных вечеров.",
    ),
)
FEATURED_HEADING = T("Featured products", "Productos destacados", "Рекомендуемые товары")
CART_NOTE = T(
    "<b>Free delivery</b> on orders from $50, and 30 days to change your mind.",
    "<b>Envío gratuito</b> en pedidos desde 50 US$ y 30 días para cambiar de opinión.",
    "<b>Бесплатная доставка</b> при заказе от 50 $ и 30 дней на возврат.",
)
CART_SUGGESTIONS_HEADING = T("Goes well with your cart", "Combina bien con tu carrito", "Хорошо дополнит вашу корзину")
FEATURED_SKUS = ("COF-2006", "KIT-1002", "HOM-3001", "TRV-4002")
HOME_QUOTE = Quote(
    T(
        "We would rather sell fewer things that last than many that do not.",
        "Preferimos vender menos cosas que duren que muchas que no.",
        "Лучше продавать меньше вещей, но таких, что прослужат долго.",
    ),
    T("The shop team", "El equipo de la tienda", "Команда магазина"),
)

# --- Categories -----------------------------------------------------------------------------------

CATEGORIES = (
    Category(
        "kitchen",
        T("Kitchen", "Cocina", "Кухня"),
        T(
            "Cookware, boards and tools that work well and age gracefully.",
            "Menaje, tablas y utensilios que cocinan bien y envejecen con elegancia.",
            "Посуда, доски и инструменты, которые хорошо служат и красиво стареют.",
        ),
        T(
            "Every piece in our kitchen range is tested in our own kitchen for at least a month before it reaches "
            "the shop.",
            "Cada pieza de nuestra gama de cocina se prueba en nuestra propia cocina durante al menos un mes antes "
            "de llegar a la tienda.",
            "Каждый предмет из нашей кухонной коллекции не меньше месяца проходит проверку на нашей собственной "
            "кухне, прежде чем попасть в магазин.",
        ),
        ("#e07a5f", "#f2cc8f"),
    ),
    Category(
        "coffee-tea",
        T("Coffee & tea", "Café y té", "Кофе и чай"),
        T(
            "Everything for a slow morning cup, from grinder to teapot.",
            "Todo para una taza tranquila por la mañana, del molinillo a la tetera.",
            "Всё для неспешной утренней чашки — от кофемолки до заварочного чайника.",
        ),
        T(
            "We brew with every kettle, dripper and teapot before we sell it, and we keep only the ones we would "
            "use at home.",
            "Preparamos café y té con cada hervidor, cafetera y tetera antes de venderlos, y nos quedamos solo con "
            "los que usaríamos en casa.",
            "Мы завариваем кофе и чай в каждом чайнике, воронке и заварнике, прежде чем продавать их, и оставляем "
            "только то, чем пользовались бы дома.",
        ),
        ("#6f4e37", "#d4a373"),
        parent="kitchen",
    ),
    Category(
        "home",
        T("Home & living", "Hogar", "Дом и уют"),
        T(
            "Textiles, light and small things that make a room feel lived in.",
            "Textiles, luz y pequeños objetos que hacen que una habitación se sienta habitada.",
            "Текстиль, свет и мелочи, с которыми комната становится по-настоящему жилой.",
        ),
        T(
            "We buy from small workshops and mills that we have visited, and we ask each of them how their "
            "materials are made.",
            "Compramos a pequeños talleres y fábricas que hemos visitado, y a cada uno le preguntamos cómo se "
            "elaboran sus materiales.",
            "Мы закупаем товары у небольших мастерских и фабрик, где побывали сами, и у каждой спрашиваем, как "
            "сделаны их материалы.",
        ),
        ("#81b29a", "#f4f1de"),
    ),
    Category(
        "travel",
        T("Travel", "Viajes", "Путешествия"),
        T(
            "Light, tough companions for trips long and short.",
            "Compañeros ligeros y resistentes para viajes largos y cortos.",
            "Лёгкие и прочные спутники для дальних и коротких поездок.",
        ),
        T(
            "Each travel item has been on at least one real trip with our team: through airports, on night trains "
            "and in the rain.",
            "Cada artículo de viaje ha hecho al menos un viaje real con nuestro equipo: por aeropuertos, en trenes "
            "nocturnos y bajo la lluvia.",
            "Каждая дорожная вещь хотя бы раз съездила с нашей командой в настоящую поездку — через аэропорты, в "
            "ночных поездах и под дождём.",
        ),
        ("#3d5a80", "#98c1d9"),
    ),
    Category(
        "stationery",
        T("Stationery", "Papelería", "Канцелярия"),
        T(
            "Paper, pens and desk tools for people who still like to write by hand.",
            "Papel, plumas y útiles de escritorio para quienes aún disfrutan escribiendo a mano.",
            "Бумага, ручки и настольные мелочи для тех, кто по-прежнему любит писать от руки.",
        ),
        T(
            "We write, sketch and erase on every paper and with every pen before it joins the range.",
            "Escribimos, dibujamos y borramos en cada papel y con cada pluma antes de incluirlos en la colección.",
            "Каждую бумагу и каждую ручку мы сначала испытываем сами: пишем, рисуем и стираем.",
        ),
        ("#9c6644", "#ede0d4"),
    ),
    Category(
        "garden",
        T("Garden", "Jardín", "Сад"),
        T(
            "Tools and pots for balconies, allotments and back gardens.",
            "Herramientas y macetas para balcones, huertos y jardines.",
            "Инструменты и горшки для балконов, огородов и садов.",
        ),
        T(
            "Our garden tools are chosen to be repaired rather than replaced: spare parts are available for most "
            "of them.",
            "Elegimos herramientas de jardín que se puedan reparar en lugar de sustituir: para la mayoría hay "
            "piezas de recambio.",
            "Мы выбираем садовые инструменты, которые можно чинить, а не выбрасывать: для большинства из них есть "
            "запасные части.",
        ),
        ("#588157", "#dad7cd"),
    ),
)

# The category that `--products N` fills with generated products; created on first use.
CATALOGUE = Category(
    "catalogue",
    T("Catalogue", "Catálogo", "Каталог"),
    T(
        "The wider range, generated for trying the shop with a large catalogue.",
        "La gama ampliada, generada para probar la tienda con un catálogo grande.",
        "Расширенный ассортимент, сгенерированный, чтобы опробовать магазин с большим каталогом.",
    ),
    T("", "", ""),
    ("#5e548e", "#e0b1cb"),
)
GENERATED_TITLE = T("{title} No. {number}", "{title} n.º {number}", "{title} № {number}")

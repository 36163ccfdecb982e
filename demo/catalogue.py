"""The forty-one demo products: SKU, price, stock and their texts in English, Spanish and Russian."""

from decimal import Decimal as D

from .content import (
    BLADE,
    BURN_TIME,
    CAPACITY,
    CARE,
    CASE,
    CAST_IRON,
    CHINA,
    COLOUR,
    CONTENTS,
    DENSITY,
    DIAMETER,
    DIMENSIONS,
    DISHWASHER,
    FRANCE,
    GERMANY,
    HAND_WASH,
    HEIGHT,
    INDIA,
    ITALY,
    JAPAN,
    LENGTH,
    LINEN,
    LITHUANIA,
    MADE_IN,
    MATERIAL,
    NETHERLANDS,
    NIB,
    OIL,
    PAGES,
    PAPER,
    POLAND,
    PORCELAIN,
    PORTUGAL,
    POWER,
    SIZES,
    SPAIN,
    STAINLESS,
    STONEWARE,
    SWITZERLAND,
    TAIWAN,
    TURKEY,
    UK,
    VIETNAM,
    WASH_30,
    WASH_40,
    WEIGHT,
    WIPE,
    Item,
    Quote,
    T,
    cm,
    grams,
    kg,
    litres,
    ml,
)

KITCHEN = (
    Item(
        "KIT-1001",
        "kitchen",
        T("Enamel saucepan", "Cazo esmaltado", "Эмалированный ковш"),
        T(
            "A light 1.5-litre saucepan for milk, sauces and porridge.",
            "Un cazo ligero de 1,5 litros para leche, salsas y gachas.",
            "Лёгкий ковш на 1,5 литра для молока, соусов и каши.",
        ),
        T(
            "The glossy enamel does not react with acidic food and wipes clean in seconds. It works on gas, "
            "electric and induction hobs.",
            "El esmalte brillante no reacciona con los alimentos ácidos y se limpia en segundos. Funciona en "
            "cocinas de gas, eléctricas y de inducción.",
            "Глянцевая эмаль не вступает в реакцию с кислыми продуктами и отмывается за секунды. Подходит для "
            "газовых, электрических и индукционных плит.",
        ),
        (
            (MATERIAL, T("Enamelled steel", "Acero esmaltado", "Эмалированная сталь")),
            (CAPACITY, litres("1.5")),
            (DIAMETER, cm(16)),
            (CARE, DISHWASHER),
            (MADE_IN, POLAND),
        ),
        D("34.00"),
        25,
    ),
    Item(
        "KIT-1002",
        "kitchen",
        T("Cast-iron skillet", "Sartén de hierro fundido", "Чугунная сковорода"),
        T(
            "A pre-seasoned 26 cm skillet that goes from hob to oven to table.",
            "Una sartén de 26 cm ya curada que pasa del fuego al horno y a la mesa.",
            "Прокалённая сковорода диаметром 26 см — с плиты в духовку и сразу на стол.",
        ),
        T(
            "Cast iron holds heat evenly, so steaks sear and potatoes crisp without burning. With a little oil "
            "after each wash it only gets better with age.",
            "El hierro fundido reparte el calor de forma uniforme: la carne se dora y las patatas quedan crujientes "
            "sin quemarse. Con un poco de aceite después de cada lavado, mejora con los años.",
            "Чугун равномерно держит тепло: стейки хорошо обжариваются, а картофель становится хрустящим и не "
            "пригорает. Если после каждого мытья смазывать сковороду маслом, с годами она становится только лучше.",
        ),
        ((MATERIAL, CAST_IRON), (DIAMETER, cm(26)), (WEIGHT, kg("2.4")), (CARE, OIL), (MADE_IN, FRANCE)),
        D("49.00"),
        12,
        quote=Quote(
            T(
                "It heats like a dream and has already replaced three of my pans.",
                "Calienta de maravilla y ya ha sustituido a tres de mis sartenes.",
                "Греется просто идеально и уже заменила мне три сковороды.",
            ),
            T("Lucía, Seville", "Lucía, Sevilla", "Лусия, Севилья"),
        ),
    ),
    Item(
        "KIT-1003",
        "kitchen",
        T("Olive-wood chopping board", "Tabla de cortar de madera de olivo", "Разделочная доска из оливкового дерева"),
        T(
            "A solid olive-wood board with a unique grain, for chopping and serving.",
            "Una tabla maciza de madera de olivo con una veta única, para cortar y servir.",
            "Массивная доска из оливкового дерева с неповторимым рисунком — для нарезки и подачи.",
        ),
        T(
            "Each board is cut from the wood of old olive trees that no longer bear fruit, so no two are alike. "
            "The dense wood is kind to knife edges.",
            "Cada tabla se corta de la madera de olivos viejos que ya no dan fruto, así que no hay dos iguales. La "
            "madera densa cuida el filo de los cuchillos.",
            "Каждую доску вырезают из древесины старых олив, которые уже не плодоносят, поэтому двух одинаковых не "
            "бывает. Плотная древесина бережёт заточку ножей.",
        ),
        (
            (MATERIAL, T("Olive wood", "Madera de olivo", "Оливковое дерево")),
            (DIMENSIONS, cm(40, 20, 2)),
            (CARE, OIL),
            (MADE_IN, SPAIN),
        ),
        D("29.50"),
        18,
        photo=True,
    ),
    Item(
        "KIT-1004",
        "kitchen",
        T("Chef's knife", "Cuchillo de chef", "Поварской нож"),
        T(
            "A balanced 20 cm chef's knife in high-carbon steel.",
            "Un cuchillo de chef equilibrado de 20 cm en acero con alto contenido en carbono.",
            "Сбалансированный поварской нож с клинком 20 см из высокоуглеродистой стали.",
        ),
        T(
            "The blade is forged and sharpened by hand, and keeps its edge through months of daily cooking. The "
            "walnut handle sits comfortably in large and small hands.",
            "La hoja se forja y se afila a mano, y mantiene el filo durante meses de uso diario. El mango de nogal "
            "se adapta bien a manos grandes y pequeñas.",
            "Клинок выкован и заточен вручную и месяцами держит заточку при ежедневной готовке. Рукоять из ореха "
            "удобно лежит и в большой, и в маленькой руке.",
        ),
        (
            (
                MATERIAL,
                T(
                    "High-carbon steel, walnut handle",
                    "Acero con alto contenido en carbono, mango de nogal",
                    "Высокоуглеродистая сталь, рукоять из ореха",
                ),
            ),
            (BLADE, cm(20)),
            (WEIGHT, grams(210)),
            (CARE, HAND_WASH),
            (MADE_IN, JAPAN),
        ),
        D("79.00"),
        0,
        quote=Quote(
            T(
                "Sharp out of the box and still sharp half a year later.",
                "Afilado nada más sacarlo de la caja y sigue igual medio año después.",
                "Острый прямо из коробки — и спустя полгода такой же.",
            ),
            T("Daniel, Madrid", "Daniel, Madrid", "Даниэль, Мадрид"),
        ),
    ),
    Item(
        "KIT-1005",
        "kitchen",
        T("Linen tea towels, set of 2", "Paños de cocina de lino, juego de 2", "Льняные кухонные полотенца, 2 шт."),
        T(
            "Two absorbent linen tea towels that dry glasses without leaving lint.",
            "Dos paños de lino absorbentes que secan las copas sin dejar pelusa.",
            "Два впитывающих льняных полотенца, которые вытирают бокалы без ворсинок.",
        ),
        T(
            "Linen absorbs more water than cotton and dries quickly between uses. The towels soften with every wash.",
            "El lino absorbe más agua que el algodón y se seca rápido entre usos. Los paños se suavizan con cada "
            "lavado.",
            "Лён впитывает больше воды, чем хлопок, и быстро сохнет. С каждой стиркой полотенца становятся мягче.",
        ),
        ((MATERIAL, LINEN), (DIMENSIONS, cm(50, 70)), (CARE, WASH_40), (MADE_IN, LITHUANIA)),
        D("18.00"),
        40,
        gallery=2,
    ),
    Item(
        "KIT-1006",
        "kitchen",
        T("Glass storage jars, set of 3", "Tarros de cristal, juego de 3", "Стеклянные банки для хранения, 3 шт."),
        T(
            "Three airtight jars with beech lids for pasta, rice and coffee.",
            "Tres tarros herméticos con tapa de haya para pasta, arroz y café.",
            "Три герметичные банки с буковыми крышками для макарон, риса и кофе.",
        ),
        T(
            "The silicone seal keeps food fresh and the clear glass shows at a glance what is running low. The "
            "jars stack neatly on a shelf.",
            "La junta de silicona mantiene los alimentos frescos y el vidrio transparente deja ver de un vistazo "
            "qué se está acabando. Los tarros se apilan con facilidad en la estantería.",
            "Силиконовый уплотнитель сохраняет продукты свежими, а через прозрачное стекло сразу видно, что пора "
            "докупить. Банки удобно ставятся друг на друга на полке.",
        ),
        (
            (MATERIAL, T("Glass, beech lids", "Vidrio, tapas de haya", "Стекло, буковые крышки")),
            (CAPACITY, T("0.5, 1 and 1.5 l", "0,5, 1 y 1,5 l", "0,5, 1 и 1,5 л")),
            (
                CARE,
                T(
                    "Jars dishwasher safe, lids by hand",
                    "Tarros aptos para lavavajillas; tapas, a mano",
                    "Банки можно мыть в посудомоечной машине, крышки — вручную",
                ),
            ),
            (MADE_IN, ITALY),
        ),
        D("24.00"),
        30,
    ),
    Item(
        "KIT-1007",
        "kitchen",
        T("Stoneware mixing bowl", "Bol de gres para mezclar", "Миска из каменной керамики"),
        T(
            "A heavy 3-litre bowl that stays put while you whisk and knead.",
            "Un bol pesado de 3 litros que no se mueve mientras bates y amasas.",
            "Тяжёлая миска на 3 литра, которая не ездит по столу, пока вы взбиваете и месите.",
        ),
        T(
            "The unglazed base grips the worktop, and the glazed inside is easy to clean. It is also handsome "
            "enough to serve a salad.",
            "La base sin esmaltar se agarra a la encimera y el interior esmaltado es fácil de limpiar. Además, es "
            "lo bastante bonito para servir una ensalada.",
            "Неглазурованное дно не скользит по столешнице, а глазурованную поверхность внутри легко мыть. В ней "
            "не стыдно подать и салат.",
        ),
        ((MATERIAL, STONEWARE), (CAPACITY, litres(3)), (DIAMETER, cm(28)), (CARE, DISHWASHER), (MADE_IN, PORTUGAL)),
        D("27.00"),
        3,
        photo=True,
    ),
    Item(
        "KIT-1008",
        "kitchen",
        T("Beech-wood spoon set", "Juego de cucharas de haya", "Набор ложек из бука"),
        T(
            "Three wooden spoons for stirring, tasting and scraping the pan.",
            "Tres cucharas de madera para remover, probar y rascar la sartén.",
            "Три деревянные ложки, чтобы помешивать, пробовать и соскребать со сковороды.",
        ),
        T(
            "Beech is hard, smooth and does not scratch non-stick coatings. The spoons are finished with food-safe "
            "oil only.",
            "La haya es dura y lisa, y no raya los revestimientos antiadherentes. Las cucharas solo llevan un "
            "acabado de aceite apto para alimentos.",
            "Бук твёрдый и гладкий и не царапает антипригарное покрытие. Ложки пропитаны только пищевым маслом.",
        ),
        (
            (MATERIAL, T("Beech wood", "Madera de haya", "Бук")),
            (CONTENTS, T("3 spoons: 25, 30 and 35 cm", "3 cucharas: 25, 30 y 35 cm", "3 ложки: 25, 30 и 35 см")),
            (CARE, OIL),
            (MADE_IN, GERMANY),
        ),
        D("12.50"),
        60,
        gallery=2,
    ),
)

COFFEE_TEA = (
    Item(
        "COF-2001",
        "coffee-tea",
        T("Porcelain coffee dripper", "Cafetera de goteo de porcelana", "Фарфоровая воронка для кофе"),
        T(
            "A porcelain dripper for one or two cups of clean, bright coffee.",
            "Una cafetera de goteo de porcelana para una o dos tazas de café limpio y aromático.",
            "Фарфоровая воронка для одной-двух чашек чистого, яркого кофе.",
        ),
        T(
            "Spiral ribs inside let the water flow evenly through the grounds. It fits standard size 02 paper filters.",
            "Las estrías en espiral del interior hacen que el agua fluya de manera uniforme a través del café "
            "molido. Es compatible con filtros de papel estándar del tamaño 02.",
            "Спиральные рёбра внутри помогают воде равномерно проходить через молотый кофе. Подходят стандартные "
            "бумажные фильтры размера 02.",
        ),
        (
            (MATERIAL, PORCELAIN),
            (CAPACITY, T("1–2 cups", "1–2 tazas", "1–2 чашки")),
            (CARE, DISHWASHER),
            (MADE_IN, JAPAN),
        ),
        D("22.00"),
        35,
    ),
    Item(
        "COF-2002",
        "coffee-tea",
        T("Gooseneck kettle", "Hervidor de cuello de cisne", "Чайник с носиком «гусиная шея»"),
        T(
            "A stovetop kettle with a slender spout for precise pouring.",
            "Un hervidor para el fuego con un pico fino para verter con precisión.",
            "Чайник для плиты с тонким носиком для точного пролива.",
        ),
        T(
            "The long, narrow spout gives you full control over the flow, which is exactly what pour-over coffee "
            "needs. A thermometer in the lid shows when the water is ready.",
            "El pico largo y estrecho permite controlar por completo el chorro, justo lo que necesita el café de "
            "goteo. Un termómetro en la tapa indica cuándo el agua está lista.",
            "Длинный узкий носик позволяет полностью контролировать струю — именно это нужно для пуровера. "
            "Термометр в крышке покажет, когда вода готова.",
        ),
        ((MATERIAL, STAINLESS), (CAPACITY, litres(1)), (CARE, HAND_WASH), (MADE_IN, TAIWAN)),
        D("58.00"),
        9,
        quote=Quote(
            T(
                "My morning coffee has never been this consistent.",
                "Mi café de cada mañana nunca había salido tan regular.",
                "Мой утренний кофе ещё никогда не получался таким стабильным.",
            ),
            T("Anna, Barcelona", "Anna, Barcelona", "Анна, Барселона"),
        ),
    ),
    Item(
        "COF-2003",
        "coffee-tea",
        T("Hand coffee grinder", "Molinillo de café manual", "Ручная кофемолка"),
        T(
            "A steel-burr grinder that fits in a bag and grinds for espresso or filter.",
            "Un molinillo de muelas de acero que cabe en la mochila y muele para espresso o filtro.",
            "Кофемолка со стальными жерновами, которая помещается в сумку и мелет и для эспрессо, и для фильтра.",
        ),
        T(
            "Conical burrs give an even grind, and a click dial lets you return to your favourite setting every "
            "time. Twenty grams of beans take under a minute.",
            "Las muelas cónicas dan una molienda uniforme, y un selector por clics permite volver siempre a tu "
            "ajuste favorito. Veinte gramos de café se muelen en menos de un minuto.",
            "Конические жернова дают равномерный помол, а щелчковый регулятор позволяет каждый раз возвращаться к "
            "любимой настройке. Двадцать граммов зёрен мелются меньше чем за минуту.",
        ),
        (
            (
                MATERIAL,
                T(
                    "Stainless steel, aluminium body",
                    "Acero inoxidable, cuerpo de aluminio",
                    "Нержавеющая сталь, алюминиевый корпус",
                ),
            ),
            (CAPACITY, T("30 g of beans", "30 g de café en grano", "30 г зёрен")),
            (WEIGHT, grams(480)),
            (
                CARE,
                T(
                    "Brush clean, do not wash the burrs",
                    "Limpiar con cepillo, no lavar las muelas",
                    "Чистить щёточкой, жернова не мыть",
                ),
            ),
            (MADE_IN, TAIWAN),
        ),
        D("45.00"),
        14,
        photo=True,
    ),
    Item(
        "COF-2004",
        "coffee-tea",
        T("Cast-iron teapot", "Tetera de hierro fundido", "Чугунный заварочный чайник"),
        T(
            "A traditional cast-iron teapot with an enamelled inside and a steel infuser.",
            "Una tetera tradicional de hierro fundido con interior esmaltado e infusor de acero.",
            "Традиционный чугунный заварочный чайник с эмалью внутри и стальным ситечком.",
        ),
        T(
            "Cast iron keeps tea hot for a long time, so the second cup is as good as the first. Rinse it with "
            "warm water and dry it straight away.",
            "El hierro fundido mantiene el té caliente durante mucho tiempo, así que la segunda taza es tan buena "
            "como la primera. Enjuágala con agua tibia y sécala enseguida.",
            "Чугун долго держит тепло, поэтому вторая чашка не хуже первой. Ополосните чайник тёплой водой и сразу "
            "вытрите насухо.",
        ),
        (
            (MATERIAL, CAST_IRON),
            (CAPACITY, litres("0.8")),
            (WEIGHT, kg("1.3")),
            (
                CARE,
                T(
                    "Rinse and dry, no detergent",
                    "Enjuagar y secar, sin detergente",
                    "Ополаскивать и вытирать, без моющих средств",
                ),
            ),
            (MADE_IN, JAPAN),
        ),
        D("64.00"),
        0,
    ),
    Item(
        "COF-2005",
        "coffee-tea",
        T(
            "Porcelain espresso cups, set of 2",
            "Tazas de espresso de porcelana, juego de 2",
            "Фарфоровые чашки для эспрессо, 2 шт.",
        ),
        T(
            "Two thick-walled espresso cups with saucers that keep the crema warm.",
            "Dos tazas de espresso de paredes gruesas, con platillo, que mantienen la crema caliente.",
            "Две чашки для эспрессо с толстыми стенками и блюдцами, в которых крема дольше остаётся тёплой.",
        ),
        T(
            "The rounded inside shape helps the crema hold together. Warm the cups with hot water before brewing.",
            "La forma redondeada del interior ayuda a que la crema se mantenga. Calienta las tazas con agua "
            "caliente antes de preparar el café.",
            "Округлая форма чашки изнутри помогает креме держаться. Перед приготовлением прогрейте чашки горячей "
            "водой.",
        ),
        ((MATERIAL, PORCELAIN), (CAPACITY, ml(80)), (CARE, DISHWASHER), (MADE_IN, PORTUGAL)),
        D("19.00"),
        50,
        gallery=2,
    ),
    Item(
        "COF-2006",
        "coffee-tea",
        T("Ceramic mug", "Taza de cerámica", "Керамическая кружка"),
        T(
            "A generous hand-glazed mug for coffee, tea or soup.",
            "Una taza amplia esmaltada a mano para café, té o sopa.",
            "Вместительная кружка ручной глазуровки для кофе, чая или супа.",
        ),
        T(
            "Every mug is glazed by hand, so the colour pools a little differently on each one. The wide handle "
            "leaves room for three fingers.",
            "Cada taza se esmalta a mano, así que el color se asienta de forma un poco distinta en cada una. El asa "
            "ancha deja sitio para tres dedos.",
            "Каждую кружку глазуруют вручную, поэтому цвет на каждой ложится немного по-своему. В широкую ручку "
            "помещаются три пальца.",
        ),
        ((MATERIAL, STONEWARE), (CAPACITY, ml(350)), (CARE, DISHWASHER), (MADE_IN, PORTUGAL)),
        D("14.00"),
        80,
        quote=Quote(
            T(
                "I bought one, then came back for five more.",
                "Compré una y luego volví a por cinco más.",
                "Купила одну, а потом вернулась ещё за пятью.",
            ),
            T("Olga, Valencia", "Olga, Valencia", "Ольга, Валенсия"),
        ),
        photo=True,
    ),
    Item(
        "COF-2007",
        "coffee-tea",
        T("Advent tea calendar", "Calendario de Adviento de té", "Чайный адвент-календарь"),
        T(
            "Twenty-four loose-leaf teas to count down to the holidays.",
            "Veinticuatro tés a granel para la cuenta atrás hasta las fiestas.",
            "Двадцать четыре листовых чая для обратного отсчёта до праздников.",
        ),
        T(
            "Behind each door is enough tea for a pot: green, black, oolong and herbal blends. The calendar "
            "returns in the autumn.",
            "Detrás de cada puerta hay té suficiente para una tetera: verde, negro, oolong e infusiones. El "
            "calendario vuelve en otoño.",
            "За каждой дверцей — чай на целый чайник: зелёный, чёрный, улун и травяные сборы. Календарь снова "
            "появится в продаже осенью.",
        ),
        (
            (CONTENTS, T("24 teas, 5 g each", "24 tés de 5 g cada uno", "24 чая по 5 г")),
            (MATERIAL, T("Recycled cardboard", "Cartón reciclado", "Переработанный картон")),
            (MADE_IN, GERMANY),
        ),
        D("29.00"),
        20,
        for_sale=False,
        gallery=2,
    ),
)

HOME = (
    Item(
        "HOM-3001",
        "home",
        T("Merino wool throw", "Manta de lana merina", "Плед из шерсти мериноса"),
        T(
            "A soft, warm throw for the sofa or the end of the bed.",
            "Una manta suave y cálida para el sofá o los pies de la cama.",
            "Мягкий тёплый плед для дивана или изножья кровати.",
        ),
        T(
            "Merino is fine enough not to itch and it breathes, so the throw keeps you warm without feeling heavy. "
            "It is woven in a small mill in northern Portugal.",
            "La lana merina es tan fina que no pica y además transpira, así que la manta abriga sin pesar. Se teje "
            "en un pequeño taller del norte de Portugal.",
            "Меринос настолько тонкий, что не колется, и хорошо дышит: плед греет, но не кажется тяжёлым. Его ткут "
            "на небольшой фабрике на севере Португалии.",
        ),
        (
            (MATERIAL, T("Merino wool", "Lana merina", "Шерсть мериноса")),
            (DIMENSIONS, cm(130, 180)),
            (WEIGHT, grams(900)),
            (
                CARE,
                T(
                    "Hand wash cold or dry clean",
                    "Lavar a mano en frío o en seco",
                    "Ручная стирка в холодной воде или химчистка",
                ),
            ),
            (MADE_IN, PORTUGAL),
        ),
        D("89.00"),
        10,
        quote=Quote(
            T(
                "The cosiest thing in our flat, and the cat agrees.",
                "Lo más acogedor de nuestro piso, y el gato opina lo mismo.",
                "Самая уютная вещь в нашей квартире — и кот с этим согласен.",
            ),
            T("Marta, Bilbao", "Marta, Bilbao", "Марта, Бильбао"),
        ),
        photo=True,
    ),
    Item(
        "HOM-3002",
        "home",
        T("Linen cushion cover", "Funda de cojín de lino", "Льняной чехол для подушки"),
        T(
            "A washed-linen cover with a hidden zip, for 45 cm cushions.",
            "Una funda de lino lavado con cremallera oculta, para cojines de 45 cm.",
            "Чехол из стираного льна со скрытой молнией для подушек 45 см.",
        ),
        T(
            "Washed linen has a relaxed, lived-in look from the first day. Mix colours freely: the whole range is "
            "dyed to go together.",
            "El lino lavado tiene un aspecto relajado y natural desde el primer día. Combina los colores con "
            "libertad: toda la gama está teñida para armonizar.",
            "Стираный лён с первого дня выглядит уютно и непринуждённо. Смело сочетайте цвета: вся коллекция "
            "окрашена так, чтобы оттенки подходили друг к другу.",
        ),
        ((MATERIAL, LINEN), (DIMENSIONS, cm(45, 45)), (CARE, WASH_40), (MADE_IN, LITHUANIA)),
        D("26.00"),
        45,
        gallery=2,
    ),
    Item(
        "HOM-3003",
        "home",
        T("Soy wax candle", "Vela de cera de soja", "Свеча из соевого воска"),
        T(
            "A fig and cedar scented candle poured by hand into a glass jar.",
            "Una vela con aroma de higuera y cedro, vertida a mano en un tarro de cristal.",
            "Свеча с ароматом инжира и кедра, разлитая вручную в стеклянную банку.",
        ),
        T(
            "Soy wax burns slowly and cleanly, and the cotton wick does not smoke. Trim the wick to five "
            "millimetres before each use.",
            "La cera de soja arde despacio y de forma limpia, y la mecha de algodón no hace humo. Recorta la mecha a "
            "cinco milímetros antes de cada uso.",
            "Соевый воск горит медленно и чисто, а хлопковый фитиль не коптит. Перед каждым использованием "
            "подрезайте фитиль до пяти миллиметров.",
        ),
        (
            (MATERIAL, T("Soy wax, cotton wick", "Cera de soja, mecha de algodón", "Соевый воск, хлопковый фитиль")),
            (BURN_TIME, T("About 45 hours", "Unas 45 horas", "Около 45 часов")),
            (WEIGHT, grams(220)),
            (MADE_IN, UK),
        ),
        D("16.00"),
        70,
    ),
    Item(
        "HOM-3004",
        "home",
        T("Ceramic vase", "Jarrón de cerámica", "Керамическая ваза"),
        T(
            "A hand-thrown vase with a matt glaze, for a few stems or dried flowers.",
            "Un jarrón torneado a mano con esmalte mate, para unas pocas flores frescas o secas.",
            "Ваза с гончарного круга с матовой глазурью — для нескольких стеблей или сухоцветов.",
        ),
        T(
            "Each vase is thrown on the wheel by a potter in Valencia and signed on the base. The inside is "
            "glazed, so it holds water safely.",
            "Cada jarrón lo tornea un alfarero de Valencia y lleva su firma en la base. El interior está "
            "esmaltado, así que puede contener agua sin problema.",
            "Каждую вазу делает на гончарном круге мастер из Валенсии и подписывает на дне. Внутри ваза покрыта "
            "глазурью, поэтому в неё можно наливать воду.",
        ),
        ((MATERIAL, STONEWARE), (HEIGHT, cm(22)), (CARE, HAND_WASH), (MADE_IN, SPAIN)),
        D("38.00"),
        7,
        photo=True,
    ),
    Item(
        "HOM-3005",
        "home",
        T("Oak wall clock", "Reloj de pared de roble", "Настенные часы из дуба"),
        T(
            "A quiet wall clock with an oak face and a silent sweep movement.",
            "Un reloj de pared con esfera de roble y un mecanismo de barrido silencioso.",
            "Настенные часы с дубовым циферблатом и бесшумным плавным ходом.",
        ),
        T(
            "The sweep movement glides instead of ticking, so it suits bedrooms and studies. It runs for about a "
            "year on one AA battery.",
            "El mecanismo de barrido se desliza en lugar de hacer tictac, por eso es ideal para dormitorios y "
            "despachos. Funciona alrededor de un año con una pila AA.",
            "Стрелка движется плавно, без тиканья, поэтому часы подойдут для спальни и кабинета. Одной батарейки "
            "AA хватает примерно на год.",
        ),
        (
            (MATERIAL, T("Oak, glass", "Roble, vidrio", "Дуб, стекло")),
            (DIAMETER, cm(30)),
            (
                POWER,
                T("1 × AA battery, not included", "1 pila AA, no incluida", "1 батарейка AA, не входит в комплект"),
            ),
            (MADE_IN, GERMANY),
        ),
        D("55.00"),
        0,
    ),
    Item(
        "HOM-3006",
        "home",
        T(
            "Organic cotton bath towel",
            "Toalla de baño de algodón orgánico",
            "Банное полотенце из органического хлопка",
        ),
        T(
            "A thick, absorbent bath towel in organic cotton terry.",
            "Una toalla de baño gruesa y absorbente de rizo de algodón orgánico.",
            "Плотное, хорошо впитывающее банное полотенце из махрового органического хлопка.",
        ),
        T(
            "Long-staple cotton makes the loops strong, so the towel stays soft and does not shed. It is certified "
            "to the GOTS organic standard.",
            "El algodón de fibra larga hace que los rizos sean resistentes, así que la toalla se mantiene suave y no "
            "suelta pelusa. Cuenta con la certificación ecológica GOTS.",
            "Длинноволокнистый хлопок делает петли прочными, поэтому полотенце остаётся мягким и не теряет ворс. "
            "Сертифицировано по органическому стандарту GOTS.",
        ),
        (
            (MATERIAL, T("Organic cotton", "Algodón orgánico", "Органический хлопок")),
            (DIMENSIONS, cm(70, 140)),
            (DENSITY, T("550 g/m²", "550 g/m²", "550 г/м²")),
            (CARE, WASH_40),
            (MADE_IN, TURKEY),
        ),
        D("24.00"),
        55,
        gallery=2,
    ),
    Item(
        "HOM-3007",
        "home",
        T("Rattan storage basket", "Cesta de ratán", "Корзина из ротанга"),
        T(
            "A sturdy woven basket for blankets, toys or firewood.",
            "Una cesta tejida y resistente para mantas, juguetes o leña.",
            "Прочная плетёная корзина для пледов, игрушек или дров.",
        ),
        T(
            "The basket is woven by hand around a rattan frame and has two comfortable handles. Keep it away from "
            "radiators so the rattan does not dry out.",
            "La cesta se teje a mano sobre una estructura de ratán y tiene dos asas cómodas. Mantenla lejos de los "
            "radiadores para que el ratán no se reseque.",
            "Корзину плетут вручную на ротанговом каркасе, у неё две удобные ручки. Держите её подальше от батарей, "
            "чтобы ротанг не пересыхал.",
        ),
        (
            (MATERIAL, T("Rattan", "Ratán", "Ротанг")),
            (DIMENSIONS, T("Ø 40 × 35 cm", "Ø 40 × 35 cm", "Ø 40 × 35 см")),
            (CARE, WIPE),
            (MADE_IN, VIETNAM),
        ),
        D("32.00"),
        16,
    ),
)

TRAVEL = (
    Item(
        "TRV-4001",
        "travel",
        T("Canvas weekender bag", "Bolsa de viaje de lona", "Дорожная сумка из канваса"),
        T(
            "A roomy waxed-canvas bag for two or three days away.",
            "Una amplia bolsa de lona encerada para dos o tres días fuera de casa.",
            "Вместительная сумка из вощёного канваса для поездки на два-три дня.",
        ),
        T(
            "Waxed canvas shrugs off rain and gains character with every trip. It fits under most aeroplane seats "
            "and has a padded sleeve for a laptop.",
            "La lona encerada repele la lluvia y gana carácter con cada viaje. Cabe debajo de la mayoría de los "
            "asientos de avión y tiene un compartimento acolchado para el portátil.",
            "Вощёный канвас не боится дождя и с каждой поездкой выглядит всё благороднее. Сумка помещается под "
            "большинство сидений в самолёте, а для ноутбука есть мягкое отделение.",
        ),
        (
            (
                MATERIAL,
                T(
                    "Waxed cotton canvas, leather",
                    "Lona de algodón encerada, piel",
                    "Вощёный хлопковый канвас, кожа",
                ),
            ),
            (CAPACITY, litres(35)),
            (DIMENSIONS, cm(50, 28, 25)),
            (WEIGHT, kg("1.4")),
            (MADE_IN, UK),
        ),
        D("119.00"),
        8,
        quote=Quote(
            T(
                "Three years of trips and it only looks better.",
                "Tres años de viajes y cada vez está más bonita.",
                "Три года поездок — а выглядит только лучше.",
            ),
            T("Pablo, Granada", "Pablo, Granada", "Пабло, Гранада"),
        ),
        photo=True,
    ),
    Item(
        "TRV-4002",
        "travel",
        T("Insulated water bottle", "Botella térmica", "Термобутылка"),
        T(
            "A 500 ml steel bottle that keeps drinks cold for a day or hot for twelve hours.",
            "Una botella de acero de 500 ml que mantiene las bebidas frías un día entero o calientes doce horas.",
            "Стальная бутылка на 500 мл: напитки остаются холодными целый день или горячими двенадцать часов.",
        ),
        T(
            "Double walls with a vacuum between them stop the heat from getting through, and the outside never "
            "sweats. The lid is leak-proof, so the bottle can travel in a bag.",
            "Sus paredes dobles con vacío entre ellas impiden el paso del calor, y el exterior nunca se empaña. La "
            "tapa es hermética, así que la botella puede ir dentro de la mochila.",
            "Двойные стенки с вакуумом между ними не пропускают тепло, а снаружи бутылка никогда не запотевает. "
            "Крышка не протекает, поэтому бутылку можно носить в сумке.",
        ),
        (
            (
                MATERIAL,
                T(
                    "Stainless steel, double wall",
                    "Acero inoxidable de doble pared",
                    "Нержавеющая сталь, двойные стенки",
                ),
            ),
            (CAPACITY, ml(500)),
            (WEIGHT, grams(340)),
            (CARE, HAND_WASH),
            (MADE_IN, CHINA),
        ),
        D("27.00"),
        65,
    ),
    Item(
        "TRV-4003",
        "travel",
        T("Packing cubes, set of 4", "Organizadores de equipaje, juego de 4", "Органайзеры для багажа, 4 шт."),
        T(
            "Four zipped cubes that keep a suitcase tidy from the first day to the last.",
            "Cuatro bolsas con cremallera que mantienen la maleta ordenada del primer al último día.",
            "Четыре органайзера на молнии, с которыми чемодан остаётся в порядке с первого до последнего дня.",
        ),
        T(
            "A mesh panel on top shows what is inside each cube. The fabric is made from recycled bottles and "
            "weighs almost nothing.",
            "Un panel de malla en la parte superior deja ver qué hay dentro de cada bolsa. El tejido está hecho de "
            "botellas recicladas y apenas pesa.",
            "Сетчатая вставка сверху показывает, что лежит внутри. Ткань сделана из переработанных бутылок и почти "
            "ничего не весит.",
        ),
        (
            (MATERIAL, T("Recycled polyester", "Poliéster reciclado", "Переработанный полиэстер")),
            (CONTENTS, T("4 cubes: S, M, L and XL", "4 bolsas: S, M, L y XL", "4 органайзера: S, M, L и XL")),
            (WEIGHT, grams(260)),
            (CARE, WASH_30),
            (MADE_IN, VIETNAM),
        ),
        D("29.00"),
        40,
        gallery=2,
    ),
    Item(
        "TRV-4004",
        "travel",
        T("Leather passport cover", "Funda de piel para pasaporte", "Кожаная обложка для паспорта"),
        T(
            "A slim passport cover with slots for cards and a boarding pass.",
            "Una funda fina para el pasaporte con ranuras para tarjetas y la tarjeta de embarque.",
            "Тонкая обложка для паспорта с отделениями для карт и посадочного талона.",
        ),
        T(
            "Vegetable-tanned leather darkens beautifully with use. The cover is cut and stitched by hand in a "
            "workshop in Ubrique.",
            "La piel curtida al vegetal se oscurece con el uso y toma una pátina preciosa. La funda se corta y se "
            "cose a mano en un taller de Ubrique.",
            "Кожа растительного дубления со временем красиво темнеет. Обложку кроят и шьют вручную в мастерской в "
            "Убрике.",
        ),
        (
            (MATERIAL, T("Vegetable-tanned leather", "Piel curtida al vegetal", "Кожа растительного дубления")),
            (DIMENSIONS, cm(10, 14)),
            (COLOUR, T("Natural tan", "Cuero natural", "Натуральный коричневый")),
            (MADE_IN, SPAIN),
        ),
        D("35.00"),
        22,
        quote=Quote(
            T(
                "It gets compliments at every passport control.",
                "Recibe elogios en cada control de pasaportes.",
                "На каждом паспортном контроле её хвалят.",
            ),
            T("Irina, Málaga", "Irina, Málaga", "Ирина, Малага"),
        ),
    ),
    Item(
        "TRV-4005",
        "travel",
        T("Travel neck pillow", "Almohada de viaje para el cuello", "Дорожная подушка для шеи"),
        T(
            "A memory-foam neck pillow that packs down to the size of a water bottle.",
            "Una almohada cervical de espuma viscoelástica que se recoge hasta el tamaño de una botella.",
            "Подушка для шеи с эффектом памяти, которая сворачивается до размера бутылки воды.",
        ),
        T(
            "The foam supports your chin and neck, so you can actually sleep on a night flight. The cotton cover "
            "comes off for washing.",
            "La espuma sujeta la barbilla y el cuello para que puedas dormir de verdad en un vuelo nocturno. La "
            "funda de algodón se quita para lavarla.",
            "Пена поддерживает подбородок и шею, так что в ночном рейсе действительно можно выспаться. Хлопковый "
            "чехол снимается для стирки.",
        ),
        (
            (
                MATERIAL,
                T(
                    "Memory foam, cotton cover",
                    "Espuma viscoelástica, funda de algodón",
                    "Пена с эффектом памяти, хлопковый чехол",
                ),
            ),
            (WEIGHT, grams(290)),
            (
                CARE,
                T(
                    "Cover machine washable at 30 °C",
                    "Funda lavable a máquina a 30 °C",
                    "Чехол можно стирать в машине при 30 °C",
                ),
            ),
            (MADE_IN, VIETNAM),
        ),
        D("21.00"),
        2,
        gallery=2,
    ),
    Item(
        "TRV-4006",
        "travel",
        T("Universal travel adapter", "Adaptador de viaje universal", "Универсальный дорожный адаптер"),
        T(
            "One adapter for more than 150 countries, with two USB ports.",
            "Un solo adaptador para más de 150 países, con dos puertos USB.",
            "Один адаптер для более чем 150 стран, с двумя USB-портами.",
        ),
        T(
            "Slide out the plug you need and charge a laptop and a phone at the same time. A replaceable fuse "
            "protects your devices.",
            "Despliega la clavija que necesites y carga a la vez un portátil y un móvil. Un fusible reemplazable "
            "protege tus dispositivos.",
            "Выдвиньте нужную вилку и заряжайте ноутбук и телефон одновременно. Сменный предохранитель защищает "
            "ваши устройства.",
        ),
        (
            (MATERIAL, T("Fire-resistant plastic", "Plástico ignífugo", "Огнестойкий пластик")),
            (POWER, T("Up to 2000 W, USB-A and USB-C", "Hasta 2000 W, USB-A y USB-C", "До 2000 Вт, USB-A и USB-C")),
            (WEIGHT, grams(120)),
            (MADE_IN, CHINA),
        ),
        D("24.50"),
        33,
    ),
    Item(
        "TRV-4010",
        "travel",
        T("Merino travel T-shirt", "Camiseta de viaje de merino", "Дорожная футболка из мериноса"),
        T(
            "A light merino T-shirt that stays fresh for days on the road.",
            "Una camiseta ligera de merino que se mantiene fresca durante días de viaje.",
            "Лёгкая футболка из мериноса, которая остаётся свежей несколько дней в дороге.",
        ),
        T(
            "Merino wool breathes, dries quickly and does not hold odours, so one shirt does the work of three. "
            "Choose your colour and size.",
            "La lana merino transpira, se seca rápido y no retiene olores: una camiseta hace el trabajo de tres. "
            "Elija su color y su talla.",
            "Шерсть мериноса дышит, быстро сохнет и не впитывает запахи, поэтому одна футболка заменяет три. "
            "Выберите цвет и размер.",
        ),
        ((MATERIAL, T("Merino wool", "Lana merina", "Шерсть мериноса")), (CARE, WASH_30), (MADE_IN, PORTUGAL)),
        D("35.00"),
        0,
        gallery=2,
    ),
)

STATIONERY = (
    Item(
        "STA-5001",
        "stationery",
        T("Dotted A5 notebook", "Cuaderno de puntos A5", "Блокнот A5 в точку"),
        T(
            "A lay-flat A5 notebook with 192 dotted pages of paper that loves fountain pens.",
            "Un cuaderno A5 que se abre del todo, con 192 páginas de puntos y papel apto para pluma.",
            "Блокнот A5, который раскрывается полностью: 192 страницы в точку на бумаге для перьевых ручек.",
        ),
        T(
            "The 100 g/m² paper does not let ink show through, and the thread-sewn binding opens completely flat. "
            "The pages are numbered, with an index at the front.",
            "El papel de 100 g/m² no transparenta la tinta, y la encuadernación cosida con hilo se abre "
            "completamente plana. Las páginas están numeradas e incluye un índice al principio.",
            "Бумага плотностью 100 г/м² не просвечивает, а прошитый нитками блок раскрывается совершенно плоско. "
            "Страницы пронумерованы, в начале есть оглавление.",
        ),
        (
            (PAPER, T("100 g/m², acid-free", "100 g/m², sin ácido", "100 г/м², бескислотная")),
            (PAGES, T("192, dotted", "192, de puntos", "192, в точку")),
            (DIMENSIONS, cm("14.8", 21)),
            (MADE_IN, GERMANY),
        ),
        D("15.00"),
        120,
    ),
    Item(
        "STA-5002",
        "stationery",
        T("Aluminium fountain pen", "Pluma estilográfica de aluminio", "Алюминиевая перьевая ручка"),
        T(
            "A light fountain pen with a fine steel nib and a converter for bottled ink.",
            "Una pluma estilográfica ligera con plumín fino de acero y convertidor para tinta en frasco.",
            "Лёгкая перьевая ручка с тонким стальным пером и конвертером для чернил из флакона.",
        ),
        T(
            "The nib writes smoothly from the first line and suits everyday handwriting. The pen takes standard "
            "international cartridges too.",
            "El plumín escribe con suavidad desde la primera línea y es ideal para la escritura diaria. La pluma "
            "también admite cartuchos internacionales estándar.",
            "Перо пишет мягко с первой строки и подходит для повседневного письма. Ручка также работает со "
            "стандартными международными картриджами.",
        ),
        (
            (MATERIAL, T("Aluminium, steel nib", "Aluminio, plumín de acero", "Алюминий, стальное перо")),
            (NIB, T("Fine (F)", "Fino (F)", "Тонкое (F)")),
            (WEIGHT, grams(22)),
            (MADE_IN, GERMANY),
        ),
        D("42.00"),
        11,
        quote=Quote(
            T(
                "Finally a pen that makes me want to write letters again.",
                "Por fin una pluma que me devuelve las ganas de escribir cartas.",
                "Наконец-то ручка, с которой снова хочется писать письма.",
            ),
            T("Carmen, Zaragoza", "Carmen, Zaragoza", "Кармен, Сарагоса"),
        ),
        photo=True,
    ),
    Item(
        "STA-5003",
        "stationery",
        T("Brass pencil sharpener", "Sacapuntas de latón", "Латунная точилка"),
        T(
            "A solid brass sharpener that will outlast every pencil you own.",
            "Un sacapuntas de latón macizo que durará más que todos tus lápices.",
            "Точилка из цельной латуни, которая переживёт все ваши карандаши.",
        ),
        T(
            "The heavy body sits steady in the hand while the replaceable steel blade gives a clean point. Brass "
            "slowly takes on a warm patina.",
            "Su cuerpo pesado se sujeta con firmeza y la cuchilla de acero reemplazable deja una punta limpia. El "
            "latón adquiere poco a poco una pátina cálida.",
            "Тяжёлый корпус уверенно лежит в руке, а сменное стальное лезвие точит чисто. Со временем латунь "
            "покрывается тёплой патиной.",
        ),
        (
            (MATERIAL, T("Solid brass", "Latón macizo", "Цельная латунь")),
            (WEIGHT, grams(24)),
            (
                CONTENTS,
                T(
                    "Sharpener and a spare blade",
                    "Sacapuntas y una cuchilla de recambio",
                    "Точилка и запасное лезвие",
                ),
            ),
            (MADE_IN, GERMANY),
        ),
        D("8.50"),
        90,
        gallery=2,
    ),
    Item(
        "STA-5004",
        "stationery",
        T("Oak desk organiser", "Organizador de escritorio de roble", "Настольный органайзер из дуба"),
        T(
            "An oak tray with places for pens, cards and a phone.",
            "Una bandeja de roble con huecos para bolígrafos, tarjetas y el móvil.",
            "Дубовый лоток с отделениями для ручек, визиток и телефона.",
        ),
        T(
            "It is cut from a single piece of solid oak and finished with natural oil. Felt feet protect the desk "
            "underneath.",
            "Está tallado en una sola pieza de roble macizo y acabado con aceite natural. Los pies de fieltro "
            "protegen la mesa.",
            "Органайзер вырезан из цельного массива дуба и покрыт натуральным маслом. Фетровые ножки защищают "
            "поверхность стола.",
        ),
        (
            (MATERIAL, T("Solid oak", "Roble macizo", "Массив дуба")),
            (DIMENSIONS, cm(30, 12, 6)),
            (CARE, WIPE),
            (MADE_IN, POLAND),
        ),
        D("31.00"),
        13,
    ),
    Item(
        "STA-5005",
        "stationery",
        T("Watercolour set", "Caja de acuarelas", "Набор акварельных красок"),
        T(
            "Twenty-four artist-grade watercolours in a pocket-sized tin.",
            "Veinticuatro acuarelas de calidad profesional en una caja de bolsillo.",
            "Двадцать четыре профессиональные акварельные краски в карманной жестяной коробке.",
        ),
        T(
            "The pigments are bright and blend easily, and each half pan can be refilled. The lid doubles as a "
            "mixing palette.",
            "Los pigmentos son vivos y se mezclan con facilidad, y cada medio godet se puede rellenar. La tapa sirve "
            "también de paleta para mezclar.",
            "Пигменты яркие и легко смешиваются, а каждую полукювету можно заполнить заново. Крышка служит "
            "палитрой для смешивания.",
        ),
        (
            (
                CONTENTS,
                T(
                    "24 half pans and a travel brush",
                    "24 medios godets y un pincel de viaje",
                    "24 полукюветы и дорожная кисть",
                ),
            ),
            (CASE, T("Enamelled tin", "Hojalata esmaltada", "Эмалированная жесть")),
            (MADE_IN, NETHERLANDS),
        ),
        D("36.00"),
        6,
        photo=True,
    ),
    Item(
        "STA-5006",
        "stationery",
        T("Wax seal kit", "Kit de lacre", "Набор для сургучной печати"),
        T(
            "A brass seal with a beech handle and three sticks of sealing wax.",
            "Un sello de latón con mango de haya y tres barras de lacre.",
            "Латунная печать с буковой ручкой и три палочки сургуча.",
        ),
        T(
            "Press firmly for a few seconds and lift straight up for a crisp impression. We have stopped selling "
            "this kit, but we keep the page for customers who bought it.",
            "Presiona con firmeza unos segundos y levanta el sello en vertical para obtener una impresión nítida. "
            "Hemos dejado de vender este kit, pero mantenemos la página para quienes ya lo compraron.",
            "Прижмите печать на несколько секунд и поднимите строго вверх — оттиск получится чётким. Мы больше не "
            "продаём этот набор, но оставили страницу для тех, кто его уже купил.",
        ),
        (
            (CONTENTS, T("Seal and 3 wax sticks", "Sello y 3 barras de lacre", "Печать и 3 палочки сургуча")),
            (MATERIAL, T("Brass, beech", "Latón, haya", "Латунь, бук")),
            (DIAMETER, cm("2.5")),
            (MADE_IN, ITALY),
        ),
        D("22.00"),
        14,
        for_sale=False,
        gallery=2,
    ),
)

GARDEN = (
    Item(
        "GAR-6001",
        "garden",
        T("Pruning shears", "Tijeras de podar", "Секатор"),
        T(
            "Bypass secateurs for clean cuts on stems up to 20 mm thick.",
            "Tijeras de podar de corte bypass para cortes limpios en tallos de hasta 20 mm.",
            "Секатор с плоскостным резом для чистого среза веток толщиной до 20 мм.",
        ),
        T(
            "The hardened blade can be sharpened and replaced, and the spring and lock are sold as spare parts. "
            "The handles fit gloved hands.",
            "La hoja templada se puede afilar y sustituir, y el muelle y el cierre se venden como recambios. Los "
            "mangos se manejan bien con guantes.",
            "Закалённое лезвие можно точить и менять, а пружина и фиксатор продаются как запчасти. Ручки удобно "
            "держать в перчатках.",
        ),
        (
            (
                MATERIAL,
                T(
                    "Hardened steel, aluminium handles",
                    "Acero templado, mangos de aluminio",
                    "Закалённая сталь, алюминиевые ручки",
                ),
            ),
            (LENGTH, cm(21)),
            (WEIGHT, grams(250)),
            (MADE_IN, SWITZERLAND),
        ),
        D("33.00"),
        19,
    ),
    Item(
        "GAR-6002",
        "garden",
        T("Galvanised watering can", "Regadera galvanizada", "Оцинкованная лейка"),
        T(
            "A classic 5-litre can with a brass rose for a gentle shower.",
            "Una regadera clásica de 5 litros con alcachofa de latón para un riego suave.",
            "Классическая лейка на 5 литров с латунной насадкой для мягкого полива.",
        ),
        T(
            "The long spout reaches the back of a border without stepping on the plants. Take off the rose to "
            "water pots at the roots.",
            "El pico largo llega al fondo del arriate sin pisar las plantas. Quita la alcachofa para regar las "
            "macetas directamente en la raíz.",
            "Длинный носик дотягивается до дальнего края клумбы, и наступать на растения не придётся. Снимите "
            "насадку, чтобы поливать горшки прямо под корень.",
        ),
        (
            (MATERIAL, T("Galvanised steel", "Acero galvanizado", "Оцинкованная сталь")),
            (CAPACITY, litres(5)),
            (WEIGHT, kg("1.1")),
            (MADE_IN, UK),
        ),
        D("39.00"),
        9,
        quote=Quote(
            T(
                "Beautiful enough to leave out on the terrace all year.",
                "Tan bonita que se queda en la terraza todo el año.",
                "Такая красивая, что стоит на террасе круглый год.",
            ),
            T("Javier, Murcia", "Javier, Murcia", "Хавьер, Мурсия"),
        ),
        photo=True,
    ),
    Item(
        "GAR-6003",
        "garden",
        T("Terracotta plant pots, set of 3", "Macetas de terracota, juego de 3", "Терракотовые горшки, 3 шт."),
        T(
            "Three unglazed pots with saucers that let roots breathe.",
            "Tres macetas sin esmaltar, con plato, que dejan respirar las raíces.",
            "Три неглазурованных горшка с поддонами, в которых корни дышат.",
        ),
        T(
            "Porous terracotta lets excess water evaporate, which protects plants from rot. The pots are fired in "
            "a family kiln near Seville.",
            "La terracota porosa deja evaporar el exceso de agua y protege las plantas de la pudrición. Las macetas "
            "se cuecen en un horno familiar cerca de Sevilla.",
            "Пористая терракота позволяет лишней воде испаряться и защищает растения от гнили. Горшки обжигают в "
            "семейной печи недалеко от Севильи.",
        ),
        (
            (MATERIAL, T("Unglazed terracotta", "Terracota sin esmaltar", "Неглазурованная терракота")),
            (DIAMETER, T("12, 15 and 18 cm", "12, 15 y 18 cm", "12, 15 и 18 см")),
            (
                CARE,
                T(
                    "Bring indoors in hard frost",
                    "Guardar en interior con heladas fuertes",
                    "В сильные морозы заносить в дом",
                ),
            ),
            (MADE_IN, SPAIN),
        ),
        D("28.00"),
        24,
        gallery=2,
    ),
    Item(
        "GAR-6004",
        "garden",
        T("Leather gardening gloves", "Guantes de jardinería de piel", "Кожаные садовые перчатки"),
        T(
            "Supple goatskin gloves that protect against thorns without losing feel.",
            "Guantes flexibles de piel de cabra que protegen de las espinas sin perder sensibilidad.",
            "Мягкие перчатки из козьей кожи: защищают от шипов, но не лишают чувствительности.",
        ),
        T(
            "Goatskin is thin, strong and naturally water-resistant, ideal for roses and brambles. The knitted "
            "cuff keeps out soil.",
            "La piel de cabra es fina, resistente y repele el agua de forma natural, ideal para rosales y zarzas. "
            "El puño de punto impide que entre la tierra.",
            "Козья кожа тонкая, прочная и естественно водоотталкивающая — идеально для роз и ежевики. Трикотажная "
            "манжета не даёт земле попасть внутрь.",
        ),
        (
            (MATERIAL, T("Goatskin, cotton cuff", "Piel de cabra, puño de algodón", "Козья кожа, хлопковая манжета")),
            (SIZES, T("S, M, L", "S, M, L", "S, M, L")),
            (
                CARE,
                T(
                    "Brush off dirt, dry at room temperature",
                    "Cepillar la tierra y secar a temperatura ambiente",
                    "Счищать землю щёткой, сушить при комнатной температуре",
                ),
            ),
            (MADE_IN, INDIA),
        ),
        D("13.00"),
        75,
    ),
    Item(
        "GAR-6005",
        "garden",
        T("Herb seed collection", "Colección de semillas de hierbas aromáticas", "Набор семян пряных трав"),
        T(
            "Six packets of easy herbs for a sunny windowsill or balcony.",
            "Seis sobres de hierbas fáciles de cultivar para una ventana soleada o un balcón.",
            "Шесть пакетиков неприхотливых трав для солнечного подоконника или балкона.",
        ),
        T(
            "All varieties are open-pollinated, so you can save seeds from your own plants. Each packet has sowing "
            "instructions in three languages.",
            "Todas las variedades son de polinización abierta, así que puedes guardar las semillas de tus propias "
            "plantas. Cada sobre incluye instrucciones de siembra en tres idiomas.",
            "Все сорта открыто опыляемые, поэтому семена можно собирать со своих растений. На каждом пакетике есть "
            "инструкция по посеву на трёх языках.",
        ),
        (
            (
                CONTENTS,
                T(
                    "6 packets: basil, parsley, coriander, dill, chives, thyme",
                    "6 sobres: albahaca, perejil, cilantro, eneldo, cebollino y tomillo",
                    "6 пакетиков: базилик, петрушка, кинза, укроп, шнитт-лук, тимьян",
                ),
            ),
            (MADE_IN, NETHERLANDS),
        ),
        D("9.50"),
        150,
        gallery=2,
    ),
    Item(
        "GAR-6006",
        "garden",
        T("Wooden bird feeder", "Comedero de madera para pájaros", "Деревянная кормушка для птиц"),
        T(
            "A larch feeder with a zinc roof that keeps the seed dry.",
            "Un comedero de alerce con tejado de zinc que mantiene las semillas secas.",
            "Кормушка из лиственницы с цинковой крышей, под которой корм остаётся сухим.",
        ),
        T(
            "Hang it from a branch or fix it to a post, and within days the garden will be full of tits and "
            "sparrows. Larch needs no paint or varnish outdoors.",
            "Cuélgalo de una rama o fíjalo a un poste, y en pocos días el jardín se llenará de herrerillos y "
            "gorriones. El alerce no necesita pintura ni barniz en el exterior.",
            "Повесьте её на ветку или закрепите на столбе — и через несколько дней в саду будет полно синиц и "
            "воробьёв. Лиственнице на улице не нужны ни краска, ни лак.",
        ),
        (
            (MATERIAL, T("Larch wood, zinc roof", "Madera de alerce, tejado de zinc", "Лиственница, цинковая крыша")),
            (DIMENSIONS, cm(20, 20, 25)),
            (MADE_IN, POLAND),
        ),
        D("23.00"),
        1,
        quote=Quote(
            T(
                "The blue tits moved in the same afternoon.",
                "Los herrerillos llegaron esa misma tarde.",
                "Лазоревки прилетели в тот же день.",
            ),
            T("Elena, Oviedo", "Elena, Oviedo", "Елена, Овьедо"),
        ),
    ),
)

PRODUCTS = KITCHEN + COFFEE_TEA + HOME + TRAVEL + STATIONERY + GARDEN

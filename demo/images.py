"""Pleasant placeholder pictures for the demo shop, drawn with Pillow: a gradient, soft shapes, initials.

Drawing is deterministic (same label and variant, same picture), so reloading the demo gives the same shop.
"""

import colorsys
import io
import zlib

from django.core.files.images import ImageFile
from PIL import Image, ImageChops, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

DEMO_COLLECTION = "Demo shop"
VARIANTS = 4  # front, close-up, at home, studio photo


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _shift(rgb, hue_shift, lightness_shift=0.0):
    h, light, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    h = (h + hue_shift) % 1.0
    light = min(max(light + lightness_shift, 0.05), 0.95)
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, light, s))


def initials(text, count=2):
    words = [w for w in text.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:count]).upper() or "?"


def draw(label, colours, width, height=None, variant=0):
    """PNG bytes: a two-colour gradient with soft circles and `initials(label)` in the middle."""
    height = height or width
    seed = zlib.crc32(f"{label}:{variant}".encode())
    start, end = (_shift(_rgb(c), ((seed % 17) - 8) / 200) for c in colours)
    if variant % 2:
        start, end = end, start

    vertical = Image.linear_gradient("L")
    mask = ImageChops.add(vertical, vertical.rotate(90 * (1 + 2 * (variant % 2))), scale=2).resize((width, height))
    picture = Image.composite(Image.new("RGB", (width, height), end), Image.new("RGB", (width, height), start), mask)

    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    unit = min(width, height)
    for index in range(3 + variant):
        radius = unit * (0.12 + ((seed >> (index * 3)) % 7) / 30)
        cx = width * (((seed >> (index * 5)) % 100) / 100)
        cy = height * (((seed >> (index * 7 + 2)) % 100) / 100)
        tint = _shift(start if index % 2 else end, 0.04 * index, 0.15)
        shapes.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*tint, 70))
    if variant == 2:  # "at home": a table top along the bottom
        shapes.rectangle((0, height * 0.72, width, height), fill=(*_shift(start, 0, -0.2), 120))
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay)

    text = initials(label)
    font = ImageFont.load_default(size=max(int(unit * (0.42 if variant == 1 else 0.28)), 8))
    ink = ImageDraw.Draw(picture)
    ink.text((width / 2 + unit * 0.01, height / 2 + unit * 0.012), text, font=font, fill=(0, 0, 0, 60), anchor="mm")
    ink.text((width / 2, height / 2), text, font=font, fill=(255, 255, 255, 235), anchor="mm")

    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="PNG", optimize=False, compress_level=3)
    return buffer.getvalue()


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)


def create_image(title, file_name, colours, width, height=None, variant=0, collection=None):
    """A Wagtail image holding a freshly drawn picture."""
    data = draw(title, colours, width, height, variant)
    image = get_image_model()(title=title, collection=collection or demo_collection())
    image.file = ImageFile(io.BytesIO(data), name=file_name)
    image.save()
    return image

"""The catalog's picture renditions, made so that a missing original costs the shopper a picture, never a page.

Wagtail makes a rendition from the image's original file, and raises `SourceImageIOError` when that file is gone
from storage (a lost upload, a half-restored bucket). Its `{% image %}` tag then shows a broken picture; the
shop's own code (the product gallery and its schema.org data, the variant picker, the admin's thumbnails) leaves
the picture out instead, and logs which image needs its file uploaded again."""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)


def renditions_or_none(image, *specs: str) -> dict | None:
    """{spec: rendition} of `image` for `specs` (made now where missing, and kept on the image), or None when its
    original file is missing."""
    try:
        return image.get_renditions(*specs)
    except SourceImageIOError:
        logger.warning("Image %s (%r) has lost its original file %s: left out", image.pk, image.title, image.file.name)
        return None


def rendition_or_none(image, spec: str):
    """The rendition of `image` for `spec`, or None when its original file is missing."""
    renditions = renditions_or_none(image, spec)
    return renditions[spec] if renditions else None

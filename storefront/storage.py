"""Where uploaded files live: public media and private documents, on the filesystem or on object storage.

Two storages, configured in `STORAGES` (storefront/settings/storage.py) from the environment:

- `default`: public media, the product pictures editors upload and the renditions Wagtail makes of them. Anyone
  may read them; on S3 their URLs are plain (unsigned), so a page kept in the page cache or a CDN never holds a
  link that expires.
- `private`: invoices and credit notes. Only the shop hands them out, to the order's token or to shop managers
  (`checkout.invoices.views`), reading them from this storage; on S3 its objects are written without any ACL
  (S3's default: the bucket owner only) and any URL it makes is signed and expires.

Without `AWS_STORAGE_BUCKET_NAME` both are the filesystem under `MEDIA_ROOT`, as they always were.
"""

import functools
from urllib.parse import urlsplit

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE = "private"


class PrivateDocumentsStorage(LazyObject):
    """`STORAGES["private"]`, looked up when first used (as Django's `default_storage` is for "default")."""

    def _setup(self):
        self._wrapped = storages[PRIVATE]


private_storage = PrivateDocumentsStorage()


def private_documents() -> Storage:
    """The storage of invoices and credit notes, for their `FileField`s: a callable, so that migrations name only
    this function, never a storage of one machine's settings."""
    return private_storage


@receiver(setting_changed)
def _follow_changed_storages(setting, **kwargs):
    # Settings change only under test (`override_settings`); Django resets `default_storage` the same way.
    if setting == "STORAGES":
        private_storage._wrapped = empty


def public_media_origin() -> str | None:
    """The origin (`https://cdn.example.com`) public media is served from when it is not the shop's own, else None.

    Asked of the storage itself, so it is right for a custom domain, an S3-compatible endpoint and S3's own
    hosts alike; the Content-Security-Policy lets pictures load from it (`storefront.security`).
    """
    return _origin_of(storages["default"])


@functools.lru_cache(maxsize=8)
def _origin_of(storage: Storage) -> str | None:
    # Any name: only the scheme and host of its URL are kept. `storages` makes a new object when STORAGES changes.
    parts = urlsplit(storage.url("origin"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None

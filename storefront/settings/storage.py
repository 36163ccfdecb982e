"""Settings of static files and media: on this machine's disk, or in an S3 bucket every machine shares. Part of
`base`."""

import os

from .environment import BASE_DIR, PROJECT_DIR, env

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Public media ("default": pictures and their renditions) and private documents ("private": invoices and credit
# notes, handed out only by the shop), both under MEDIA_ROOT unless a bucket is named (storefront/storage.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def object_storages(environ) -> dict:
    """`STORAGES`' "default" and "private" on S3 (or any S3-compatible service) for every machine to share, when the
    environment names `AWS_STORAGE_BUCKET_NAME`; {} otherwise (both stay on the filesystem).

    Public media goes under `media/` in that bucket, private documents under `private/` in
    `AWS_PRIVATE_BUCKET_NAME` (the same bucket unless named). Without keys, boto3 finds credentials its own way
    (an instance role, ~/.aws).
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {}
    shared = {
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "signature_version": "s3v4",
        # Two uploads of "kettle.jpg" are two files: an upload never replaces another picture or document.
        "file_overwrite": False,
    }
    public = {
        **shared,
        "bucket_name": bucket,
        "location": "media",
        # Plain URLs: a cached page or a CDN never keeps a link that expires.
        "querystring_auth": False,
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        # Empty: the bucket's policy (or the CDN's access to it) makes `media/` readable, as buckets without ACLs
        # require; `public-read` for stores that grant reading object by object.
        "default_acl": environ.get("AWS_MEDIA_ACL") or None,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    private = {
        **shared,
        "bucket_name": environ.get("AWS_PRIVATE_BUCKET_NAME") or bucket,
        "location": "private",
        # No ACL: S3's default, readable by the bucket's owner only (a canned "private" ACL is refused by buckets
        # without ACLs). Never the public custom domain; any URL made is signed and short-lived.
        "default_acl": None,
        "custom_domain": None,
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    backend = "storages.backends.s3.S3Storage"
    return {"default": {"BACKEND": backend, "OPTIONS": public}, "private": {"BACKEND": backend, "OPTIONS": private}}


# django-environ has copied `.env` into os.environ above.
STORAGES.update(object_storages(os.environ))

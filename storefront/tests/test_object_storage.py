"""Media on object storage, against a real S3 API (moto's standalone server, started here on the loopback).

Pictures and their renditions land in the public bucket and are readable by anyone at their plain URL;
invoices and credit notes land in the private storage, where an anonymous request is refused, no grant opens
them to everyone and any URL made for them is signed and expires: the shop hands them out, to the order's token
and to shop managers only.
"""

import logging
import secrets
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.storage import storages
from django.urls import reverse
from moto.server import ThreadedMotoServer

from checkout.invoices.credit_notes import generate_credit_note
from checkout.invoices.documents import generate_invoice
from checkout.tests.test_credit_notes import paid_order, refund_kettle
from products.tests.factories import add_product_page, make_image
from storefront.settings.base import object_storages

pytestmark = pytest.mark.django_db

# Any key pair: moto accepts every one, and with both given boto3 never looks for credentials elsewhere.
KEYS = {
    "AWS_ACCESS_KEY_ID": "AKIDSHOPTEST",
    "AWS_SECRET_ACCESS_KEY": "shop-test-secret",
    "AWS_S3_REGION_NAME": "eu-west-1",
}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free loopback port, for this module's tests."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def buckets(s3_endpoint, settings):
    """A public and a private bucket of this test's own, the shop's STORAGES pointed at them as production's
    settings would be by this environment (`object_storages`); {"media": name, "private": name, "client": S3}."""
    media, private = f"shop-media-{secrets.token_hex(4)}", f"shop-private-{secrets.token_hex(4)}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=KEYS["AWS_S3_REGION_NAME"],
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    for name in (media, private):
        client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": KEYS["AWS_S3_REGION_NAME"]})
    environ = {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": media,
        "AWS_PRIVATE_BUCKET_NAME": private,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        # moto keeps object ACLs (buckets without ACLs would grant reading `media/` by their policy instead).
        "AWS_MEDIA_ACL": "public-read",
    }
    settings.STORAGES = {**settings.STORAGES, **object_storages(environ)}
    return {"media": media, "private": private, "client": client}


def keys_in(buckets, bucket) -> list[str]:
    return sorted(item["Key"] for item in buckets["client"].list_objects_v2(Bucket=buckets[bucket]).get("Contents", []))


def anonymous_get(url) -> tuple[int, bytes]:
    """GET with no credentials at all, as any browser on the internet would."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (the loopback moto server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def public_grants(buckets, bucket, key) -> list[dict]:
    grants = buckets["client"].get_object_acl(Bucket=buckets[bucket], Key=key)["Grants"]
    return [grant for grant in grants if grant["Grantee"].get("URI") in (ALL_USERS, AUTHENTICATED_USERS)]


def test_without_a_bucket_everything_stays_in_the_media_folder():
    assert object_storages({}) == {}
    assert object_storages({"AWS_S3_CUSTOM_DOMAIN": "media.shop.example"}) == {}


def test_the_private_storage_never_takes_the_public_domain_acl_or_plain_urls():
    configured = object_storages(
        {
            "AWS_STORAGE_BUCKET_NAME": "shop",
            "AWS_S3_CUSTOM_DOMAIN": "media.shop.example",
            "AWS_MEDIA_ACL": "public-read",
        }
    )

    public, private = configured["default"]["OPTIONS"], configured["private"]["OPTIONS"]
    assert (public["bucket_name"], public["location"], public["custom_domain"]) == (
        "shop",
        "media",
        "media.shop.example",
    )
    assert (public["default_acl"], public["querystring_auth"]) == ("public-read", False)
    assert (private["bucket_name"], private["location"], private["custom_domain"]) == ("shop", "private", None)
    assert (private["default_acl"], private["querystring_auth"], private["querystring_expire"]) == (None, True, 300)


# --- Public media ------------------------------------------------------------------------------------------------


def test_an_uploaded_picture_and_its_rendition_land_in_the_public_bucket(buckets, s3_endpoint):
    image = make_image("kettle")
    rendition = image.get_rendition("fill-40x30")

    assert keys_in(buckets, "media") == sorted([f"media/{image.file.name}", f"media/{rendition.file.name}"])
    assert image.file.name == "original_images/kettle.png"
    assert rendition.file.name.startswith("images/kettle.") and rendition.file.name.endswith(".fill-40x30.webp")
    assert keys_in(buckets, "private") == []
    assert rendition.url == f"{s3_endpoint}/{buckets['media']}/media/{rendition.file.name}"
    status, body = anonymous_get(rendition.url)
    assert status == 200
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"
    assert (rendition.width, rendition.height) == (40, 30)


def test_a_product_page_shows_its_pictures_from_the_bucket_and_its_policy_allows_them(client, shop, buckets):
    page = add_product_page(shop["category"], images=1)

    response = client.get(page.url)

    html = response.content.decode()
    media_origin = urlsplit(storages["default"].url("x"))
    assert response.status_code == 200
    assert f'src="{media_origin.scheme}://{media_origin.netloc}/{buckets["media"]}/media/images/' in html
    img_src = next(part for part in response["Content-Security-Policy"].split("; ") if part.startswith("img-src"))
    assert img_src == f"img-src 'self' data: {media_origin.scheme}://{media_origin.netloc}"


def test_a_custom_domain_is_where_pictures_are_linked_and_allowed_from(client, shop, buckets, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "custom_domain": "media.shop.example"},
        },
    }
    page = add_product_page(shop["category"], images=1)

    response = client.get(page.url)

    assert 'src="https://media.shop.example/media/images/' in response.content.decode()
    assert "img-src 'self' data: https://media.shop.example;" in response["Content-Security-Policy"]


def test_on_the_filesystem_pictures_come_from_the_shop_itself(client, shop):
    page = add_product_page(shop["category"], images=1)

    response = client.get(page.url)

    assert 'src="/media/images/' in response.content.decode()
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]


# --- Private documents -------------------------------------------------------------------------------------------


def test_an_invoice_is_kept_in_the_private_bucket_and_nobody_may_read_it_there(buckets, s3_endpoint):
    invoice = generate_invoice(paid_order("en"))

    key = f"private/{invoice.pdf.name}"
    assert keys_in(buckets, "private") == [key]
    assert keys_in(buckets, "media") == []
    assert public_grants(buckets, "private", key) == []
    # The object's plain address, asked without credentials: refused.
    assert anonymous_get(f"{s3_endpoint}/{buckets['private']}/{key}") == (403, b"")
    # Any URL the storage makes is signed and expires within five minutes.
    query = parse_qs(urlsplit(invoice.pdf.url).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query


def test_a_credit_note_is_kept_in_the_private_bucket_too(buckets):
    credit_note = generate_credit_note(refund_kettle(paid_order("es")))

    key = f"private/{credit_note.pdf.name}"
    assert key in keys_in(buckets, "private")
    assert keys_in(buckets, "media") == []
    assert public_grants(buckets, "private", key) == []


def stored_pdf(buckets, document) -> bytes:
    return buckets["client"].get_object(Bucket=buckets["private"], Key=f"private/{document.pdf.name}")["Body"].read()


def test_the_shop_hands_the_invoice_to_the_holder_of_the_orders_link_only(client, buckets):
    order, other = paid_order("en"), paid_order("en")
    invoice = generate_invoice(order)

    response = client.get(f"/en/payment/{order.token}/invoice/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored_pdf(buckets, invoice)
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/en/payment/{'x' * 43}/invoice/").status_code == 404
    # Another order's link opens that order's invoice, never this one.
    theirs = client.get(f"/en/payment/{other.token}/invoice/")
    assert theirs.status_code == 200
    assert theirs.content != response.content


def test_a_shop_manager_opens_the_invoice_and_the_credit_note_and_an_editor_cannot(client, buckets, django_user_model):
    order = paid_order("es")
    invoice = generate_invoice(order)
    credit_note = generate_credit_note(refund_kettle(order))
    invoice_url = reverse("checkout_invoice_pdf_admin", args=[order.pk])
    credit_note_url = reverse("checkout_credit_note_pdf_admin", args=[order.pk, credit_note.display_number])

    anonymous = [client.get(invoice_url), client.get(credit_note_url)]
    editor = django_user_model.objects.create_user(username="editor", password="pw")
    editor.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))
    client.force_login(editor)
    editors = [client.get(invoice_url), client.get(credit_note_url)]
    manager = django_user_model.objects.create_user(username="manager", password="pw")
    manager.groups.add(Group.objects.get(name=settings.SHOP_MANAGERS_GROUP))
    client.force_login(manager)
    managers = [client.get(invoice_url), client.get(credit_note_url)]

    # Sent to the admin's sign-in, and away with "you do not have permission" (Wagtail's answer to a refusal).
    assert [(response.status_code, response["Location"].split("?")[0]) for response in anonymous] == [
        (302, "/admin/login/"),
        (302, "/admin/login/"),
    ]
    assert [(response.status_code, response["Location"]) for response in editors] == [(302, "/admin/")] * 2
    assert [response.status_code for response in managers] == [200, 200]
    assert managers[0].content == stored_pdf(buckets, invoice)
    assert managers[1].content == stored_pdf(buckets, credit_note)


def test_an_invoice_whose_file_is_gone_from_the_bucket_is_rendered_again(client, buckets):
    order = paid_order("en")
    invoice = generate_invoice(order)
    buckets["client"].delete_object(Bucket=buckets["private"], Key=f"private/{invoice.pdf.name}")

    response = client.get(f"/en/payment/{order.token}/invoice/")

    invoice.refresh_from_db()
    assert response.status_code == 200
    assert keys_in(buckets, "private") == [f"private/{invoice.pdf.name}"]
    assert response.content == stored_pdf(buckets, invoice)

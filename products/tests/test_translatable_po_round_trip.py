"""PO round trip: a translator downloads a product's PO file, translates it elsewhere, uploads it and publishes."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.tests.localize_helpers import make_translator, run_on_commit, start_translation
from products.tests import factories


def test_po_file_edited_outside_the_shop_reaches_the_russian_page(client, catalog):
    lamp = factories.add_product_page(
        catalog["category"]["en"],
        factories.ProductFactory(sku="LAMP-1", name="Lamp", price="31.00"),
        body='[{"type": "paragraph", "value": "<p>Warm light.</p>"}]',
    )
    translation = start_translation(lamp, "ru")
    ru_page = translation.get_target_instance()
    client.force_login(make_translator())

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = {"Lamp": "Лампа", "Warm light.": "Тёплый свет."}.get(entry.msgid, "")
    edit_url = reverse("wagtailadmin_pages:edit", args=[ru_page.pk])
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("lamp-ru.po", str(po).encode()), "next": edit_url},
    )
    with run_on_commit():
        client.post(edit_url, {"action": "publish"})

    assert download.status_code == 200
    assert download["Content-Type"] == "text/x-gettext-translation"
    assert (upload.status_code, upload.url) == (302, edit_url)
    ru_page.refresh_from_db()
    assert ru_page.title == "Лампа"
    russian = client.get(ru_page.url)
    english = client.get(lamp.url)
    assert "Тёплый свет." in russian.content.decode()
    assert "Лампа" in russian.content.decode()
    assert russian.context["page"].product.price == english.context["page"].product.price == lamp.product.price


def test_a_po_file_for_another_translation_is_refused(client, catalog):
    lamp = factories.add_product_page(catalog["category"]["en"], title="Lamp")
    russian, spanish = start_translation(lamp, "ru"), start_translation(lamp, "es")
    client.force_login(make_translator())
    spanish_po = client.get(reverse("wagtail_localize:download_pofile", args=[spanish.pk])).content

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[russian.pk]),
        {"file": SimpleUploadedFile("lamp.po", spanish_po)},
        follow=True,
    )

    assert response.status_code == 200
    assert "Cannot import PO file that was created for a different translation." in [
        str(message).strip() for message in response.context["messages"]
    ]

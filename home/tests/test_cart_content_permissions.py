"""Who edits the cart page content: editors in every locale, a translator only in their own locales."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.groups import ensure_groups
from home.models import CartPageContent
from home.permissions import editable_locales
from home.tests.localize_helpers import make_translator, publish_target, translators_group

ENGLISH_TEXT = "Free delivery over $50."
EDIT = "wagtailsnippets_home_cartpagecontent:edit"


@pytest.fixture
def cart_content(homes, locales):
    """The English cart content and its wagtail-localize translations into Spanish and Russian."""
    english = CartPageContent.objects.create(locale=locales["en"], body=[("paragraph", f"<p>{ENGLISH_TEXT}</p>")])
    source, _created = TranslationSource.get_or_create_from_instance(english)
    contents = {"en": english}
    for code in ("es", "ru"):
        translation = Translation.objects.create(source=source, target_locale=locales[code])
        publish_target(translation)
        contents[code] = translation.get_target_instance()
    return contents


def russian_translator(username="ivan"):
    return make_translator(username, locales=("ru",))


def editor(username="edith"):
    ensure_groups()
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-editor-1")
    user.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))
    return user


def group_permissions(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def assert_denied(response):
    # Wagtail answers a permission denial in the admin with a redirect to the dashboard and a message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_translators_group_may_view_and_change_the_cart_content_but_not_add_or_delete_it(homes):
    group = translators_group(Group.objects.get(name=settings.TRANSLATORS_GROUP), ["ru"])

    permissions = group_permissions(group)

    assert {"home.change_cartpagecontent", "home.view_cartpagecontent"} <= permissions
    assert not {"home.add_cartpagecontent", "home.delete_cartpagecontent"} & permissions


def test_editors_group_may_add_change_and_view_the_cart_content(homes):
    ensure_groups()

    permissions = group_permissions(Group.objects.get(name=settings.EDITORS_GROUP))

    assert {"home.add_cartpagecontent", "home.change_cartpagecontent", "home.view_cartpagecontent"} <= permissions
    assert "home.delete_cartpagecontent" not in permissions


def test_editable_locales_are_those_whose_pages_the_user_may_change(homes):
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-1")

    assert [locale.language_code for locale in editable_locales(russian_translator())] == ["ru"]
    assert {locale.language_code for locale in editable_locales(editor())} == {"en", "es", "ru"}
    assert {locale.language_code for locale in editable_locales(superuser)} == {"en", "es", "ru"}


def test_editor_opens_the_add_view(client, homes):
    client.force_login(editor())

    response = client.get(reverse("wagtailsnippets_home_cartpagecontent:add") + "?locale=en")

    assert response.status_code == 200


@pytest.mark.parametrize("code", ["en", "es", "ru"])
def test_editor_opens_the_cart_content_in_every_locale(client, cart_content, code):
    client.force_login(editor())

    response = client.get(reverse(EDIT, args=[cart_content[code].pk]))

    assert response.status_code == 200


def test_russian_translator_lists_the_cart_content(client, cart_content):
    client.force_login(russian_translator())

    response = client.get(reverse("wagtailsnippets_home_cartpagecontent:list"))

    assert response.status_code == 200


def test_russian_translator_opens_the_translation_editor_for_the_russian_cart_content(client, cart_content):
    client.force_login(russian_translator())

    response = client.get(reverse(EDIT, args=[cart_content["ru"].pk]))

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def translation_of(content):
    """The wagtail-localize translation that produced `content` (a translated copy)."""
    return Translation.objects.get(source__object_id=content.translation_key, target_locale=content.locale)


def put_string(client, translation, text):
    """Translate the English text into `text` in the translation editor, as its JavaScript does."""
    segment = StringSegment.objects.get(source=translation.source, string__data=ENGLISH_TEXT)
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        data=f"value={text}",
        content_type="application/x-www-form-urlencoded",
    )


def test_russian_translator_translates_and_saves_the_russian_cart_content(client, cart_content):
    russian = cart_content["ru"]
    client.force_login(russian_translator())

    put = put_string(client, translation_of(russian), "Бесплатная доставка от 50 $.")
    publish = client.post(reverse(EDIT, args=[russian.pk]), {"action": "publish"})

    assert put.status_code == 201
    assert publish.status_code == 302
    russian.refresh_from_db()
    assert russian.body[0].value.source == "<p>Бесплатная доставка от 50 $.</p>"


@pytest.mark.parametrize("code", ["en", "es"])
def test_russian_translator_cannot_open_the_cart_content_of_another_locale(client, cart_content, code):
    client.force_login(russian_translator())

    response = client.get(reverse(EDIT, args=[cart_content[code].pk]))

    assert_denied(response)


def test_russian_translator_cannot_change_the_english_source(client, cart_content):
    english = cart_content["en"]
    client.force_login(russian_translator())

    response = client.post(
        reverse(EDIT, args=[english.pk]),
        {"body-count": "1", "body-0-type": "paragraph", "body-0-value": "<p>Hacked</p>", "body-0-deleted": ""},
    )

    assert_denied(response)
    english.refresh_from_db()
    assert english.body[0].value.source == f"<p>{ENGLISH_TEXT}</p>"


def test_russian_translator_cannot_publish_or_restart_the_spanish_translation(client, cart_content):
    spanish = cart_content["es"]
    client.force_login(russian_translator())

    publish = client.post(reverse(EDIT, args=[spanish.pk]), {"action": "publish"})
    restart = client.post(reverse(EDIT, args=[spanish.pk]), {"localize-restart-translation": "1"})

    assert_denied(publish)
    assert_denied(restart)


def test_a_user_allowed_to_delete_the_cart_content_deletes_it_only_in_their_locales(client, cart_content):
    user = russian_translator()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="home", codename="delete_cartpagecontent"))
    client.force_login(user)

    english = client.post(reverse("wagtailsnippets_home_cartpagecontent:delete", args=[cart_content["en"].pk]))
    russian = client.post(reverse("wagtailsnippets_home_cartpagecontent:delete", args=[cart_content["ru"].pk]))

    assert_denied(english)
    assert russian.status_code == 302
    assert set(CartPageContent.objects.values_list("locale__language_code", flat=True)) == {"en", "es"}


def test_russian_translator_cannot_stage_strings_or_download_the_spanish_translation(client, cart_content):
    translation = translation_of(cart_content["es"])
    client.force_login(russian_translator())

    put = put_string(client, translation, "Hackeado")
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    stop = client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))

    assert (put.status_code, download.status_code, stop.status_code) == (403, 403, 403)
    translation.refresh_from_db()
    assert translation.enabled
    assert not StringTranslation.objects.filter(data="Hackeado").exists()


def test_the_russian_translator_downloads_the_russian_po_file(client, cart_content):
    client.force_login(russian_translator())

    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation_of(cart_content["ru"]).pk]))

    assert response.status_code == 200
    assert ENGLISH_TEXT in response.content.decode()

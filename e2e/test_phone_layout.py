"""On a phone, no shopper page is wider than the screen, in any language (Russian words are the longest)."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}

# Elements wider than the screen, unless inside a container that scrolls them (the category navigation).
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (element) => {
        for (let node = element.parentElement; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) return true;
        }
        return false;
    };
    return {
        scrollWidth: document.documentElement.scrollWidth,
        width,
        wide: [...document.querySelectorAll("main *")]
            .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    };
}"""


@pytest.mark.parametrize("language", ["es", "ru"])
def test_shopper_pages_fit_a_phone_screen(browser, live_server, catalog, language):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto(catalog["kettle"][language].url)
        page.locator(".buy-box button[type=submit]").click()
        page.locator(".messages").wait_for()  # the form fetches its CSRF token first, then posts
        urls = [f"/{language}/", catalog["category"][language].url, catalog["kettle"][language].url]
        page.goto(f"/{language}/")
        page.locator(".cart-link").click()
        urls.append(page.url)
        page.locator(".cart-actions a").click()
        urls.append(page.url)

        measured = {}
        for url in urls:
            page.goto(url)
            measured[url] = page.evaluate(OVERFLOWING)
    finally:
        context.close()

    too_wide = {url: m for url, m in measured.items() if m["scrollWidth"] > m["width"] or m["wide"]}
    assert too_wide == {}

// What a cached catalog page needs in the browser (a static file: the Content-Security-Policy refuses inline
// scripts). Without JavaScript both still work: the add-to-cart form gets a confirmation page carrying a CSRF
// token, and the header shows the count the server rendered.

// 1. Forms marked `data-csrf="/csrf/"` carry no CSRF token (a public page sets no cookie): fetch one on submit.
document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.csrf || form.dataset.csrfReady) {
        return;
    }
    event.preventDefault();
    try {
        const response = await fetch(form.dataset.csrf, {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        });
        const { token } = await response.json();
        let input = form.querySelector("input[name=csrfmiddlewaretoken]");
        if (!input) {
            input = document.createElement("input");
            input.type = "hidden";
            input.name = "csrfmiddlewaretoken";
            form.append(input);
        }
        input.value = token;
    } catch {
        // No token: the server answers with its confirmation page instead of adding.
    }
    form.dataset.csrfReady = "1";
    form.requestSubmit(event.submitter);
});

// 2. The header's cart badge from the `cart_count` cookie, set whenever the cart changes.
function cartCount() {
    const match = document.cookie.match(/(?:^|;\s*)cart_count=(\d+)/);
    return match ? Number(match[1]) : null;
}

function showCartCount() {
    const link = document.querySelector(".cart-link[data-cart-count]");
    const count = cartCount();
    // No cookie: a cart from before the cookie existed, or none; the server's count stands.
    if (!link || count === null || Number(link.dataset.cartCount) === count) {
        return;
    }
    const category = new Intl.PluralRules(document.documentElement.lang).select(count);
    const label = link.dataset[`label${category[0].toUpperCase()}${category.slice(1)}`] || link.dataset.labelOther;
    link.dataset.cartCount = String(count);
    link.querySelector(".cart-link__count").textContent = String(count);
    if (label) {
        link.querySelector(".cart-link__label").textContent = label.replace("{n}", String(count));
    }
}

showCartCount();
window.addEventListener("pageshow", showCartCount);

// 3. A product page's variant radios: the price, SKU, stock badge, quantity limit and main image follow the
// choice without a reload (each radio carries its variant's values, rendered by the server in the page's language).
function showVariant(radio) {
    const product = radio.closest(".product");
    if (!product) {
        return;
    }
    const price = product.querySelector("[data-variant-price]");
    const sku = product.querySelector("[data-variant-sku]");
    const badge = product.querySelector("[data-stock-state]");
    const quantity = radio.form.querySelector("input[name=quantity]");
    const image = product.querySelector(".product__figure.is-main img");
    if (price) {
        price.textContent = radio.dataset.price;
    }
    if (sku) {
        sku.textContent = radio.dataset.sku;
    }
    if (badge) {
        badge.className = `stock ${radio.dataset.stockClass}`;
        badge.textContent = radio.dataset.stockText;
    }
    if (quantity) {
        quantity.max = radio.dataset.max;
    }
    if (image && radio.dataset.image) {
        image.removeAttribute("srcset");
        image.src = radio.dataset.image;
    }
}

document.addEventListener("change", (event) => {
    const radio = event.target;
    if (radio instanceof HTMLInputElement && radio.name === "variant" && radio.closest("[data-variant-picker]")) {
        showVariant(radio);
    }
});

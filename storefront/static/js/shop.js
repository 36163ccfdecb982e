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

// 3. A form sent back with errors: its summary (templates/includes/error_summary.html) takes the focus, so that
// keyboard and screen reader users start from the list of what to correct.
// Its links take the focus to their field (a link to a fragment only scrolls there).
document.querySelector("[data-error-summary]")?.focus();
document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-error-summary] a[href^='#']") : null;
    const field = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
    if (field) {
        event.preventDefault();
        field.focus();
    }
});

// 4. The messages that came with the page (added to the cart, cart updated, a code applied or refused): a live
// region announces what changes in it, not what it held on arrival, so the list goes in again once the page is in.
const messagesRegion = document.querySelector("[data-messages]");
const messageList = messagesRegion?.querySelector(".messages");
if (messageList) {
    messageList.remove();
    window.setTimeout(() => messagesRegion.append(messageList), 100);
}

// 5. A product page's variant picker (one radio group per option): the price, SKU, stock badge, quantity limit and
// main image follow the chosen combination without a reload, and each value says whether the combination it would
// make with the other choices is sold out or does not exist. The server rendered every text in the page's language
// (`data-variants` on the picker); without JavaScript the form posts the chosen values and the server resolves them.
function pickerData(picker) {
    if (!picker.variantData) {
        picker.variantData = JSON.parse(picker.dataset.variants);
    }
    return picker.variantData;
}

function variantFor(data, values) {
    const wanted = [...values].sort((a, b) => a - b).join(",");
    return data.variants.find((variant) => variant.options.join(",") === wanted);
}

function chosenValues(picker) {
    return new Map(
        [...picker.querySelectorAll("input[type=radio]:checked")].map((radio) => [radio.name, Number(radio.value)]),
    );
}

function showVariant(picker, variant) {
    const product = picker.closest(".product");
    if (!product) {
        return;
    }
    const price = product.querySelector("[data-variant-price]");
    const sku = product.querySelector("[data-variant-sku]");
    const badge = product.querySelector("[data-stock-state]");
    const quantity = picker.closest("form").querySelector("input[name=quantity]");
    const image = product.querySelector(".product__figure.is-main img");
    // The price in the shopper's market (`data-market-prices`, by SKU); a variant without one there cannot be
    // added to the cart.
    const marketPrices = price && price.dataset.marketPrices ? JSON.parse(price.dataset.marketPrices) : null;
    const marketPrice = marketPrices ? marketPrices[variant.sku] : null;
    if (price) {
        price.textContent = marketPrice ? marketPrice.text : variant.price;
    }
    const button = picker.closest("form").querySelector("button[type=submit]");
    if (button && marketPrice) {
        button.disabled = !marketPrice.available;
    }
    if (sku) {
        sku.textContent = variant.sku;
    }
    if (badge) {
        badge.className = `stock ${variant.stockClass}`;
        badge.textContent = variant.stockText;
    }
    if (quantity) {
        quantity.max = variant.max;
    }
    if (image && variant.image) {
        image.removeAttribute("srcset");
        image.src = variant.image;
    }
}

function markChoices(picker) {
    const data = pickerData(picker);
    const chosen = chosenValues(picker);
    for (const radio of picker.querySelectorAll("input[type=radio]")) {
        const values = new Map(chosen);
        values.set(radio.name, Number(radio.value));
        const variant = variantFor(data, values.values());
        const state = !variant ? "missing" : variant.stockClass === "stock--out" ? "sold-out" : "available";
        const label = radio.closest(".option-choice");
        label.classList.toggle("is-unavailable", state !== "available");
        label.querySelector("[data-option-state]").textContent = state === "available" ? "" : `(${data.states[state]})`;
    }
    const variant = variantFor(data, chosen.values());
    if (variant) {
        showVariant(picker, variant);
    } else {
        const badge = picker.closest(".product")?.querySelector("[data-stock-state]");
        if (badge) {
            badge.className = "stock stock--out";
            badge.textContent = data.states.missing;
        }
    }
}

document.addEventListener("change", (event) => {
    const radio = event.target;
    const picker = radio instanceof HTMLInputElement ? radio.closest("[data-variant-picker]") : null;
    if (picker) {
        markChoices(picker);
    }
});

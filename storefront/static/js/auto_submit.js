// Submits a form as soon as one of its `data-auto-submit` fields changes (the category page's sort and
// "in stock only"); a button inside <noscript> does it without JavaScript. A static file, not an
// `onchange=` attribute: the Content-Security-Policy refuses inline scripts.
document.addEventListener("change", (event) => {
    const field = event.target;
    if (field.matches && field.matches("[data-auto-submit]") && field.form) {
        field.form.requestSubmit();
    }
});

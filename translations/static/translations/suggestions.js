// The interface-string editor: "Use" copies a translation-memory suggestion into the first form's field.
document.querySelectorAll("[data-apply-suggestion]").forEach((button) => {
    button.addEventListener("click", () => {
        const field = document.querySelector("textarea[name=form_0]");
        field.value = button.dataset.applySuggestion;
        field.focus();
    });
});

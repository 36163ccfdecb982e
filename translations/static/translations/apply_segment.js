// Under the wagtail-localize editor: "Use" saves a translation-memory suggestion as the segment's translation
// through the editor's own endpoint, then reloads the editor to show it.
document.querySelectorAll("[data-put-url]").forEach((button) => {
    button.addEventListener("click", async () => {
        const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
        const response = await fetch(button.dataset.putUrl, {
            method: "PUT",
            headers: { "X-CSRFToken": token, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ value: button.dataset.value }),
        });
        if (response.ok) window.location.reload();
    });
});

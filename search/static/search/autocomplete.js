/*
 * Product suggestions under the header search box, following the WAI-ARIA combobox pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): the input keeps focus, the arrow keys move through
 * the listbox (aria-activedescendant), Enter opens the chosen product, Escape closes the list, and a polite
 * live region says how many suggestions there are. Without JavaScript the form simply submits.
 */
(function () {
    "use strict";

    var DEBOUNCE_MS = 150;

    function setUp(form) {
        var input = form.querySelector("[role=combobox]");
        var listbox = form.querySelector("[role=listbox]");
        var status = form.querySelector("[data-suggest-status]");
        if (!input || !listbox || !status || !window.fetch) {
            return;
        }
        var url = input.getAttribute("data-suggest-url");
        var minLength = parseInt(input.getAttribute("data-suggest-min-length"), 10) || 2;
        var timer = null;
        var controller = null;
        var active = -1;
        var lastQuery = null;

        function options() {
            return listbox.querySelectorAll("[role=option]");
        }

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var items = options();
            if (!items.length) {
                return;
            }
            active = (index + items.length) % items.length;
            for (var i = 0; i < items.length; i++) {
                items[i].setAttribute("aria-selected", i === active ? "true" : "false");
            }
            input.setAttribute("aria-activedescendant", items[active].id);
            items[active].scrollIntoView({block: "nearest"});
        }

        function render(data) {
            listbox.textContent = "";
            data.results.forEach(function (result, index) {
                var option = document.createElement("li");
                option.id = listbox.id + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", result.url);
                option.className = "search-suggestions__option";
                var title = document.createElement("span");
                title.className = "search-suggestions__title";
                title.textContent = result.title;
                var price = document.createElement("span");
                price.className = "search-suggestions__price";
                price.textContent = result.price;
                option.appendChild(title);
                option.appendChild(price);
                listbox.appendChild(option);
            });
            status.textContent = data.status;
            active = -1;
            input.removeAttribute("aria-activedescendant");
            if (data.results.length) {
                listbox.hidden = false;
                input.setAttribute("aria-expanded", "true");
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (controller) {
                controller.abort();
            }
            if (query.length < minLength) {
                listbox.textContent = "";
                status.textContent = "";
                close();
                return;
            }
            controller = window.AbortController ? new AbortController() : null;
            var target = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
            fetch(target, {
                headers: {"Accept": "application/json"},
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("suggestions: HTTP " + response.status);
                    }
                    return response.json();
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(data);
                    }
                })
                .catch(function () {
                    // Suggestions are a convenience: on any failure the plain search still works.
                    close();
                });
        }

        function choose(option) {
            if (option && option.getAttribute("data-url")) {
                window.location.assign(option.getAttribute("data-url"));
            }
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !listbox.hidden && options().length > 0;
            if (event.key === "ArrowDown") {
                if (open) {
                    event.preventDefault();
                    highlight(active + 1);
                } else if (options().length) {
                    event.preventDefault();
                    listbox.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                    highlight(0);
                }
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                highlight(active - 1);
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                choose(options()[active]);
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            }
        });

        // mousedown, not click: it fires before the input's blur closes the list.
        listbox.addEventListener("mousedown", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                event.preventDefault();
                choose(option);
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function init() {
        var forms = document.querySelectorAll("[data-search-box]");
        for (var i = 0; i < forms.length; i++) {
            setUp(forms[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

/* Title suggestions (ARIA 1.2 combobox); forms work without this file. */
(() => {
  const boxes = document.querySelectorAll("input[type=search][data-autocomplete]");
  boxes.forEach((input) => {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list || input.dataset.bound) return;
    input.dataset.bound = "1";
    input.setAttribute("role", "combobox");
    let timer, request, items = [], active = -1;

    const select = (n) => {
      items[active]?.setAttribute("aria-selected", false);
      active = n;
      if (n < 0) return input.removeAttribute("aria-activedescendant");
      items[n].setAttribute("aria-selected", true);
      input.setAttribute("aria-activedescendant", items[n].id);
      items[n].scrollIntoView({ block: "nearest" });
    };
    const expand = (open) => {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open);
      if (!open) select(-1);
    };
    const show = (suggestions) => {
      expand(false);
      list.replaceChildren(...suggestions.map((s, n) => {
        const option = document.createElement("li");
        const link = option.appendChild(document.createElement("a"));
        Object.assign(option, { id: `${list.id}-${n}`, lang: s.language, dir: "auto" });
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", false);
        Object.assign(link, { href: s.url, tabIndex: -1, textContent: s.title });
        return option;
      }));
      items = [...list.children];
      expand(items.length > 0);
    };
    const suggest = () => {
      const q = input.value.trim();
      const scope = input.form?.elements.namedItem("lang");
      if (q.length < 2) return show([]);
      request = new AbortController();
      const lang = scope ? scope.value : document.documentElement.lang;
      const params = new URLSearchParams({ q, lang });
      fetch(`${input.dataset.autocomplete}?${params}`, { signal: request.signal })
        .then((r) => (r.ok ? r.json() : {}))
        .then((data) => show(data.suggestions || []))
        .catch(() => {});
    };

    expand(false);
    input.addEventListener("input", () => {
      clearTimeout(timer);
      request?.abort();
      timer = setTimeout(suggest, 200);
    });
    input.addEventListener("keydown", (e) => {
      const key = e.key, n = items.length, open = !list.hidden;
      if ((key === "ArrowDown" || key === "ArrowUp") && n) {
        e.preventDefault();
        if (!open) return expand(true);
        select(key === "ArrowDown" ? (active + 1) % n : (active < 1 ? n : active) - 1);
      } else if (key === "Enter" && open && active >= 0) {
        e.preventDefault();
        location.href = items[active].firstChild.href;
      } else if (key === "Escape" && open) {
        e.preventDefault();
        expand(false);
      }
    });
    input.addEventListener("blur", () => expand(false));
    // Keep the focus in the box: the click must reach the link.
    list.addEventListener("mousedown", (e) => e.preventDefault());
  });
})();

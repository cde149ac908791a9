/* « Copier le lien »: the link becomes a button that copies the page's address
   (navigator.clipboard); without this file, or without a clipboard (plain
   http), the link stays a link to the address, to copy by hand. */
(() => {
  if (!navigator.clipboard) return;
  document.querySelectorAll("a[data-copy-link]").forEach((link) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = link.textContent;
    const status = link.parentElement.querySelector(".copy-status");
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(link.href).then(() => {
        if (status) status.textContent = link.dataset.copied;
      });
    });
    link.replaceWith(button);
  });
})();

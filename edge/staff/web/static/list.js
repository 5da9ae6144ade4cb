// The shopper's list page: its one button prints it (no inline script: the page's CSP).
document.getElementById("print").addEventListener("click", () => window.print());

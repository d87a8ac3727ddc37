// Behaviour shared by every page. No inline handlers: the Content-Security-Policy refuses them.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".nav-toggle")) {
    button.addEventListener("click", () => document.body.classList.toggle("nav-open"));
  }
});

// The same signal Gatehouse's bench waits for: the page loaded and its form usable.
window.addEventListener("load", () => {
  document.documentElement.dataset.loaded = "1";
});

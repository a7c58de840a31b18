import "./style.css";
import { start } from "./app";

void start();
// The page's load event, marked where scripts/bench.sh (and a bare Tauri window's page) look for
// it: the same "first page loaded" signal for both.
window.addEventListener("load", () => {
  document.documentElement.dataset.loaded = "1";
});

import { render } from "preact";
import { App } from "./app";
import { initLang } from "./i18n";
import { registerServiceWorker } from "./sw-register";
import "./styles.css";

initLang();
const root = document.getElementById("app");
if (root) {
  root.textContent = ""; // drop the <noscript> fallback
  render(<App />, root);
}
registerServiceWorker();

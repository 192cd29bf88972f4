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
// Only the production build has a service worker (the dev server serves modules live).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  registerServiceWorker(navigator.serviceWorker).catch((error: unknown) => {
    console.warn("Service worker registration failed", error);
  });
}

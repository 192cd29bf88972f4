// The page's side of a tap on a notification: the service worker focuses this window and
// asks it to show a screen; the router goes there. Tiny: it is part of the first load.
import { getLang, onLangChange } from "../../i18n";
import { navigate } from "../../router";
import { setMeta } from "../../store/db";
import { OPEN_URL_MESSAGE, PUSH_LANG_KEY, safePath } from "./push-message";

/** Listen for the worker's "open this screen"; returns a function that stops listening. */
export function listenForPushOpens(container: ServiceWorkerContainer | undefined): () => void {
  if (!container) return () => undefined;
  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== "object" || data === null) return;
    const message = data as { type?: unknown; url?: unknown };
    if (message.type === OPEN_URL_MESSAGE) navigate(safePath(message.url));
  };
  container.addEventListener("message", onMessage);
  return () => container.removeEventListener("message", onMessage);
}

/**
 * The page's part of push, started once by the app: open the screens the worker asks
 * for, and tell the worker the app's language (it cannot read localStorage).
 */
export function startPushBridge(): () => void {
  const stopOpens = listenForPushOpens("serviceWorker" in navigator ? navigator.serviceWorker : undefined);
  const keep = (lang: string) => void setMeta(PUSH_LANG_KEY, lang).catch(() => undefined);
  keep(getLang());
  const stopLang = onLangChange(keep);
  return () => {
    stopOpens();
    stopLang();
  };
}

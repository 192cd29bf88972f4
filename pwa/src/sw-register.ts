// Register the service worker (from a module, never an inline script) and tell the app
// when a new version is waiting, so it can offer "update now".

type ApplyUpdate = () => void;
type Listener = (apply: ApplyUpdate) => void;

const listeners = new Set<Listener>();
let pending: ApplyUpdate | null = null;

/** Listen for a waiting update; a listener that comes late still hears about it. */
export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  if (pending) listener(pending);
  return () => listeners.delete(listener);
}

function announce(worker: ServiceWorker): void {
  pending = () => {
    reloadOnNewController = true;
    worker.postMessage({ type: "SKIP_WAITING" });
  };
  for (const listener of listeners) listener(pending);
}

// Only reload when the person asked for the update, not when the first worker claims the page.
let reloadOnNewController = false;
const HOUR = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  container.addEventListener("controllerchange", () => {
    if (!reloadOnNewController) return;
    reloadOnNewController = false;
    location.reload();
  });
  void container
    .register("/sw.js", { scope: "/", updateViaCache: "none" })
    .then((registration) => {
      if (registration.waiting && container.controller) announce(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          // "installed" with a controller present: a new version waits behind the old one.
          if (worker.state === "installed" && container.controller) announce(worker);
        });
      });
      let lastCheck = Date.now();
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible" && Date.now() - lastCheck > HOUR) {
          lastCheck = Date.now();
          registration.update().catch(() => undefined);
        }
      });
    })
    .catch((error: unknown) => {
      console.warn("Service worker registration failed", error);
    });
}

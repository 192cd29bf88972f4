// Register the service worker (from a module, never an inline script) and tell the app
// when a new version is waiting, so it can offer "update now".

type ApplyUpdate = () => void;
type Listener = (apply: ApplyUpdate) => void;

const listeners = new Set<Listener>();
let pending: ApplyUpdate | null = null;
const HOUR = 60 * 60 * 1000;

/** Listen for a waiting update; a listener that comes late still hears about it. */
export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  if (pending) listener(pending);
  return () => listeners.delete(listener);
}

/** Forget a waiting update (tests). */
export function resetUpdateState(): void {
  pending = null;
  listeners.clear();
}

/**
 * Register /sw.js and watch for a new version. `reload` runs once the new worker has
 * taken over, but only when the person asked for the update: the first worker claiming
 * the page must not reload it.
 */
export async function registerServiceWorker(
  container: ServiceWorkerContainer,
  reload: () => void = () => location.reload(),
): Promise<void> {
  let reloadOnNewController = false;
  container.addEventListener("controllerchange", () => {
    if (!reloadOnNewController) return;
    reloadOnNewController = false;
    reload();
  });

  const announce = (worker: ServiceWorker) => {
    pending = () => {
      reloadOnNewController = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    };
    for (const listener of listeners) listener(pending);
  };

  const registration = await container.register("/sw.js", {
    scope: "/",
    updateViaCache: "none",
  });
  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && container.controller) announce(worker);
    });
  };
  // "Waiting" with a controller present: a new version waits behind the running one.
  if (registration.waiting && container.controller) announce(registration.waiting);
  // The browser may have found the new version before this page registered: its
  // `updatefound` has been and gone, but the worker is still installing.
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));

  // An app that stays open for days still hears about new versions.
  let lastCheck = Date.now();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - lastCheck > HOUR) {
      lastCheck = Date.now();
      registration.update().catch(() => undefined);
    }
  });
}

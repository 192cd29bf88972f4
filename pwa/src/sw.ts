/// <reference lib="webworker" />
// The service worker: the app shell from the precache (cache-first), every app route
// falls back to index.html, reference data is stale-while-revalidate, the rest of the
// API always goes to the network.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { NetworkOnly, StaleWhileRevalidate, type StrategyOptions } from "workbox-strategies";

declare const self: ServiceWorkerGlobalScope;

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Deep links (/home, /login) open offline too; /api/ navigations (the API docs) do not.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/^\/api(\/|$)/] }),
);

const sameOrigin = (url: URL) => url.origin === self.location.origin;

type Plugin = NonNullable<StrategyOptions["plugins"]>[number];

/** Keep at most `max` responses in a cache, dropping the ones written longest ago. */
function keepAtMost(max: number): Plugin {
  return {
    async cacheDidUpdate({ cacheName }) {
      const cache = await caches.open(cacheName);
      const keys = await cache.keys(); // in the order they were written
      await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((k) => cache.delete(k)));
    },
  };
}

// Reference data changes rarely: answer from the cache at once, refresh it behind.
// Searches (?q=...) make many URLs, so the cache is capped.
registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith("/api/v1/taxonomy/"),
  new StaleWhileRevalidate({ cacheName: "taxonomy", plugins: [keepAtMost(300)] }),
  "GET",
);

// Everything else under /api/ is personal or live: never from a cache. (Writes are not
// routed at all, so they go to the network as they are.)
registerRoute(({ url }) => sameOrigin(url) && url.pathname.startsWith("/api/"), new NetworkOnly(), "GET");

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === "object" && data !== null && (data as { type?: unknown }).type === "SKIP_WAITING") {
    void self.skipWaiting();
  }
});

// Take control of pages that were opened before this worker, so the first visit works offline.
self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

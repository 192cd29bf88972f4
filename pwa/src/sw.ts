/// <reference lib="webworker" />
// The service worker: the app shell from the precache (cache-first), every app route
// falls back to index.html, reference data is stale-while-revalidate, the rest of the
// API always goes to the network. Background Sync ("outbox") sends the selfie edits
// made offline, with the same code the page uses (sync/flush-outbox.ts).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { NetworkOnly, StaleWhileRevalidate, type StrategyOptions } from "workbox-strategies";
import { setCsrfFallback } from "./api/client";
import {
  OPEN_URL_MESSAGE,
  PUSH_LANG_KEY,
  clickTarget,
  notificationFor,
  parsePayload,
  pickLang,
} from "./screens/notifications/push-message";
import { getMeta, setMeta } from "./store/db";
import {
  CSRF_COPY_KEY,
  FLUSHED_MESSAGE,
  LAST_BACKGROUND_SYNC_KEY,
  SYNC_TAG,
  flushOutbox,
  type BackgroundSyncRecord,
  type FlushedMessage,
  type FlushResult,
} from "./sync/flush-outbox";

declare const self: ServiceWorkerGlobalScope;

/** Background Sync's event (not in TypeScript's lib yet). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Deep links (/home, /login) open offline too; /api/ navigations (the API docs) and the
// server-rendered vacancy pages (/vacatures/<id>) do not: the server answers those.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), {
    denylist: [/^\/api(\/|$)/, /^\/vacatures(\/|$)/],
  }),
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

// The whole occupation list (860 kB) is kept in IndexedDB by store/occupations.ts, which
// revalidates it with its ETag: a second copy in a cache would only cost space, and a
// cached answer would hide the server's 304.
registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname === "/api/v1/taxonomy/occupations/labels",
  new NetworkOnly(),
  "GET",
);

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

// A worker cannot read document.cookie. Chromium gives it cookieStore (client.ts uses
// it); elsewhere the CSRF value comes from the copy the page keeps in IndexedDB.
setCsrfFallback(async (name) => {
  const copy = await getMeta<Record<string, string | null>>(CSRF_COPY_KEY);
  return copy?.[name] ?? null;
});

/** Tell every open page what changed, so it shows the new state. */
async function tellPages(result: FlushResult): Promise<void> {
  const message: FlushedMessage = {
    type: FLUSHED_MESSAGE,
    sections: result.sections,
    nextRetryAt: result.nextRetryAt,
  };
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}

async function backgroundSync(): Promise<void> {
  const result = await flushOutbox("sync");
  const record: BackgroundSyncRecord = {
    at: Date.now(),
    sent: result.sent,
    accepted: result.accepted,
    remaining: result.remaining,
  };
  await setMeta(LAST_BACKGROUND_SYNC_KEY, record);
  await tellPages(result);
  // Rejecting asks the browser to fire the event again later (with its own back-off).
  if (result.remaining > 0) throw new Error(`${result.remaining} writes still waiting (${result.stopped ?? "back-off"})`);
}

self.addEventListener("sync", (event: Event) => {
  const sync = event as SyncEvent;
  if (sync.tag === SYNC_TAG) sync.waitUntil(backgroundSync());
});

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

// --- Push (issue 7): show the message, and open the right screen on a tap -------------

async function showPush(raw: unknown): Promise<void> {
  const payload = parsePayload(raw);
  if (!payload) return;
  const stored = await getMeta<string>(PUSH_LANG_KEY).catch(() => undefined);
  const { title, options } = notificationFor(payload, pickLang(stored, self.navigator.languages));
  await self.registration.showNotification(title, options);
}

self.addEventListener("push", (event: PushEvent) => {
  let raw: unknown;
  try {
    raw = event.data?.json();
  } catch {
    raw = null; // not JSON: not one of ours
  }
  event.waitUntil(showPush(raw));
});

/**
 * Focus a window of the app and let its router go to `path` (no reload: what the person
 * was typing elsewhere stays); without a window, open one.
 */
async function openApp(path: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const mine = windows.filter((w) => new URL(w.url).origin === self.location.origin);
  const win = mine.find((w) => w.focused) ?? mine[0];
  if (win) {
    const focused = await win.focus().catch(() => win);
    focused.postMessage({ type: OPEN_URL_MESSAGE, url: path });
    return;
  }
  await self.clients.openWindow(path);
}

self.addEventListener("notificationclick", (event: NotificationEvent) => {
  event.notification.close();
  event.waitUntil(openApp(clickTarget(event.notification.data, event.action)));
});

// What a push message from the server looks like, and how the service worker shows it
// and where a tap goes. Pure functions, shared by src/sw.ts and the unit tests. The
// server builds the payload in backend/notifications/delivery.py (`payload`).

export type PushLang = "nl" | "en";

export interface PushText {
  title: string;
  body: string;
}

export interface PushAction {
  action: string;
  nl: string;
  en: string;
}

export interface PushPayload {
  id: number;
  kind: string;
  nl: PushText;
  en: PushText;
  /** The app screen a tap opens (a path such as /open-hiring/12). */
  url: string;
  actions: PushAction[];
  data: Record<string, unknown>;
}

/** What the service worker keeps on the notification (`notification.data`). */
export interface ShownData {
  id: number;
  kind: string;
  url: string;
  /** Per action: the screen it opens. */
  actionUrls: Record<string, string>;
}

/** IndexedDB meta key under which the page tells the worker the app's language. */
export const PUSH_LANG_KEY = "push-lang";
/** The message the worker sends a window of the app: go to this screen. */
export const OPEN_URL_MESSAGE = "open-url";
export const ICON = "/icons/icon-192.png";
export const BADGE = "/icons/icon-192.png";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is PushText {
  return isRecord(value) && typeof value.title === "string" && typeof value.body === "string";
}

/**
 * An app path to open: only a path on this origin ("/x", never "//host" or a full URL),
 * so a payload can never send the person to another site. Anything else is the inbox.
 */
export function safePath(url: unknown): string {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//") || url.includes("\\")) {
    return "/notifications";
  }
  return url;
}

/** Read a push message's JSON; null when it is not one of ours. */
export function parsePayload(raw: unknown): PushPayload | null {
  if (!isRecord(raw) || !isText(raw.nl) || !isText(raw.en)) return null;
  const actions = Array.isArray(raw.actions)
    ? raw.actions.filter(
        (a): a is PushAction =>
          isRecord(a) && typeof a.action === "string" && typeof a.nl === "string" && typeof a.en === "string",
      )
    : [];
  return {
    id: typeof raw.id === "number" ? raw.id : 0,
    kind: typeof raw.kind === "string" ? raw.kind : "",
    nl: raw.nl,
    en: raw.en,
    url: safePath(raw.url),
    actions,
    data: isRecord(raw.data) ? raw.data : {},
  };
}

/** The screen an action opens. "Ik doe mee" (accept) opens the offer: saying yes there
 * needs the choice of what to share, so it is never done from the notification alone. */
export function actionUrl(payload: PushPayload, action: string): string {
  if (action === "accept") {
    const vacancy = payload.data.vacancy_id;
    return typeof vacancy === "number" ? `/open-hiring/${vacancy}/offer` : payload.url;
  }
  return payload.url;
}

/** A tag per kind: a newer check-in or offer replaces the older one on the screen. */
export function tagFor(payload: PushPayload): string {
  if (payload.kind === "daily_checkin") return "checkin";
  const vacancy = payload.data.vacancy_id;
  if (payload.kind === "open_hiring_offer" && typeof vacancy === "number") return `offer-${vacancy}`;
  return `notification-${payload.id}`;
}

export interface ShownNotification {
  title: string;
  options: NotificationOptions & {
    actions: { action: string; title: string }[];
    renotify: boolean;
    requireInteraction: boolean;
  };
}

/** The title and options for `registration.showNotification`. */
export function notificationFor(payload: PushPayload, lang: PushLang): ShownNotification {
  const text = payload[lang];
  const data: ShownData = {
    id: payload.id,
    kind: payload.kind,
    url: payload.url,
    actionUrls: Object.fromEntries(payload.actions.map((a) => [a.action, actionUrl(payload, a.action)])),
  };
  return {
    title: text.title,
    options: {
      body: text.body,
      icon: ICON,
      badge: BADGE,
      lang,
      tag: tagFor(payload),
      // A replaced offer or check-in should still be heard; others are new tags anyway.
      renotify: true,
      // An offer has a deadline: it stays until the person does something with it.
      requireInteraction: payload.kind === "open_hiring_offer",
      data,
      actions: payload.actions.map((a) => ({ action: a.action, title: a[lang] })),
    },
  };
}

/** Where a tap on a shown notification (or one of its actions) goes. */
export function clickTarget(data: unknown, action: string): string {
  if (!isRecord(data)) return "/notifications";
  const urls = isRecord(data.actionUrls) ? data.actionUrls : {};
  return safePath(action && typeof urls[action] === "string" ? urls[action] : data.url);
}

/** The language for a notification: the app's (stored by the page), else the browser's. */
export function pickLang(stored: unknown, browserLanguages: readonly string[]): PushLang {
  if (stored === "nl" || stored === "en") return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "nl" || base === "en") return base;
  }
  return "nl";
}

// Asking for notifications: can this browser get push, and subscribing this device.
// Only the permission screen calls `subscribeThisDevice`, after it explained why.
import { saveSubscription, vapidPublicKey } from "../../api/notifications";

export type PushSupport = "supported" | "ios-home-screen-first" | "unsupported";

export interface BrowserFacts {
  userAgent: string;
  maxTouchPoints: number;
  /** Opened from the home screen (display-mode standalone, or iOS's navigator.standalone). */
  standalone: boolean;
  hasNotification: boolean;
  hasPushManager: boolean;
  hasServiceWorker: boolean;
}

/** An iPhone, iPod or iPad (iPadOS says it is a Mac, but a Mac has no touch screen). */
export function isIos(userAgent: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

/**
 * On iOS, Safari gives web push only to an app opened from the home screen, so there we
 * first explain how to add it; elsewhere push needs Notification, PushManager and a worker.
 */
export function pushSupport(facts: BrowserFacts): PushSupport {
  if (isIos(facts.userAgent, facts.maxTouchPoints) && !facts.standalone) return "ios-home-screen-first";
  if (!facts.hasNotification || !facts.hasPushManager || !facts.hasServiceWorker) return "unsupported";
  return "supported";
}

export function browserFacts(): BrowserFacts {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    userAgent: nav.userAgent,
    maxTouchPoints: nav.maxTouchPoints || 0,
    standalone: nav.standalone === true || window.matchMedia("(display-mode: standalone)").matches,
    hasNotification: "Notification" in window,
    hasPushManager: "PushManager" in window,
    hasServiceWorker: "serviceWorker" in nav,
  };
}

/** The VAPID key as PushManager.subscribe wants it (base64url text → bytes). */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const left = new Uint8Array(a);
  return left.length === b.length && left.every((value, i) => value === b[i]);
}

/**
 * Ask for permission (the browser's own question), subscribe this device with the
 * server's VAPID key, and register it with the server. Returns the permission.
 */
export async function subscribeThisDevice(): Promise<NotificationPermission> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission;
  const [registration, key] = await Promise.all([navigator.serviceWorker.ready, vapidPublicKey()]);
  const serverKey = base64UrlToBytes(key);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, serverKey)) {
    // Made with another server key (the key changed): it cannot get our messages.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
  const json = subscription.toJSON();
  await saveSubscription({
    endpoint: json.endpoint ?? subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  });
  return permission;
}

// The one place that talks HTTP to the API: JSON in and out, the CSRF double-submit
// header on every write, one refresh-and-retry on a 401, and one error shape.
// It runs in the page and in the service worker (the outbox flush), so it never assumes
// a `document`: see csrfToken().

export const API_BASE = "/api/v1";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ACCESS_CSRF_COOKIE = "__Host-csrf-access";
const REFRESH_CSRF_COOKIE = "__Host-csrf-refresh";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type FieldErrors = Record<string, string[]>;

/** Every failed call: the server's error body, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldErrors;
  /** Seconds to wait, from Retry-After (429). */
  readonly retryAfter: number | null;
  /** The whole error body, for answers that carry more (an import's report). */
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    fieldErrors: FieldErrors = {},
    retryAfter: number | null = null,
    body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
    this.body = body;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Extra headers, e.g. Idempotency-Key or If-None-Match. */
  headers?: Record<string, string>;
  /** The browser's HTTP cache mode (e.g. "no-cache" to always ask the server). */
  cache?: RequestCache;
  /** Refresh the session and retry once on a 401 (off for login, register, refresh). */
  retryOn401?: boolean;
  signal?: AbortSignal;
}

/** Read one cookie that JavaScript may see (the CSRF cookies); null without a document. */
export function readCookie(name: string): string | null {
  const doc = (globalThis as { document?: { cookie: string } }).document;
  if (!doc) return null;
  for (const part of doc.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

type CookieReader = (name: string) => Promise<string | null>;
interface CookieStoreLike {
  get(name: string): Promise<{ value?: string } | null>;
}

let csrfFallback: CookieReader | null = null;

/**
 * Where to read a CSRF cookie when neither `document.cookie` nor `cookieStore` exists
 * (a service worker in a browser without the Cookie Store API): the service worker sets
 * a reader for the copy the page keeps in IndexedDB.
 */
export function setCsrfFallback(reader: CookieReader | null): void {
  csrfFallback = reader;
}

/** The value of a CSRF cookie: from the document, else cookieStore, else the fallback. */
export async function csrfToken(name: string): Promise<string | null> {
  if ((globalThis as { document?: unknown }).document) return readCookie(name);
  const store = (globalThis as { cookieStore?: CookieStoreLike }).cookieStore;
  if (store) {
    try {
      const cookie = await store.get(name);
      if (cookie?.value) return decodeURIComponent(cookie.value);
    } catch {
      // Not allowed here (an opaque origin): try the fallback.
    }
  }
  return csrfFallback ? csrfFallback(name) : null;
}

export const CSRF_COOKIES = { access: ACCESS_CSRF_COOKIE, refresh: REFRESH_CSRF_COOKIE } as const;

const sessionExpiredListeners = new Set<() => void>();

/** Called when a 401 could not be fixed by a refresh: the app shows the login screen. */
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

function toFieldErrors(raw: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (typeof raw !== "object" || raw === null) return out;
  for (const [field, value] of Object.entries(raw)) {
    if (Array.isArray(value)) out[field] = value.map(String);
    else if (typeof value === "string") out[field] = [value];
    else if (typeof value === "object" && value !== null) {
      // Nested schema errors: keep the first level of detail as text.
      out[field] = Object.values(value).flat().map(String);
    }
  }
  return out;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Turn an error response into an ApiError, whatever its body looks like. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === "string" ? record.code : `http_${response.status}`;
  const message =
    typeof record.message === "string" ? record.message : response.statusText || code;
  return new ApiError(
    response.status,
    code,
    message,
    toFieldErrors(record.errors),
    parseRetryAfter(response.headers.get("Retry-After")),
    record,
  );
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  // A FormData body (a file upload) sets its own multipart Content-Type with the boundary.
  const form = typeof FormData !== "undefined" && options.body instanceof FormData;
  if (options.body !== undefined && !form) headers["Content-Type"] = "application/json";
  if (WRITE_METHODS.has(method)) {
    const csrf = await csrfToken(ACCESS_CSRF_COOKIE);
    if (csrf) headers["X-CSRF-TOKEN"] = csrf;
  }
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (options.body !== undefined) init.body = form ? (options.body as FormData) : JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
  if (options.cache) init.cache = options.cache;
  try {
    return await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "The network request failed.");
  }
}

// Several calls can get a 401 at the same moment; they share one refresh.
let refreshing: Promise<boolean> | null = null;

/** Renew the access cookie with the refresh cookie; true when that worked. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const csrf = await csrfToken(REFRESH_CSRF_COOKIE);
    if (!csrf) return false;
    try {
      const response = await fetch(`${API_BASE}/auth/refresh`, {
        method: "POST",
        headers: { Accept: "application/json", "X-CSRF-TOKEN": csrf },
        credentials: "same-origin",
      });
      return response.ok;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function parseBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Call the API and resolve with the response itself (for headers such as ETag, and 304
 * answers to a conditional GET); reject with an ApiError on any other failure.
 */
export async function requestResponse(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.retryOn401 !== false) {
    if (await refreshSession()) {
      response = await send(method, path, options);
    }
    if (response.status === 401) {
      for (const listener of sessionExpiredListeners) listener();
    }
  }
  if (!response.ok && response.status !== 304) throw await toApiError(response);
  return response;
}

/** Call the API; resolve with the JSON body, or reject with an ApiError. */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await requestResponse(method, path, options);
  // A 304 only answers a conditional request; callers that send one use requestResponse().
  if (response.status === 304) throw await toApiError(response);
  return parseBody<T>(response);
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "body">) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("PUT", path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("PATCH", path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};

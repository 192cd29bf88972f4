// The one place that talks HTTP to the API: JSON in and out, the CSRF double-submit
// header on every write, one refresh-and-retry on a 401, and one error shape.

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

  constructor(
    status: number,
    code: string,
    message: string,
    fieldErrors: FieldErrors = {},
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Refresh the session and retry once on a 401 (off for login, register, refresh). */
  retryOn401?: boolean;
  signal?: AbortSignal;
}

/** Read one cookie that JavaScript may see (the CSRF cookies). */
export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

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
  );
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (WRITE_METHODS.has(method)) {
    const csrf = readCookie(ACCESS_CSRF_COOKIE);
    if (csrf) headers["X-CSRF-TOKEN"] = csrf;
  }
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
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
    const csrf = readCookie(REFRESH_CSRF_COOKIE);
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

/** Call the API; resolve with the JSON body, or reject with an ApiError. */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.retryOn401 !== false) {
    if (await refreshSession()) {
      response = await send(method, path, options);
    }
    if (response.status === 401) {
      for (const listener of sessionExpiredListeners) listener();
    }
  }
  if (!response.ok) throw await toApiError(response);
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

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  api,
  csrfToken,
  onSessionExpired,
  readCookie,
  request,
  requestResponse,
  setCsrfFallback,
  toApiError,
} from "./client";

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Replace fetch with a queue of answers; record every call. */
function mockFetch(...answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected fetch ${init.method ?? "GET"} ${url}`);
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

const header = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; Secure; Path=/`;
}

function clearCookies() {
  for (const part of document.cookie.split(";")) {
    const name = part.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; Secure; Path=/; Max-Age=0`;
  }
}

beforeEach(() => {
  clearCookies();
  setCookie("__Host-csrf-access", "access-token-123");
  setCookie("__Host-csrf-refresh", "refresh-token-456");
});

afterEach(() => {
  clearCookies();
});

describe("readCookie", () => {
  it("finds a cookie among others", () => {
    setCookie("other", "x");
    expect(readCookie("__Host-csrf-access")).toBe("access-token-123");
    expect(readCookie("missing")).toBeNull();
  });
});

describe("CSRF header", () => {
  it("is sent on writes, from the access CSRF cookie", async () => {
    const calls = mockFetch(json(201, { id: 1 }), json(200, {}), json(200, {}), json(204, undefined));
    await api.post("/things", { a: 1 });
    await api.put("/things/1", { a: 2 });
    await api.patch("/things/1", { a: 3 });
    await api.delete("/things/1");
    expect(calls.map((c) => c.init.method)).toEqual(["POST", "PUT", "PATCH", "DELETE"]);
    for (const call of calls) expect(header(call, "X-CSRF-TOKEN")).toBe("access-token-123");
    expect(calls[0]?.url).toBe("/api/v1/things");
    expect(calls[0]?.init.body).toBe(JSON.stringify({ a: 1 }));
    expect(header(calls[0], "Content-Type")).toBe("application/json");
    expect(calls[0]?.init.credentials).toBe("same-origin");
  });

  it("is not sent on reads", async () => {
    const calls = mockFetch(json(200, { ok: true }));
    expect(await api.get("/things")).toEqual({ ok: true });
    expect(calls[0]?.init.method).toBe("GET");
    expect(header(calls[0], "X-CSRF-TOKEN")).toBeUndefined();
  });

  it("is left out when there is no cookie (not logged in)", async () => {
    clearCookies();
    const calls = mockFetch(json(201, {}));
    await api.post("/auth/register", { username: "sam" });
    expect(header(calls[0], "X-CSRF-TOKEN")).toBeUndefined();
  });
});

describe("401: refresh once and retry", () => {
  it("refreshes with the refresh CSRF cookie, then repeats the request", async () => {
    const calls = mockFetch(
      json(401, { code: "unauthorized", message: "Token has expired" }),
      json(200, { refreshed: true }),
      json(200, { id: 7, username: "sam" }),
    );
    const user = await api.get<{ username: string }>("/auth/me");
    expect(user.username).toBe("sam");
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/v1/auth/me",
      "POST /api/v1/auth/refresh",
      "GET /api/v1/auth/me",
    ]);
    expect(header(calls[1], "X-CSRF-TOKEN")).toBe("refresh-token-456");
  });

  it("sends the new access CSRF token when it retries a write", async () => {
    const calls: Call[] = [];
    const fetchMock = vi.fn((url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (url.endsWith("/auth/refresh")) {
        setCookie("__Host-csrf-access", "fresh-token");
        return Promise.resolve(json(200, {}));
      }
      return Promise.resolve(
        calls.length === 1 ? json(401, { code: "unauthorized", message: "expired" }) : json(201, {}),
      );
    });
    vi.stubGlobal("fetch", fetchMock);
    await api.post("/things", {});
    expect(calls.map((c) => header(c, "X-CSRF-TOKEN"))).toEqual([
      "access-token-123",
      "refresh-token-456",
      "fresh-token",
    ]);
  });

  it("gives up after one failed refresh and reports the session as expired", async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    const calls = mockFetch(
      json(401, { code: "unauthorized", message: "expired" }),
      json(401, { code: "unauthorized", message: "refresh expired" }),
    );
    const error = await api.get("/auth/me").catch((e: unknown) => e);
    stop();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(calls).toHaveLength(2); // no second retry, no refresh loop
    expect(expired).toHaveBeenCalledOnce();
  });

  it("retries only once when the retried request is refused again", async () => {
    const calls = mockFetch(
      json(401, { code: "unauthorized", message: "expired" }),
      json(200, {}),
      json(401, { code: "unauthorized", message: "still no" }),
    );
    await expect(api.get("/auth/me")).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(3);
  });

  it("does not refresh when told not to (wrong password on login)", async () => {
    const calls = mockFetch(
      json(401, { code: "invalid_credentials", message: "Wrong username or password." }),
    );
    const error = await api
      .post("/auth/login", { username: "sam", password: "x" }, { retryOn401: false })
      .catch((e: unknown) => e);
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ status: 401, code: "invalid_credentials" });
  });

  it("shares one refresh between calls that fail at the same time", async () => {
    let refreshes = 0;
    const seen = new Map<string, number>();
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) => {
        if (url.endsWith("/auth/refresh")) {
          refreshes += 1;
          return Promise.resolve(json(200, {}));
        }
        const n = (seen.get(url) ?? 0) + 1;
        seen.set(url, n);
        return Promise.resolve(n === 1 ? json(401, { code: "unauthorized", message: "" }) : json(200, {}));
      }),
    );
    await Promise.all([api.get("/a"), api.get("/b"), api.get("/c")]);
    expect(refreshes).toBe(1);
  });
});

describe("errors", () => {
  it("maps a 422 body with field errors", async () => {
    mockFetch(
      json(422, {
        code: "validation_error",
        message: "Check these fields: password, username.",
        errors: { username: ["Length must be between 3 and 40."], password: ["Too short."] },
      }),
    );
    const error = (await api.post("/auth/register", {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_error");
    expect(error.message).toBe("Check these fields: password, username.");
    expect(error.fieldErrors).toEqual({
      username: ["Length must be between 3 and 40."],
      password: ["Too short."],
    });
  });

  it("reads Retry-After on a 429", async () => {
    mockFetch(json(429, { code: "too_many_requests", message: "Slow down." }, { "Retry-After": "90" }));
    const error = (await api.post("/auth/login", {}, { retryOn401: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(90);
  });

  it("copes with a body that is not JSON", async () => {
    const error = await toApiError(new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
    expect(error).toMatchObject({ status: 502, code: "http_502", message: "Bad Gateway", fieldErrors: {} });
  });

  it("turns a failed fetch into a network error", async () => {
    mockFetch(new TypeError("Failed to fetch"));
    const error = (await api.get("/auth/me").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.isNetworkError).toBe(true);
    expect(error.code).toBe("network_error");
  });

  it("keeps the whole error body (an import's report)", async () => {
    const report = { imported: false, accepted: [], rejected: [{ line: 3, title: "X", errors: { kind: ["Not one of: cursus."] } }] };
    mockFetch(json(422, { code: "import_rejected", message: "Rows are wrong.", report }));
    const error = (await api.post("/organisations/1/learning-offers/import", {}).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("import_rejected");
    expect(error.body.report).toEqual(report);
  });

  it("returns undefined for 204 No Content", async () => {
    mockFetch(new Response(null, { status: 204 }));
    expect(await api.post("/auth/logout")).toBeUndefined();
  });
});

describe("in a service worker (no document)", () => {
  function asWorker() {
    vi.stubGlobal("document", undefined);
  }

  afterEach(() => {
    setCsrfFallback(null);
    vi.unstubAllGlobals(); // before the outer afterEach clears document.cookie
  });

  it("reads the CSRF cookie from cookieStore", async () => {
    asWorker();
    const get = vi.fn(async (name: string) => (name === "__Host-csrf-access" ? { value: "from%20store" } : null));
    vi.stubGlobal("cookieStore", { get });
    expect(readCookie("__Host-csrf-access")).toBeNull();
    expect(await csrfToken("__Host-csrf-access")).toBe("from store");
    const calls = mockFetch(json(200, { results: [] }));
    await api.post("/sync", { operations: [] });
    expect(header(calls[0], "X-CSRF-TOKEN")).toBe("from store");
  });

  it("falls back to the copy the page keeps when there is no cookieStore", async () => {
    asWorker();
    vi.stubGlobal("cookieStore", undefined);
    expect(await csrfToken("__Host-csrf-access")).toBeNull();
    setCsrfFallback(async (name) => (name === "__Host-csrf-access" ? "copied" : null));
    expect(await csrfToken("__Host-csrf-access")).toBe("copied");
  });

  it("falls back as well when cookieStore refuses", async () => {
    asWorker();
    vi.stubGlobal("cookieStore", { get: vi.fn(async () => Promise.reject(new Error("SecurityError"))) });
    setCsrfFallback(async () => "copied");
    expect(await csrfToken("__Host-csrf-refresh")).toBe("copied");
  });

  it("refreshes the session with the refresh cookie from cookieStore", async () => {
    asWorker();
    vi.stubGlobal("cookieStore", { get: vi.fn(async (name: string) => ({ value: `${name}-value` })) });
    const calls = mockFetch(json(401, { code: "x", message: "expired" }), json(200, {}), json(200, { results: [] }));
    await api.post("/sync", { operations: [] });
    expect(calls.map((c) => header(c, "X-CSRF-TOKEN"))).toEqual([
      "__Host-csrf-access-value",
      "__Host-csrf-refresh-value",
      "__Host-csrf-access-value",
    ]);
  });
});

describe("a file upload (FormData)", () => {
  it("is sent as multipart: no JSON Content-Type, the FormData itself, with the CSRF header", async () => {
    setCookie("__Host-csrf-access", "form-token");
    const calls = mockFetch(json(200, { imported: true, accepted: [], rejected: [] }));
    const form = new FormData();
    form.append("file", new Blob(["title;kind\n"], { type: "text/csv" }), "aanbod.csv");
    await api.post("/organisations/1/learning-offers/import", form);
    expect(header(calls[0], "Content-Type")).toBeUndefined();
    expect(header(calls[0], "X-CSRF-TOKEN")).toBe("form-token");
    expect(calls[0]?.init.body).toBe(form);
  });
});

describe("extra headers and conditional requests", () => {
  it("sends extra headers and the cache mode", async () => {
    const calls = mockFetch(json(201, {}));
    await request("POST", "/checkins", { body: {}, headers: { "Idempotency-Key": "k-1" }, cache: "no-store" });
    expect(header(calls[0], "Idempotency-Key")).toBe("k-1");
    expect(header(calls[0], "X-CSRF-TOKEN")).toBe("access-token-123");
    expect(calls[0]?.init.cache).toBe("no-store");
  });

  it("gives the response itself to requestResponse, a 304 included", async () => {
    mockFetch(new Response(null, { status: 304, headers: { ETag: '"v1"' } }));
    const response = await requestResponse("GET", "/taxonomy/occupations/labels?lang=nl", {
      headers: { "If-None-Match": '"v1"' },
    });
    expect(response.status).toBe(304);
    expect(response.headers.get("ETag")).toBe('"v1"');
  });

  it("still rejects errors from requestResponse", async () => {
    mockFetch(json(404, { code: "not_found", message: "no" }));
    await expect(requestResponse("GET", "/x")).rejects.toMatchObject({ status: 404, code: "not_found" });
  });
});

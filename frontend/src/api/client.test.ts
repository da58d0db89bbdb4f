import { describe, expect, it, vi } from "vitest";
import { ApiError, call, csrfToken, makeClient, parseRetryAfter, readCookie } from "./client";

function setup(cookies = "botschaft_csrf=tok123; other=x", respond?: (req: Request) => Response) {
  const seen: Request[] = [];
  const onUnauthorized = vi.fn();
  const client = makeClient({
    baseUrl: "http://app.test",
    getCookies: () => cookies,
    onUnauthorized,
    fetch: async (req: Request) => {
      seen.push(req);
      return respond ? respond(req) : new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "Content-Type": "application/json" } });
    },
  });
  return { client, seen, onUnauthorized };
}

const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: "about:blank", title: "x", status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

describe("cookies", () => {
  it("reads cookies by exact name", () => {
    expect(readCookie("a=1; botschaft_csrf=abc%3D; b=2", "botschaft_csrf")).toBe("abc=");
    expect(readCookie("xbotschaft_csrf=1", "botschaft_csrf")).toBeUndefined();
  });
  it("prefers the __Host- CSRF cookie and falls back to the plain one", () => {
    expect(csrfToken("__Host-botschaft_csrf=h; botschaft_csrf=p")).toBe("h");
    expect(csrfToken("botschaft_csrf=p")).toBe("p");
    expect(csrfToken("nothing=here")).toBeUndefined();
  });
});

describe("API client middleware", () => {
  it("sends X-CSRF-Token on every non-GET request and never on GET", async () => {
    const { client, seen } = setup();
    await client.GET("/api/v1/me");
    await client.POST("/api/v1/auth/logout");
    await client.PATCH("/api/v1/me", { body: { name: "N" } });
    await client.DELETE("/api/v1/programs/{program_id}/members/{member_id}", { params: { path: { program_id: "p", member_id: "m" } } });
    expect(seen.map((r) => [r.method, r.headers.get("X-CSRF-Token")])).toEqual([
      ["GET", null],
      ["POST", "tok123"],
      ["PATCH", "tok123"],
      ["DELETE", "tok123"],
    ]);
  });

  it("uses the __Host- cookie when the service runs on HTTPS", async () => {
    const { client, seen } = setup("__Host-botschaft_csrf=secure1");
    await client.POST("/api/v1/auth/logout");
    expect(seen[0]!.headers.get("X-CSRF-Token")).toBe("secure1");
  });

  it("sends same-origin credentials and JSON", async () => {
    const { client, seen } = setup();
    await client.POST("/api/v1/auth/login", { body: { email: "a@b.de", password: "pw" } });
    expect(seen[0]!.credentials).toBe("same-origin");
    expect(seen[0]!.url).toBe("http://app.test/api/v1/auth/login");
    expect(await seen[0]!.json()).toEqual({ email: "a@b.de", password: "pw" });
  });

  it("reports an expired session on 401, except for sign-in itself", async () => {
    const { client, onUnauthorized } = setup(undefined, () => problem(401, { detail: "no" }));
    await client.POST("/api/v1/auth/login", { body: { email: "a@b.de", password: "x" } });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await client.GET("/api/v1/programs");
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe("call()", () => {
  it("returns the data of a successful answer", async () => {
    const { client } = setup(undefined, () =>
      new Response(JSON.stringify({ password_login: true, oidc: { enabled: false, label: "" } }), { status: 200, headers: { "Content-Type": "application/json" } }),
    );
    await expect(call(client.GET("/api/v1/auth/config"))).resolves.toEqual({ password_login: true, oidc: { enabled: false, label: "" } });
  });

  it("turns a problem+json answer into an ApiError with field errors", async () => {
    const { client } = setup(undefined, () =>
      problem(422, { detail: "invalid", errors: [{ field: "hashtags.0", message: "bad", type: "string_pattern_mismatch" }, { field: "name", message: "Field required", type: "missing" }] }),
    );
    const err = await call(client.PATCH("/api/v1/programs/{program_id}", { params: { path: { program_id: "p" } }, body: { version: 1 } })).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.problem.detail).toBe("invalid");
    expect(err.fieldErrors()).toEqual({ hashtags: { message: "bad", type: "string_pattern_mismatch" }, name: { message: "Field required", type: "missing" } });
  });

  it("exposes Retry-After on 429", async () => {
    const { client } = setup(undefined, () => problem(429, { detail: "slow down" }, { "Retry-After": "120" }));
    const err = await call(client.POST("/api/v1/auth/login", { body: { email: "a@b.de", password: "x" } })).catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(120);
  });

  it("reports a network failure as status 0", async () => {
    const client = makeClient({ baseUrl: "http://app.test", fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const err = await call(client.GET("/api/v1/me")).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.isNetwork).toBe(true);
  });

  it("accepts 204 without a body", async () => {
    const { client } = setup(undefined, () => new Response(null, { status: 204 }));
    await expect(call(client.POST("/api/v1/auth/logout"))).resolves.toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(new Date(1_000_000 + 90_000).toUTCString(), 1_000_000)).toBe(90);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

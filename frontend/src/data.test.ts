import { QueryClient } from "@tanstack/preact-query";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "./api/client";
import { AFFECTS, asApiError, cacheMiddleware, families, invalidate, keys, makeQueryClient, patchCache, programKey, queryClient, shouldRetry, STALE_MS, type Resource } from "./data";

const P = "p-1";

describe("retry policy", () => {
  it("never repeats a request the server refused (4xx)", () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429]) expect(shouldRetry(0, new ApiError(status))).toBe(false);
  });

  it("tries once more after a server error or no answer, then gives up", () => {
    for (const e of [new ApiError(500), new ApiError(503), new ApiError(0), new TypeError("Failed to fetch")]) {
      expect(shouldRetry(0, e)).toBe(true);
      expect(shouldRetry(1, e)).toBe(false);
    }
  });

  it("is the client's default, with a short stale time and no retried changes", () => {
    const d = makeQueryClient().getDefaultOptions();
    expect(d.queries?.retry).toBe(shouldRetry);
    expect(d.queries?.staleTime).toBe(STALE_MS);
    expect(STALE_MS).toBeLessThanOrEqual(60_000);
    expect(d.mutations?.retry).toBe(false);
  });

  it("turns anything a query throws into an ApiError", () => {
    const e = new ApiError(404);
    expect(asApiError(e)).toBe(e);
    const wrapped = asApiError(new TypeError("Failed to fetch"));
    expect(wrapped).toBeInstanceOf(ApiError);
    expect(wrapped.isNetwork).toBe(true);
    expect(wrapped.message).toBe("Failed to fetch");
  });
});

describe("query keys", () => {
  it("name the program, then the resource, then what narrows it", () => {
    expect(programKey(P)).toEqual(["program", P]);
    expect(programKey(P, "posts")).toEqual(["program", P, "posts"]);
    expect(programKey(P, "posts", { page: 2, per_page: 25 })).toEqual(["program", P, "posts", { page: 2, per_page: 25 }]);
    expect(programKey(P, "calls", "c-1", "selection-rounds", "r-1")).toEqual(["program", P, "calls", "c-1", "selection-rounds", "r-1"]);
  });

  it("outside a program follow the API path", () => {
    expect(keys.me("erasure-request")).toEqual(["me", "erasure-request"]);
    expect(keys.users({ page: 1 })).toEqual(["users", { page: 1 }]);
    expect(keys.users()).toEqual(["users"]);
    expect(keys.audit({ page: 1 })).toEqual(["audit-events", { page: 1 }]);
    expect(keys.admin("emails", { page: 1 })).toEqual(["admin", "emails", { page: 1 }]);
    expect(keys.programs()).toEqual(["programs"]);
    expect(keys.erasureRequests()).toEqual(["erasure-requests"]);
    expect(keys.rsvp("tok")).toEqual(["meetings", "rsvp", "tok"]);
  });

  it("are the same for the same query, whatever the order of its parameters", () => {
    const c = new QueryClient();
    c.setQueryData(programKey(P, "members", { page: 1, q: "wagner" }), "x");
    expect(c.getQueryData(programKey(P, "members", { q: "wagner", page: 1 }))).toBe("x");
  });
});

describe("families", () => {
  it("start with the resource itself and name each other resource once", () => {
    for (const r of Object.keys(AFFECTS) as Resource[]) {
      const f = families(r);
      expect(f[0]).toBe(r);
      expect(new Set(f).size).toBe(f.length);
      for (const x of f) expect(AFFECTS).toHaveProperty(x);
    }
  });

  it("say what is counted from a change", () => {
    expect(families("posts")).toEqual(expect.arrayContaining(["posts", "kpis", "home", "today"]));
    expect(families("requests")).toEqual(expect.arrayContaining(["requests", "posts", "kpis"]));
    expect(families("meetings")).toEqual(expect.arrayContaining(["home", "today"]));
    expect(families("modules")).toEqual(expect.arrayContaining(["home", "today"]));
    expect(families("briefings")).toEqual(expect.arrayContaining(["home", "questions"]));
  });

  it("summaries change nothing else", () => {
    for (const r of ["home", "today", "kpis", "transparency", "influencers"] as const) expect(families(r)).toEqual([r]);
  });
});

describe("invalidate", () => {
  beforeEach(() => queryClient.clear());

  const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;

  it("marks the changed family and what is counted from it, in that program only", async () => {
    const posts = programKey(P, "posts", { page: 1 });
    const kpis = programKey(P, "kpis", { from: "2026-01-01" });
    const home = programKey(P, "home");
    const members = programKey(P, "members", { page: 1 });
    const details = programKey(P);
    const otherPosts = programKey("p-2", "posts", { page: 1 });
    for (const k of [posts, kpis, home, members, details, otherPosts]) queryClient.setQueryData(k, 1);
    await invalidate(P, "posts");
    expect([stale(posts), stale(kpis), stale(home)]).toEqual([true, true, true]);
    expect([stale(members), stale(details), stale(otherPosts)]).toEqual([false, false, false]);
  });

  it("without a resource marks everything of the program", async () => {
    const keysHere = [programKey(P), programKey(P, "posts"), programKey(P, "members", "counts")];
    for (const k of [...keysHere, programKey("p-2")]) queryClient.setQueryData(k, 1);
    await invalidate(P);
    expect(keysHere.map(stale)).toEqual([true, true, true]);
    expect(stale(programKey("p-2"))).toBe(false);
  });
});

describe("optimistic updates", () => {
  beforeEach(() => queryClient.clear());

  it("show the change at once and can put the data back", async () => {
    const key = programKey(P, "modules");
    queryClient.setQueryData(key, [{ id: "m", state: "started" }]);
    const putBack = await patchCache<{ id: string; state: string }[]>(key, (all) => all.map((m) => ({ ...m, state: "done" })));
    expect(queryClient.getQueryData(key)).toEqual([{ id: "m", state: "done" }]);
    putBack();
    expect(queryClient.getQueryData(key)).toEqual([{ id: "m", state: "started" }]);
  });

  it("are in the cache before the caller's next render when no fetch is under way", async () => {
    const key = programKey(P, "nudges", "me");
    queryClient.setQueryData(key, { frequency: "off" });
    const pending = patchCache<{ frequency: string }>(key, () => ({ frequency: "weekly" }));
    expect(queryClient.getQueryData(key)).toEqual({ frequency: "weekly" });
    await pending;
  });

  it("leave a key alone that holds nothing yet", async () => {
    const key = programKey(P, "home");
    const putBack = await patchCache(key, () => "changed");
    expect(queryClient.getQueryData(key)).toBeUndefined();
    putBack();
    expect(queryClient.getQueryData(key)).toBeUndefined();
  });
});

describe("the cache follows the session and each change", () => {
  const answer = (method: string, path: string, status = 200) => ({
    request: new Request(`http://app.test${path}`, { method }),
    response: new Response(null, { status }),
  });

  function setup() {
    const client = new QueryClient();
    client.setQueryData(programKey(P, "posts"), 1);
    client.setQueryData(keys.users(), 1);
    const onResponse = cacheMiddleware(client).onResponse!;
    const run = (method: string, path: string, status?: number) => onResponse(answer(method, path, status) as never);
    return { client, run, size: () => client.getQueryCache().getAll().length };
  }

  it("keeps everything while only reading or when a change was refused", async () => {
    const { run, size } = setup();
    await run("GET", `/api/v1/programs/${P}/posts`);
    await run("POST", `/api/v1/programs/${P}/posts`, 422);
    expect(size()).toBe(2);
  });

  it("drops what is not on screen after a change", async () => {
    const { run, size } = setup();
    await run("DELETE", `/api/v1/programs/${P}/posts/x`, 204);
    expect(size()).toBe(0);
  });

  it("is emptied by signing in and by signing out", async () => {
    for (const [path, status] of [["/api/v1/auth/login", 200], ["/api/v1/auth/password-links/redeem", 200], ["/api/v1/auth/logout", 401]] as const) {
      const { run, size } = setup();
      await run("POST", path, status);
      expect(size()).toBe(0);
    }
    const { run, size } = setup();
    await run("POST", "/api/v1/auth/login", 401); // a wrong password signs nobody in
    expect(size()).toBe(2);
  });
});

// The SPA's one data layer: TanStack Query (@tanstack/preact-query), one cache per tab.
// - keys name the resource like the API path does: ["program", programId, "posts", query];
//   the query parameters go last, as one object; a prefix of a key names its whole family
// - useApi(key, load) reads; after a change, invalidate(programId, "posts") refetches what the
//   change touched (the posts and what is counted from them: KPIs, home, today, ...)
// - a quick toggle shows its result at once with patchCache() before the request (put back
//   if the request fails), then invalidates like any other change
// README.md, "Data layer", says the same with examples.
import { keepPreviousData, notifyManager, QueryClient, useQuery, type QueryKey, type UseQueryResult } from "@tanstack/preact-query";
import type { Middleware } from "openapi-fetch";
import { api, ApiError } from "./api/client";

/** Data younger than this is shown from the cache without asking again (on the next visit). */
export const STALE_MS = 30_000;

/** An answer the server refused (4xx) comes out the same the second time; anything else is tried once more. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: STALE_MS, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

export const queryClient = makeQueryClient();

// Preact renders in a microtask; cache changes reach the components in the same turn (the
// default, a setTimeout, would let a controlled radio or checkbox show its old value for a
// moment after a click, between the page's own render and the optimistic one).
notifyManager.setScheduler(queueMicrotask);

/** The first segment after /programs/{program_id}/ in the API: what a program's query is about. */
export type Resource =
  | "briefings"
  | "calls"
  | "cohorts"
  | "followers"
  | "home"
  | "influencers"
  | "kpis"
  | "meetings"
  | "members"
  | "modules"
  | "nudges"
  | "outcomes"
  | "posts"
  | "questions"
  | "report-subscription"
  | "requests"
  | "teams"
  | "today"
  | "transparency";

/**
 * What else the server counts from a resource: a change to the key's resource changes these too.
 * (home, today, kpis, influencers and transparency are summaries: nothing is changed through them.)
 */
export const AFFECTS: Record<Resource, readonly Resource[]> = {
  briefings: ["home", "today", "questions"],
  calls: ["today"],
  cohorts: ["members", "teams", "kpis", "modules", "meetings", "influencers"],
  followers: ["kpis", "influencers", "transparency"],
  home: [],
  influencers: [],
  kpis: [],
  meetings: ["home", "today", "influencers"],
  members: ["cohorts", "teams", "kpis", "today", "influencers", "modules", "meetings"],
  modules: ["home", "today", "influencers"],
  nudges: [],
  outcomes: ["posts", "kpis", "today", "influencers", "transparency"],
  posts: ["kpis", "home", "today", "influencers", "transparency"],
  questions: ["briefings", "kpis", "transparency"],
  "report-subscription": [],
  requests: ["outcomes", "posts", "kpis", "today", "influencers", "transparency"],
  teams: ["members", "cohorts", "kpis", "meetings", "influencers"],
  today: [],
  transparency: [],
};

/** The families one change to `resource` makes stale: itself first, then what is counted from it. */
export function families(resource: Resource): Resource[] {
  return [resource, ...AFFECTS[resource].filter((r) => r !== resource)];
}

/** ["program", id] (the program itself, and the prefix of everything in it) or ["program", id, resource, ...rest]. */
export function programKey(programId: string, resource?: Resource, ...rest: unknown[]): QueryKey {
  return resource === undefined ? ["program", programId] : ["program", programId, resource, ...rest];
}

/** Keys outside a program follow their API path the same way. */
export const keys = {
  me: (...rest: unknown[]): QueryKey => ["me", ...rest],
  /** the administrators' list of programs (GET /programs) */
  programs: (query?: object): QueryKey => (query ? ["programs", query] : ["programs"]),
  users: (query?: object): QueryKey => (query ? ["users", query] : ["users"]),
  audit: (query?: object): QueryKey => (query ? ["audit-events", query] : ["audit-events"]),
  admin: (what: "emails" | "jobs", query?: object): QueryKey => (query ? ["admin", what, query] : ["admin", what]),
  erasureRequests: (): QueryKey => ["erasure-requests"],
  rsvp: (token: string): QueryKey => ["meetings", "rsvp", token],
};

/**
 * After a change in a program: refetches the families it touched (on screen now) and marks
 * them stale (refetched when next shown). Without resources: everything of the program.
 */
export async function invalidate(programId: string, ...resources: Resource[]): Promise<void> {
  if (!resources.length) {
    await queryClient.invalidateQueries({ queryKey: programKey(programId) });
    return;
  }
  const all = new Set(resources.flatMap(families));
  await Promise.all([...all].map((r) => queryClient.invalidateQueries({ queryKey: programKey(programId, r) })));
}

/** The same for a key outside a program (a prefix invalidates its family). */
export async function invalidateKey(key: QueryKey): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: key });
}

/**
 * An optimistic update: applies `change` to the data cached under `key` at once (a fetch under
 * way is cancelled first so it cannot overwrite it) and returns the function that puts it back.
 */
export async function patchCache<T>(key: QueryKey, change: (data: T) => T): Promise<() => void> {
  // Without a fetch to cancel the change is made before the caller's next render.
  if (queryClient.isFetching({ queryKey: key, exact: true })) await queryClient.cancelQueries({ queryKey: key, exact: true });
  const before = queryClient.getQueryData<T>(key);
  if (before !== undefined) queryClient.setQueryData<T>(key, change(before));
  return () => queryClient.setQueryData<T>(key, before);
}

/** Replaces the data cached under `key` with what a change answered (no second request). */
export function setCached<T>(key: QueryKey, data: T): void {
  queryClient.setQueryData<T>(key, data);
}

export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, { detail: e instanceof Error ? e.message : String(e) });
}

export interface ApiQueryOptions {
  /** Keep showing the previous page or filter's data while the next one loads (lists that page or filter). */
  keep?: boolean;
  /** false: do not load (yet), e.g. while an id it needs is unknown */
  enabled?: boolean;
}

export type Query<T> = UseQueryResult<T, ApiError>;

/**
 * Reads through the cache: `load` runs when nothing fresh is cached under `key`. The result
 * has `data`, `error` (an ApiError), `isPending` (nothing to show yet), `isFetching` (a request
 * under way) and `refetch()`.
 */
export function useApi<T>(key: QueryKey, load: () => Promise<T>, options: ApiQueryOptions = {}): Query<T> {
  return useQuery<T, ApiError>({
    queryKey: key,
    queryFn: () => load().catch((e: unknown) => Promise.reject(asApiError(e))),
    ...(options.keep ? { placeholderData: keepPreviousData } : {}),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
  });
}

const SIGN_IN_PATHS = ["/api/v1/auth/login", "/api/v1/auth/password-links/redeem"];
const SIGN_OUT_PATH = "/api/v1/auth/logout";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The cache follows the session and every change made through the API client:
 * - signing in or out empties it (nothing of one account is shown to the next);
 * - after any change, queries that are not on screen are dropped, so a page opened later loads
 *   afresh instead of showing figures from before the change. What is on screen is refetched by
 *   the change's own invalidate(). (This also covers the pages not converted yet.)
 */
export function cacheMiddleware(client: QueryClient): Middleware {
  return {
    onResponse({ request, response }) {
      const path = new URL(request.url, "http://x").pathname;
      if (path === SIGN_OUT_PATH || (SIGN_IN_PATHS.includes(path) && response.ok)) client.clear();
      else if (response.ok && !SAFE_METHODS.has(request.method.toUpperCase())) client.removeQueries({ type: "inactive" });
      return response;
    },
  };
}

api.use(cacheMiddleware(queryClient));

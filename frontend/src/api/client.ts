// Typed API client (openapi-fetch) for the Botschaft backend.
// - same-origin cookies carry the session (HttpOnly; nothing is kept in localStorage)
// - every non-GET request echoes the readable CSRF cookie in the X-CSRF-Token header
// - a 401 on any call except sign-in hands over to the app (session expired)
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import type { Problem } from "./types";

export const CSRF_HEADER = "X-CSRF-Token";
/** `__Host-` prefixed name when the service runs on HTTPS, plain name otherwise. */
export const CSRF_COOKIES = ["__Host-botschaft_csrf", "botschaft_csrf"] as const;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Calls whose 401 is an answer for the page itself, not "your session has expired". */
const NO_SESSION_PATHS = ["/api/v1/auth/login", "/api/v1/auth/config", "/api/v1/auth/logout"];

export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

export function csrfToken(cookieString: string): string | undefined {
  for (const name of CSRF_COOKIES) {
    const v = readCookie(cookieString, name);
    if (v) return v;
  }
  return undefined;
}

export function csrfMiddleware(getCookies: () => string): Middleware {
  return {
    onRequest({ request }) {
      if (!SAFE_METHODS.has(request.method.toUpperCase())) {
        const token = csrfToken(getCookies());
        if (token) request.headers.set(CSRF_HEADER, token);
      }
      return request;
    },
  };
}

export function unauthorizedMiddleware(onUnauthorized: () => void): Middleware {
  return {
    onResponse({ request, response }) {
      if (response.status === 401) {
        const path = new URL(request.url, "http://x").pathname;
        if (!NO_SESSION_PATHS.includes(path)) onUnauthorized();
      }
      return response;
    },
  };
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
  getCookies?: () => string;
  onUnauthorized?: () => void;
}

export function makeClient(opts: ClientOptions = {}): Client<paths> {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl ?? "",
    credentials: "same-origin",
    headers: { Accept: "application/json, application/problem+json" },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  client.use(csrfMiddleware(opts.getCookies ?? (() => (typeof document !== "undefined" ? document.cookie : ""))));
  client.use(unauthorizedMiddleware(() => (opts.onUnauthorized ?? unauthorizedHandler)()));
  return client;
}

let unauthorizedHandler: () => void = () => {};
/** The app registers what to do when the session has gone (sign-in page with a notice). */
export function setUnauthorizedHandler(fn: () => void): void {
  unauthorizedHandler = fn;
}

/** The app's client: same origin, paths start with /api/v1. */
export const api = makeClient();

/** An error answer from the API (RFC 9457 problem), or status 0 when the server was not reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Partial<Problem> = {}, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = { type: "about:blank", title: problem.title ?? "", status, ...problem } as Problem;
    this.retryAfter = retryAfter;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Field errors by top-level field name ("hashtags.0" -> "hashtags"); first message wins. */
  fieldErrors(): Record<string, { message: string; type: string }> {
    const out: Record<string, { message: string; type: string }> = {};
    for (const e of this.problem.errors ?? []) {
      const field = String(e.field).split(".")[0] ?? "";
      if (field && !out[field]) out[field] = { message: e.message, type: e.type };
    }
    return out;
  }
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return parseInt(value, 10);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws ApiError. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, { title: "Network error", detail: e instanceof Error ? e.message : String(e) });
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) {
    const problem = typeof error === "object" && error !== null ? (error as Partial<Problem>) : { detail: error ? String(error) : undefined };
    throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
  }
  return data as T;
}

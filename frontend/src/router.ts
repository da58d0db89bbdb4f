// A tiny History-API router: plain <a href> links are intercepted, everything else is the URL.
import { useEffect, useState } from "preact/hooks";

export interface Loc {
  pathname: string;
  search: string;
}

const listeners = new Set<() => void>();
let focusRequested = false;

export function currentLocation(): Loc {
  return { pathname: window.location.pathname, search: window.location.search };
}

function emit(): void {
  focusRequested = true;
  for (const fn of listeners) fn();
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (target === window.location.pathname + window.location.search + window.location.hash && !opts.replace) {
    emit();
    return;
  }
  if (opts.replace) window.history.replaceState(null, "", target);
  else window.history.pushState(null, "", target);
  window.scrollTo(0, 0);
  emit();
}

/** True once after a client-side navigation: the new page then moves focus to its heading. */
export function takeFocusRequest(): boolean {
  const r = focusRequested;
  focusRequested = false;
  return r;
}

export function useLocation(): Loc {
  const [loc, setLoc] = useState<Loc>(currentLocation);
  useEffect(() => {
    const update = () => setLoc(currentLocation());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return loc;
}

/** Paths handled by the server, not the SPA (e.g. the SSO start link). */
function isServerPath(pathname: string): boolean {
  return pathname.startsWith("/api/");
}

export function installRouter(): void {
  window.addEventListener("popstate", emit);
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.("a");
    if (!a || !a.hasAttribute("href") || a.hasAttribute("download")) return;
    if (a.target && a.target !== "_self") return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || isServerPath(url.pathname)) return;
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return; // in-page anchor
    ev.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

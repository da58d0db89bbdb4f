// The URL is the state: preact-iso's LocationProvider (main.tsx) follows plain <a href> clicks
// and the browser's back/forward; this module adapts it to the app's needs: which paths stay
// with the server, focus on the new page's heading and scroll to the top after a navigation.
import { useLocation as useIsoLocation } from "preact-iso";
import { useEffect, useRef } from "preact/hooks";

export interface Loc {
  pathname: string;
  search: string;
}

/** Links the SPA leaves to the browser: the API (downloads, the SSO start link). Anything else
 * on this origin, relative links such as `?tab=2` included, is a page of the SPA. */
export const SPA_LINKS = /^(?!\/api\/)/;

let routeTo: ((url: string, replace?: boolean) => void) | undefined;
let focusRequested = false;
let fromHistory = false;

/** True once after a navigation: the new page then moves focus to its heading. */
export function takeFocusRequest(): boolean {
  const r = focusRequested;
  focusRequested = false;
  return r;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (routeTo) routeTo(target, opts.replace);
  else window.location.assign(target); // before the app has rendered: a full load
}

/** The current path and query; re-renders the caller on every navigation. */
export function useLocation(): Loc {
  const iso = useIsoLocation();
  routeTo = iso.route;
  const url = new URL(iso.url, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}

/** Focus and scroll after each navigation (called once, by App): a link or navigate() starts
 * the new page at the top; back and forward leave the scroll position to the browser. */
export function useNavigationEffects(): void {
  const { url } = useIsoLocation();
  const last = useRef(url);
  if (last.current !== url) {
    // Set while rendering, before the new page's effects ask for it (children's run first).
    last.current = url;
    focusRequested = true;
  }
  useEffect(() => {
    const remember = () => (fromHistory = true);
    window.addEventListener("popstate", remember);
    return () => window.removeEventListener("popstate", remember);
  }, []);
  const scrolled = useRef(url);
  useEffect(() => {
    if (scrolled.current === url) return;
    scrolled.current = url;
    if (!fromHistory) window.scrollTo(0, 0);
    fromHistory = false;
  }, [url]);
}

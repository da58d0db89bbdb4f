import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api/client";

export interface Async<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (d: T) => void;
}

/**
 * Loads data when `deps` change; stale answers of earlier loads are dropped.
 * @deprecated Read through `useApi` (data.ts): a cached query under a key that names the
 * resource, refetched by `invalidate()` after a change. Kept only for the pages not converted
 * yet; it has no key (nothing to share or invalidate), so it is not built on the query cache.
 */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const d = await loadRef.current();
      if (mine === seq.current) setData(d);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, loading, reload: run, setData };
}

let idCounter = 0;
/** A stable unique id for label/description wiring. */
export function useId(prefix = "f"): string {
  const ref = useRef<string>();
  if (!ref.current) ref.current = `${prefix}-${++idCounter}`;
  return ref.current;
}

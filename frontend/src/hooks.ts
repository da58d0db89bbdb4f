import { useRef } from "preact/hooks";

let idCounter = 0;
/** A stable unique id for label/description wiring. */
export function useId(prefix = "f"): string {
  const ref = useRef<string>();
  if (!ref.current) ref.current = `${prefix}-${++idCounter}`;
  return ref.current;
}

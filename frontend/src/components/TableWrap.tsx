import type { ComponentChildren, Ref } from "preact";

/**
 * A horizontally scrollable, keyboard-reachable region around a data table (narrow screens
 * scroll the table rather than squeeze it). Named by the table's caption.
 */
export function TableWrap(props: { captionId: string; busy?: boolean; wrapRef?: Ref<HTMLDivElement>; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-labelledby={props.captionId} tabIndex={0} ref={props.wrapRef} aria-busy={props.busy ? "true" : undefined}>
      {props.children}
    </div>
  );
}

import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";

/**
 * A modal dialog on the native <dialog> element (focus is kept inside, Escape closes).
 * Focus goes to the first field or button inside and back to the opener on close.
 */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; id: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      const first = d.querySelector<HTMLElement>("[data-autofocus], input, select, textarea, button:not(.dialog-close)");
      first?.focus();
    } else if (!props.open && d.open) {
      d.close();
    }
  }, [props.open]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onClose = () => {
      const o = opener.current as HTMLElement | null;
      if (o && document.contains(o)) o.focus();
      if (props.open) props.onClose();
    };
    d.addEventListener("close", onClose);
    return () => d.removeEventListener("close", onClose);
  }, [props.open, props.onClose]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby={`${props.id}-title`}>
      <div class="dialog-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <button type="button" class="btn btn-icon dialog-close" onClick={() => ref.current?.close()}>
          <span aria-hidden="true">×</span>
          <span class="visually-hidden">{t("form.close")}</span>
        </button>
      </div>
      {props.open ? props.children : null}
    </dialog>
  );
}

// Two app-wide pieces of feedback, each with one host mounted next to <App> (main.tsx):
// - confirmAction(): an accessible confirmation (native modal <dialog>, role=alertdialog, focus on
//   "Cancel" so a stray Enter never destroys anything) for every destructive action;
// - toast(): a visible, dismissable message in a polite live region, for the result of an action.
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";

export type ConfirmOptions = {
  title: string;
  body?: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** false for a weighty but not destructive step (publish): a primary instead of a red button */
  danger?: boolean;
};

type Pending = ConfirmOptions & { resolve: (ok: boolean) => void };

let openConfirm: ((p: Pending) => void) | undefined;

/** Asks before a destructive action; resolves true only when the person confirms. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    if (openConfirm) openConfirm({ ...options, resolve });
    else resolve(window.confirm(options.title)); // only before the host is mounted (tests)
  });
}

/** After an action removed the button that had focus, focus the page heading instead of <body>. */
export function keepFocus(): void {
  const a = document.activeElement;
  if (!a || a === document.body || !document.contains(a)) document.getElementById("page-title")?.focus();
}

export function ConfirmHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    openConfirm = (p) => {
      opener.current = document.activeElement as HTMLElement | null;
      setPending(p);
    };
    return () => {
      openConfirm = undefined;
    };
  }, []);

  useEffect(() => {
    const d = ref.current;
    if (pending && d && !d.open) {
      d.showModal();
      d.querySelector<HTMLElement>(".confirm-cancel")?.focus();
    }
  }, [pending]);

  function finish(ok: boolean) {
    const p = pending;
    setPending(null);
    if (ref.current?.open) ref.current.close();
    const o = opener.current;
    if (o && document.contains(o)) o.focus();
    p?.resolve(ok);
  }

  return (
    <dialog
      ref={ref}
      class="dialog dialog-confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby={pending?.body ? "confirm-body" : undefined}
      onCancel={(e) => {
        e.preventDefault(); // Escape: our own close, so the promise resolves
        finish(false);
      }}
    >
      {pending ? (
        <>
          <h2 id="confirm-title">{pending.title}</h2>
          {pending.body ? <p id="confirm-body">{pending.body}</p> : null}
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary confirm-cancel" onClick={() => finish(false)}>
              {pending.cancelLabel ?? t("form.cancel")}
            </button>
            <button type="button" class={pending.danger === false ? "btn btn-primary" : "btn btn-danger"} onClick={() => finish(true)}>
              {pending.confirmLabel}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

type Toast = { id: number; message: string };

let pushToast: ((message: string) => void) | undefined;
let nextId = 1;
const TOAST_MS = 8000;

/** Shows the result of an action (visible and announced politely). */
export function toast(message: string): void {
  pushToast?.(message);
}

export function ToastHost() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const hovered = useRef(false);

  function dismiss(id: number) {
    setToasts((all) => all.filter((x) => x.id !== id));
  }

  useEffect(() => {
    pushToast = (message) => {
      const id = nextId++;
      setToasts((all) => [...all.filter((x) => x.message !== message), { id, message }].slice(-3));
      // Goes away by itself unless the pointer or focus rests on it (then it waits for "×").
      const expire = () => (hovered.current ? window.setTimeout(expire, TOAST_MS) : dismiss(id));
      window.setTimeout(expire, TOAST_MS);
    };
    return () => {
      pushToast = undefined;
    };
  }, []);

  return (
    <div
      class="toast-region"
      role="status"
      aria-live="polite"
      onMouseEnter={() => (hovered.current = true)}
      onMouseLeave={() => (hovered.current = false)}
      onFocusIn={() => (hovered.current = true)}
      onFocusOut={() => (hovered.current = false)}
    >
      {toasts.map((x) => (
        <div key={x.id} class="toast">
          <span class="toast-icon" aria-hidden="true">
            ✓
          </span>
          <p>{x.message}</p>
          <button type="button" class="btn btn-icon toast-close" onClick={() => dismiss(x.id)}>
            <span aria-hidden="true">×</span>
            <span class="visually-hidden">{t("toast.dismiss")}</span>
          </button>
        </div>
      ))}
    </div>
  );
}

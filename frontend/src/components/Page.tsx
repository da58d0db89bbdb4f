import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { errorMessage } from "../errors";
import { t } from "../i18n";
import { takeFocusRequest } from "../router";

export function documentTitle(title: string, context?: string): string {
  return [title, context, t("app.titleSuffix")].filter(Boolean).join(" – ");
}

/** One page: sets <title>, renders the single <h1> and moves focus to it after navigation. */
export function Page(props: { title: string; context?: string; lead?: ComponentChildren; children?: ComponentChildren }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = documentTitle(props.title, props.context);
  }, [props.title, props.context]);
  useEffect(() => {
    if (takeFocusRequest()) h1.current?.focus();
  }, []);
  return (
    <>
      <h1 id="page-title" tabIndex={-1} ref={h1}>
        {props.title}
      </h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.children}
    </>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

/** An error box with an optional retry button; announced at once. */
export function ErrorNotice(props: { message: string; onRetry?: () => void; retryLabel?: string }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{props.message}</p>
      {props.onRetry ? (
        <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
          {props.retryLabel ?? t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}

/** A query's error (components read through data.ts) with "Try again", or nothing. */
export function QueryError(props: { query: { error: unknown; refetch: () => unknown } }) {
  const q = props.query;
  return q.error ? <ErrorNotice message={errorMessage(q.error)} onRetry={() => void q.refetch()} /> : null;
}

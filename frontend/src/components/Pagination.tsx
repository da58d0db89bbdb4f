import { t } from "../i18n";

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

/** Whether paging controls are needed: more than one page, or a page past the first (to get back). */
export function needsPaging(page: number, perPage: number, total: number): boolean {
  return page > 1 || total > Math.max(1, perPage);
}

/** Previous/next controls (aria-disabled at the ends, so focus stays put) with the position as text; `name` says what is paged (for the nav label).
 * Nothing when everything fits on the first page. */
export function Pagination(props: { page: number; perPage: number; total: number; name: string; onPage: (p: number) => void }) {
  if (!needsPaging(props.page, props.perPage, props.total)) return null;
  const pages = pageCount(props.total, props.perPage);
  const from = props.total === 0 ? 0 : (props.page - 1) * props.perPage + 1;
  const to = Math.min(props.total, props.page * props.perPage);
  return (
    <nav class="pagination" aria-label={t("table.pagination", { name: props.name })}>
      <button type="button" class="btn btn-secondary" aria-disabled={props.page <= 1 ? "true" : undefined} onClick={() => props.page > 1 && props.onPage(props.page - 1)}>
        <span aria-hidden="true">‹ </span>
        {t("table.prev")}
      </button>
      <p class="pagination-status" aria-live="polite">
        {t("table.pageOf", { page: props.page, pages })}
        <span class="pagination-range"> · {t("table.range", { from, to, total: props.total })}</span>
      </p>
      <button type="button" class="btn btn-secondary" aria-disabled={props.page >= pages ? "true" : undefined} onClick={() => props.page < pages && props.onPage(props.page + 1)}>
        {t("table.next")}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}

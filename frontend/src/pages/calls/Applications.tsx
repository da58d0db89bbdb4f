// The applications of one call: search, filters on status, tag and every dimension, sort,
// the pool per dimension, bulk status, export and the review dialog.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { SelectField, Success, TextField } from "../../components/forms";
import { Loading, QueryError } from "../../components/Page";
import { Pagination } from "../../components/Pagination";
import { toggled } from "../../components/PeopleChecklist";
import { TableWrap } from "../../components/TableWrap";
import { invalidate, programKey, useApi } from "../../data";
import { formatDate, formatNumber, getLocale, t, tn, type MessageKey } from "../../i18n";
import { answerText, statusLabel } from "../Apply";
import type { Call } from "./CallView";
import { ReviewDialog } from "./ReviewDialog";

type Status = components["schemas"]["ApplicationStatus"];
type Row = components["schemas"]["ApplicationRow"];
type Distribution = components["schemas"]["DistributionOut"];
const STATUSES: Status[] = ["submitted", "shortlisted", "selected", "alternate", "not_selected", "withdrawn"];
const SORTS = ["-submitted_at", "submitted_at", "name", "-name", "status", "-votes"] as const;
type Sort = (typeof SORTS)[number];
const PER_PAGE = 50;

interface Criteria {
  q: string;
  status: Status | "";
  tag: string;
  sort: Sort;
  filters: Record<string, string>;
}

/** Query parameters of the table, the distribution and the export, from the criteria. */
export function queryOf(c: Criteria): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { sort: c.sort };
  if (c.q.trim()) out.q = c.q.trim();
  if (c.status) out.status = [c.status];
  if (c.tag.trim()) out.tag = c.tag.trim().toLowerCase();
  const filters = Object.entries(c.filters).filter(([, v]) => v).map(([k, v]) => `${k}:${v}`);
  if (filters.length) out.filter = filters;
  return out;
}

function exportHref(programId: string, callId: string, c: Criteria, format: "csv" | "xlsx"): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(queryOf(c))) {
    if (k === "sort") continue;
    for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  }
  params.set("format", format);
  params.set("lang", getLocale()); // the file speaks the UI language
  return `/api/v1/programs/${programId}/calls/${callId}/applications/export?${params.toString()}`;
}

function PoolCharts(props: { data: Distribution }) {
  const l = getLocale();
  return (
    <section aria-labelledby="pool-heading" class="card">
      <h2 id="pool-heading">{t("calls.pool")}</h2>
      <div class="grid-2">
        {props.data.dimensions.map((d) => {
          const max = Math.max(1, ...d.values.map((v) => v.count));
          const label = l === "en" ? d.label_en : d.label_de;
          return (
            <table key={d.key} class="table-compact bar-table">
              <caption>{t("calls.poolCaption", { dimension: label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("calls.value")}</th>
                  <th scope="col">{t("calls.count")}</th>
                </tr>
              </thead>
              <tbody>
                {d.values.map((v) => (
                  <tr key={v.value}>
                    <th scope="row">{l === "en" ? v.label_en : v.label_de}</th>
                    <td>
                      <span class="bar" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden="true" />
                      <span class="bar-value">{formatNumber(v.count)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}

export function Applications(props: { program: MyProgram; call: Call }) {
  const programId = props.program.id;
  const callId = props.call.id;
  const path = { program_id: programId, call_id: callId };
  const dimensions = props.call.questions.filter((q) => q.is_dimension);
  const empty: Criteria = { q: "", status: "", tag: "", sort: "-submitted_at", filters: {} };
  const [form, setForm] = useState<Criteria>(empty);
  const [criteria, setCriteria] = useState<Criteria>(empty);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<Status>("shortlisted");
  const [status, setStatus] = useState<string>();
  const [open, setOpen] = useState<Row | null>(null);
  const l = getLocale();

  const query = { ...queryOf(criteria), page, per_page: PER_PAGE };
  const list = useApi(
    programKey(programId, "calls", callId, "applications", query),
    () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/applications", { params: { path, query: query as never } })),
    { keep: true },
  );
  const pool = useApi(programKey(programId, "calls", callId, "applications", "distribution"), () =>
    call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/applications/distribution", { params: { path } })),
  );
  /** Statuses, votes and tags: the list, the pool's figures and the call's counts. */
  const changed = () => invalidate(programId, "calls");

  async function applyBulk() {
    if (!selected.size) return;
    const result = await call(api.POST("/api/v1/programs/{program_id}/calls/{call_id}/applications/status", { params: { path }, body: { ids: [...selected], status: bulk } }));
    setSelected(new Set());
    setStatus(tn("calls.bulkDone", result.changed));
    await changed();
  }

  const rows = list.data?.items ?? [];
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => setSelected(toggled(selected, id));
  const moreActive = Object.values(criteria.filters).filter(Boolean).length + (criteria.tag ? 1 : 0) + (criteria.sort !== empty.sort ? 1 : 0);

  return (
    <>
      <form class="card filters" role="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setCriteria(form); }}>
        <div class="grid-2">
          <TextField id="app-q" label={t("calls.search")} type="search" value={form.q} onValue={(v) => setForm({ ...form, q: v })} />
          <SelectField id="app-status" label={t("calls.filterStatus")} value={form.status} onValue={(v) => setForm({ ...form, status: v as Status | "" })}
            options={[{ value: "", label: t("calls.all") }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]} />
        </div>
        {/* The rarer filters fold away, so the list starts near the top (open while one is set). */}
        <details class="more-filters" open={moreActive > 0}>
          <summary>{moreActive ? t("calls.moreFiltersActive", { count: moreActive }) : t("calls.moreFilters")}</summary>
          <div class="grid-2">
          {dimensions.map((q) => (
            <SelectField key={q.key} id={`app-dim-${q.key}`} label={l === "en" ? q.label_en : q.label_de} value={form.filters[q.key] ?? ""}
              onValue={(v) => setForm({ ...form, filters: { ...form.filters, [q.key]: v } })}
              options={[
                { value: "", label: t("calls.all") },
                ...(q.type === "yes_no"
                  ? [{ value: "true", label: t("apply.yes") }, { value: "false", label: t("apply.no") }]
                  : q.type === "scale"
                    ? Array.from({ length: (q.scale_max ?? 5) - (q.scale_min ?? 1) + 1 }, (_, i) => String((q.scale_min ?? 1) + i)).map((v) => ({ value: v, label: v }))
                    : q.options.map((o) => ({ value: o.value, label: l === "en" ? o.label_en : o.label_de }))),
              ]} />
          ))}
          <TextField id="app-tag" label={t("calls.filterTag")} value={form.tag} onValue={(v) => setForm({ ...form, tag: v })} />
          <SelectField id="app-sort" label={t("calls.sort")} value={form.sort} onValue={(v) => setForm({ ...form, sort: v as Sort })}
            options={SORTS.map((s) => ({ value: s, label: t(`calls.sort.${s}` as MessageKey) }))} />
          </div>
        </details>
        <div class="actions-row">
          <button type="submit" class="btn btn-primary">{t("calls.apply")}</button>
          <button type="button" class="btn btn-secondary" onClick={() => { setForm(empty); setCriteria(empty); setPage(1); }}>{t("calls.reset")}</button>
          <a class="btn btn-secondary" href={exportHref(programId, callId, criteria, "csv")} download>{t("calls.exportCsv")}</a>
          <a class="btn btn-secondary" href={exportHref(programId, callId, criteria, "xlsx")} download>{t("calls.exportXlsx")}</a>
        </div>
      </form>
      <Success message={status} />
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <div class="actions-row">
            <span role="status">{t("calls.selected", { count: selected.size })}</span>
            <SelectField id="app-bulk" label={t("calls.setStatus")} inline value={bulk} onValue={(v) => setBulk(v as Status)}
              options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
            <button type="button" class="btn btn-secondary" aria-disabled={selected.size ? undefined : "true"} onClick={() => void applyBulk()}>{t("calls.bulkApply")}</button>
          </div>
          {rows.length === 0 ? <p>{t("calls.noApplications")}</p> : (
            <TableWrap captionId="applications-caption" busy={list.isFetching}>
              <table class="table-compact">
                <caption id="applications-caption">{t("calls.tableCaption", { total: formatNumber(list.data.total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <input type="checkbox" aria-label={t("calls.selectAll")} checked={allChecked}
                        onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.id)))} />
                    </th>
                    <th scope="col">{t("calls.colName")}</th>
                    <th scope="col">{t("calls.colStatus")}</th>
                    {dimensions.map((q) => <th scope="col" key={q.key}>{l === "en" ? q.label_en : q.label_de}</th>)}
                    <th scope="col">{t("calls.colTags")}</th>
                    <th scope="col">{t("calls.colVotes")}</th>
                    <th scope="col">{t("calls.colSubmitted")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td><input type="checkbox" aria-label={t("calls.select", { name: r.name })} checked={selected.has(r.id)} onChange={() => toggle(r.id)} /></td>
                      <th scope="row">
                        <button type="button" class="link-button" aria-label={t("calls.review", { name: r.name })} onClick={() => setOpen(r)}>{r.name}</button>
                        <span class="cell-sub break">{r.email}</span>
                      </th>
                      <td>{statusLabel(r.status)}</td>
                      {dimensions.map((q) => <td key={q.key}>{answerText(q, r.dimensions[q.key], l)}</td>)}
                      <td>{r.tags.join(", ")}</td>
                      <td class="nowrap">{t("calls.votes", { yes: r.votes_for, no: r.votes_against })}</td>
                      <td class="nowrap">{formatDate(r.submitted_at.slice(0, 10))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pagination page={page} perPage={PER_PAGE} total={list.data.total} name={t("calls.tableCaption", { total: list.data.total })} onPage={setPage} />
        </>
      ) : null}
      {pool.data && pool.data.dimensions.length ? <PoolCharts data={pool.data} /> : null}
      <ReviewDialog program={props.program} call={props.call} row={open} onClose={() => setOpen(null)} onChanged={() => void changed()} />
    </>
  );
}

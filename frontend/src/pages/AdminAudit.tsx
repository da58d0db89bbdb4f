import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { AuditEvent } from "../api/types";
import { SelectField, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { keys, useApi } from "../data";
import { formatDateTime, getLocale, messages, t, tn } from "../i18n";
import { auditActionLabel, auditDetailsText, auditTargetLabel } from "../labels";

const PER_PAGE = 50;

interface Criteria {
  action: string;
  person: string;
  since: string;
  until: string;
}

const EMPTY: Criteria = { action: "", person: "", since: "", until: "" };

/** The query of the list and the download: only the criteria that are set. */
export function auditQuery(c: Criteria): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.action) out.action = c.action;
  if (c.person.trim()) out.person = c.person.trim();
  if (c.since) out.since = c.since;
  if (c.until) out.until = c.until;
  return out;
}

/** Every event the catalog has words for, alphabetically in the UI language. */
function actionOptions() {
  const codes = Object.keys(messages("de"))
    .filter((k) => k.startsWith("audit.action."))
    .map((k) => k.slice("audit.action.".length));
  return codes
    .map((code) => ({ value: code, label: auditActionLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, getLocale()));
}

/** An erased person is logged as "erased:<token>" (erasure/service.py): shown in words. */
function personLabel(label: string): string {
  return label.startsWith("erased:") ? t("erasure.erasedPerson", { id: label.slice("erased:".length) }) : label;
}

function actorOf(e: AuditEvent): string {
  return e.actor_name ?? (e.actor_label ? personLabel(e.actor_label) : t("audit.system"));
}

export function AdminAudit() {
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const query = { ...auditQuery(criteria), page, per_page: PER_PAGE };
  const list = useApi(keys.audit(query), () => call(api.GET("/api/v1/audit-events", { params: { query } })), { keep: true });
  const data = list.data;
  const download = `/api/v1/audit-events/export?${new URLSearchParams({ ...auditQuery(criteria), lang: getLocale() }).toString()}`;
  return (
    <Page title={t("nav.audit")} context={t("nav.groupAdmin")} lead={t("audit.intro")}>
      <form
        class="card filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setCriteria(form);
        }}
      >
        <div class="grid-2">
          <SelectField id="audit-action" label={t("audit.filterAction")} value={form.action} onValue={(v) => setForm({ ...form, action: v })}
            options={[{ value: "", label: t("audit.allActions") }, ...actionOptions()]} />
          <TextField id="audit-person" label={t("audit.filterPerson")} type="search" value={form.person} onValue={(v) => setForm({ ...form, person: v })} />
          <TextField id="audit-since" label={t("audit.filterSince")} type="date" value={form.since} onValue={(v) => setForm({ ...form, since: v })} />
          <TextField id="audit-until" label={t("audit.filterUntil")} type="date" value={form.until} onValue={(v) => setForm({ ...form, until: v })} />
        </div>
        <div class="actions-row">
          <button type="submit" class="btn btn-primary">{t("audit.apply")}</button>
          <button type="button" class="btn btn-secondary" onClick={() => { setForm(EMPTY); setCriteria(EMPTY); setPage(1); }}>{t("audit.reset")}</button>
          <a class="btn btn-secondary" href={download} download aria-describedby="audit-export-hint">{t("audit.exportCsv")}</a>
        </div>
        <p id="audit-export-hint" class="field-hint">{t("audit.exportHint")}</p>
      </form>

      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {data ? (
        <>
          <p role="status" class="muted">{tn("audit.count", data.total)}</p>
          <TableWrap captionId="audit-caption" busy={list.isFetching}>
            <table class="table-compact table-cards">
              <caption id="audit-caption">{t("audit.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.at")}</th>
                  <th scope="col">{t("audit.actor")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.target")}</th>
                  <th scope="col">{t("audit.ip")}</th>
                  <th scope="col">{t("audit.details")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} class="empty">
                      {t("table.empty")}
                    </td>
                  </tr>
                ) : (
                  data.items.map((e) => (
                    <tr key={e.id}>
                      <th scope="row" class="nowrap">
                        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                      </th>
                      <td data-label={t("audit.actor")}>
                        {actorOf(e)}
                        {e.actor_name && e.actor_label ? <span class="cell-sub break">{e.actor_label}</span> : null}
                      </td>
                      <td data-label={t("audit.action")}>{auditActionLabel(e.action)}</td>
                      <td data-label={t("audit.target")}>
                        {auditTargetLabel(e.target_type)}
                        {e.target_label ? (
                          <span class="cell-sub break">{e.target_label}</span>
                        ) : e.target_id?.startsWith("erased:") ? (
                          <span class="cell-sub break">{personLabel(e.target_id)}</span>
                        ) : e.target_id ? (
                          <span class="cell-sub cell-id">
                            <span class="visually-hidden">{t("audit.targetId")}: </span>
                            {e.target_id}
                          </span>
                        ) : null}
                      </td>
                      <td class="nowrap" data-label={t("audit.ip")}>{e.ip ?? ""}</td>
                      <td class="break small cell-details" data-label={t("audit.details")}>{auditDetailsText(e.details)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={data.page} perPage={data.per_page} total={data.total} name={t("nav.audit")} onPage={setPage} />
        </>
      ) : null}
    </Page>
  );
}

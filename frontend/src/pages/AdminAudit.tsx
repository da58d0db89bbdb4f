import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { AuditEvent } from "../api/types";
import { ErrorNotice, Loading, Page } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { errorMessage } from "../errors";
import { useAsync } from "../hooks";
import { formatDateTime, t } from "../i18n";
import { auditActionLabel, auditDetailsText, auditTargetLabel } from "../labels";

const PER_PAGE = 50;

function actorOf(e: AuditEvent): string {
  // actor_label in the backend's spec; actor_name in early drafts of the contract.
  const x = e as AuditEvent & { actor_name?: string | null; actor_label?: string | null };
  return x.actor_label ?? x.actor_name ?? t("audit.system");
}

export function AdminAudit() {
  const [page, setPage] = useState(1);
  const list = useAsync(() => call(api.GET("/api/v1/audit-events", { params: { query: { page, per_page: PER_PAGE } } })), [page]);
  const data = list.data;
  return (
    <Page title={t("nav.audit")} context={t("nav.groupAdmin")} lead={t("audit.intro")}>
      {list.error ? <ErrorNotice message={errorMessage(list.error)} onRetry={list.reload} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <TableWrap captionId="audit-caption" busy={list.loading}>
            <table class="table-compact">
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
                      <td>{actorOf(e)}</td>
                      <td>{auditActionLabel(e.action)}</td>
                      <td>
                        {auditTargetLabel(e.target_type)}
                        {e.target_id ? (
                          <span class="cell-sub cell-id">
                            <span class="visually-hidden">{t("audit.targetId")}: </span>
                            {e.target_id}
                          </span>
                        ) : null}
                      </td>
                      <td class="nowrap">{e.ip ?? ""}</td>
                      <td class="break small cell-details">{auditDetailsText(e.details)}</td>
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

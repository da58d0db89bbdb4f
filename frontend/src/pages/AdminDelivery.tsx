import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { EmailLogEntry } from "../api/types";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { keys, useApi } from "../data";
import { formatDateTime, t, type MessageKey } from "../i18n";

const PER_PAGE = 50;

function statusLabel(status: EmailLogEntry["status"]): string {
  return t(`delivery.status.${status}` as MessageKey);
}

/** Administrators: the email delivery log and background tasks that gave up. */
export function AdminDelivery() {
  const [page, setPage] = useState(1);
  const emailQuery = { page, per_page: PER_PAGE };
  const emails = useApi(keys.admin("emails", emailQuery), () => call(api.GET("/api/v1/admin/emails", { params: { query: emailQuery } })), { keep: true });
  const jobQuery = { status: "failed" as const, per_page: 20 };
  const jobs = useApi(keys.admin("jobs", jobQuery), () => call(api.GET("/api/v1/admin/jobs", { params: { query: jobQuery } })));
  return (
    <Page title={t("delivery.nav")} context={t("nav.groupAdmin")} lead={t("delivery.intro")}>
      <h2>{t("delivery.emails")}</h2>
      <QueryError query={emails} />
      {emails.isPending ? <Loading /> : null}
      {emails.data ? (
        <>
          <TableWrap captionId="emails-caption" busy={emails.isFetching}>
            <table class="table-compact table-cards">
              <caption id="emails-caption">{t("delivery.emailsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("delivery.created")}</th>
                  <th scope="col">{t("delivery.to")}</th>
                  <th scope="col">{t("delivery.subject")}</th>
                  <th scope="col">{t("delivery.status")}</th>
                  <th scope="col">{t("delivery.attempts")}</th>
                  <th scope="col">{t("delivery.error")}</th>
                </tr>
              </thead>
              <tbody>
                {emails.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} class="empty">{t("table.empty")}</td>
                  </tr>
                ) : (
                  emails.data.items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row" class="nowrap">
                        <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
                      </th>
                      <td class="break" data-label={t("delivery.to")}>{m.to_address}</td>
                      <td class="break" data-label={t("delivery.subject")}>{m.subject}</td>
                      <td class="half" data-label={t("delivery.status")}>{statusLabel(m.status)}</td>
                      <td class="num" data-label={t("delivery.attempts")}>{m.attempts}</td>
                      <td class="break small" data-label={t("delivery.error")}>{m.last_error ?? ""}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={emails.data.page} perPage={emails.data.per_page} total={emails.data.total} name={t("delivery.emails")} onPage={setPage} />
        </>
      ) : null}

      <h2>{t("delivery.jobs")}</h2>
      <QueryError query={jobs} />
      {jobs.data ? (
        <TableWrap captionId="jobs-caption" busy={jobs.isFetching}>
          <table class="table-compact">
            <caption id="jobs-caption">{t("delivery.jobsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("delivery.finished")}</th>
                <th scope="col">{t("delivery.kind")}</th>
                <th scope="col">{t("delivery.attempts")}</th>
                <th scope="col">{t("delivery.error")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.length === 0 ? (
                <tr>
                  <td colSpan={4} class="empty">{t("table.empty")}</td>
                </tr>
              ) : (
                jobs.data.items.map((j) => (
                  <tr key={j.id}>
                    <th scope="row" class="nowrap">{formatDateTime(j.finished_at ?? j.run_at)}</th>
                    <td><code>{j.kind}</code></td>
                    <td>{j.attempts}</td>
                    <td class="break small">{(j.last_error ?? "").trim().split("\n").pop()}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </Page>
  );
}

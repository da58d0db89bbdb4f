// Administration → Programs: every program with its period and people; a new one through the
// wizard, an existing one edited with the same form the core team uses in its settings.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Program } from "../../api/types";
import { Loading, Page, QueryError } from "../../components/Page";
import { Pagination } from "../../components/Pagination";
import { TableWrap } from "../../components/TableWrap";
import { keys, useApi } from "../../data";
import { formatDate, t } from "../../i18n";
import { useProgramDetails } from "../../programs";
import { PATHS } from "../../routes";
import { SettingsForm } from "../ProgramSettings";

const PER_PAGE = 50;

function period(p: Program): string {
  if (!p.starts_on && !p.ends_on) return t("programs.noPeriod");
  return `${formatDate(p.starts_on)} – ${formatDate(p.ends_on)}`;
}

export function AdminPrograms() {
  const [page, setPage] = useState(1);
  const query = { page, per_page: PER_PAGE };
  const list = useApi(keys.programs(query), () => call(api.GET("/api/v1/programs", { params: { query } })), { keep: true });
  const data = list.data;
  return (
    <Page title={t("nav.programs")} context={t("nav.groupAdmin")} lead={t("programs.intro")}>
      <p class="actions-row">
        <a class="btn btn-primary" href={PATHS.adminProgramNew}>
          {t("programs.new")}
        </a>
      </p>
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {data && data.items.length === 0 ? <p class="empty-state">{t("programs.empty")}</p> : null}
      {data && data.items.length ? (
        <>
          <TableWrap captionId="programs-caption" busy={list.isFetching}>
            <table class="table-cards">
              <caption id="programs-caption">{t("programs.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("programs.name")}</th>
                  <th scope="col">{t("programs.period")}</th>
                  <th scope="col">{t("programs.people")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("table.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                      <span class="cell-sub">/p/{p.slug}</span>
                    </th>
                    <td data-label={t("programs.period")}>{period(p)}</td>
                    <td data-label={t("programs.people")}>
                      {t("programs.peopleCounts", {
                        core: p.member_counts.core_team ?? 0,
                        influencers: p.member_counts.influencer ?? 0,
                        hr: p.member_counts.hr_viewer ?? 0,
                      })}
                    </td>
                    <td>
                      <a class="btn btn-small btn-secondary" href={PATHS.adminProgram(p.id)} aria-label={t("programs.editNamed", { name: p.name })}>
                        {t("programs.edit")}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={data.page} perPage={data.per_page} total={data.total} name={t("nav.programs")} onPage={setPage} />
        </>
      ) : null}
    </Page>
  );
}

export function AdminProgramEdit(props: { id: string }) {
  const state = useProgramDetails(props.id);
  return (
    <Page title={state.data ? t("programs.editNamed", { name: state.data.name }) : t("programs.editTitle")} context={t("nav.groupAdmin")} lead={t("programs.editLead")}>
      <p class="muted">
        <a href={PATHS.adminPrograms}>{t("programs.back")}</a>
      </p>
      {state.isPending ? <Loading /> : null}
      {state.data ? null : <QueryError query={state} />}
      {state.data ? <SettingsForm key={state.data.id} program={state.data} /> : null}
    </Page>
  );
}

// Pin (always in) or exclude (never in) applicants of the pool, from the applications table.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { TextField } from "../../components/forms";
import { Loading, QueryError } from "../../components/Page";
import { Pagination } from "../../components/Pagination";
import { TableWrap } from "../../components/TableWrap";
import { programKey, useApi } from "../../data";
import { getLocale, t } from "../../i18n";
import { answerText } from "../Apply";
import { choiceOf, setChoice, type Choice } from "./logic";

type Call = components["schemas"]["CallOut"];
const IN_POOL = ["submitted", "shortlisted", "selected", "alternate", "not_selected"];
const PER_PAGE = 50;

export function PoolPeople(props: { program: MyProgram; call: Call; pinned: Set<string>; excluded: Set<string>; onChange: (pinned: Set<string>, excluded: Set<string>) => void }) {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const path = { program_id: props.program.id, call_id: props.call.id };
  const query = { status: IN_POOL, q: search || undefined, sort: "name", page, per_page: PER_PAGE };
  const list = useApi(
    programKey(props.program.id, "calls", props.call.id, "applications", query),
    () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/applications", { params: { path, query: query as never } })),
    { keep: true },
  );
  const dimensions = props.call.questions.filter((x) => x.is_dimension);
  const l = getLocale();
  const captionId = "pool-people-caption";
  return (
    <section class="card" aria-labelledby="pool-people-heading">
      <h2 id="pool-people-heading">{t("sel.people")}</h2>
      <p>{t("sel.peopleLead")}</p>
      <p role="status">{t("sel.pinnedCount", { pinned: props.pinned.size, excluded: props.excluded.size })}</p>
      <div role="search" class="actions-row">
        <TextField id="pool-q" label={t("calls.search")} type="search" value={q} onValue={setQ}
          onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); setPage(1); setSearch(q.trim()); } }} />
        <button type="button" class="btn btn-secondary" onClick={() => { setPage(1); setSearch(q.trim()); }}>{t("calls.apply")}</button>
      </div>
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <TableWrap captionId={captionId} busy={list.isFetching}>
            <table class="table-compact">
              <caption id={captionId}>{t("sel.peopleCaption", { total: list.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sel.colName")}</th>
                  {dimensions.map((d) => <th scope="col" key={d.key}>{l === "en" ? d.label_en : d.label_de}</th>)}
                  <th scope="col">{t("sel.colChoice")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    {dimensions.map((d) => <td key={d.key}>{answerText(d, r.dimensions[d.key], l)}</td>)}
                    <td>
                      <select aria-label={t("sel.choiceFor", { name: r.name })} value={choiceOf(r.id, props.pinned, props.excluded)}
                        onChange={(e) => {
                          const next = setChoice(r.id, (e.currentTarget as HTMLSelectElement).value as Choice, props.pinned, props.excluded);
                          props.onChange(next.pinned, next.excluded);
                        }}>
                        {(["none", "pinned", "excluded"] as const).map((c) => <option key={c} value={c}>{t(`sel.choice.${c}`)}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={page} perPage={PER_PAGE} total={list.data.total} name={t("sel.peopleCaption", { total: list.data.total })} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}

// The round's runs, newest first, and the choice of two runs to compare.
import { useState } from "preact/hooks";
import type { components } from "../../api/schema";
import { SelectField } from "../../components/forms";
import { TableWrap } from "../../components/TableWrap";
import { formatDateTime, formatNumber, getLocale, t, type MessageKey } from "../../i18n";
import { navigate } from "../../router";
import { percent } from "./logic";

type RunSummary = components["schemas"]["RunSummary"];

export const runStatusLabel = (s: string) => t(`sel.runStatus.${s}` as MessageKey);
export const runLabel = (r: RunSummary) => t("sel.runLabel", { date: formatDateTime(r.created_at), algorithm: r.algorithm.toUpperCase(), seed: r.seed });

export function RunList(props: { runs: RunSummary[]; base: string; current: string | null; confirmedRunId?: string }) {
  const l = getLocale();
  const [a, setA] = useState(props.runs[1]?.id ?? "");
  const [b, setB] = useState(props.runs[0]?.id ?? "");
  return (
    <section class="card no-print" aria-labelledby="runs-heading">
      <h2 id="runs-heading">{t("sel.runs")}</h2>
      {!props.runs.length ? <p>{t("sel.noRuns")}</p> : (
        <TableWrap captionId="runs-caption">
          <table class="table-compact table-cards">
            <caption id="runs-caption">{t("sel.runsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sel.colCreated")}</th>
                <th scope="col">{t("sel.colAlgorithm")}</th>
                <th scope="col" class="num">{t("sel.colSeed")}</th>
                <th scope="col">{t("sel.colRunStatus")}</th>
                <th scope="col" class="num">{t("sel.colSelected")}</th>
                <th scope="col" class="num">{t("sel.colMinProb")}</th>
                <th scope="col" class="num">{t("sel.colSeconds")}</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((r) => (
                <tr key={r.id} aria-current={r.id === props.current ? "true" : undefined}>
                  <th scope="row">
                    <a href={`${props.base}&run=${r.id}#run-result`} aria-label={t("sel.showRun", { date: formatDateTime(r.created_at) })}>{formatDateTime(r.created_at)}</a>
                    {r.id === props.confirmedRunId ? <span class="cell-sub">{t("sel.thisRunConfirmed")}</span> : null}
                  </th>
                  <td class="half" data-label={t("sel.colAlgorithm")}>{r.algorithm.toUpperCase()}</td>
                  <td class="num" data-label={t("sel.colSeed")}>{r.seed}</td>
                  <td class="half" data-label={t("sel.colRunStatus")}>{runStatusLabel(r.status)}</td>
                  <td class="num" data-label={t("sel.colSelected")}>{formatNumber(r.selected)} / {formatNumber(r.k)}</td>
                  <td class="num" data-label={t("sel.colMinProb")}>{r.min_probability == null ? "–" : t("sel.percent", { value: percent(r.min_probability, l) })}</td>
                  <td class="num" data-label={t("sel.colSeconds")}>{formatNumber(Math.round(r.seconds * 100) / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {props.runs.length >= 2 ? (
        <form class="actions-row" aria-labelledby="compare-heading" onSubmit={(e) => { e.preventDefault(); if (a && b) navigate(`${props.base}&a=${a}&b=${b}#compare`); }}>
          <h3 id="compare-heading" class="visually-hidden">{t("sel.compare")}</h3>
          <SelectField id="compare-a" inline label={t("sel.compareA")} value={a} onValue={setA} options={props.runs.map((r) => ({ value: r.id, label: runLabel(r) }))} />
          <SelectField id="compare-b" inline label={t("sel.compareB")} value={b} onValue={setB} options={props.runs.map((r) => ({ value: r.id, label: runLabel(r) }))} />
          <button type="submit" class="btn btn-secondary">{t("sel.compareGo")}</button>
        </form>
      ) : null}
    </section>
  );
}

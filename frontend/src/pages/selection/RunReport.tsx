// One run's report: figures, the relaxation when quotas conflict, pool vs target vs selected
// per dimension (bars with the same numbers as a table), every applicant's chance; download,
// print and confirm.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { components } from "../../api/schema";
import { Dialog } from "../../components/Dialog";
import { FormError, TextField } from "../../components/forms";
import { TableWrap } from "../../components/TableWrap";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { formatNumber, getLocale, t, type Locale, type MessageKey } from "../../i18n";
import { label, outcomeCounts, percent, type Run } from "./logic";
import { runStatusLabel } from "./RunList";

type Round = components["schemas"]["RoundOut"];
type Path = { program_id: string; call_id: string; round_id: string };
const pct = (p: number, l: Locale) => t("sel.percent", { value: percent(p, l) });

export function RunReport(props: { run: Run; round: Round; path: Path; onConfirmed: (r: Round) => void; onAcceptRelaxation?: (run: Run) => void }) {
  const { run, round } = props;
  const l = getLocale();
  const [confirming, setConfirming] = useState(false);
  const byKey = new Map(run.report.flatMap((d) => d.values.map((v) => [`${d.key}\u001f${v.value}`, { d, v }] as const)));
  const fair = run.pool_size ? run.k / run.pool_size : 0;
  const canConfirm = round.status === "draft" && run.selected > 0 && run.status !== "infeasible";
  const csv = `/api/v1/programs/${props.path.program_id}/calls/${props.path.call_id}/selection-rounds/${props.path.round_id}/runs/${run.id}/report?format=csv&lang=${getLocale()}`;
  const facts: [MessageKey, string][] = [
    ["sel.fact.status", runStatusLabel(run.status)],
    ["sel.fact.algorithm", run.algorithm.toUpperCase()],
    ["sel.fact.seed", String(run.seed)],
    ["sel.fact.solver", run.solver],
    ["sel.fact.seconds", t("sel.seconds", { value: formatNumber(Math.round(run.seconds * 100) / 100) })],
    ["sel.fact.panels", formatNumber(run.panels_in_distribution)],
    ["sel.fact.minProb", run.min_probability == null ? "–" : pct(run.min_probability, l)],
    ["sel.fact.fairShare", pct(fair, l)],
    ["sel.fact.belowHalf", formatNumber(run.below_half_fair_share)],
    ["sel.fact.gini", run.gini == null ? "–" : formatNumber(Math.round(run.gini * 1000) / 1000)],
  ];

  return (
    <section id="run-result" class="card" aria-labelledby="run-heading" tabIndex={-1}>
      <h2 id="run-heading">{t("sel.result")}</h2>
      <dl class="facts">
        {facts.map(([k, v]) => <div key={k}><dt>{t(k)}</dt><dd>{v}</dd></div>)}
      </dl>
      {round.confirmed_run_id === run.id ? <p class="notice notice-success">{t("sel.thisRunConfirmed")}</p> : null}
      {run.status === "infeasible" ? <p class="notice notice-error">{t("sel.infeasible")}</p> : null}
      {run.status === "time_limit" ? (
        <p class={`notice ${run.selected ? "notice-info" : "notice-error"}`}>{t(run.selected ? "sel.timeLimitNote" : "sel.timeLimitNoPanel")}</p>
      ) : null}
      {run.status === "failed" ? (
        <p class={`notice ${run.selected ? "notice-info" : "notice-error"}`}>{t(run.selected ? "sel.failedNote" : "sel.failedNoPanel")}</p>
      ) : null}
      {run.relaxation.length ? (
        <>
          <h3>{t("sel.relaxation")}</h3>
          <TableWrap captionId="relax-caption">
            <table class="table-compact">
              <caption id="relax-caption">{t("sel.relaxationCaption")}</caption>
              <thead>
                <tr><th scope="col">{t("sel.colValue")}</th><th scope="col">{t("sel.colFrom")}</th><th scope="col">{t("sel.colTo")}</th></tr>
              </thead>
              <tbody>
                {run.relaxation.map((r) => {
                  const hit = byKey.get(`${r.dimension}\u001f${r.value}`);
                  return (
                    <tr key={`${r.dimension}-${r.value}`}>
                      <th scope="row">{hit ? `${label(hit.d, l)}: ${label(hit.v, l)}` : `${r.dimension}: ${r.value}`}</th>
                      <td>{t("sel.target", { min: r.min, max: r.max })}</td>
                      <td><strong>{t("sel.target", { min: r.new_min, max: r.new_max })}</strong></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          {props.onAcceptRelaxation ? (
            <button type="button" class="btn btn-primary no-print" onClick={() => props.onAcceptRelaxation!(run)}>{t("sel.acceptRelaxation")}</button>
          ) : null}
        </>
      ) : null}
      <div class="actions-row no-print">
        <a class="btn btn-secondary" href={csv} download>{t("sel.downloadCsv")}</a>
        <button type="button" class="btn btn-secondary" onClick={() => window.print()}>{t("sel.print")}</button>
        {canConfirm ? <button type="button" class="btn btn-primary" onClick={() => setConfirming(true)}>{t("sel.confirm")}</button> : null}
      </div>
      <h3>{t("sel.byDimension")}</h3>
      <QuotaReport report={run.report} k={run.k} idPrefix="report" />
      <h3>{t("sel.everyone")}</h3>
      <TableWrap captionId="people-caption">
        <table class="table-compact table-cards">
          <caption id="people-caption">{t("sel.everyoneCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sel.colName")}</th>
              <th scope="col">{t("sel.colOutcome")}</th>
              <th scope="col" class="num">{t("sel.colRank")}</th>
              <th scope="col" class="num">{t("sel.colProbability")}</th>
              <th scope="col">{t("sel.colPinned")}</th>
              {run.report.map((d) => <th scope="col" key={d.key}>{label(d, l)}</th>)}
            </tr>
          </thead>
          <tbody>
            {run.people.map((p) => (
              <tr key={p.application_id}>
                <th scope="row">{p.name}</th>
                <td class="half" data-label={t("sel.colOutcome")}>{p.existing_member ? t("sel.outcome.existing") : t(`sel.outcome.${p.outcome}`)}</td>
                <td class="num" data-label={t("sel.colRank")}>{p.alternate_rank ?? "–"}</td>
                <td class="num" data-label={t("sel.colProbability")}>{pct(p.probability, l)}</td>
                <td class="half" data-label={t("sel.colPinned")}>{p.pinned ? t("sel.yes") : "–"}</td>
                {run.report.map((d) => {
                  const v = d.values.find((x) => x.value === p.dimensions[d.key]);
                  return <td key={d.key} class="half" data-label={label(d, l)}>{v ? label(v, l) : p.dimensions[d.key]}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ConfirmDialog open={confirming} run={run} round={round} path={props.path} onClose={() => setConfirming(false)}
        onConfirmed={(r) => { setConfirming(false); props.onConfirmed(r); }} />
    </section>
  );
}

function ConfirmDialog(props: { open: boolean; run: Run; round: Round; path: Path; onClose: () => void; onConfirmed: (r: Round) => void }) {
  const [name, setName] = useState(props.round.name);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const counts = outcomeCounts(props.run);

  async function confirm(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ cohort_name: t("form.requiredField") });
      setError(t("form.errorSummary"));
      return;
    }
    try {
      const round = await call(
        api.POST("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}/confirm", {
          params: { path: props.path },
          body: { version: props.round.version, run_id: props.run.id, cohort_name: name.trim() },
        }),
      );
      props.onConfirmed(round);
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  return (
    <Dialog id="confirm-run" open={props.open} title={t("sel.confirmTitle")} onClose={props.onClose}>
      <form class="form" noValidate onSubmit={confirm}>
        <FormError message={error} fields={errors} labels={{ cohort_name: t("sel.cohortName") }} idPrefix="confirm-" />
        <TextField id="confirm-cohort_name" label={t("sel.cohortName")} required value={name} onValue={setName} error={errors.cohort_name} maxLength={200} />
        <p>{t("sel.confirmWhat")}</p>
        <ul>
          <li>{t("sel.confirmCohort", { name: name.trim() || props.round.name, count: counts.selected })}</li>
          <li>{t("sel.confirmMarks", { selected: counts.selected, alternates: counts.alternate, others: counts.not_selected })}</li>
          <li>{t("sel.confirmMails")}</li>
          <li>{t("sel.confirmFinal")}</li>
        </ul>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">{t("sel.confirmGo")}</button>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("sel.cancel")}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Per dimension: pool, target and how many the group holds (bars with the numbers). */
export function QuotaReport(props: { report: Run["report"]; k: number; idPrefix: string }) {
  const l = getLocale();
  return (
    <div class="grid-2">
      {props.report.map((d, di) => (
        <TableWrap key={d.key} captionId={`${props.idPrefix}-caption-${di}`}>
          <table class="table-compact bar-table">
            <caption id={`${props.idPrefix}-caption-${di}`}>{t("sel.reportCaption", { dimension: label(d, l) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sel.colValue")}</th>
                <th scope="col" class="num">{t("sel.colPool")}</th>
                <th scope="col">{t("sel.colTarget")}</th>
                <th scope="col">{t("sel.colSelected")}</th>
              </tr>
            </thead>
            <tbody>
              {d.values.map((v) => {
                const off = (v.min != null && v.selected < v.min) || (v.max != null && v.selected > v.max);
                return (
                  <tr key={v.value}>
                    <th scope="row">{label(v, l)}</th>
                    <td class="num">{formatNumber(v.pool)}</td>
                    <td class="nowrap">{v.min == null ? t("sel.noTarget") : t("sel.target", { min: v.min, max: v.max ?? props.k })}</td>
                    <td>
                      <span class={`bar${off ? " bar-warn" : ""}`} style={{ width: `${(v.selected / Math.max(1, props.k)) * 100}%` }} aria-hidden="true" />
                      <span class="bar-value">{formatNumber(v.selected)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </div>
  );
}

// Core team: the selection workbench. ?call= picks a call (its rounds, a new round),
// ?round= one round's workbench.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { MyProgram } from "../../api/types";
import { FormError, SelectField, TextField } from "../../components/forms";
import { Loading, Page, QueryError } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { invalidate, programKey, useApi } from "../../data";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { formatDateTime, formatNumber, t, type MessageKey } from "../../i18n";
import { navigate, useLocation } from "../../router";
import { callStatusLabel } from "../calls/CallsPage";
import { RoundView } from "./RoundView";

export const ALGORITHMS = ["leximin", "maximin", "nash", "diverse"] as const;
export const algorithmLabel = (a: string) => t(`sel.algorithm.${a}` as MessageKey);
export const roundStatusLabel = (s: string) => t(`sel.status.${s}` as MessageKey);

export function SelectionPage(props: { program: MyProgram }) {
  const params = new URLSearchParams(useLocation().search);
  const callId = params.get("call");
  const roundId = params.get("round");
  if (callId && roundId) return <RoundView key={roundId} program={props.program} callId={callId} roundId={roundId} />;
  if (callId) return <CallRounds key={callId} program={props.program} callId={callId} />;
  return <CallPicker program={props.program} />;
}

function CallPicker(props: { program: MyProgram }) {
  const programId = props.program.id;
  const list = useApi(programKey(programId, "calls"), () => call(api.GET("/api/v1/programs/{program_id}/calls", { params: { path: { program_id: programId } } })));
  const calls = (list.data ?? []).filter((c) => c.status !== "draft");
  return (
    <Page title={t("sel.title")} context={props.program.name} lead={t("sel.lead")}>
      <h2>{t("sel.calls")}</h2>
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {list.data && !calls.length ? <p>{t("sel.noCalls")}</p> : null}
      {calls.length ? (
        <TableWrap captionId="sel-calls-caption">
          <table class="table-cards">
            <caption id="sel-calls-caption">{t("sel.callsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("calls.colTitle")}</th>
                <th scope="col">{t("calls.colStatus")}</th>
                <th scope="col" class="num">{t("calls.colApplications")}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><a href={`?call=${c.id}`}>{c.title}</a></th>
                  <td class="half" data-label={t("calls.colStatus")}>{callStatusLabel(c.status)}</td>
                  <td class="num" data-label={t("calls.colApplications")}>{formatNumber(c.applications)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </Page>
  );
}

function CallRounds(props: { program: MyProgram; callId: string }) {
  const path = { program_id: props.program.id, call_id: props.callId };
  const callState = useApi(programKey(props.program.id, "calls", props.callId), () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}", { params: { path } })));
  const rounds = useApi(programKey(props.program.id, "calls", props.callId, "selection-rounds"), () =>
    call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds", { params: { path } })),
  );
  const here = useLocation().pathname;
  const failed = [callState, rounds].find((q) => q.error);
  if (failed) return <Page title={t("sel.title")}><QueryError query={failed} /></Page>;
  if (!callState.data || !rounds.data) return <Loading />;
  return (
    <Page title={callState.data.title} context={`${t("sel.title")} · ${props.program.name}`}>
      <p><a href={here}>← {t("sel.back")}</a></p>
      <h2>{t("sel.rounds")}</h2>
      {rounds.data.length ? (
        <TableWrap captionId="sel-rounds-caption">
          <table>
            <caption id="sel-rounds-caption">{t("sel.roundsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sel.colRound")}</th>
                <th scope="col" class="num">{t("sel.colSize")}</th>
                <th scope="col">{t("sel.colStatus")}</th>
                <th scope="col" class="num">{t("sel.colRuns")}</th>
                <th scope="col">{t("sel.colCreated")}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row"><a href={`?call=${props.callId}&round=${r.id}`}>{r.name}</a></th>
                  <td class="num">{formatNumber(r.k)}</td>
                  <td>{roundStatusLabel(r.status)}</td>
                  <td class="num">{formatNumber(r.runs)}</td>
                  <td>{formatDateTime(r.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : <p>{t("sel.noRounds")}</p>}
      <NewRound program={props.program} callId={props.callId} />
    </Page>
  );
}

function NewRound(props: { program: MyProgram; callId: string }) {
  const [name, setName] = useState("");
  const [k, setK] = useState("16");
  const [algorithm, setAlgorithm] = useState<(typeof ALGORITHMS)[number]>("leximin");
  const [baseCohort, setBaseCohort] = useState("");
  const cohorts = useApi(programKey(props.program.id, "cohorts"), () =>
    call(api.GET("/api/v1/programs/{program_id}/cohorts", { params: { path: { program_id: props.program.id } } })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  async function create(e: Event) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!name.trim()) fe.name = t("form.requiredField");
    if (!/^\d+$/.test(k.trim()) || Number(k) < 1) fe.k = t("sel.invalidNumber");
    setErrors(fe);
    if (Object.keys(fe).length) {
      setError(t("form.errorSummary"));
      return;
    }
    try {
      const created = await call(
        api.POST("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds", {
          params: { path: { program_id: props.program.id, call_id: props.callId } },
          // A fresh seed per round: nobody picks the lot; it is shown and stored for replay.
          body: { name: name.trim(), k: Number(k), algorithm, quotas: [], seed: Math.floor(Math.random() * 1_000_000), base_cohort_id: baseCohort || null },
        }),
      );
      void invalidate(props.program.id, "calls");
      navigate(`?call=${props.callId}&round=${created.id}`);
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="new-round-heading">
      <h2 id="new-round-heading">{t("sel.newRound")}</h2>
      <FormError message={error} fields={errors} labels={{ name: t("sel.name"), k: t("sel.k"), base_cohort_id: t("sel.wave") }} idPrefix="round-" />
      <form class="form" noValidate onSubmit={create}>
        <TextField id="round-name" label={t("sel.name")} required value={name} onValue={setName} error={errors.name} maxLength={200} />
        {cohorts.data?.length ? (
          <SelectField id="round-base_cohort_id" label={t("sel.wave")} hint={t("sel.waveHint")} value={baseCohort} onValue={setBaseCohort} error={errors.base_cohort_id}
            options={[{ value: "", label: t("sel.waveNone") }, ...cohorts.data.map((c) => ({ value: c.id, label: c.name }))]} />
        ) : null}
        <TextField id="round-k" label={baseCohort ? t("sel.kCombined") : t("sel.k")} required inputMode="numeric" value={k} onValue={setK} error={errors.k} class="input-short" />
        <SelectField id="round-algorithm" label={t("sel.algorithm")} value={algorithm} onValue={(v) => setAlgorithm(v as (typeof ALGORITHMS)[number])}
          options={ALGORITHMS.map((a) => ({ value: a, label: algorithmLabel(a) }))} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">{t("sel.createRound")}</button>
        </div>
      </form>
    </section>
  );
}

// One selection round: settings and quotas, pinned/excluded people, runs, the chosen run's
// report (?run=), two runs side by side (?a=&b=) and the confirmation.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { Checkbox, FormError, SelectField, Success, TextField } from "../../components/forms";
import { Loading, Page, QueryError } from "../../components/Page";
import { invalidate, programKey, setCached, useApi } from "../../data";
import { errorMessage, fieldErrorsFrom, fieldMessage } from "../../errors";
import { formatDateTime, getLocale, t, type MessageKey } from "../../i18n";
import { navigate, useLocation } from "../../router";
import { CohortSeats } from "./CohortSeats";
import { CompareRuns } from "./CompareRuns";
import { formToQuotas, quotaKey, quotasToForm, relaxed, type Quota, type QuotaForm, type Run } from "./logic";
import { PoolPeople } from "./PoolPeople";
import { useRun } from "./queries";
import { quotaFieldId, quotaLabel, QuotaTable } from "./QuotaTable";
import { RunList } from "./RunList";
import { RunReport } from "./RunReport";
import { ALGORITHMS, algorithmLabel, roundStatusLabel } from "./SelectionPage";

type Round = components["schemas"]["RoundOut"];
type Algorithm = (typeof ALGORITHMS)[number];

interface Draft {
  name: string;
  k: string;
  algorithm: Algorithm;
  seed: string;
  dimensions: string[];
  quotas: QuotaForm;
  pinned: Set<string>;
  excluded: Set<string>;
}

const draftOf = (r: Round): Draft => ({
  name: r.name,
  k: String(r.k),
  algorithm: r.algorithm as Algorithm,
  seed: String(r.seed),
  dimensions: r.dimensions,
  quotas: quotasToForm(r.quotas),
  pinned: new Set(r.pinned),
  excluded: new Set(r.excluded),
});

const ENGINE_CODES = ["k_above_pool", "pins_above_k", "pins_break_quota", "min_above_pool", "mins_above_k", "maxes_below_k", "dimension_without_answers"];

/** The engine's refusals (field "quotas.<dimension>[.<value>]", "k", "pinned") in the UI language. */
export function engineErrors(e: unknown, pool: Round["pool"], l: string): Record<string, string> {
  if (!(e instanceof ApiError) || e.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const x of e.problem.errors ?? []) {
    const [field = "", dim, value] = String(x.field).split(".");
    if (out[field]) continue;
    const d = pool.find((p) => p.key === dim);
    const v = d?.values.find((p) => p.value === value);
    const name = (o?: { label_de: string; label_en: string }) => (o ? (l === "en" ? o.label_en : o.label_de) : "");
    const what = v ? `${name(d)}: ${name(v)}` : d ? name(d) : (dim ?? "");
    out[field] = ENGINE_CODES.includes(x.type) ? t(`sel.err.${x.type}` as MessageKey, { value: what }) : fieldMessage(x.type, x.message, x.field);
  }
  return out;
}

export function RoundView(props: { program: MyProgram; callId: string; roundId: string }) {
  const loc = useLocation();
  const params = new URLSearchParams(loc.search);
  const runId = params.get("run");
  const compare = params.get("a") && params.get("b") ? ([params.get("a")!, params.get("b")!] as const) : undefined;
  const callPath = { program_id: props.program.id, call_id: props.callId };
  const path = { ...callPath, round_id: props.roundId };
  const base = `?call=${props.callId}&round=${props.roundId}`;
  const callState = useApi(programKey(props.program.id, "calls", props.callId), () =>
    call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}", { params: { path: callPath } })),
  );
  const roundKey = programKey(props.program.id, "calls", props.callId, "selection-rounds", props.roundId);
  const roundState = useApi(roundKey, () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}", { params: { path } })));
  const runState = useRun(path, runId);
  /** The round (its runs, its status) and the call's rounds list. */
  const roundChanged = () => invalidate(props.program.id, "calls");
  const [draft, setDraft] = useState<Draft>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [quotaLabels, setQuotaLabels] = useState<Record<string, string>>({});
  const round = roundState.data;
  const l = getLocale();

  useEffect(() => {
    if (round) setDraft(draftOf(round));
  }, [round?.version, round?.status]);

  const failed = [callState, roundState].find((q) => q.error);
  if (failed) return <Page title={t("sel.title")}><QueryError query={failed} /></Page>;
  if (!callState.data || !round || !draft) return <Loading />;
  const dimensionQuestions = callState.data.questions.filter((q) => q.is_dimension);
  const editable = round.status === "draft";

  /** Saves the draft; returns the saved round, or undefined when the input was refused. */
  async function save(quotasOverride?: Quota[]): Promise<Round | undefined> {
    if (!round || !draft) return undefined;
    const k = /^\d+$/.test(draft.k.trim()) ? Number(draft.k) : NaN;
    const seed = /^\d+$/.test(draft.seed.trim()) ? Number(draft.seed) : NaN;
    // Quotas of dimensions that are no longer used are dropped with them.
    const pool = round.pool.filter((d) => draft.dimensions.includes(d.key));
    const parsed = formToQuotas(draft.quotas, pool, Number.isNaN(k) ? round.k : k);
    const fe: Record<string, string> = {};
    if (!draft.name.trim()) fe.name = t("form.requiredField");
    if (Number.isNaN(k) || k < 1) fe.k = t("sel.invalidNumber");
    if (Number.isNaN(seed)) fe.seed = t("sel.invalidNumber");
    const labels: Record<string, string> = {};
    pool.forEach((d, di) =>
      d.values.forEach((v, vi) => {
        for (const side of ["min", "max"] as const) {
          const code = parsed.errors[`${quotaKey(d.key, v.value)}:${side}`];
          if (!code) continue;
          const id = quotaFieldId(di, vi, side);
          fe[id] = t(code === "minAboveMax" ? "sel.minAboveMax" : "sel.invalidNumber");
          labels[id] = quotaLabel(d, v, side, l);
        }
      }),
    );
    setQuotaLabels(labels);
    setErrors(fe);
    if (Object.keys(fe).length) {
      setError(t("form.errorSummary"));
      return undefined;
    }
    setError(undefined);
    try {
      const saved = await call(
        api.PATCH("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}", {
          params: { path },
          body: {
            version: round.version,
            name: draft.name.trim(),
            k,
            seed,
            algorithm: draft.algorithm,
            dimensions: draft.dimensions,
            quotas: quotasOverride ?? parsed.quotas,
            pinned: [...draft.pinned],
            excluded: [...draft.excluded],
          },
        }),
      );
      setCached(roundKey, saved);
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await roundChanged();
        setError(t("sel.conflict"));
      } else {
        setErrors(fieldErrorsFrom(e));
        setError(errorMessage(e));
      }
      return undefined;
    }
  }

  async function saveOnly(e: Event) {
    e.preventDefault();
    setStatus(undefined);
    if (await save()) setStatus(t("sel.saved"));
  }

  async function saveAndRun(quotasOverride?: Quota[]) {
    setStatus(undefined);
    setBusy(true);
    try {
      if (!(await save(quotasOverride))) return;
      const run = await call(api.POST("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}/runs", { params: { path } }));
      await roundChanged();
      setStatus(t("sel.ran"));
      navigate(`${base}&run=${run.id}#run-result`);
    } catch (e) {
      setErrors(round ? engineErrors(e, round.pool, l) : {});
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function propose(mode: "proportional" | "balanced") {
    // Proposals depend on k, the dimensions and exclusions: save them first.
    const saved = await save();
    if (!saved) return;
    try {
      const quotas = await call(api.POST("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}/quota-proposal", { params: { path }, body: { mode } }));
      setDraft((d) => (d ? { ...d, quotas: quotasToForm(quotas) } : d));
      setStatus(t("sel.proposed"));
    } catch (e) {
      setErrors(engineErrors(e, saved.pool, l));
      setError(errorMessage(e));
    }
  }

  const acceptRelaxation = (run: Run) => {
    const next = relaxed(run.quotas, run.relaxation);
    setDraft({ ...draft, quotas: quotasToForm(next) });
    void saveAndRun(next);
  };

  const labels: Record<string, string> = { name: t("sel.name"), k: t("sel.k"), seed: t("sel.seed"), quotas: t("sel.quotasField"), pinned: t("sel.people"), ...quotaLabels };
  return (
    <Page title={round.name} context={`${t("sel.title")} · ${callState.data.title}`}>
      <p class="no-print"><a href={`?call=${props.callId}`}>← {t("sel.backToCall")}</a></p>
      <p>
        <strong>{roundStatusLabel(round.status)}</strong>
        {round.confirmed_at ? <> · {t("sel.confirmedOn", { date: formatDateTime(round.confirmed_at) })}</> : null}
      </p>
      <Success message={status} />
      <div class="alert-slot" role="alert">{busy ? <p class="notice notice-info">{t("sel.running")}</p> : null}</div>
      {round.base_cohort_id ? <p class="notice notice-info">{t("sel.waveNote", { count: round.existing_members, k: round.k })}</p> : null}
      {round.status === "confirmed" && round.seats.length ? (
        <CohortSeats round={round} path={path} onChanged={(r, message) => { setCached(roundKey, r); void invalidate(props.program.id, "calls", "members", "cohorts"); setStatus(message); }} />
      ) : null}
      {editable ? (
        <form class="no-print" noValidate onSubmit={saveOnly}>
          <FormError message={error} fields={errors} labels={labels} idPrefix="round-" />
          <section class="card" aria-labelledby="round-settings">
            <h2 id="round-settings">{t("sel.settings")}</h2>
            <div class="grid-2">
              <TextField id="round-name" label={t("sel.name")} required value={draft.name} onValue={(v) => setDraft({ ...draft, name: v })} error={errors.name} maxLength={200} />
              <TextField id="round-k" label={t("sel.k")} required inputMode="numeric" value={draft.k} onValue={(v) => setDraft({ ...draft, k: v })} error={errors.k} />
              <SelectField id="round-algorithm" label={t("sel.algorithm")} value={draft.algorithm} onValue={(v) => setDraft({ ...draft, algorithm: v as Algorithm })}
                options={ALGORITHMS.map((a) => ({ value: a, label: algorithmLabel(a) }))} />
              <TextField id="round-seed" label={t("sel.seed")} inputMode="numeric" value={draft.seed} onValue={(v) => setDraft({ ...draft, seed: v })} error={errors.seed} hint={t("sel.seedHint")} />
            </div>
            <fieldset>
              <legend>{t("sel.dimensions")}</legend>
              {dimensionQuestions.map((q) => (
                <Checkbox key={q.key} id={`round-dim-${q.key}`} label={l === "en" ? q.label_en : q.label_de} checked={draft.dimensions.includes(q.key)}
                  onValue={(on) => setDraft({ ...draft, dimensions: on ? dimensionQuestions.map((x) => x.key).filter((k) => k === q.key || draft.dimensions.includes(k)) : draft.dimensions.filter((k) => k !== q.key) })} />
              ))}
            </fieldset>
          </section>
          <section class="card" aria-labelledby="round-quotas">
            <h2 id="round-quotas">{t("sel.quotas")}</h2>
            <p>{t("sel.quotasLead")}</p>
            <div class="actions-row">
              <button type="button" class="btn btn-secondary" onClick={() => void propose("proportional")}>{t("sel.proposeProportional")}</button>
              <button type="button" class="btn btn-secondary" onClick={() => void propose("balanced")}>{t("sel.proposeBalanced")}</button>
              <button type="button" class="btn btn-secondary" onClick={() => setDraft({ ...draft, quotas: {} })}>{t("sel.clearQuotas")}</button>
            </div>
            <QuotaTable pool={round.pool.filter((d) => draft.dimensions.includes(d.key))} form={draft.quotas} errors={errors} onChange={(quotas) => setDraft({ ...draft, quotas })} />
          </section>
          <PoolPeople program={props.program} call={callState.data} pinned={draft.pinned} excluded={draft.excluded}
            onChange={(pinned, excluded) => setDraft({ ...draft, pinned, excluded })} />
          <div class="actions-row">
            <button type="submit" class="btn btn-secondary">{t("sel.save")}</button>
            <button type="button" class="btn btn-primary" aria-disabled={busy ? "true" : undefined} onClick={() => void (busy || saveAndRun())}>{t("sel.saveAndRun")}</button>
          </div>
        </form>
      ) : null}
      <RunList runs={round.runs} base={base} current={runId} confirmedRunId={round.confirmed_run_id ?? undefined} />
      {compare ? <CompareRuns path={path} a={compare[0]} b={compare[1]} /> : null}
      <QueryError query={runState} />
      {/* Only the run the URL names: the previous one is not shown while the next one loads. */}
      {runState.data && runState.data.id === runId ? (
        <RunReport run={runState.data} round={round} path={path} onConfirmed={(r) => { setCached(roundKey, r); void invalidate(props.program.id, "calls", "members", "cohorts"); setStatus(t("sel.confirmed")); }}
          onAcceptRelaxation={editable ? acceptRelaxation : undefined} />
      ) : null}
    </Page>
  );
}

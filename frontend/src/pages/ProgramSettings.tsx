import { useMemo, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { MyProgram, Platform, Program, ProgramUpdate } from "../api/types";
import { PLATFORMS } from "../api/types";
import { Checkbox, FormError, SelectField, TextArea, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { invalidate, invalidateKey, keys, programKey, setCached } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { t } from "../i18n";
import { loadProgram, useProgramDetails } from "../programs";
import { AnnexDownloads } from "./Transparency";

interface FormState {
  name: string;
  description: string;
  hashtags: string;
  platforms: Platform[];
  starts_on: string;
  ends_on: string;
  timezone: string;
  target_posts_per_month: string;
  min_group_size: string;
  rankings_enabled: boolean;
  emv_per_thousand_impressions: string;
  emv_per_engagement: string;
}

export function toForm(p: Program): FormState {
  return {
    name: p.name,
    description: p.description ?? "",
    hashtags: p.hashtags.join(" "),
    platforms: [...p.platforms],
    starts_on: p.starts_on ?? "",
    ends_on: p.ends_on ?? "",
    timezone: p.timezone,
    target_posts_per_month: String(p.target_posts_per_month),
    min_group_size: String(p.min_group_size),
    rankings_enabled: p.rankings_enabled,
    emv_per_thousand_impressions: p.emv_per_thousand_impressions == null ? "" : String(p.emv_per_thousand_impressions),
    emv_per_engagement: p.emv_per_engagement == null ? "" : String(p.emv_per_engagement),
  };
}

export const HASHTAG_RE = /^#?[\p{L}\p{N}_-]{1,100}$/u;

export function parseHashtags(s: string): string[] {
  return s.split(/[\s,;]+/).filter(Boolean).map((h) => (h.startsWith("#") ? h : `#${h}`));
}

export function intIn(s: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(s.trim())) return undefined;
  const n = parseInt(s, 10);
  return n >= min && n <= max ? n : undefined;
}

/** Client-side checks; returns field errors and, when valid, the PATCH body. */
export function validateSettings(f: FormState, version: number): { errors: Record<string, string>; body?: ProgramUpdate } {
  const errors: Record<string, string> = {};
  if (!f.name.trim()) errors.name = t("form.requiredField");
  const tags = parseHashtags(f.hashtags);
  const bad = tags.find((h) => !HASHTAG_RE.test(h));
  if (bad) errors.hashtags = t("settings.invalidHashtag", { tag: bad });
  if (f.starts_on && f.ends_on && f.ends_on < f.starts_on) errors.ends_on = t("settings.endBeforeStart");
  const target = intIn(f.target_posts_per_month, 0, 100);
  if (target === undefined) errors.target_posts_per_month = t("settings.invalidNumber", { min: 0, max: 100 });
  const minGroup = intIn(f.min_group_size, 2, 100);
  if (minGroup === undefined) errors.min_group_size = t("settings.invalidNumber", { min: 2, max: 100 });
  // Earned-media rates: empty turns the value off; decimals with a comma or a point.
  const rate = (s: string): number | null | undefined => {
    const v = s.trim().replace(",", ".");
    if (!v) return null;
    return /^\d{1,5}(\.\d{1,2})?$/.test(v) ? Number(v) : undefined;
  };
  const perMille = rate(f.emv_per_thousand_impressions);
  const perEngagement = rate(f.emv_per_engagement);
  if (perMille === undefined) errors.emv_per_thousand_impressions = t("settings.invalidRate");
  if (perEngagement === undefined) errors.emv_per_engagement = t("settings.invalidRate");
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    body: {
      version,
      name: f.name.trim(),
      description: f.description,
      hashtags: tags,
      platforms: f.platforms,
      starts_on: f.starts_on || null,
      ends_on: f.ends_on || null,
      timezone: f.timezone,
      target_posts_per_month: target!,
      min_group_size: minGroup!,
      rankings_enabled: f.rankings_enabled,
      emv_per_thousand_impressions: perMille!,
      emv_per_engagement: perEngagement!,
    },
  };
}

export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    zones = [];
  }
  if (!zones.length) zones = ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "UTC"];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function ProgramSettingsPage(props: { program: MyProgram }) {
  const state = useProgramDetails(props.program.id);
  return (
    <Page title={t("nav.settings")} context={props.program.name} lead={t("settings.intro")}>
      {state.isPending ? <Loading /> : null}
      {state.data ? null : <QueryError query={state} />}
      {state.data ? <SettingsForm key={state.data.id} program={state.data} /> : null}
      <AnnexDownloads programId={props.program.id} />
    </Page>
  );
}

export function SettingsForm(props: { program: Program }) {
  const [program, setProgram] = useState(props.program);
  const [form, setForm] = useState<FormState>(() => toForm(props.program));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(form.timezone), [program.timezone]);
  const set = <K extends keyof FormState>(k: K) => (v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  const labels: Record<string, string> = {
    name: t("settings.name"),
    description: t("settings.description"),
    hashtags: t("settings.hashtags"),
    platforms: t("settings.platforms"),
    starts_on: t("settings.startsOn"),
    ends_on: t("settings.endsOn"),
    timezone: t("settings.timezone"),
    target_posts_per_month: t("settings.target"),
    min_group_size: t("settings.minGroup"),
    rankings_enabled: t("settings.rankings"),
    emv_per_thousand_impressions: t("settings.emvPerMille"),
    emv_per_engagement: t("settings.emvPerEngagement"),
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setStatus(undefined);
    setConflict(false);
    const { errors: fe, body } = validateSettings(form, program.version);
    setErrors(fe);
    if (!body) {
      setError(t("form.errorSummary"));
      document.getElementById(`set-${Object.keys(fe)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call(api.PATCH("/api/v1/programs/{program_id}", { params: { path: { program_id: program.id } }, body }));
      setProgram(saved);
      setForm(toForm(saved));
      setStatus(t("settings.saved"));
      // Everything of the program is figured with its settings (period, time zone, targets).
      setCached(programKey(saved.id), saved);
      void invalidate(saved.id);
      void invalidateKey(keys.programs());
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        setError(undefined);
        window.setTimeout(() => document.getElementById("settings-conflict")?.focus(), 0);
      } else {
        const fe2 = fieldErrorsFrom(err);
        setErrors(fe2);
        setError(Object.keys(fe2).length ? t("form.errorSummary") : errorMessage(err));
        window.setTimeout(() => document.getElementById("settings-errors")?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  }

  async function reloadCurrent() {
    try {
      const fresh = await loadProgram(program.id);
      setCached(programKey(fresh.id), fresh);
      setProgram(fresh);
      setForm(toForm(fresh));
      setErrors({});
      setConflict(false);
      setStatus(t("settings.reloaded"));
      document.getElementById("set-name")?.focus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <>
      <FormError id="settings-errors" message={error} fields={errors} labels={labels} idPrefix="set-" />
      <form class="form card" noValidate onSubmit={submit}>
        <TextField id="set-name" label={labels.name!} required value={form.name} onValue={set("name")} error={errors.name} maxLength={200} />
        <TextArea id="set-description" label={labels.description!} optional rows={4} value={form.description} onValue={set("description")} error={errors.description} />
        <TextField id="set-hashtags" label={labels.hashtags!} hint={t("settings.hashtagsHint")} value={form.hashtags} onValue={set("hashtags")} error={errors.hashtags} autoComplete="off" spellcheck={false} />
        <fieldset class="fieldset" id="set-platforms" tabIndex={-1} aria-describedby={errors.platforms ? "set-platforms-error" : undefined}>
          <legend>{labels.platforms}</legend>
          {errors.platforms ? (
            <p class="field-error" id="set-platforms-error">
              {errors.platforms}
            </p>
          ) : null}
          <div class="check-grid">
            {PLATFORMS.map((pf) => (
              <div class="check" key={pf}>
                <input
                  type="checkbox"
                  id={`set-platform-${pf}`}
                  checked={form.platforms.includes(pf)}
                  onChange={(e) => {
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    set("platforms")(on ? PLATFORMS.filter((x) => x === pf || form.platforms.includes(x)) : form.platforms.filter((x) => x !== pf));
                  }}
                />
                <label for={`set-platform-${pf}`}>{t(`platform.${pf}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t("settings.period")}</legend>
          <div class="form-row">
            <TextField id="set-starts_on" label={labels.starts_on!} type="date" optional value={form.starts_on} onValue={set("starts_on")} error={errors.starts_on} />
            <TextField id="set-ends_on" label={labels.ends_on!} type="date" optional value={form.ends_on} onValue={set("ends_on")} error={errors.ends_on} />
          </div>
        </fieldset>
        <SelectField id="set-timezone" label={labels.timezone!} value={form.timezone} options={zones.map((z) => ({ value: z, label: z }))} onValue={set("timezone")} error={errors.timezone} />
        <TextField
          id="set-target_posts_per_month"
          label={labels.target_posts_per_month!}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          class="field-short"
          value={form.target_posts_per_month}
          onValue={set("target_posts_per_month")}
          error={errors.target_posts_per_month}
        />
        <fieldset class="fieldset">
          <legend>{t("settings.privacy")}</legend>
          <TextField
            id="set-min_group_size"
            label={labels.min_group_size!}
            hint={t("settings.minGroupHint")}
            type="number"
            inputMode="numeric"
            min={2}
            max={100}
            step={1}
            class="field-short"
            value={form.min_group_size}
            onValue={set("min_group_size")}
            error={errors.min_group_size}
          />
          <Checkbox id="set-rankings_enabled" label={labels.rankings_enabled!} hint={t("settings.rankingsHint")} checked={form.rankings_enabled} onValue={set("rankings_enabled")} error={errors.rankings_enabled} />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t("settings.emv")}</legend>
          <p class="field-hint">{t("settings.emvHint")}</p>
          <TextField id="set-emv_per_thousand_impressions" label={labels.emv_per_thousand_impressions!} optional inputMode="decimal" class="field-short"
            value={form.emv_per_thousand_impressions} onValue={set("emv_per_thousand_impressions")} error={errors.emv_per_thousand_impressions} />
          <TextField id="set-emv_per_engagement" label={labels.emv_per_engagement!} optional inputMode="decimal" class="field-short"
            value={form.emv_per_engagement} onValue={set("emv_per_engagement")} error={errors.emv_per_engagement} />
        </fieldset>
        {/* Messages sit next to the button that caused them, so they are in view. */}
        <div class="live" role="status">
          {status ? <p class="notice notice-success">{status}</p> : null}
        </div>
        <div class="alert-slot" role="alert">
          {conflict ? (
            <div class="notice notice-warning" id="settings-conflict" tabIndex={-1}>
              <p>{t("settings.conflict")}</p>
              <button type="button" class="btn btn-secondary" onClick={() => void reloadCurrent()}>
                {t("settings.reload")}
              </button>
            </div>
          ) : null}
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
            {t("form.save")}
          </button>
        </div>
      </form>
    </>
  );
}

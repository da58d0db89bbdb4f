// Administration → Programs → New program: four short steps, one request at the end (the
// program and its people are created together, so a refused step leaves nothing behind).
import { useMemo, useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import { PLATFORMS, type Platform } from "../../api/types";
import { FormError, SelectField, TextArea, TextField } from "../../components/forms";
import { toast } from "../../components/feedback";
import { Page } from "../../components/Page";
import { invalidateKey, keys } from "../../data";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { formatDate, t, tn, type MessageKey } from "../../i18n";
import { navigate } from "../../router";
import { PATHS } from "../../routes";
import { parseHashtags, timeZones } from "../ProgramSettings";
import { checkStep, createBody, emptyWizard, slugify, STEPS, stepOf, type Step, type WizardPerson, type WizardState } from "./wizard";

const stepLabel = (s: Step) => t(`wizard.step.${s}` as MessageKey);

/** Server field names ("people[1].email", "target_posts_per_month") in the form's terms. */
function formField(field: string): string {
  if (field === "target_posts_per_month") return "target";
  return field.replace(/\[(\d+)\]/g, ".$1");
}

export function ProgramWizard() {
  const [state, setState] = useState<WizardState>(emptyWizard);
  const [step, setStep] = useState<Step>("basics");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(state.timezone), []);
  const index = STEPS.indexOf(step);

  const set = <K extends keyof WizardState>(k: K) => (v: WizardState[K]) => setState((s) => ({ ...s, [k]: v }));
  const setName = (name: string) => setState((s) => ({ ...s, name, slug: s.slugTouched ? s.slug : slugify(name) }));
  const setPerson = (i: number, patch: Partial<WizardPerson>) =>
    setState((s) => ({ ...s, people: s.people.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));

  function go(to: Step) {
    setErrors({});
    setError(undefined);
    setStep(to);
    window.setTimeout(() => document.getElementById("wizard-step")?.focus(), 0);
  }

  function next(e: Event) {
    e.preventDefault();
    const found = checkStep(step, state);
    setErrors(found);
    if (Object.keys(found).length) {
      setError(t("form.errorSummary"));
      window.setTimeout(() => document.getElementById("wizard-errors")?.focus(), 0);
      return;
    }
    if (step !== "review") go(STEPS[index + 1]!);
    else void create();
  }

  async function create() {
    setBusy(true);
    try {
      const program = await call(api.POST("/api/v1/programs", { body: createBody(state) }));
      toast(tn("wizard.created", state.people.length, { name: program.name }));
      void invalidateKey(keys.programs());
      navigate(PATHS.adminPrograms);
    } catch (err) {
      // Back to the step the server objects to, with its words at the fields.
      const found: Record<string, string> = {};
      for (const [field, message] of Object.entries(fieldErrorsFrom(err))) found[formField(field)] = message;
      if (err instanceof ApiError && err.status === 409) found.slug = t("wizard.slugTaken");
      const first = Object.keys(found)[0];
      if (first) {
        go(stepOf(first));
        setErrors(found);
        setError(t("form.errorSummary"));
      } else {
        setError(errorMessage(err));
      }
      window.setTimeout(() => document.getElementById("wizard-errors")?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("wizard.title")} context={t("nav.groupAdmin")}>
      <p class="muted">
        <a href={PATHS.adminPrograms}>{t("programs.back")}</a>
      </p>
      <ol class="steps" aria-label={t("wizard.title")}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? "step" : undefined} class={i < index ? "done" : undefined}>
            {stepLabel(s)}
          </li>
        ))}
      </ol>
      <FormError id="wizard-errors" message={error} />
      <form class="form card" noValidate onSubmit={next}>
        <h2 id="wizard-step" tabIndex={-1}>
          {t("wizard.progress", { n: index + 1, total: STEPS.length, step: stepLabel(step) })}
        </h2>
        {step === "basics" ? (
          <>
            <TextField id="w-name" label={t("settings.name")} required value={state.name} onValue={setName} error={errors.name} maxLength={200} />
            <TextField id="w-slug" label={t("wizard.slug")} hint={t("wizard.slugHint", { slug: state.slug || "…" })} value={state.slug}
              onValue={(v) => setState((s) => ({ ...s, slug: v.toLowerCase(), slugTouched: true }))} error={errors.slug} maxLength={80} autoComplete="off" spellcheck={false} />
            <TextArea id="w-description" label={t("settings.description")} optional rows={3} value={state.description} onValue={set("description")} />
          </>
        ) : null}
        {step === "channels" ? (
          <>
            <div class="form-row">
              <TextField id="w-starts_on" label={t("settings.startsOn")} type="date" required value={state.starts_on} onValue={set("starts_on")} error={errors.starts_on} />
              <TextField id="w-ends_on" label={t("settings.endsOn")} type="date" required value={state.ends_on} onValue={set("ends_on")} error={errors.ends_on} />
            </div>
            <SelectField id="w-timezone" label={t("settings.timezone")} value={state.timezone} options={zones.map((z) => ({ value: z, label: z }))} onValue={set("timezone")} error={errors.timezone} />
            <fieldset class="fieldset" id="w-platforms" tabIndex={-1} aria-describedby={errors.platforms ? "w-platforms-error" : undefined}>
              <legend>{t("settings.platforms")}</legend>
              {errors.platforms ? <p class="field-error" id="w-platforms-error">{errors.platforms}</p> : null}
              <div class="check-grid">
                {PLATFORMS.map((pf: Platform) => (
                  <div class="check" key={pf}>
                    <input type="checkbox" id={`w-platform-${pf}`} checked={state.platforms.includes(pf)}
                      onChange={(e) => {
                        const on = (e.currentTarget as HTMLInputElement).checked;
                        set("platforms")(PLATFORMS.filter((x) => (x === pf ? on : state.platforms.includes(x))));
                      }} />
                    <label for={`w-platform-${pf}`}>{t(`platform.${pf}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextField id="w-hashtags" label={t("settings.hashtags")} hint={t("settings.hashtagsHint")} optional value={state.hashtags} onValue={set("hashtags")} error={errors.hashtags} autoComplete="off" spellcheck={false} />
            <TextField id="w-target" label={t("settings.target")} type="number" inputMode="numeric" min={0} max={100} step={1} class="field-short" value={state.target} onValue={set("target")} error={errors.target} />
          </>
        ) : null}
        {step === "people" ? (
          <>
            <p>{t("wizard.peopleIntro")}</p>
            {errors.people ? <p class="field-error" id="w-people-error">{errors.people}</p> : null}
            {state.people.map((p, i) => (
              <fieldset class="fieldset" key={i}>
                <legend>{t("wizard.personN", { n: i + 1 })}</legend>
                <div class="form-row">
                  <TextField id={`w-people.${i}.name`} label={t("wizard.personName")} value={p.name} onValue={(v) => setPerson(i, { name: v })} error={errors[`people.${i}.name`]} autoComplete="off" />
                  <TextField id={`w-people.${i}.email`} label={t("wizard.personEmail")} type="email" value={p.email} onValue={(v) => setPerson(i, { email: v })} error={errors[`people.${i}.email`]} autoComplete="off" />
                  <SelectField id={`w-people.${i}.role`} label={t("wizard.personRole")} value={p.role} onValue={(v) => setPerson(i, { role: v as WizardPerson["role"] })}
                    options={[{ value: "core_team", label: t("role.core_team") }, { value: "hr_viewer", label: t("role.hr_viewer") }]} />
                </div>
                {state.people.length > 1 ? (
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => setState((s) => ({ ...s, people: s.people.filter((_, j) => j !== i) }))}>
                    {t("wizard.removePerson", { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            <button type="button" class="btn btn-secondary" onClick={() => setState((s) => ({ ...s, people: [...s.people, { name: "", email: "", role: "core_team" }] }))}>
              {t("wizard.addPerson")}
            </button>
          </>
        ) : null}
        {step === "review" ? <Review state={state} onChange={go} /> : null}
        <div class="actions-row">
          {index > 0 ? (
            <button type="button" class="btn btn-secondary" onClick={() => go(STEPS[index - 1]!)}>
              {t("wizard.back")}
            </button>
          ) : null}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {step === "review" ? (busy ? t("wizard.creating") : t("wizard.create")) : t("wizard.next")}
          </button>
        </div>
      </form>
    </Page>
  );
}

function Review(props: { state: WizardState; onChange: (s: Step) => void }) {
  const s = props.state;
  const row = (label: string, value: string, step: Step) => (
    <div>
      <dt>{label}</dt>
      <dd>
        {value || "–"}{" "}
        <button type="button" class="btn btn-small btn-secondary" aria-label={`${t("wizard.changeStep")}: ${label}`} onClick={() => props.onChange(step)}>
          {t("wizard.changeStep")}
        </button>
      </dd>
    </div>
  );
  return (
    <>
      <dl class="facts" aria-label={t("wizard.reviewCaption")}>
        {row(t("settings.name"), `${s.name} (/p/${s.slug})`, "basics")}
        {row(t("settings.period"), `${formatDate(s.starts_on)} – ${formatDate(s.ends_on)} (${s.timezone})`, "channels")}
        {row(t("settings.platforms"), s.platforms.map((p) => t(`platform.${p}`)).join(", "), "channels")}
        {row(t("settings.hashtags"), parseHashtags(s.hashtags).join(" "), "channels")}
        {row(t("settings.target"), s.target, "channels")}
        {row(t("programs.people"), s.people.map((p) => `${p.name} (${t(`role.${p.role}`)})`).join(", "), "people")}
      </dl>
      <p class="field-hint">{t("wizard.templateHint")}</p>
    </>
  );
}

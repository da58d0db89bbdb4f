// The public application form (/apply/{form token}) and the applicant's private page
// (/application/{private token}). Both work signed out; mobile-first.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { components } from "../api/schema";
import { Checkbox, TextArea, TextField } from "../components/forms";
import { Loading, Page } from "../components/Page";
import { EMAIL_RE } from "../errors";
import { formatDateTime, getLocale, t, type Locale, type MessageKey } from "../i18n";
import { PATHS } from "../routes";
import { webHref } from "../links";

type S = components["schemas"];
export type PublicCall = S["PublicCallOut"];
export type Question = S["QuestionOut"];
export type MyApplication = S["MyApplicationOut"];
export type Answers = Record<string, unknown>;

export function statusLabel(status: string): string {
  return t(`apply.status.${status}` as MessageKey);
}

const label = (q: Question, l: Locale) => (l === "en" ? q.label_en : q.label_de);
const help = (q: Question, l: Locale) => (l === "en" ? q.help_en : q.help_de);
const optionLabel = (o: { label_de: string; label_en: string }, l: Locale) => (l === "en" ? o.label_en : o.label_de);

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

/** The same checks the server makes, so mistakes show while typing. */
export function checkAnswer(q: Question, v: unknown): string | undefined {
  if (isEmpty(v)) return q.required ? t("apply.required") : undefined;
  if (typeof v === "string") {
    if (q.max_length && v.trim().length > q.max_length) return t("apply.tooLong", { max: q.max_length });
    if (q.type === "url" && !/^(https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(v.trim())) return t("apply.badUrl");
  }
  return undefined;
}

/** One answer's value as text (summary pages). */
export function answerText(q: Question, v: unknown, l: Locale): string {
  if (isEmpty(v)) return t("apply.noAnswer");
  if (q.type === "yes_no") return v ? t("apply.yes") : t("apply.no");
  const byValue = new Map(q.options.map((o) => [o.value, optionLabel(o, l)]));
  if (Array.isArray(v)) return v.map((x) => byValue.get(String(x)) ?? String(x)).join(", ");
  return byValue.get(String(v)) ?? String(v);
}

function QuestionField(props: { q: Question; value: unknown; error?: string; onValue: (v: unknown) => void; onBlur: () => void }) {
  const { q, value, error, onValue, onBlur } = props;
  const l = getLocale();
  const id = `q-${q.key}`;
  const text = label(q, l);
  const hint = help(q, l) || undefined;
  if (q.type === "short_text" || q.type === "url") {
    return (
      <TextField id={id} label={text} hint={hint} optional={!q.required} required={q.required} type={q.type === "url" ? "url" : "text"}
        inputMode={q.type === "url" ? "url" : undefined} value={(value as string) ?? ""} onValue={onValue} error={error}
        maxLength={q.max_length ?? undefined} onBlur={onBlur} />
    );
  }
  if (q.type === "long_text") {
    const v = (value as string) ?? "";
    const counter = t("apply.chars", { count: v.length, max: q.max_length ?? 0 });
    return (
      <TextArea id={id} label={text} optional={!q.required} required={q.required} value={v} onValue={onValue} error={error}
        hint={<>{hint ? <>{hint} </> : null}<span class="muted">{counter}</span></>} rows={5} onBlur={onBlur} />
    );
  }
  const choices: { value: string; label: string }[] =
    q.type === "yes_no"
      ? [{ value: "true", label: t("apply.yes") }, { value: "false", label: t("apply.no") }]
      : q.type === "scale"
        ? Array.from({ length: (q.scale_max ?? 5) - (q.scale_min ?? 1) + 1 }, (_, i) => String((q.scale_min ?? 1) + i)).map((v) => ({ value: v, label: v }))
        : q.options.map((o) => ({ value: o.value, label: optionLabel(o, l) }));
  const multiple = q.type === "multiple_choice";
  const current = multiple ? new Set((value as string[]) ?? []) : value === undefined || value === null ? "" : String(value);
  const toValue = (v: string): unknown => (q.type === "yes_no" ? v === "true" : q.type === "scale" ? Number(v) : v);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const scaleHint = q.type === "scale" ? t("apply.scaleFrom", { min: q.scale_min ?? 1, max: q.scale_max ?? 5 }) : undefined;
  return (
    <fieldset class={`fieldset${error ? " field-invalid" : ""}${q.type === "scale" || q.type === "yes_no" ? " fieldset-inline" : ""}`} id={id} tabIndex={-1}
      aria-describedby={[hint || scaleHint ? hintId : "", error ? errId : ""].filter(Boolean).join(" ") || undefined}>
      <legend>
        {text}
        {!q.required ? <span class="field-optional"> ({t("form.optional")})</span> : null}
      </legend>
      {hint || scaleHint ? <p class="field-hint" id={hintId}>{[hint, scaleHint].filter(Boolean).join(" ")}</p> : null}
      {error ? <p class="field-error" id={errId}><span aria-hidden="true">⚠ </span>{error}</p> : null}
      {choices.map((c) => {
        const cid = `${id}-${c.value}`;
        const checked = multiple ? (current as Set<string>).has(c.value) : current === c.value;
        return (
          <div class="check" key={c.value}>
            <input type={multiple ? "checkbox" : "radio"} id={cid} name={id} value={c.value} checked={checked} onBlur={onBlur}
              onChange={(e) => {
                if (!multiple) return onValue(toValue(c.value));
                const next = new Set(current as Set<string>);
                if ((e.currentTarget as HTMLInputElement).checked) next.add(c.value);
                else next.delete(c.value);
                onValue(q.options.map((o) => o.value).filter((v) => next.has(v)));
              }} />
            <label for={cid}>{c.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

function Markdownish(props: { text: string }) {
  // Plain paragraphs: the call's texts are shown as written, never as HTML.
  return <>{props.text.split(/\n{2,}/).map((p, i) => <p key={i} class="prewrap">{p}</p>)}</>;
}

type Mode = { kind: "new" } | { kind: "token"; token: string } | { kind: "signedIn"; id: string };

/** The form: used to apply, and to change an application (private link or signed in). */
export function ApplicationForm(props: {
  form: PublicCall;
  mode: Mode;
  signedIn?: { name: string; email: string };
  initial?: MyApplication;
  formToken: string;
  onDone: (result: { email: string; application?: MyApplication }) => void;
  onCancel?: () => void;
  onOutdated: () => void;
}) {
  const { form, mode, initial } = props;
  const l = getLocale();
  const [name, setName] = useState(initial?.name ?? props.signedIn?.name ?? "");
  const [email, setEmail] = useState("");
  const [answers, setAnswers] = useState<Answers>({ ...(initial?.answers ?? {}) });
  const [privacy, setPrivacy] = useState(false);
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState("");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const needsEmail = mode.kind === "new" && !props.signedIn;
  const errors: Record<string, string> = {};
  const show = (key: string) => submitted || touched.has(key);
  if (show("name") && !name.trim()) errors.name = t("apply.required");
  if (needsEmail && show("email") && !EMAIL_RE.test(email.trim())) errors.email = t("apply.badEmail");
  for (const q of form.questions) {
    const problem = show(q.key) ? checkAnswer(q, answers[q.key]) : undefined;
    if (problem) errors[`answers.${q.key}`] = problem;
  }
  if (submitted && !privacy) errors.accept_privacy = t("apply.consentRequired");
  if (submitted && !consent && form.consent_text_de + form.consent_text_en) errors.accept_consent = t("apply.consentRequired");
  const allErrors = { ...errors, ...serverErrors };
  const touch = (key: string) => setTouched((s) => new Set(s).add(key));

  function clientErrors(): string[] {
    const keys: string[] = [];
    if (!name.trim()) keys.push("name");
    if (needsEmail && !EMAIL_RE.test(email.trim())) keys.push("email");
    for (const q of form.questions) if (checkAnswer(q, answers[q.key])) keys.push(`answers.${q.key}`);
    if (!privacy) keys.push("accept_privacy");
    if (!consent && form.consent_text_de + form.consent_text_en) keys.push("accept_consent");
    return keys;
  }

  const fieldId = (key: string) => (key.startsWith("answers.") ? `q-${key.slice(8)}` : `apply-${key.replace("_", "-")}`);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setServerErrors({});
    setError(undefined);
    const wrong = clientErrors();
    if (wrong.length) {
      setError(t("form.errorSummary"));
      window.setTimeout(() => document.getElementById(fieldId(wrong[0]!))?.focus(), 0);
      return;
    }
    const body = {
      name: name.trim(),
      locale: l,
      answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmpty(v))),
      privacy_version: form.privacy_version,
      consent_version: form.consent_version,
      accept_privacy: privacy,
      accept_consent: consent || !(form.consent_text_de + form.consent_text_en),
    };
    setBusy(true);
    try {
      if (mode.kind === "token") {
        const application = await call(api.PUT("/api/v1/public/applications/{token}", { params: { path: { token: mode.token } }, body }));
        props.onDone({ email: application.email, application });
      } else if (mode.kind === "signedIn") {
        const application = await call(api.PUT("/api/v1/me/applications/{application_id}", { params: { path: { application_id: mode.id } }, body }));
        props.onDone({ email: application.email, application });
      } else {
        const result = await call(api.POST("/api/v1/public/calls/{token}/applications", {
          params: { path: { token: props.formToken } },
          body: { ...body, email: needsEmail ? email.trim() : null, website },
        }));
        props.onDone({ email: result.email });
      }
    } catch (err) {
      if (err instanceof ApiError && err.problem.type?.endsWith("/consent_outdated")) {
        setError(t("apply.outdated"));
        setPrivacy(false);
        setConsent(false);
        props.onOutdated();
      } else if (err instanceof ApiError && (err.problem.errors?.length ?? 0) > 0) {
        const fe: Record<string, string> = {};
        for (const x of err.problem.errors ?? []) fe[x.field] = x.message;
        setServerErrors(fe);
        setError(t("form.errorSummary"));
        window.setTimeout(() => document.getElementById(fieldId(Object.keys(fe)[0]!))?.focus(), 0);
      } else if (err instanceof ApiError && err.status === 429) {
        const minutes = err.retryAfter ? Math.ceil(err.retryAfter / 60) : 0;
        setError(minutes > 1 ? t("apply.rateLimitedMinutes", { n: minutes }) : t("apply.rateLimited"));
      } else if (err instanceof ApiError && err.status === 409) {
        setError(err.problem.detail ?? t("apply.closedError"));
      } else {
        setError(t("app.error.generic"));
      }
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (error) summary.current?.focus();
  }, [error]);

  const privacyText = l === "en" ? form.privacy_notice_en || form.privacy_notice_de : form.privacy_notice_de || form.privacy_notice_en;
  const consentText = l === "en" ? form.consent_text_en || form.consent_text_de : form.consent_text_de || form.consent_text_en;
  return (
    <form class="form apply-form" noValidate onSubmit={submit}>
      <div class="alert-slot" role="alert">
        {error ? <div class="notice notice-error" tabIndex={-1} ref={summary} id="apply-error"><p>{error}</p></div> : null}
      </div>
      <section class="card" aria-labelledby="apply-about">
        <h2 id="apply-about">{t("apply.aboutYou")}</h2>
        {props.signedIn ? <p>{t("apply.signedInAs", { name: props.signedIn.name, email: props.signedIn.email })}</p> : null}
        <TextField id="apply-name" label={t("apply.name")} autoComplete="name" required value={name} onValue={setName} onBlur={() => touch("name")} error={allErrors.name} maxLength={200} />
        {needsEmail ? (
          <TextField id="apply-email" label={t("apply.email")} type="email" autoComplete="email" inputMode="email" required value={email} onValue={setEmail}
            onBlur={() => touch("email")} error={allErrors.email} hint={t("apply.emailHint")} maxLength={254} />
        ) : null}
        {/* Honeypot: hidden from people and from assistive technology; bots fill it in. */}
        {mode.kind === "new" ? (
          <div class="visually-hidden" aria-hidden="true">
            <label for="apply-website">{t("apply.honeypot")}</label>
            <input id="apply-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onInput={(e) => setWebsite((e.currentTarget as HTMLInputElement).value)} />
          </div>
        ) : null}
      </section>
      <section class="card" aria-labelledby="apply-questions">
        <h2 id="apply-questions">{t("apply.questions")}</h2>
        {form.questions.map((q) => (
          <QuestionField key={q.key} q={q} value={answers[q.key]} error={allErrors[`answers.${q.key}`]} onBlur={() => touch(q.key)}
            onValue={(v) => {
              setAnswers((a) => ({ ...a, [q.key]: v }));
              setServerErrors((s) => {
                const { [`answers.${q.key}`]: _, ...rest } = s;
                return rest;
              });
            }} />
        ))}
      </section>
      <section class="card" aria-labelledby="apply-privacy">
        <h2 id="apply-privacy">{t("apply.privacy")}</h2>
        <Markdownish text={privacyText} />
        <Checkbox id="apply-accept-privacy" label={t("apply.acceptPrivacy")} checked={privacy} onValue={setPrivacy} error={allErrors.accept_privacy} />
        {consentText ? (
          <>
            <h3>{t("apply.consent")}</h3>
            <Markdownish text={consentText} />
            <Checkbox id="apply-accept-consent" label={t("apply.acceptConsent")} checked={consent} onValue={setConsent} error={allErrors.accept_consent} />
          </>
        ) : null}
      </section>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
          {busy ? t("apply.sending") : mode.kind === "new" && !initial ? t("apply.submit") : t("apply.update")}
        </button>
        {props.onCancel ? <button type="button" class="btn btn-secondary" onClick={props.onCancel}>{t("apply.cancelEdit")}</button> : null}
      </div>
    </form>
  );
}

function CallHeader(props: { form: PublicCall }) {
  const { form } = props;
  const l = getLocale();
  const at = (iso: string) => formatDateTime(iso, l, form.timezone);
  return (
    <>
      <p class="muted">{t("apply.program", { name: form.program_name })}</p>
      <p>{t("apply.period", { from: at(form.opens_at), to: at(form.closes_at), zone: form.timezone })}</p>
      {form.description ? <Markdownish text={form.description} /> : null}
      {form.info_event_at || form.info_event_location ? (
        <section class="card" aria-labelledby="info-event">
          <h2 id="info-event">{t("apply.infoEvent")}</h2>
          <p>
            {form.info_event_at ? at(form.info_event_at) : null}
            {form.info_event_at && form.info_event_location ? ", " : null}
            {webHref(form.info_event_location) ? (
              <a href={webHref(form.info_event_location)} rel="noopener noreferrer">{form.info_event_location}</a>
            ) : (form.info_event_location ?? null)}
          </p>
        </section>
      ) : null}
    </>
  );
}

function ApplicationSummary(props: { form: PublicCall; application: MyApplication }) {
  const { form, application } = props;
  const l = getLocale();
  return (
    <section class="card" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t("apply.mine")}</h2>
      <dl class="facts">
        <div><dt>{t("apply.status")}</dt><dd><strong>{statusLabel(application.status)}</strong></dd></div>
        <div><dt>{t("apply.submittedAt")}</dt><dd>{formatDateTime(application.submitted_at, l, form.timezone)}</dd></div>
        <div><dt>{t("apply.updatedAt")}</dt><dd>{formatDateTime(application.updated_at, l, form.timezone)}</dd></div>
        <div><dt>{t("apply.name")}</dt><dd>{application.name}</dd></div>
        <div><dt>{t("apply.email")}</dt><dd class="break">{application.email}</dd></div>
        {form.questions.map((q) => (
          <div key={q.key}><dt>{label(q, l)}</dt><dd class="prewrap">{answerText(q, application.answers[q.key], l)}</dd></div>
        ))}
      </dl>
      <p>{application.editable ? t("apply.editUntil", { date: formatDateTime(application.closes_at, l, form.timezone) }) : t("apply.notEditable")}</p>
    </section>
  );
}

function downloadJson(data: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** /apply/{token}: the call and its form; signed-in applicants see and change theirs here. */
export function ApplyPage(props: { token: string; me?: { name: string; email: string } | null }) {
  const [form, setForm] = useState<PublicCall>();
  const [failure, setFailure] = useState<"notFound" | "signIn" | "other">();
  const [done, setDone] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string>();

  const load = useCallback(async () => {
    try {
      setForm(await call(api.GET("/api/v1/public/calls/{token}", { params: { path: { token: props.token } } })));
    } catch (e) {
      setFailure(e instanceof ApiError && e.status === 404 ? "notFound" : e instanceof ApiError && e.status === 401 ? "signIn" : "other");
    }
  }, [props.token]);
  useEffect(() => void load(), [load]);

  if (failure === "signIn") {
    return (
      <Page title={t("apply.signIn")}>
        <p>{t("apply.signInNeeded")}</p>
        <p><a class="btn btn-primary" href={`${PATHS.login}?next=${encodeURIComponent(`/apply/${props.token}`)}`}>{t("apply.signIn")}</a></p>
      </Page>
    );
  }
  if (failure) return <Page title={t("apply.loadingFailed")}><p>{failure === "notFound" ? t("apply.notFound") : t("app.error.generic")}</p></Page>;
  if (!form) return <Loading />;
  const l = getLocale();
  const mine = form.my_application;

  if (done) {
    return (
      <Page title={t("apply.thanks")} context={form.title}>
        <div class="notice notice-success" role="status"><p>{props.me ? t("apply.thanksSignedIn") : t("apply.thanksMail", { email: done })}</p></div>
        {props.me ? <p><a href={`/apply/${props.token}`} onClick={() => { setDone(undefined); void load(); }}>{t("apply.mine")}</a></p> : null}
      </Page>
    );
  }

  async function withdraw() {
    if (!mine || !window.confirm(t("apply.withdrawConfirm"))) return;
    await call(api.POST("/api/v1/me/applications/{application_id}/withdraw", { params: { path: { application_id: mine.id } } }));
    setStatus(t("apply.withdrawn"));
    await load();
  }

  return (
    <Page title={form.title}>
      <CallHeader form={form} />
      <div class="live" role="status">{status ? <p class="notice notice-success">{status}</p> : null}</div>
      {mine && !editing ? (
        <>
          <ApplicationSummary form={form} application={mine} />
          <div class="form-actions">
            {mine.editable ? <button type="button" class="btn btn-primary" onClick={() => setEditing(true)}>{t("apply.edit")}</button> : null}
            {mine.status !== "withdrawn" ? <button type="button" class="btn btn-secondary" onClick={() => void withdraw()}>{t("apply.withdraw")}</button> : null}
          </div>
        </>
      ) : form.state !== "open" ? (
        <div class="notice notice-info" role="status">
          <p>{form.state === "closed" ? t("apply.closed", { date: formatDateTime(form.closes_at, l, form.timezone) }) : t("apply.notYetOpen", { date: formatDateTime(form.opens_at, l, form.timezone) })}</p>
        </div>
      ) : (
        <ApplicationForm
          key={form.privacy_version * 1000 + form.consent_version}
          form={form}
          formToken={props.token}
          mode={mine ? { kind: "signedIn", id: mine.id } : { kind: "new" }}
          initial={mine ?? undefined}
          signedIn={props.me ?? undefined}
          onCancel={mine ? () => setEditing(false) : undefined}
          onOutdated={() => void load()}
          onDone={(r) => {
            if (mine) {
              setEditing(false);
              setStatus(t("apply.saved"));
              void load();
            } else setDone(r.email);
          }}
        />
      )}
    </Page>
  );
}

/** /application/{token}: the applicant's private page (view, change, withdraw, data, erase). */
export function ApplicationPage(props: { token: string }) {
  const [application, setApplication] = useState<MyApplication>();
  const [gone, setGone] = useState<MessageKey>();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string>();
  const path = { params: { path: { token: props.token } } };

  const load = useCallback(async () => {
    try {
      setApplication(await call(api.GET("/api/v1/public/applications/{token}", { params: { path: { token: props.token } } })));
    } catch (e) {
      setGone(e instanceof ApiError && e.status === 404 ? "apply.linkInvalid" : "apply.loadingFailed");
    }
  }, [props.token]);
  useEffect(() => void load(), [load]);

  if (gone) return <Page title={t("apply.mine")}><div class="notice notice-info" role="status"><p>{t(gone)}</p></div></Page>;
  if (!application?.form) return <Loading />;
  const form = application.form;

  async function withdraw() {
    if (!window.confirm(t("apply.withdrawConfirm"))) return;
    setApplication({ ...(await call(api.POST("/api/v1/public/applications/{token}/withdraw", path))), form });
    setStatus(t("apply.withdrawn"));
  }
  async function download() {
    downloadJson(await call(api.GET("/api/v1/public/applications/{token}/data", path)), "bewerbung.json");
  }
  async function erase() {
    if (!window.confirm(t("apply.eraseConfirm"))) return;
    await call(api.DELETE("/api/v1/public/applications/{token}", path));
    setGone("apply.erased");
  }

  return (
    <Page title={form.title} context={t("apply.mine")}>
      <p class="muted">{t("apply.program", { name: form.program_name })}</p>
      <div class="live" role="status">{status ? <p class="notice notice-success">{status}</p> : null}</div>
      {editing ? (
        <ApplicationForm form={form} formToken={application.form_token} mode={{ kind: "token", token: props.token }} initial={application}
          onCancel={() => setEditing(false)} onOutdated={() => void load()}
          onDone={(r) => {
            setApplication({ ...r.application!, form });
            setEditing(false);
            setStatus(t("apply.saved"));
          }} />
      ) : (
        <>
          <ApplicationSummary form={form} application={application} />
          <div class="form-actions">
            {application.editable ? <button type="button" class="btn btn-primary" onClick={() => setEditing(true)}>{t("apply.edit")}</button> : null}
            {application.status !== "withdrawn" ? <button type="button" class="btn btn-secondary" onClick={() => void withdraw()}>{t("apply.withdraw")}</button> : null}
            <button type="button" class="btn btn-secondary" onClick={() => void download()}>{t("apply.download")}</button>
            <button type="button" class="btn btn-danger" onClick={() => void erase()}>{t("apply.erase")}</button>
          </div>
        </>
      )}
    </Page>
  );
}

/** "My applications" on the profile page of a signed-in person. */
export function MyApplications() {
  const [items, setItems] = useState<MyApplication[]>();
  useEffect(() => {
    call(api.GET("/api/v1/me/applications")).then(setItems, () => setItems([]));
  }, []);
  async function download() {
    downloadJson(await call(api.GET("/api/v1/me/applications/data")), "bewerbungen.json");
  }
  if (!items) return null;
  return (
    <section class="card" aria-labelledby="my-applications-heading">
      <h2 id="my-applications-heading">{t("apply.myApplications")}</h2>
      <p>{t("apply.myApplicationsIntro")}</p>
      {items.length ? (
        <>
          <ul class="plain-list">
            {items.map((a) => (
              <li key={a.id}>
                <a href={`/apply/${a.form_token}`}>{a.call_title}</a> <span class="muted">({statusLabel(a.status)})</span>
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn-secondary" onClick={() => void download()}>{t("apply.download")}</button>
        </>
      ) : (
        <p>{t("apply.noApplications")}</p>
      )}
    </section>
  );
}

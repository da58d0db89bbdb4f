import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import { FormError, TextField } from "../components/forms";
import { Page } from "../components/Page";
import { MyApplications } from "./Apply";
import { Nudges } from "./Nudges";
import { MyErasure } from "./Erasure";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { LOCALES, setLocale, t, type Locale } from "../i18n";
import { landingSection, programPath } from "../routes";
import { useSession } from "../session";
import { confirmAction } from "../components/feedback";

export function ProfilePage() {
  const { me, setMe, locale } = useSession();
  const [name, setName] = useState(me.name);
  const [lang, setLang] = useState<Locale>(locale);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setLang(locale), [locale]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setStatus(undefined);
    if (!name.trim()) {
      setErrors({ name: t("form.requiredField") });
      setError(t("form.errorSummary"));
      document.getElementById("profile-name")?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      const updated = await call(api.PATCH("/api/v1/me", { body: { name: name.trim(), locale: lang } }));
      setMe(updated);
      if (lang !== locale) setLocale(lang, true);
      setStatus(t("profile.saved", undefined, lang));
    } catch (err) {
      const fe = fieldErrorsFrom(err);
      setErrors(fe);
      setError(Object.keys(fe).length ? t("form.errorSummary") : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("nav.profile")} lead={t("profile.intro")}>
      <div class="grid-2">
        <section class="card" aria-labelledby="account-heading">
          <h2 id="account-heading">{t("profile.account")}</h2>
          <dl class="facts">
            <div>
              <dt>{t("profile.email")}</dt>
              <dd class="break">{me.email}</dd>
            </div>
            <div>
              <dt>{t("profile.role")}</dt>
              <dd>{t(`role.${me.role}`)}</dd>
            </div>
          </dl>
          <h3>{t("profile.programs")}</h3>
          {me.programs.length ? (
            <ul class="plain-list">
              {me.programs.map((p) => (
                <li key={p.id}>
                  <a href={programPath(p.slug, landingSection(p.role))}>{p.name}</a> <span class="muted">({t(`role.${p.role}`)})</span>
                  {p.role === "influencer" ? (
                    <>
                      {" – "}
                      <a href={programPath(p.slug, "transparency")}>{t("nav.transparency")}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("profile.noPrograms")}</p>
          )}
        </section>
        <section class="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("profile.edit")}</h2>
          <div class="live" role="status">
            {status ? <p class="notice notice-success">{status}</p> : null}
          </div>
          <FormError message={error} fields={errors} labels={{ name: t("profile.name") }} idPrefix="profile-" />
          <form class="form" noValidate onSubmit={submit}>
            <TextField id="profile-name" label={t("profile.name")} autoComplete="name" required value={name} onValue={setName} error={errors.name} maxLength={200} />
            <fieldset class="fieldset">
              <legend>{t("profile.language")}</legend>
              {LOCALES.map((l) => (
                <div class="check" key={l}>
                  <input type="radio" id={`profile-locale-${l}`} name="profile-locale" value={l} checked={lang === l} onChange={() => setLang(l)} />
                  <label for={`profile-locale-${l}`} lang={l}>
                    {t(`lang.${l}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
                {t("form.save")}
              </button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="mydata-heading">
          <h2 id="mydata-heading">{t("mydata.heading")}</h2>
          <p>{t("mydata.intro")}</p>
          <a class="btn btn-secondary" href={`/api/v1/me/data-export?lang=${locale}`} download>
            {t("mydata.download")}
          </a>
        </section>
        <Nudges programs={me.programs} />
        <CalendarFeed />
        <MyApplications />
        <MyErasure />
      </div>
    </Page>
  );
}

/** The private calendar address (iCalendar) for Outlook or any calendar app; revocable. */
function CalendarFeed() {
  const [url, setUrl] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  async function create() {
    setError(undefined);
    try {
      const feed = await call(api.POST("/api/v1/calendar/feed"));
      setUrl(feed.url);
      setStatus(t("calendar.created"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function revoke() {
    if (!(await confirmAction({ title: t("calendar.revokeTitle"), body: t("calendar.revokeBody"), confirmLabel: t("calendar.revoke") }))) return;
    setError(undefined);
    try {
      await call(api.DELETE("/api/v1/calendar/feed"));
      setUrl(undefined);
      setStatus(t("calendar.revoked"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t("calendar.heading")}</h2>
      <p>{t("calendar.intro")}</p>
      <FormError message={error} />
      {url ? <TextField id="calendar-url" label={t("calendar.url")} value={url} onValue={() => undefined} readOnly /> : null}
      <div class="form-actions">
        <button type="button" class="btn btn-primary" onClick={create}>
          {t("calendar.create")}
        </button>{" "}
        <button type="button" class="btn btn-secondary" onClick={revoke}>
          {t("calendar.revoke")}
        </button>
      </div>
      <p role="status">{status}</p>
    </section>
  );
}

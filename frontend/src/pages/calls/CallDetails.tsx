// A call's details and its versioned texts (privacy notice, consent).
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { MyProgram } from "../../api/types";
import { FormError, SelectField, Success, TextArea, TextField } from "../../components/forms";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { t } from "../../i18n";
import { isoToZoned, zonedToIso } from "../../zoned";
import type { Call } from "./CallView";

type Fields = {
  title: string;
  description: string;
  opens_at: string;
  closes_at: string;
  info_event_at: string;
  info_event_location: string;
  access: "link" | "signed_in";
  privacy_notice_de: string;
  privacy_notice_en: string;
  consent_text_de: string;
  consent_text_en: string;
};

function fieldsOf(c: Call, tz: string): Fields {
  return {
    title: c.title,
    description: c.description,
    opens_at: isoToZoned(c.opens_at, tz),
    closes_at: isoToZoned(c.closes_at, tz),
    info_event_at: isoToZoned(c.info_event_at, tz),
    info_event_location: c.info_event_location ?? "",
    access: c.access,
    privacy_notice_de: c.privacy_notice_de,
    privacy_notice_en: c.privacy_notice_en,
    consent_text_de: c.consent_text_de,
    consent_text_en: c.consent_text_en,
  };
}

export function CallDetails(props: { program: MyProgram; timezone: string; call: Call; onSaved: (c: Call) => void }) {
  const tz = props.timezone;
  const [f, setF] = useState<Fields>(() => fieldsOf(props.call, tz));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const set = (k: keyof Fields) => (v: string) => setF({ ...f, [k]: v });
  const zoneHint = t("calls.timeZoneHint", { zone: tz });

  async function save(e: Event) {
    e.preventDefault();
    setStatus(undefined);
    const fe: Record<string, string> = {};
    if (!f.title.trim()) fe.title = t("form.requiredField");
    const opens = zonedToIso(f.opens_at, tz);
    const closes = zonedToIso(f.closes_at, tz);
    if (!opens) fe.opens_at = t("form.requiredField");
    if (!closes) fe.closes_at = t("form.requiredField");
    else if (opens && closes <= opens) fe.closes_at = t("settings.endBeforeStart");
    setErrors(fe);
    if (Object.keys(fe).length) return setError(t("form.errorSummary"));
    try {
      const saved = await call(
        api.PATCH("/api/v1/programs/{program_id}/calls/{call_id}", {
          params: { path: { program_id: props.program.id, call_id: props.call.id } },
          body: {
            version: props.call.version,
            title: f.title.trim(),
            description: f.description,
            opens_at: opens!,
            closes_at: closes!,
            info_event_at: f.info_event_at ? (zonedToIso(f.info_event_at, tz) ?? null) : null,
            info_event_location: f.info_event_location.trim() || null,
            access: f.access,
            privacy_notice_de: f.privacy_notice_de,
            privacy_notice_en: f.privacy_notice_en,
            consent_text_de: f.consent_text_de,
            consent_text_en: f.consent_text_en,
          },
        }),
      );
      props.onSaved(saved);
      setError(undefined);
      setStatus(t("calls.saved"));
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(err instanceof ApiError && err.status === 409 ? t("calls.conflict") : errorMessage(err));
    }
  }

  const labels = { title: t("calls.name"), opens_at: t("calls.opensAt"), closes_at: t("calls.closesAt") };
  return (
    <form class="form card" noValidate onSubmit={save} aria-labelledby="details-heading">
      <h2 id="details-heading">{t("calls.tabDetails")}</h2>
      <FormError message={error} fields={errors} labels={labels} idPrefix="detail-" />
      <TextField id="detail-title" label={labels.title} required value={f.title} onValue={set("title")} error={errors.title} maxLength={200} />
      <TextArea id="detail-description" label={t("calls.description")} hint={t("calls.descriptionHint")} optional value={f.description} onValue={set("description")} rows={5} />
      <div class="grid-2">
        <TextField id="detail-opens_at" label={labels.opens_at} type="datetime-local" required value={f.opens_at} onValue={set("opens_at")} error={errors.opens_at} hint={zoneHint} />
        <TextField id="detail-closes_at" label={labels.closes_at} type="datetime-local" required value={f.closes_at} onValue={set("closes_at")} error={errors.closes_at} hint={zoneHint} />
        <TextField id="detail-info_event_at" label={t("calls.infoAt")} type="datetime-local" optional value={f.info_event_at} onValue={set("info_event_at")} hint={zoneHint} />
        <TextField id="detail-info_event_location" label={t("calls.infoWhere")} optional value={f.info_event_location} onValue={set("info_event_location")} maxLength={500} />
      </div>
      <SelectField id="detail-access" label={t("calls.access")} value={f.access} onValue={(v) => setF({ ...f, access: v as Fields["access"] })}
        options={(["link", "signed_in"] as const).map((a) => ({ value: a, label: t(`calls.access.${a}`) }))} />
      <fieldset class="fieldset">
        <legend>{t("calls.privacy")}</legend>
        <p class="field-hint">{t("calls.versionHint", { version: props.call.privacy_version })}</p>
        <TextArea id="detail-privacy_de" label={t("calls.textDe", { what: t("calls.privacy") })} value={f.privacy_notice_de} onValue={set("privacy_notice_de")} rows={5} lang="de" />
        <TextArea id="detail-privacy_en" label={t("calls.textEn", { what: t("calls.privacy") })} value={f.privacy_notice_en} onValue={set("privacy_notice_en")} rows={5} lang="en" optional />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t("calls.consent")}</legend>
        <p class="field-hint">{t("calls.versionHint", { version: props.call.consent_version })}</p>
        <TextArea id="detail-consent_de" label={t("calls.textDe", { what: t("calls.consent") })} value={f.consent_text_de} onValue={set("consent_text_de")} rows={3} lang="de" />
        <TextArea id="detail-consent_en" label={t("calls.textEn", { what: t("calls.consent") })} value={f.consent_text_en} onValue={set("consent_text_en")} rows={3} lang="en" optional />
      </fieldset>
      <Success message={status} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">{t("calls.save")}</button>
      </div>
    </form>
  );
}

// Core team: the program's application calls (list, new call) and one call's pages.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { MyProgram } from "../../api/types";
import { Checkbox, FormError, SelectField, TextField } from "../../components/forms";
import { Loading, Page, QueryError } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { invalidate, programKey, useApi } from "../../data";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { formatDateTime, formatNumber, t, type MessageKey } from "../../i18n";
import { useProgramDetails } from "../../programs";
import { navigate, useLocation } from "../../router";
import { zonedToIso } from "../../zoned";
import { CallView } from "./CallView";

export const callStatusLabel = (s: string) => t(`calls.status.${s}` as MessageKey);

export function CallsPage(props: { program: MyProgram }) {
  const loc = useLocation();
  const selected = new URLSearchParams(loc.search).get("call");
  const program = useProgramDetails(props.program.id);
  if (program.error) return <Page title={t("calls.title")}><QueryError query={program} /></Page>;
  if (!program.data) return <Loading />;
  if (selected) return <CallView key={selected} program={props.program} timezone={program.data.timezone} callId={selected} />;
  return <CallList program={props.program} timezone={program.data.timezone} />;
}

function CallList(props: { program: MyProgram; timezone: string }) {
  const programId = props.program.id;
  const list = useApi(programKey(programId, "calls"), () => call(api.GET("/api/v1/programs/{program_id}/calls", { params: { path: { program_id: programId } } })));
  return (
    <Page title={t("calls.title")} context={props.program.name} lead={t("calls.lead")}>
      <h2>{t("calls.list")}</h2>
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {list.data && !list.data.length ? <p>{t("calls.none")}</p> : null}
      {list.data?.length ? (
        <TableWrap captionId="calls-caption">
          <table class="table-cards">
            <caption id="calls-caption">{t("calls.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("calls.colTitle")}</th>
                <th scope="col">{t("calls.colStatus")}</th>
                <th scope="col">{t("calls.colPeriod")}</th>
                <th scope="col" class="num">{t("calls.colApplications")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={`?call=${c.id}`}>{c.title}</a>
                  </th>
                  <td class="half" data-label={t("calls.colStatus")}>
                    {callStatusLabel(c.status)}
                    {c.accepting ? <span class="muted"> ({t("calls.accepting")})</span> : null}
                  </td>
                  <td data-label={t("calls.colPeriod")}>
                    {formatDateTime(c.opens_at, undefined, props.timezone)} – {formatDateTime(c.closes_at, undefined, props.timezone)}
                  </td>
                  <td class="num" data-label={t("calls.colApplications")}>{formatNumber(c.applications)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <NewCall programId={programId} timezone={props.timezone} />
    </Page>
  );
}

function NewCall(props: { programId: string; timezone: string }) {
  const [title, setTitle] = useState("");
  const [opens, setOpens] = useState("");
  const [closes, setCloses] = useState("");
  const [access, setAccess] = useState<"link" | "signed_in">("link");
  const [template, setTemplate] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const zoneHint = t("calls.timeZoneHint", { zone: props.timezone });

  async function create(e: Event) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!title.trim()) fe.title = t("form.requiredField");
    const opensAt = zonedToIso(opens, props.timezone);
    const closesAt = zonedToIso(closes, props.timezone);
    if (!opensAt) fe.opens_at = t("form.requiredField");
    if (!closesAt) fe.closes_at = t("form.requiredField");
    else if (opensAt && closesAt <= opensAt) fe.closes_at = t("settings.endBeforeStart");
    setErrors(fe);
    if (Object.keys(fe).length) {
      setError(t("form.errorSummary"));
      return;
    }
    try {
      const created = await call(
        api.POST("/api/v1/programs/{program_id}/calls", {
          params: { path: { program_id: props.programId } },
          body: {
            title: title.trim(),
            opens_at: opensAt!,
            closes_at: closesAt!,
            access,
            template: template ? "reference" : null,
            // Empty texts: the template's (or none) are used.
            description: "",
            privacy_notice_de: "",
            privacy_notice_en: "",
            consent_text_de: "",
            consent_text_en: "",
          },
        }),
      );
      void invalidate(props.programId, "calls");
      navigate(`?call=${created.id}&tab=details`);
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="new-call-heading">
      <h2 id="new-call-heading">{t("calls.new")}</h2>
      <FormError message={error} fields={errors} labels={{ title: t("calls.name"), opens_at: t("calls.opensAt"), closes_at: t("calls.closesAt") }} idPrefix="call-" />
      <form class="form" noValidate onSubmit={create}>
        <TextField id="call-title" label={t("calls.name")} required value={title} onValue={setTitle} error={errors.title} maxLength={200} />
        <div class="grid-2">
          <TextField id="call-opens_at" label={t("calls.opensAt")} type="datetime-local" required value={opens} onValue={setOpens} error={errors.opens_at} hint={zoneHint} />
          <TextField id="call-closes_at" label={t("calls.closesAt")} type="datetime-local" required value={closes} onValue={setCloses} error={errors.closes_at} hint={zoneHint} />
        </div>
        <SelectField id="call-access" label={t("calls.access")} value={access} onValue={(v) => setAccess(v as "link" | "signed_in")}
          options={(["link", "signed_in"] as const).map((a) => ({ value: a, label: t(`calls.access.${a}`) }))} />
        <Checkbox id="call-template" label={t("calls.useTemplate")} checked={template} onValue={setTemplate} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">{t("calls.create")}</button>
        </div>
      </form>
    </section>
  );
}

// One call: its status and form link, and three views (applications, details and texts,
// questionnaire) chosen by ?tab=.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { Loading, Page, QueryError } from "../../components/Page";
import { Success } from "../../components/forms";
import { programKey, setCached, useApi } from "../../data";
import { errorMessage, problemText } from "../../errors";
import { formatDateTime, formatNumber, t, tn, type MessageKey } from "../../i18n";
import { navigate, useLocation } from "../../router";
import { Applications } from "./Applications";
import { CallDetails } from "./CallDetails";
import { callStatusLabel } from "./CallsPage";
import { Questionnaire } from "./Questionnaire";
import { confirmAction, toast } from "../../components/feedback";

export type Call = components["schemas"]["CallOut"];
type Status = Call["status"];
const TABS = ["applications", "details", "questions"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { applications: "calls.tabApplications", details: "calls.tabDetails", questions: "calls.tabQuestions" };

/** The status buttons a call offers in its state. */
export function nextStatuses(status: Status): { to: Status; label: MessageKey; confirm: MessageKey }[] {
  switch (status) {
    case "draft":
      return [{ to: "open", label: "calls.toOpen", confirm: "calls.confirm.open" }];
    case "open":
      return [{ to: "closed", label: "calls.toClosed", confirm: "calls.confirm.closed" }];
    case "closed":
      return [
        { to: "open", label: "calls.toReopen", confirm: "calls.confirm.reopen" },
        { to: "archived", label: "calls.toArchived", confirm: "calls.confirm.archived" },
      ];
    default:
      return [];
  }
}

export function CallView(props: { program: MyProgram; timezone: string; callId: string }) {
  const loc = useLocation();
  const tab = (new URLSearchParams(loc.search).get("tab") as Tab | null) ?? "applications";
  const path = { params: { path: { program_id: props.program.id, call_id: props.callId } } };
  const key = programKey(props.program.id, "calls", props.callId);
  const state = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}", path)));
  /** A change answered with the call: shown as it is (the list of calls, not on screen, loads afresh when shown). */
  const saved = (updated: Call) => setCached(key, updated);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const c = state.data;

  if (state.error) return <Page title={t("calls.title")}><QueryError query={state} /></Page>;
  if (!c) return <Loading />;
  const formUrl = `${window.location.origin}/apply/${c.form_token}`;

  async function move(to: Status, confirmKey: MessageKey) {
    if (!c) return;
    const to_ = nextStatuses(c.status).find((x) => x.to === to);
    if (!(await confirmAction({ title: t("calls.changeTitle"), body: t(confirmKey), confirmLabel: t(to_?.label ?? "calls.changeTitle"), danger: to === "archived" || to === "closed" }))) return;
    setError(undefined);
    try {
      const updated = await call(api.POST("/api/v1/programs/{program_id}/calls/{call_id}/status", { ...path, body: { status: to, version: c.version } }));
      saved(updated);
      setStatus(t("calls.statusChanged", { status: callStatusLabel(updated.status) }));
    } catch (e) {
      setError(problemText(e));
    }
  }

  async function remove() {
    if (!c || !(await confirmAction({ title: t("calls.deleteTitle"), body: t("calls.deleteBody", { title: c.title }), confirmLabel: t("calls.delete") }))) return;
    setError(undefined);
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/calls/{call_id}", path));
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    navigate(loc.pathname);
    toast(t("calls.deleted", { title: c.title }));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(formUrl);
      setStatus(t("calls.copied"));
    } catch {
      (document.getElementById("call-form-link") as HTMLInputElement | null)?.select();
    }
  }

  return (
    <Page title={c.title} context={props.program.name}>
      <p><a href={loc.pathname}>← {t("calls.back")}</a></p>
      <dl class="facts">
        <div><dt>{t("calls.colStatus")}</dt><dd><strong>{callStatusLabel(c.status)}</strong>{c.accepting ? <span class="muted"> ({t("calls.accepting")})</span> : null}</dd></div>
        <div><dt>{t("calls.colPeriod")}</dt><dd>{formatDateTime(c.opens_at, undefined, props.timezone)} – {formatDateTime(c.closes_at, undefined, props.timezone)} ({props.timezone})</dd></div>
        <div><dt>{t("calls.colApplications")}</dt><dd>{formatNumber(c.applications)}</dd></div>
      </dl>
      {c.erased_at ? <p class="notice notice-info">{tn("calls.erased", Number(c.anonymous_counts.applications ?? 0), { date: formatDateTime(c.erased_at) })}</p> : null}
      <div class="field">
        <label for="call-form-link">{t("calls.formLink")}</label>
        <div class="actions-row">
          <input id="call-form-link" type="text" readOnly value={formUrl} class="input-wide" />
          <button type="button" class="btn btn-secondary" onClick={() => void copy()}>{t("calls.copy")}</button>
        </div>
      </div>
      <div class="actions-row">
        {nextStatuses(c.status).map((n) => (
          <button key={n.to} type="button" class={n.to === "open" ? "btn btn-primary" : "btn btn-secondary"} onClick={() => void move(n.to, n.confirm)}>
            {t(n.label)}
          </button>
        ))}
        {c.status === "draft" ? <button type="button" class="btn btn-danger" onClick={() => void remove()}>{t("calls.delete")}</button> : null}
      </div>
      <Success message={status} />
      <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
      <nav aria-label={t("calls.title")} class="tabs">
        <ul class="actions-row">
          {TABS.map((x) => (
            <li key={x}>
              <a href={`?call=${c.id}&tab=${x}`} aria-current={x === tab ? "page" : undefined} class={x === tab ? "btn btn-primary" : "btn btn-secondary"}>
                {t(TAB_LABEL[x])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "details" ? <CallDetails program={props.program} timezone={props.timezone} call={c} onSaved={saved} /> : null}
      {tab === "questions" ? <Questionnaire program={props.program} call={c} onSaved={saved} /> : null}
      {tab === "applications" ? <Applications program={props.program} call={c} /> : null}
    </Page>
  );
}

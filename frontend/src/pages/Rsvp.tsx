// The page behind an invitation's RSVP link: shows the meeting and asks before it answers
// (mail scanners open every link in an email; only the button press is an answer).
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import { Loading, Page, QueryError } from "../components/Page";
import { Success } from "../components/forms";
import { keys, setCached, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDateTime, t } from "../i18n";
import { webHref } from "../links";

type Answer = "yes" | "maybe" | "no";
const ANSWERS: Answer[] = ["yes", "maybe", "no"];
const answerLabel = (a: string) => t(`home.rsvp.${a as Answer | "pending"}`);

export function RsvpPage(props: { token: string; search: string }) {
  const suggested = new URLSearchParams(props.search).get("response");
  const path = { params: { path: { token: props.token } } };
  const key = keys.rsvp(props.token);
  const state = useApi(key, () => call(api.GET("/api/v1/meetings/rsvp/{token}", path)));
  const [choice, setChoice] = useState<Answer | undefined>(ANSWERS.includes(suggested as Answer) ? (suggested as Answer) : undefined);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<string>();

  if (state.error) {
    const invalid = state.error instanceof ApiError && state.error.status === 404;
    return <Page title={t("rsvp.title")}>{invalid ? <p class="notice notice-error">{t("rsvp.invalid")}</p> : <QueryError query={state} />}</Page>;
  }
  const m = state.data;
  if (!m) return <Loading />;

  async function send(e: Event) {
    e.preventDefault();
    if (!choice) return;
    setError(undefined);
    try {
      const updated = await call(api.POST("/api/v1/meetings/rsvp/{token}", { ...path, body: { response: choice } }));
      setCached(key, updated);
      setSaved(t("rsvp.saved", { answer: answerLabel(updated.rsvp) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Page title={m.title} context={t("rsvp.title")}>
      <p>{t("rsvp.for", { name: m.name })} · {t(`meetings.kind.${m.kind}`)}</p>
      <dl class="facts">
        <div><dt>{t("rsvp.when")}</dt><dd>{formatDateTime(m.starts_at, undefined, m.timezone)} – {formatDateTime(m.ends_at, undefined, m.timezone)} ({m.timezone})</dd></div>
        {m.place ? <div><dt>{t("rsvp.where")}</dt><dd>{m.place}</dd></div> : null}
        {m.video_url ? <div><dt>{t("rsvp.video")}</dt><dd>{webHref(m.video_url) ? <a href={webHref(m.video_url)} rel="noopener noreferrer">{m.video_url}</a> : m.video_url}</dd></div> : null}
      </dl>
      {m.status === "cancelled" ? <p class="notice notice-info">{t("rsvp.cancelled")}</p> : new Date(m.ends_at).getTime() <= Date.now() ? <p class="notice notice-info">{t("rsvp.over")}</p> : (
        <form class="form card" onSubmit={send}>
          <p>{t("rsvp.current", { answer: answerLabel(m.rsvp) })}</p>
          <fieldset>
            <legend>{t("rsvp.question")}</legend>
            {ANSWERS.map((a) => (
              <div class="check" key={a}>
                <input type="radio" id={`rsvp-${a}`} name="rsvp" value={a} checked={choice === a} onChange={() => setChoice(a)} />
                <label for={`rsvp-${a}`}>{answerLabel(a)}</label>
              </div>
            ))}
          </fieldset>
          <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" aria-disabled={choice ? undefined : "true"}>{t("rsvp.send")}</button>
          </div>
        </form>
      )}
      <Success message={saved} />
    </Page>
  );
}

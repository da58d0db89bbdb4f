// Erasure on request (GDPR Art. 17): the person asks on their profile page; the core team of
// each of their programs (or an administrator) confirms on /erasure-requests.
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import { confirmAction, keepFocus, toast } from "../components/feedback";
import { FormError, TextArea } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { keys, setCached, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDate, t } from "../i18n";
import { PATHS } from "../routes";

type ErasureRequest = components["schemas"]["ErasureRequestOut"];

/** Profile card: ask for erasure (with a confirmation), or see and withdraw the request. */
export function MyErasure() {
  const key = keys.me("erasure-request");
  const state = useApi(key, () => call(api.GET("/api/v1/me/erasure-request")));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mine = state.data;

  async function ask(e: Event) {
    e.preventDefault();
    if (busy) return;
    const ok = await confirmAction({ title: t("erasure.askTitle"), body: t("erasure.askBody"), confirmLabel: t("erasure.ask") });
    if (!ok) return;
    setBusy(true);
    setError(undefined);
    try {
      setCached(key, await call(api.PUT("/api/v1/me/erasure-request", { body: { note: note.trim() || null } })));
      toast(t("erasure.asked"));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function withdraw() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await call(api.DELETE("/api/v1/me/erasure-request"));
      setCached(key, { requested_at: null, note: null });
      toast(t("erasure.withdrawn"));
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading">{t("erasure.heading")}</h2>
      <QueryError query={state} />
      <FormError message={error} />
      {!mine ? null : mine.requested_at ? (
        <>
          <p class="notice notice-info">{t("erasure.pending", { date: formatDate(mine.requested_at) })}</p>
          <div class="form-actions">
            <button type="button" class="btn btn-secondary" onClick={withdraw} aria-disabled={busy ? "true" : undefined}>
              {t("erasure.withdraw")}
            </button>
          </div>
        </>
      ) : (
        <form class="form" noValidate onSubmit={ask}>
          <p>{t("erasure.intro")}</p>
          <p>{t("erasure.keeps")}</p>
          <p class="muted">{t("erasure.exportFirst")}</p>
          <TextArea id="erasure-note" label={t("erasure.note")} optional value={note} onValue={setNote} maxLength={2000} rows={3} />
          <div class="form-actions">
            <button type="submit" class="btn btn-danger-outline" aria-disabled={busy ? "true" : undefined}>
              {t("erasure.ask")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The requests the signed-in person can see, each with its confirmation. */
function useErasureRequests() {
  return useApi(keys.erasureRequests(), () => call(api.GET("/api/v1/erasure-requests")));
}

export function ErasureRequestsPage() {
  const state = useErasureRequests();
  const [error, setError] = useState<string>();

  async function confirm(r: ErasureRequest) {
    const ok = await confirmAction({
      title: t("erasure.confirmTitle", { name: r.name }),
      body: t("erasure.confirmBody", { name: r.name }),
      confirmLabel: t("erasure.confirm"),
    });
    if (!ok) return;
    setError(undefined);
    try {
      await call(api.POST("/api/v1/erasure-requests/{request_id}/confirm", { params: { path: { request_id: r.id } } }));
      setCached(keys.erasureRequests(), (state.data ?? []).filter((x) => x.id !== r.id));
      toast(t("erasure.confirmed", { name: r.name }));
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Page title={t("erasure.pageTitle")} lead={t("erasure.pageLead")}>
      <FormError message={error} />
      <QueryError query={state} />
      {!state.data ? (
        state.error ? null : <Loading />
      ) : state.data.length === 0 ? (
        <p class="notice notice-info">{t("erasure.none")}</p>
      ) : (
        <ul class="plain-list stack">
          {state.data.map((r) => (
            <li key={r.id} class="card">
              <h2>{r.name}</h2>
              <dl class="facts">
                <div>
                  <dt>{t("profile.email")}</dt>
                  <dd class="break">{r.email}</dd>
                </div>
                <div>
                  <dt>{t("erasure.programs")}</dt>
                  <dd>{r.programs.join(", ") || "–"}</dd>
                </div>
                {r.note ? (
                  <div>
                    <dt>{t("erasure.noteLabel")}</dt>
                    <dd class="prewrap">{r.note}</dd>
                  </div>
                ) : null}
              </dl>
              <p class="muted">{t("erasure.requestedOn", { date: formatDate(r.requested_at) })}</p>
              {r.can_confirm ? (
                <button type="button" class="btn btn-danger" onClick={() => void confirm(r)}>
                  {t("erasure.confirm")}
                </button>
              ) : (
                <p class="field-hint">{t("erasure.notYours")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** Today (core team): a line when requests wait, linking to the page. Nothing otherwise. */
export function ErasureRequestsNotice() {
  const state = useErasureRequests();
  const waiting = (state.data ?? []).filter((r) => r.can_confirm).length;
  if (!waiting) return null;
  return (
    <p class="notice notice-warning">
      {waiting === 1 ? t("erasure.todayOne") : t("erasure.todayMany", { count: waiting })} <a href={PATHS.erasureRequests}>{t("erasure.open")}</a>
    </p>
  );
}

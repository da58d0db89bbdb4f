import { useMutation } from "@tanstack/preact-query";
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { TextArea } from "../components/forms";
import { ErrorNotice, Loading, Page, QueryError } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { invalidate, patchCache, programKey, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDate, formatDateTime, t } from "../i18n";
import { ModuleEditor } from "./learning/ModuleEditor";
import { webHref } from "../links";
import { Markdown } from "../components/Markdown";
import { toast } from "../components/feedback";

type Module = components["schemas"]["ModuleOut"];
type State = "not_started" | "started" | "done";

export function LearningPage(props: { program: MyProgram }) {
  const core = props.program.role === "core_team";
  return (
    <Page title={t("nav.learning")} context={props.program.name} lead={<p>{core ? t("learning.matrixIntro") : t("learning.intro")}</p>}>
      {core ? (
        <>
          <Matrix programId={props.program.id} />
          <ModuleEditor programId={props.program.id} />
        </>
      ) : <MyJourney programId={props.program.id} />}
    </Page>
  );
}

function MyJourney(props: { programId: string }) {
  const path = { program_id: props.programId };
  const key = programKey(props.programId, "modules");
  const list = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/modules", { params: { path } })));
  const [error, setError] = useState<string>();

  // One tap: the module shows its new state at once and goes back if saving fails.
  const progress = useMutation({
    mutationFn: (v: { module: Module; state: State }) =>
      call(api.PUT("/api/v1/programs/{program_id}/modules/{module_id}/progress", { params: { path: { ...path, module_id: v.module.id } }, body: { state: v.state } })),
    onMutate: (v) => {
      setError(undefined);
      return patchCache<Module[]>(key, (all) => all.map((x) => (x.id === v.module.id ? withState(x, v.state) : x)));
    },
    onSuccess: (_saved, v) => toast(t("learning.yourState", { state: t(`learning.state.${v.state}`) })),
    onError: (e, _v, putBack) => {
      putBack?.();
      setError(errorMessage(e));
    },
    onSettled: () => invalidate(props.programId, "modules"),
  });
  const mark = (module: Module, state: State) => progress.mutate({ module, state });

  return (
    <>
      {error ? <ErrorNotice message={error} /> : null}
      {list.isPending ? <Loading /> : null}
      <QueryError query={list} />
      {list.data && list.data.length === 0 ? <p>{t("learning.noModules")}</p> : null}
      <ol class="plain-list stack">
        {(list.data ?? []).map((m) => {
          const state = (m.my_progress?.state ?? "not_started") as State;
          return (
            <li key={m.id} class="card home-item">
              <h2>{m.title}</h2>
              <p>
                <span class="badge">{t(`learning.state.${state}`)}</span>
                {m.due_on ? <> · {t("home.due", { date: formatDate(m.due_on) })}</> : null}
                {m.effort_minutes ? <> · {t("learning.effort", { n: m.effort_minutes })}</> : null}
              </p>
              <Markdown text={m.description} />
              {m.session_starts_at ? (
                <p>
                  {t("learning.session", { when: formatDateTime(m.session_starts_at) })}
                  {m.session_place ? ` · ${m.session_place}` : null}
                </p>
              ) : null}
              {m.materials.length ? (
                <ul>
                  {m.materials.map((x, i) => (
                    <li key={i}>
                      {typeof x["url"] === "string" ? (
                        webHref(x["url"]) ? (
                          <a href={webHref(x["url"])} rel="noopener noreferrer" target="_blank">
                            {String(x["title"])}
                          </a>
                        ) : (
                          `${String(x["title"])} (${x["url"]})`
                        )
                      ) : (
                        <a href={`/api/v1/programs/${props.programId}/files/${String(x["file_id"])}`}>{String(x["title"])}</a>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
              {state === "done" ? <Feedback programId={props.programId} module={m} onSaved={(msg) => { toast(msg); void invalidate(props.programId, "modules"); }} /> : null}
              {state !== "done" ? (
                <p class="rsvp">
                  {state === "not_started" ? (
                    <button type="button" class="btn btn-secondary" onClick={() => mark(m, "started")} aria-label={`${t("home.markStarted")}: ${m.title}`}>
                      {t("home.markStarted")}
                    </button>
                  ) : null}
                  <button type="button" class="btn btn-primary" onClick={() => mark(m, "done")} aria-label={`${t("home.markDone")}: ${m.title}`}>
                    {t("home.markDone")}
                  </button>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The module as it looks once the caller's progress is `state` (shown before the server answers). */
function withState(m: Module, state: State): Module {
  return { ...m, my_progress: { rating: null, comment: null, started_at: null, done_at: null, ...m.my_progress, state } };
}

/** A short rating and comment on a finished module (the core team reads them). */
function Feedback(props: { programId: string; module: Module; onSaved: (message: string) => void }) {
  const mine = props.module.my_progress;
  const [rating, setRating] = useState<number | null>(mine?.rating ?? null);
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [error, setError] = useState<string>();
  const id = `feedback-${props.module.id}`;

  async function save(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      await call(
        api.PUT("/api/v1/programs/{program_id}/modules/{module_id}/progress", {
          params: { path: { program_id: props.programId, module_id: props.module.id } },
          body: { state: "done", rating, comment: comment.trim() || null },
        }),
      );
      props.onSaved(t("learning.feedbackSaved"));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <details>
      <summary>{t("learning.feedback", { title: props.module.title })}</summary>
      <form class="form" onSubmit={save}>
        <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
        <fieldset>
          <legend>{t("learning.rating")}</legend>
          <div class="fieldset-inline">
            {[1, 2, 3, 4, 5].map((n) => (
              <div class="check" key={n}>
                <input type="radio" id={`${id}-r${n}`} name={`${id}-rating`} checked={rating === n} onChange={() => setRating(n)} />
                <label for={`${id}-r${n}`}>{t("learning.ratingValue", { n })}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextArea id={`${id}-comment`} label={t("learning.comment")} value={comment} onValue={setComment} rows={3} maxLength={1000} optional />
        <p class="form-actions"><button type="submit" class="btn btn-secondary">{t("learning.saveFeedback")}</button></p>
      </form>
    </details>
  );
}

function Matrix(props: { programId: string }) {
  const path = { program_id: props.programId };
  const matrix = useApi(programKey(props.programId, "modules", "progress"), () => call(api.GET("/api/v1/programs/{program_id}/modules/progress", { params: { path } })));
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  async function run(action: () => Promise<string>) {
    setError(undefined);
    try {
      setStatus(await action());
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    await invalidate(props.programId, "modules");
  }

  function remind(moduleId: string) {
    void run(async () => {
      const r = await call(api.POST("/api/v1/programs/{program_id}/modules/{module_id}/remind", { params: { path: { ...path, module_id: moduleId } } }));
      return t("learning.reminded", { n: r.reminded });
    });
  }

  const data = matrix.data;
  return (
    <>
      <p role="status">{status}</p>
      {error ? <ErrorNotice message={error} /> : null}
      {matrix.isPending ? <Loading /> : null}
      <QueryError query={matrix} />
      {data && data.modules.length === 0 ? (
        <p>
          <button type="button" class="btn btn-primary" onClick={() => run(async () => { await call(api.POST("/api/v1/programs/{program_id}/modules/template", { params: { path } })); return t("learning.fromTemplate"); })}>
            {t("learning.fromTemplate")}
          </button>
        </p>
      ) : null}
      {data && data.modules.length ? (
        <ul class="plain-list stack phone-only" aria-label={t("learning.byModule")}>
          {data.modules.map((m) => {
            // The people the module is for (the server fills their states) who are active:
            // the ones a reminder reaches.
            const people = data.rows.filter((r) => r.status === "active" && m.id in r.states);
            const behind = people.filter((r) => r.states[m.id] !== "done");
            const total = people.length;
            return (
              <li key={m.id} class="card">
                <h3>{m.title}</h3>
                <p class="muted">
                  {t("learning.doneOf", { n: total - behind.length, total })}
                  {m.due_on ? ` · ${t("learning.dueOn", { date: formatDate(m.due_on) })}` : ""}
                </p>
                {behind.length ? <p>{t("learning.behind", { names: behind.map((r) => r.name).join(", ") })}</p> : null}
                {m.due_on && behind.length ? (
                  <button type="button" class="btn btn-small btn-secondary" aria-label={t("learning.remindLabel", { title: m.title })} onClick={() => remind(m.id)}>
                    {t("learning.remind")}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {data && data.modules.length ? (
        <div class="desktop-only">
          <TableWrap captionId="matrix-caption">
            <table>
              <caption id="matrix-caption">{t("learning.matrixCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("learning.influencer")}</th>
                  {data.modules.map((m) => (
                    <th scope="col" key={m.id}>
                      {m.title}
                      {m.due_on ? (
                        <>
                          <br />
                          <button
                            type="button"
                            class="btn btn-small btn-ghost"
                            aria-label={t("learning.remindLabel", { title: m.title })}
                            onClick={() => remind(m.id)}
                          >
                            {t("learning.remind")}
                          </button>
                        </>
                      ) : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.member_id}>
                    <th scope="row">{r.name}</th>
                    {data.modules.map((m) => {
                      const s = r.states[m.id] as State | undefined;
                      return <td key={m.id}>{s ? t(`learning.state.${s}`) : "–"}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
    </>
  );
}

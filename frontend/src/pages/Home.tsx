import { useMutation } from "@tanstack/preact-query";
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { ErrorNotice, Loading, Page, QueryError } from "../components/Page";
import { invalidate, patchCache, programKey, useApi, type Resource } from "../data";
import { errorMessage } from "../errors";
import { formatDate, formatDateTime, formatNumber, t } from "../i18n";
import { webHref } from "../links";
import { programPath } from "../routes";
import { Markdown } from "../components/Markdown";
import { toast } from "../components/feedback";

type Home = components["schemas"]["HomeOut"];
type Meeting = components["schemas"]["MeetingOut"];
type Rsvp = "yes" | "maybe" | "no";
const ANSWERS: readonly Rsvp[] = ["yes", "maybe", "no"];

/** The influencer's home: phone-first, one column, everything needed in one screen. */
export function HomePage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const key = programKey(programId, "home");
  const state = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/home", { params: { path: { program_id: programId } } })));
  const [error, setError] = useState<string>();

  async function act(run: () => Promise<unknown>, message: string, changed: Resource) {
    setError(undefined);
    try {
      await run();
      toast(message);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    await invalidate(programId, changed);
  }

  // One tap answers: the button shows the answer at once and goes back if saving fails.
  const rsvp = useMutation({
    mutationFn: (v: { meeting: Meeting; answer: Rsvp }) =>
      call(
        api.PUT("/api/v1/programs/{program_id}/meetings/{meeting_id}/rsvp", {
          params: { path: { program_id: programId, meeting_id: v.meeting.id } },
          body: { response: v.answer },
        }),
      ),
    onMutate: (v) => {
      setError(undefined);
      return patchCache<Home>(key, (h) => ({ ...h, next_meetings: h.next_meetings.map((m) => (m.id === v.meeting.id ? { ...m, my_rsvp: v.answer } : m)) }));
    },
    onSuccess: (_saved, v) => toast(t("home.rsvpSaved", { answer: t(`home.rsvp.${v.answer}`) })),
    onError: (e, _v, putBack) => {
      putBack?.();
      setError(errorMessage(e));
    },
    onSettled: () => invalidate(programId, "meetings"),
  });

  return (
    <Page title={t("nav.home")} context={props.program.name}>
      {error ? <ErrorNotice message={error} /> : null}
      {state.isPending ? <Loading /> : null}
      <QueryError query={state} />
      {state.data ? (
        <HomeContent home={state.data} programId={programId} slug={props.program.slug} onRsvp={(meeting, answer) => rsvp.mutate({ meeting, answer })} act={act} />
      ) : null}
    </Page>
  );
}

function HomeContent(props: {
  home: Home;
  programId: string;
  slug: string;
  onRsvp: (m: Meeting, a: Rsvp) => void;
  act: (run: () => Promise<unknown>, message: string, changed: Resource) => void;
}) {
  const { home, programId } = props;
  const next = home.next_module;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="home-meetings">
        <h2 id="home-meetings">{t("home.meetings")}</h2>
        {home.next_meetings.length === 0 ? <p>{t("home.noMeetings")}</p> : null}
        <ul class="plain-list">
          {home.next_meetings.map((m) => (
            <li key={m.id} class="home-item">
              <h3>{m.title}</h3>
              <p>
                {formatDateTime(m.starts_at, undefined, m.timezone)}
                {m.place ? (
                  <>
                    <br />
                    {t("home.where")}: {m.place}
                  </>
                ) : null}
                {m.video_url ? (
                  <>
                    <br />
                    {t("rsvp.video")}: {webHref(m.video_url) ? <a href={webHref(m.video_url)} rel="noopener noreferrer">{m.video_url}</a> : m.video_url}
                  </>
                ) : null}
              </p>
              <fieldset class="rsvp">
                <legend>{t("home.rsvpLegend", { title: m.title })}</legend>
                {ANSWERS.map((a) => (
                  <button
                    key={a}
                    type="button"
                    class={`btn btn-small ${m.my_rsvp === a ? "btn-primary" : "btn-secondary"}`}
                    aria-pressed={m.my_rsvp === a}
                    onClick={() => props.onRsvp(m, a)}
                  >
                    {t(`home.rsvp.${a}`)}
                  </button>
                ))}
              </fieldset>
            </li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="home-module">
        <h2 id="home-module">{t("home.module")}</h2>
        <p>{t("home.modulesProgress", { done: home.modules_done, total: home.modules_total })}</p>
        {next ? (
          <div class="home-item">
            <h3>{next.title}</h3>
            {next.due_on ? <p>{t("home.due", { date: formatDate(next.due_on) })}</p> : null}
            <Markdown text={next.description} />
            <button
              type="button"
              class="btn btn-primary"
              onClick={() =>
                props.act(
                  () =>
                    call(
                      api.PUT("/api/v1/programs/{program_id}/modules/{module_id}/progress", {
                        params: { path: { program_id: programId, module_id: next.id } },
                        body: { state: "done" },
                      }),
                    ),
                  t("home.moduleDone", { title: next.title }),
                  "modules",
                )
              }
            >
              {t("home.markDone")}
            </button>
          </div>
        ) : (
          <p>{t("home.allModulesDone")}</p>
        )}
      </section>

      <section class="card" aria-labelledby="home-briefings">
        <h2 id="home-briefings">{t("home.briefings")}</h2>
        {home.briefings.length === 0 ? <p>{t("home.noBriefings")}</p> : null}
        <ul class="plain-list">
          {home.briefings.map((b) => (
            <li key={b.id} class="home-item">
              <h3>
                {b.stance ? <span class="badge">{t(`home.stance.${b.stance}`)}</span> : null} {b.title}
              </h3>
              <Markdown text={b.body} />
              {b.link_url ? (
                <p>
                  {webHref(b.link_url, { mailto: true }) ? (
                    <a href={webHref(b.link_url, { mailto: true })} rel="noopener noreferrer" target="_blank">
                      {b.link_url}
                    </a>
                  ) : (
                    b.link_url
                  )}
                </p>
              ) : null}
              {b.read ? (
                <p class="muted">{t("home.read")}</p>
              ) : (
                <button
                  type="button"
                  class="btn btn-small btn-secondary"
                  onClick={() =>
                    props.act(
                      () =>
                        call(
                          api.PUT("/api/v1/programs/{program_id}/briefings/{briefing_id}/read", {
                            params: { path: { program_id: programId, briefing_id: b.id } },
                          }),
                        ),
                      t("home.read"),
                      "briefings",
                    )
                  }
                >
                  {t("home.markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="home-figures">
        <h2 id="home-figures">{t("home.figures")}</h2>
        <dl class="facts">
          <div>
            <dt>{t("home.posts")}</dt>
            <dd>{formatNumber(home.figures.me.posts)}</dd>
          </div>
          <div>
            <dt>{t("home.engagements")}</dt>
            <dd>{formatNumber(home.figures.me.engagements)}</dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="home-asked">
        <h2 id="home-asked">{t("home.asked")}</h2>
        <p>{t("home.askedLead")}</p>
        <div class="actions-row">
          <a class="btn btn-primary" href={programPath(props.slug, "requests")}>
            {t("req.record")}
          </a>
          <a class="btn btn-secondary" href={programPath(props.slug, "questions")}>
            {t("q.note")}
          </a>
        </div>
      </section>
    </div>
  );
}

// The core team's page about one influencer: who they are, their figures over the months they
// were in the program, their posts, outcomes, and the core team's private support notes.
import { GroupHistory } from "./GroupHistory";
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { MyProgram } from "../api/types";
import { LineChart } from "../components/charts";
import { confirmAction, toast } from "../components/feedback";
import { TextArea } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { invalidateKey, programKey, useApi } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, formatDateTime, formatMonth, formatMonthLong, formatNumber, t, type MessageKey } from "../i18n";
import { webHref } from "../links";
import { programPath } from "../routes";
import { FollowerForm, FollowerLineText } from "./posts/Followers";
import { RequestForm } from "./Requests";

export function InfluencerPage(props: { program: MyProgram; memberId: string }) {
  const path = { program_id: props.program.id, member_id: props.memberId };
  const person = useApi(programKey(props.program.id, "influencers", props.memberId), () =>
    call(api.GET("/api/v1/programs/{program_id}/influencers/{member_id}", { params: { path } })),
  );
  const postQuery = { member_id: props.memberId, per_page: 20 };
  const posts = useApi(programKey(props.program.id, "posts", postQuery), () =>
    call(api.GET("/api/v1/programs/{program_id}/posts", { params: { path: { program_id: props.program.id }, query: postQuery } })),
  );
  const d = person.data;
  return (
    <Page title={d ? d.name : t("person.title")} context={props.program.name}>
      <p class="muted no-print">
        <a href={programPath(props.program.slug, "controlling")}>{t("person.back")}</a>
      </p>
      <QueryError query={person} />
      {person.isPending ? <Loading /> : null}
      {d ? (
        <>
          <div class="grid-2">
            <section class="card" aria-labelledby="person-profile">
              <h2 id="person-profile">{t("person.profile")}</h2>
              <dl class="facts">
                <div>
                  <dt>{t("members.email")}</dt>
                  <dd class="break">{d.email}</dd>
                </div>
                <div>
                  <dt>{t("members.occupation")}</dt>
                  <dd>{[d.occupation, d.department].filter(Boolean).join(", ") || "–"}</dd>
                </div>
                <div>
                  <dt>{t("person.cohortTeams")}</dt>
                  <dd>{[d.cohort, ...d.teams].filter(Boolean).join(", ") || "–"}</dd>
                </div>
                <GroupHistory groups={d.groups} />
                <div>
                  <dt>{t("person.status")}</dt>
                  <dd>{t(`coh.status.${d.status}` as MessageKey)}</dd>
                </div>
                <div>
                  <dt>{t("person.since")}</dt>
                  <dd>{formatDate(d.joined_at.slice(0, 10))}</dd>
                </div>
                <div>
                  <dt>{t("followers.accounts")}</dt>
                  <dd>
                    {d.profiles.length
                      ? d.profiles.map((p, i) => (
                          <span key={p.platform}>
                            {i ? ", " : null}
                            <a href={webHref(p.url)} target="_blank" rel="noopener noreferrer">
                              {t(`platform.${p.platform}` as MessageKey)}
                            </a>
                          </span>
                        ))
                      : "–"}
                  </dd>
                </div>
              </dl>
            </section>
            <section class="card" aria-labelledby="person-figures">
              <h2 id="person-figures">{t("person.figures", { from: formatDate(d.period_from), to: formatDate(d.period_to) })}</h2>
              <ul class="kpi-tiles">
                <li>
                  <span class="kpi-label">{t("kpi.posts")}</span>
                  <span class="kpi-value">{formatNumber(d.figures.posts)}</span>
                  <span class="kpi-previous">{t("kpi.perMonth", { target: d.figures.target_per_month })}: {formatNumber(d.figures.posts_per_month)}</span>
                </li>
                <li>
                  <span class="kpi-label">{t("kpi.engagements")}</span>
                  <span class="kpi-value">{formatNumber(d.figures.engagements)}</span>
                </li>
                <li>
                  <span class="kpi-label">{t("person.checkIns")}</span>
                  <span class="kpi-value">{t("person.ofN", { n: d.figures.check_ins_attended, total: d.figures.check_ins_recorded })}</span>
                </li>
                <li>
                  <span class="kpi-label">{t("person.modules")}</span>
                  <span class="kpi-value">{t("person.ofN", { n: d.figures.modules_done, total: d.figures.modules_total })}</span>
                </li>
                <li>
                  <span class="kpi-label">{t("kpi.outcomes")}</span>
                  <span class="kpi-value">{formatNumber(d.figures.outcomes)}</span>
                </li>
              </ul>
            </section>
          </div>
          <section class="card section" aria-labelledby="person-months">
            <h2 id="person-months">{t("person.months", { target: d.figures.target_per_month })}</h2>
            <LineChart
              labels={d.months.map((m) => formatMonth(m.month))}
              yTitle={t("chart.postsAxis")}
              series={[
                { name: "posts", label: t("kpi.posts"), values: d.months.map((m) => m.posts), className: "series-posts" },
                { name: "target", label: t("person.target"), values: d.months.map(() => d.figures.target_per_month), className: "series-target" },
              ]}
            />
            <h3>{t("person.trend")}</h3>
            <p class="field-hint">{t("person.trendHint")}</p>
            <LineChart
              labels={d.months.map((m) => formatMonth(m.month))}
              yTitle={t("chart.perPostAxis")}
              series={[{ name: "per-post", label: t("person.trend"), values: d.months.map((m) => m.engagements_per_post), className: "series-engagements" }]}
            />
            <TableWrap captionId="person-months-c">
              <table class="table-compact table-cards">
                <caption id="person-months-c">{t("person.monthsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("kpi.month")}</th>
                    <th scope="col" class="num">{t("kpi.posts")}</th>
                    <th scope="col" class="num">{t("person.target")}</th>
                    <th scope="col" class="num">{t("kpi.engagements")}</th>
                    <th scope="col" class="num">{t("person.perPost")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{formatMonthLong(m.month)}</th>
                      <td class="num" data-label={t("kpi.posts")}>{formatNumber(m.posts)}</td>
                      <td class="num" data-label={t("person.target")}>{formatNumber(d.figures.target_per_month)}</td>
                      <td class="num" data-label={t("kpi.engagements")}>{formatNumber(m.engagements)}</td>
                      <td class="num" data-label={t("person.perPost")}>{m.engagements_per_post == null ? "–" : formatNumber(m.engagements_per_post)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
          <div class="grid-2 section">
            <section class="card" aria-labelledby="person-posts">
              <h2 id="person-posts">{t("person.posts")}</h2>
              {posts.data && posts.data.items.length ? (
                <ol class="plain-list stack">
                  {posts.data.items.map((p) => (
                    <li key={p.id}>
                      <a href={webHref(p.url) ?? undefined} target="_blank" rel="noopener noreferrer">
                        {formatDate(p.published_on)} · {t(`platform.${p.platform}` as MessageKey)} · {t(`format.${p.format}` as MessageKey)}
                      </a>
                      <span class="muted">
                        {" "}
                        {t("person.postFigures", { likes: p.likes, comments: p.comments, engagements: p.engagements })}
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p>{t("person.noPosts")}</p>
              )}
            </section>
            <section class="card" aria-labelledby="person-outcomes">
              <h2 id="person-outcomes">{t("kpi.outcomes")}</h2>
              {d.outcomes.length ? (
                <ul class="plain-list">
                  {d.outcomes.map((o) => (
                    <li key={o.id}>
                      {t(`outcome.${o.type}` as MessageKey)} <span class="muted">({formatDate(o.occurred_on)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("person.noOutcomes")}</p>
              )}
              <details>
                <summary>{t("req.recordFor", { name: d.name })}</summary>
                <RequestForm programId={props.program.id} memberId={props.memberId} />
              </details>
            </section>
            <section class="card" aria-labelledby="person-followers">
              <h2 id="person-followers">{t("followers.person")}</h2>
              {d.followers.length ? (
                <ul class="plain-list">
                  {d.followers.map((f) => (
                    <li key={f.platform}>
                      <FollowerLineText line={f} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("followers.personNone")}</p>
              )}
              <FollowerForm programId={props.program.id} memberId={props.memberId} platforms={d.platforms} />
            </section>
          </div>
          <Notes programId={props.program.id} memberId={props.memberId} name={d.name} />
        </>
      ) : null}
    </Page>
  );
}

function Notes(props: { programId: string; memberId: string; name: string }) {
  const path = { program_id: props.programId, member_id: props.memberId };
  const key = programKey(props.programId, "influencers", props.memberId, "notes");
  const list = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/influencers/{member_id}/notes", { params: { path } })));
  const changed = () => invalidateKey(key); // notes change nothing else
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(e: Event) {
    e.preventDefault();
    setErrors({});
    try {
      if (editing) {
        await call(api.PUT("/api/v1/programs/{program_id}/influencers/{member_id}/notes/{note_id}", { params: { path: { ...path, note_id: editing.id } }, body: { text: editing.text } }));
        setEditing(null);
        toast(t("notes.changed"));
      } else {
        await call(api.POST("/api/v1/programs/{program_id}/influencers/{member_id}/notes", { params: { path }, body: { text } }));
        setText("");
        toast(t("notes.added"));
      }
      await changed();
    } catch (err) {
      const fields = fieldErrorsFrom(err);
      setErrors(Object.keys(fields).length ? fields : { text: errorMessage(err) });
    }
  }

  async function remove(id: string) {
    if (!(await confirmAction({ title: t("notes.deleteTitle"), body: t("notes.deleteBody"), confirmLabel: t("notes.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/influencers/{member_id}/notes/{note_id}", { params: { path: { ...path, note_id: id } } }));
      toast(t("notes.deleted"));
      await changed();
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  return (
    <section class="card section" aria-labelledby="person-notes">
      <h2 id="person-notes">{t("notes.heading")}</h2>
      <p class="field-hint">{t("notes.private", { name: props.name })}</p>
      <QueryError query={list} />
      <form class="form" noValidate onSubmit={save}>
        {editing ? (
          <TextArea id="note-edit" label={t("notes.editLabel")} rows={3} value={editing.text} onValue={(v) => setEditing({ ...editing, text: v })} error={errors.text} />
        ) : (
          <TextArea id="note-new" label={t("notes.newLabel")} rows={3} value={text} onValue={setText} error={errors.text} />
        )}
        <div class="actions-row">
          <button type="submit" class="btn btn-primary">{editing ? t("notes.saveChange") : t("notes.add")}</button>
          {editing ? (
            <button type="button" class="btn btn-secondary" onClick={() => setEditing(null)}>
              {t("notes.cancel")}
            </button>
          ) : null}
        </div>
      </form>
      {list.data && list.data.length ? (
        <ul class="plain-list stack">
          {list.data.map((n) => (
            <li key={n.id} class="note">
              <p class="note-text">{n.text}</p>
              <p class="muted small">
                {n.author_name ?? t("audit.system")} · {formatDateTime(n.created_at)}
                {n.updated_at !== n.created_at ? ` · ${t("notes.edited")}` : ""}
              </p>
              {n.mine ? (
                <div class="actions-row">
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => setEditing({ id: n.id, text: n.text })} aria-label={t("notes.editNamed", { date: formatDateTime(n.created_at) })}>
                    {t("notes.edit")}
                  </button>
                  <button type="button" class="btn btn-small btn-danger-outline" onClick={() => void remove(n.id)} aria-label={t("notes.deleteNamed", { date: formatDateTime(n.created_at) })}>
                    {t("notes.delete")}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : list.data ? (
        <p>{t("notes.none")}</p>
      ) : null}
    </section>
  );
}

// The core team's Today: what needs them now, each with a count and the way to the action,
// then the program's pulse. Empty items stay away; with nothing due, one calm sentence.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { MyProgram } from "../api/types";
import { toast } from "../components/feedback";
import { Loading, QueryError } from "../components/Page";
import { programKey, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDate, formatDateTime, formatNumber, t, tn, type MessageKey } from "../i18n";
import { ErasureRequestsNotice } from "./Erasure";
import { influencerPath, programPath, type Section } from "../routes";

function Item(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <li class="card today-item" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.children}
    </li>
  );
}

export function Today(props: { program: MyProgram }) {
  const p = props.program;
  const [weeks] = useState(3);
  const query = { quiet_weeks: weeks };
  const state = useApi(programKey(p.id, "today", query), () => call(api.GET("/api/v1/programs/{program_id}/today", { params: { path: { program_id: p.id }, query } })));
  const d = state.data;
  const href = (s: Section, query = "") => programPath(p.slug, s) + query;

  async function remind(moduleId: string, title: string) {
    try {
      const r = await call(api.POST("/api/v1/programs/{program_id}/modules/{module_id}/remind", { params: { path: { program_id: p.id, module_id: moduleId } } }));
      toast(tn("today.reminded", r.reminded, { title }));
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  if (state.error) return <QueryError query={state} />;
  if (!d) return <Loading />;
  const nothing =
    !d.applications_to_review && !d.new_requests && !d.open_rounds.length && !d.meetings_missing_rsvp.length && !d.meetings_without_attendance.length &&
    !d.overdue_modules.length && !d.quiet_influencers.length && !d.expiring_briefings.length && !d.recent_outcomes.length;
  const pulse = d.pulse;
  return (
    <>
      <section aria-labelledby="today-needs">
        <h2 id="today-needs">{t("today.needs")}</h2>
        <ErasureRequestsNotice />
        {nothing ? <p class="empty-state">{t("today.nothing")}</p> : null}
        <ul class="today-list">
          {d.applications_to_review ? (
            <Item id="today-review" title={tn("today.toReview", d.applications_to_review)}>
              <a class="btn btn-secondary btn-small" href={href("applications")}>{t("today.openApplications")}</a>
            </Item>
          ) : null}
          {d.new_requests ? (
            <Item id="today-requests" title={tn("today.newRequests", d.new_requests)}>
              <a class="btn btn-secondary btn-small" href={href("requests", "?state=new")}>{t("today.openRequests")}</a>
            </Item>
          ) : null}
          {d.open_rounds.length ? (
            <Item id="today-rounds" title={tn("today.openRounds", d.open_rounds.length)}>
              <p>{d.open_rounds.map((r) => r.name).join(", ")}</p>
              <a class="btn btn-secondary btn-small" href={href("selection")}>{t("today.openSelection")}</a>
            </Item>
          ) : null}
          {d.meetings_missing_rsvp.map((m) => (
            <Item key={m.id} id={`today-rsvp-${m.id}`} title={tn("today.missingRsvp", m.pending, { title: m.title })}>
              <p>{formatDateTime(m.starts_at)}</p>
              <a class="btn btn-secondary btn-small" href={href("meetings")}>{t("today.openMeetings")}</a>
            </Item>
          ))}
          {d.meetings_without_attendance.map((m) => (
            <Item key={m.id} id={`today-att-${m.id}`} title={t("today.noAttendance", { title: m.title })}>
              <p>{formatDateTime(m.starts_at)}</p>
              <a class="btn btn-primary btn-small" href={href("meetings", `?attendance=${encodeURIComponent(m.id)}`)}
                aria-label={t("today.takeAttendanceFor", { title: m.title, date: formatDate(m.starts_at.slice(0, 10)) })}>
                {t("today.takeAttendance")}
              </a>
            </Item>
          ))}
          {d.overdue_modules.map((m) => (
            <Item key={m.id} id={`today-mod-${m.id}`} title={tn("today.overdue", m.behind.length, { title: m.title, date: formatDate(m.due_on) })}>
              <p>{m.behind.map((b) => b.name).join(", ")}</p>
              <button type="button" class="btn btn-primary btn-small" onClick={() => void remind(m.id, m.title)} aria-label={t("today.remindFor", { title: m.title })}>
                {t("today.remind")}
              </button>{" "}
              <a class="btn btn-secondary btn-small" href={href("learning")}>{t("today.openLearning")}</a>
            </Item>
          ))}
          {d.quiet_influencers.length ? (
            <Item id="today-quiet" title={tn("today.quiet", d.quiet_influencers.length, { weeks: d.quiet_weeks })}>
              <p class="field-hint">{t("today.quietHint")}</p>
              <ul class="plain-list">
                {d.quiet_influencers.map((q) => (
                  <li key={q.member_id}>
                    <a href={influencerPath(p.slug, q.member_id)}>{q.name}</a> <span class="muted">({q.last_post_on ? t("today.lastPost", { date: formatDate(q.last_post_on) }) : t("today.noPostYet")})</span>
                  </li>
                ))}
              </ul>
            </Item>
          ) : null}
          {d.expiring_briefings.length ? (
            <Item id="today-briefings" title={tn("today.expiring", d.expiring_briefings.length)}>
              <ul class="plain-list">
                {d.expiring_briefings.map((b) => (
                  <li key={b.id}>
                    {b.title} <span class="muted">({t("today.until", { date: formatDateTime(b.expires_at) })})</span>
                  </li>
                ))}
              </ul>
              <a class="btn btn-secondary btn-small" href={href("briefings")}>{t("today.openBriefings")}</a>
            </Item>
          ) : null}
          {d.recent_outcomes.length ? (
            <Item id="today-outcomes" title={tn("today.outcomes", d.recent_outcomes.length)}>
              <ul class="plain-list">
                {d.recent_outcomes.slice(0, 5).map((o) => (
                  <li key={o.id}>
                    {t(`outcome.${o.type}` as MessageKey)}: {o.name} <span class="muted">({formatDate(o.occurred_on)})</span>
                  </li>
                ))}
              </ul>
              <a class="btn btn-secondary btn-small" href={href("controlling")}>{t("today.openControlling")}</a>
            </Item>
          ) : null}
        </ul>
      </section>
      <section class="card today-pulse" aria-labelledby="today-pulse">
        <h2 id="today-pulse">{t("today.pulse")}</h2>
        <ul class="kpi-tiles">
          <li>
            <span class="kpi-label">{t("today.postsThisMonth")}</span>
            <span class="kpi-value">{formatNumber(pulse.posts)}</span>
            <span class="kpi-previous">
              {t("today.lastMonth", { n: pulse.last_month_posts })} · {t("today.target", { n: pulse.target_posts })}
            </span>
          </li>
          <li>
            <span class="kpi-label">{t("today.engagementsThisMonth")}</span>
            <span class="kpi-value">{formatNumber(pulse.engagements)}</span>
            <span class="kpi-previous">{t("today.lastMonth", { n: pulse.last_month_engagements })}</span>
          </li>
        </ul>
      </section>
    </>
  );
}

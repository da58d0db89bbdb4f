import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { FilterChoices, GroupRow, KpiTotals, MyProgram, Post, ProgramKpis } from "../api/types";
import { InlineBar, LineChart, Sparkline } from "../components/charts";
import { SelectField, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { programKey, useApi } from "../data";
import { formatDate, formatMonth, formatMonthLong, formatNumber, getLocale, t, type MessageKey } from "../i18n";
import { BroughtPosts } from "./controlling/Brought";
import { ReportSubscription } from "./ReportSubscription";
import { signed } from "./posts/Followers";
import { influencerPath } from "../routes";

/** The period and, optionally, what the figures are narrowed to (ids of cohort and team). */
type Period = { from: string; to: string; platform?: string; cohort?: string; team?: string };

const FILTERS = ["platform", "cohort", "team"] as const;

/** The query of every KPI view and download for a period and filter. */
export function viewQuery(period: Period): Record<string, string> {
  const q: Record<string, string> = {};
  if (period.from) q.from = period.from;
  if (period.to) q.to = period.to;
  for (const f of FILTERS) if (period[f]) q[f] = period[f]!;
  return q;
}

/** The last day of a month "YYYY-MM" as "YYYY-MM-DD". */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y!, m!, 0)).getUTCDate()).padStart(2, "0")}`;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** HR leadership's period is whole months (the server refuses anything else): by default
 * from the program's first month to the last month that is over (see kpis/privacy.py). */
export function defaultPeriod(program: MyProgram, wholeMonths: boolean, today = new Date().toISOString().slice(0, 10)): Period {
  const p = program;
  if (!wholeMonths) {
    const to = p.ends_on && p.ends_on < today ? p.ends_on : today;
    return { from: p.starts_on ?? "", to };
  }
  let to = shiftMonth(today.slice(0, 7), -1);
  if (p.ends_on && p.ends_on.slice(0, 7) < to) to = p.ends_on.slice(0, 7);
  let from = p.starts_on ? p.starts_on.slice(0, 7) : shiftMonth(to, -5);
  if (from > to) to = from;
  return { from: `${from}-01`, to: monthEnd(to) };
}

function exportUrl(programId: string, period: Period, format: "csv" | "xlsx"): string {
  // The file speaks the UI language.
  const q = new URLSearchParams({ format, lang: getLocale(), ...viewQuery(period) });
  return `/api/v1/programs/${encodeURIComponent(programId)}/kpis/export?${q.toString()}`;
}

/** The printable report as the monthly email attaches it (reports/document.py). */
function reportPdfUrl(programId: string, period: Period): string {
  const q = new URLSearchParams({ lang: getLocale(), ...viewQuery(period) });
  return `/api/v1/programs/${encodeURIComponent(programId)}/kpis/report.pdf?${q.toString()}`;
}

function pct(v: number | null | undefined): string {
  return v == null ? t("kpi.noData") : `${formatNumber(v)} %`;
}

function PeriodForm(props: { value: Period; onApply: (p: Period) => void; months: boolean; choices?: FilterChoices }) {
  const cut = (v: string) => (props.months ? v.slice(0, 7) : v);
  const [from, setFrom] = useState(cut(props.value.from));
  const [to, setTo] = useState(cut(props.value.to));
  const [platform, setPlatform] = useState(props.value.platform ?? "");
  const [cohort, setCohort] = useState(props.value.cohort ?? "");
  const [team, setTeam] = useState(props.value.team ?? "");
  const choices = props.choices;
  const all = { value: "", label: t("kpi.filterAll") };
  const narrowed = { platform: platform || undefined, cohort: cohort || undefined, team: team || undefined };
  const hint = props.months ? "kpi-months-hint" : undefined;
  return (
    <>
      {hint ? <p id={hint} class="field-hint no-print">{t("kpi.monthsHint")}</p> : null}
      <form
        class="period-form no-print"
        aria-label={t("kpi.period")}
        onSubmit={(e) => {
          e.preventDefault();
          const period = props.months ? { from: from && `${from}-01`, to: to && monthEnd(to) } : { from, to };
          props.onApply({ ...period, ...narrowed });
        }}
      >
        <TextField id="kpi-from" label={t("kpi.from")} type={props.months ? "month" : "date"} aria-describedby={hint} value={from} onValue={setFrom} />
        <TextField id="kpi-to" label={t("kpi.to")} type={props.months ? "month" : "date"} aria-describedby={hint} value={to} onValue={setTo} />
        {choices && choices.platforms.length > 1 ? (
          <SelectField
            id="kpi-platform"
            label={t("kpi.platform")}
            value={platform}
            onValue={setPlatform}
            options={[all, ...choices.platforms.map((p) => ({ value: p, label: t(`platform.${p}` as MessageKey) }))]}
          />
        ) : null}
        {choices?.cohorts.length ? (
          <SelectField id="kpi-cohort" label={t("kpi.filterCohort")} value={cohort} onValue={setCohort} options={[all, ...choices.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        ) : null}
        {choices?.teams.length ? (
          <SelectField id="kpi-team" label={t("kpi.filterTeam")} value={team} onValue={setTeam} options={[all, ...choices.teams.map((c) => ({ value: c.id, label: c.name }))]} />
        ) : null}
        <button type="submit" class="btn btn-secondary">
          {t("kpi.apply")}
        </button>
      </form>
    </>
  );
}

/** Why HR leadership does not see a figure, in words (the server sends a code). */
export function hiddenReason(code: string, minGroup: number): string {
  if (code === "month_not_over") return t("kpi.hiddenNotOver");
  if (code === "rest_fewer_than_min_group") return t("kpi.hiddenRest", { n: minGroup });
  if (code === "filtered") return t("kpi.hiddenFiltered");
  return t("kpi.hiddenFew", { n: minGroup });
}

/** The filter the figures are narrowed to, in words ("LinkedIn · Cohort Pilot"), or "". */
export function filterWords(filter: ProgramKpis["filter"]): string {
  if (!filter) return "";
  const parts = [];
  if (filter.platform) parts.push(t(`platform.${filter.platform}` as MessageKey));
  if (filter.cohort) parts.push(`${t("kpi.filterCohort")} ${filter.cohort}`);
  if (filter.team) parts.push(`${t("kpi.filterTeam")} ${filter.team}`);
  return parts.join(" · ");
}

function num(v: number | null | undefined): string {
  return v == null ? t("kpi.hiddenValue") : formatNumber(v);
}

type Figure = keyof KpiTotals & string;

function Tiles(props: { totals: KpiTotals; previous?: KpiTotals; minGroup: number }) {
  const { totals, previous, minGroup } = props;
  const euros = (v: number | null | undefined) => (v == null ? "–" : t("kpi.euros", { value: v }));
  const show = (k: KpiTotals, name: Figure, fmt: (v: number | null | undefined) => string) =>
    k.suppressed?.[name] ? t("kpi.hiddenValue") : fmt(k[name] as number | null);
  const tiles: [MessageKey, Figure, (v: number | null | undefined) => string][] = [
    ["kpi.posts", "posts", num],
    ["kpi.likes", "likes", num],
    ["kpi.comments", "comments", num],
    ["kpi.engagements", "engagements", num],
    ["kpi.rate", "engagement_rate", pct],
    ["kpi.participation", "participation_rate", pct],
    ["kpi.outcomes", "outcomes", num],
  ];
  if (totals.earned_media_value != null || totals.suppressed?.earned_media_value) tiles.push(["kpi.emv", "earned_media_value", euros]);
  // Followers only where people record them (or HR may not see them).
  if (totals.followers != null || totals.suppressed?.followers) {
    tiles.push(["kpi.followers", "followers", num], ["kpi.followerGrowth", "follower_growth", num]);
  }
  return (
    <ul class="kpi-tiles">
      {tiles.map(([label, name, fmt]) => {
        const reason = totals.suppressed?.[name];
        // The previous period is a comparison only when something happened in it.
        const prev = previous && (previous.posts ?? 0) > 0 ? show(previous, name, fmt) : undefined;
        return (
          <li key={label}>
            <span class="kpi-label">{t(label)}</span>
            <span class="kpi-value">{show(totals, name, fmt)}</span>
            {reason ? <span class="kpi-hidden">{hiddenReason(reason, minGroup)}</span> : null}
            {prev !== undefined ? <span class="kpi-previous">{t("kpi.previous", { value: prev })}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function groupLabel(kind: "platform" | "format" | "plain", key: string): string {
  if (key === "other") return t("kpi.other");
  if (kind === "platform") return t(`platform.${key}` as MessageKey);
  if (kind === "format") return t(`format.${key}` as MessageKey);
  return key;
}

function GroupTable(props: { id: string; title: MessageKey; rows: GroupRow[]; kind: "platform" | "format" | "plain"; hidden?: string }) {
  const max = Math.max(0, ...props.rows.map((r) => r.posts));
  return (
    <section class="card" aria-labelledby={`${props.id}-h`}>
      <h3 id={`${props.id}-h`}>{t(props.title)}</h3>
      {props.hidden ? <p class="kpi-hidden">{t("kpi.hiddenSection", { reason: props.hidden })}</p> : null}
      <TableWrap captionId={`${props.id}-c`}>
        <table class="table-compact table-cards">
          <caption id={`${props.id}-c`} class="visually-hidden">{t(props.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.group")}</th>
              <th scope="col" class="num">{t("kpi.people")}</th>
              <th scope="col" class="num">{t("kpi.posts")}</th>
              <th scope="col" class="num">{t("kpi.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{groupLabel(props.kind, r.key)}</th>
                <td class="num" data-label={t("kpi.people")}>{formatNumber(r.people)}</td>
                <td class="nowrap num" data-label={t("kpi.posts")}>
                  {formatNumber(r.posts)}
                  <InlineBar value={r.posts} max={max} />
                </td>
                <td class="num" data-label={t("kpi.engagements")}>{formatNumber(r.engagements)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Monthly(props: { kpis: ProgramKpis }) {
  const rows = props.kpis.monthly;
  const minGroup = props.kpis.min_group_size;
  return (
    <section class="card" aria-labelledby="monthly-h">
      <h2 id="monthly-h">{t("kpi.monthly")}</h2>
      {/* Every month hidden (HR): a chart of nothing says less than the table's reasons. */}
      {rows.some((r) => r.posts != null) ? (
        <div class="grid-2">
          <LineChart
            labels={rows.map((r) => formatMonth(r.month))}
            yTitle={t("chart.postsAxis")}
            series={[{ name: "posts", label: t("kpi.posts"), values: rows.map((r) => r.posts ?? null), className: "series-posts" }]}
          />
          <LineChart
            labels={rows.map((r) => formatMonth(r.month))}
            yTitle={t("chart.engagementsAxis")}
            series={[{ name: "engagements", label: t("kpi.engagements"), values: rows.map((r) => r.engagements ?? null), className: "series-engagements" }]}
          />
        </div>
      ) : null}
      <TableWrap captionId="monthly-c">
        <table class="table-compact table-cards">
          <caption id="monthly-c">{t("kpi.monthly")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.month")}</th>
              <th scope="col" class="num">{t("kpi.posts")}</th>
              <th scope="col" class="num">{t("kpi.likes")}</th>
              <th scope="col" class="num">{t("kpi.comments")}</th>
              <th scope="col" class="num">{t("kpi.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">{formatMonthLong(r.month)}</th>
                {r.suppressed ? (
                  <td colSpan={4} class="kpi-hidden">
                    <span aria-hidden="true">{t("kpi.hiddenValue")} </span>
                    {hiddenReason(r.suppressed, minGroup)}
                  </td>
                ) : (
                  <>
                    <td class="num" data-label={t("kpi.posts")}>{num(r.posts)}</td>
                    <td class="num" data-label={t("kpi.likes")}>{num(r.likes)}</td>
                    <td class="num" data-label={t("kpi.comments")}>{num(r.comments)}</td>
                    <td class="num" data-label={t("kpi.engagements")}>{num(r.engagements)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Formulas() {
  return (
    <section class="card formulas" aria-labelledby="formulas-h">
      <h2 id="formulas-h">{t("kpi.formulas")}</h2>
      <ul>
        <li>{t("kpi.formula.engagements")}</li>
        <li>{t("kpi.formula.rate")}</li>
        <li>{t("kpi.formula.participation")}</li>
        <li>{t("kpi.formula.followers")}</li>
        <li>{t("kpi.formula.followerGrowth")}</li>
        <li>{t("kpi.formula.emv")}</li>
      </ul>
    </section>
  );
}

const INFLUENCERS_PER_PAGE = 50;

function InfluencerTable(props: { programId: string; slug: string; period: Period }) {
  const [sort, setSort] = useState<"posts" | "engagements" | "last_post_on" | "name" | "outcomes">("posts");
  const view = JSON.stringify(viewQuery(props.period));
  const [paged, setPaged] = useState({ page: 1, view, sort });
  // A new period, filter or order starts again at the first page.
  const page = paged.view === view && paged.sort === sort ? paged.page : 1;
  const query = { ...viewQuery(props.period), sort, page, per_page: INFLUENCERS_PER_PAGE };
  const rows = useApi(
    programKey(props.programId, "kpis", "influencers", query),
    () => call(api.GET("/api/v1/programs/{program_id}/kpis/influencers", { params: { path: { program_id: props.programId }, query } })),
    { keep: true },
  );
  return (
    <section class="card" aria-labelledby="infl-h">
      <h2 id="infl-h">{t("kpi.influencers")}</h2>
      <SelectField
        id="infl-sort"
        label={t("kpi.sortBy")}
        inline
        value={sort}
        onValue={(v) => setSort(v as typeof sort)}
        options={[
          { value: "posts", label: t("kpi.posts") },
          { value: "engagements", label: t("kpi.engagements") },
          { value: "last_post_on", label: t("kpi.lastPost") },
          { value: "outcomes", label: t("kpi.outcomes") },
          { value: "name", label: t("kpi.name") },
        ]}
      />
      <QueryError query={rows} />
      {rows.data ? (
        <TableWrap captionId="infl-c" busy={rows.isFetching}>
          <table class="table-compact table-cards table-sticky">
            <caption id="infl-c">{t("kpi.influencers")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("kpi.name")}</th>
                <th scope="col" class="num">{t("kpi.posts")}</th>
                <th scope="col" class="num">{t("kpi.perMonth", { target: rows.data.items[0]?.target_per_month ?? 0 })}</th>
                <th scope="col">{t("kpi.trend")}</th>
                <th scope="col" class="num">{t("kpi.engagements")}</th>
                <th scope="col" class="num">{t("kpi.rate")}</th>
                <th scope="col">{t("kpi.lastPost")}</th>
                <th scope="col" class="num">{t("kpi.outcomes")}</th>
                <th scope="col" class="num">{t("kpi.followersAtEnd")}</th>
                <th scope="col" class="num">{t("kpi.followerGrowth")}</th>
                <th scope="col">{t("kpi.checkIns")}</th>
                <th scope="col">{t("kpi.modules")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.items.map((r) => (
                <tr key={r.member_id}>
                  <th scope="row">
                    <a href={influencerPath(props.slug, r.member_id)}>{r.name}</a>
                    {r.occupation ? <span class="cell-sub">{r.occupation}</span> : null}
                  </th>
                  <td class="num" data-label={t("kpi.posts")}>{formatNumber(r.posts)}</td>
                  <td class="num" data-label={t("kpi.perMonth", { target: r.target_per_month })}>{formatNumber(r.posts_per_month)}</td>
                  <td class="half" data-label={t("kpi.trend")}>
                    <Sparkline values={r.monthly_posts} />
                  </td>
                  <td class="num" data-label={t("kpi.engagements")}>{formatNumber(r.engagements)}</td>
                  <td class="num" data-label={t("kpi.rate")}>{pct(r.engagement_rate)}</td>
                  <td class="nowrap half" data-label={t("kpi.lastPost")}>{r.last_post_on ? formatDate(r.last_post_on) : "–"}</td>
                  <td class="num" data-label={t("kpi.outcomes")}>{formatNumber(r.outcomes)}</td>
                  <td class="num half" data-label={t("kpi.followersAtEnd")}>{r.followers == null ? "–" : formatNumber(r.followers)}</td>
                  <td class="num half" data-label={t("kpi.followerGrowth")}>{r.follower_growth == null ? "–" : signed(r.follower_growth)}</td>
                  <td class="half" data-label={t("kpi.checkIns")}>{t("kpi.ofTotal", { n: r.check_ins_attended, total: r.check_ins_recorded })}</td>
                  <td class="half" data-label={t("kpi.modules")}>{t("kpi.ofTotal", { n: r.modules_done, total: r.modules_total })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {rows.data && rows.data.total > INFLUENCERS_PER_PAGE ? (
        <Pagination page={rows.data.page} perPage={rows.data.per_page} total={rows.data.total} name={t("kpi.influencers")} onPage={(n) => setPaged({ page: n, view, sort })} />
      ) : null}
    </section>
  );
}

function Outcomes(props: { kpis: ProgramKpis }) {
  const entries = Object.entries(props.kpis.outcomes_by_type).sort((a, b) => b[1] - a[1]);
  const hidden = props.kpis.suppressed?.outcomes_by_type;
  // For HR "other" also holds the types of too few people.
  const label = (type: string) => (props.kpis.restricted && type === "other" ? t("kpi.other") : t(`outcome.${type}` as MessageKey));
  return (
    <section class="card" aria-labelledby="outc-h">
      <h3 id="outc-h">{t("kpi.outcomesByType")}</h3>
      {hidden ? <p class="kpi-hidden">{t("kpi.hiddenSection", { reason: hiddenReason(hidden, props.kpis.min_group_size) })}</p> : null}
      <TableWrap captionId="outc-c">
        <table class="table-compact">
          <caption id="outc-c" class="visually-hidden">{t("kpi.outcomesByType")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.type")}</th>
              <th scope="col">{t("kpi.count")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([type, n]) => (
              <tr key={type}>
                <th scope="row">{label(type)}</th>
                <td>{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function TopQuestions(props: { kpis: ProgramKpis }) {
  const k = props.kpis;
  const hidden = k.suppressed?.top_questions;
  if (!k.top_questions.length && !hidden) return null;
  return (
    <section class="card section" aria-labelledby="topq-h">
      <h2 id="topq-h">{t("q.topQuestions")}</h2>
      <p class="field-hint">{t("q.topQuestionsHint")}</p>
      {hidden ? <p class="kpi-hidden">{t("kpi.hiddenSection", { reason: hiddenReason(hidden, k.min_group_size) })}</p> : null}
      {k.top_questions.length ? (
        <TableWrap captionId="topq-c">
          <table class="table-compact">
            <caption id="topq-c" class="visually-hidden">
              {t("q.topQuestions")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("q.topic")}</th>
                <th scope="col" class="num">{t("q.count")}</th>
              </tr>
            </thead>
            <tbody>
              {k.top_questions.map((q) => (
                <tr key={q.topic}>
                  <th scope="row">{q.topic}</th>
                  <td class="num">{formatNumber(q.questions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

function TopPosts(props: { posts: Post[]; restricted: boolean }) {
  return (
    <section class="card" aria-labelledby="top-h">
      <h2 id="top-h">{t("kpi.topPosts")}</h2>
      {props.restricted ? <p class="field-hint">{t("kpi.topPostsRankings")}</p> : null}
      <TableWrap captionId="top-c">
        <table class="table-compact table-cards">
          <caption id="top-c" class="visually-hidden">{t("kpi.topPosts")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.date")}</th>
              <th scope="col">{t("kpi.author")}</th>
              <th scope="col">{t("kpi.platform")}</th>
              <th scope="col" class="num">{t("kpi.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {props.posts.map((p) => (
              <tr key={p.id}>
                <th scope="row" class="nowrap">
                  <a href={p.url} rel="noopener noreferrer" target="_blank">{formatDate(p.published_on)}</a>
                </th>
                <td data-label={t("kpi.author")}>{p.member_name}</td>
                <td class="half" data-label={t("kpi.platform")}>{t(`platform.${p.platform}` as MessageKey)}</td>
                <td class="num" data-label={t("kpi.engagements")}>{formatNumber(p.engagements)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** The chosen period lives for the browser session, per program, so the KPI page, the report
 * and controlling all show the same months until the person picks others. */
function keptPeriod(program: MyProgram, wholeMonths: boolean): Period {
  try {
    const kept = JSON.parse(sessionStorage.getItem(`botschaft.period.${program.id}`) ?? "null") as Period | null;
    if (kept && typeof kept.from === "string" && typeof kept.to === "string") return kept;
  } catch {
    // no storage (private mode) or an old value: the default
  }
  return defaultPeriod(program, wholeMonths);
}

function keepPeriod(program: MyProgram, period: Period): void {
  try {
    sessionStorage.setItem(`botschaft.period.${program.id}`, JSON.stringify(period));
  } catch {
    // not kept; the page still shows it
  }
}

function DashboardBody(props: { program: MyProgram; report?: boolean }) {
  const core = props.program.role === "core_team";
  const [period, setPeriodState] = useState<Period>(() => keptPeriod(props.program, !core));
  const setPeriod = (p: Period) => {
    keepPeriod(props.program, p);
    setPeriodState(p);
  };
  const query = viewQuery(period);
  const kpis = useApi(
    programKey(props.program.id, "kpis", query),
    () => call(api.GET("/api/v1/programs/{program_id}/kpis", { params: { path: { program_id: props.program.id }, query } })),
    { keep: true },
  );
  const k = kpis.data;
  const hidden = (section: string) => {
    const code = k?.suppressed?.[section];
    return code ? hiddenReason(code, k!.min_group_size) : undefined;
  };
  return (
    <>
      {/* Remounted when the view changes (e.g. the filter is cleared), so its fields follow. */}
      <PeriodForm key={JSON.stringify(period)} value={period} onApply={setPeriod} months={!core} choices={k?.choices} />
      <p class="no-print actions-row">
        {props.report ? (
          <button type="button" class="btn btn-secondary" onClick={() => window.print()}>
            {t("kpi.print")}
          </button>
        ) : null}{" "}
        <a class="btn btn-secondary" href={exportUrl(props.program.id, period, "xlsx")} download>
          {t("kpi.downloadXlsx")}
        </a>{" "}
        <a class="btn btn-secondary" href={exportUrl(props.program.id, period, "csv")} download>
          {t("kpi.downloadCsv")}
        </a>{" "}
        <a class="btn btn-secondary" href={reportPdfUrl(props.program.id, period)} download>
          {t("kpi.downloadPdf")}
        </a>
      </p>
      <QueryError query={kpis} />
      {kpis.isPending ? <Loading /> : null}
      {k ? (
        <>
          <p>
            {t("kpi.period")}: {formatDate(k.period_from)} – {formatDate(k.period_to)}
          </p>
          {filterWords(k.filter) ? (
            <p class="kpi-filtered" role="status">
              <strong>{t("kpi.filtered", { what: filterWords(k.filter) })}</strong>{" "}
              <button type="button" class="btn btn-secondary btn-small no-print" onClick={() => setPeriod({ from: period.from, to: period.to })}>
                {t("kpi.clearFilter")}
              </button>
            </p>
          ) : null}
          {k.restricted ? <p class="field-hint">{t("kpi.privacy", { n: k.min_group_size })}</p> : null}
          <Tiles totals={k.totals} previous={k.previous} minGroup={k.min_group_size} />
          <Monthly kpis={k} />
          {k.suppressed?.by_platform === "filtered" ? (
            <p class="card kpi-hidden">{t("kpi.breakdownsFiltered")}</p>
          ) : (
            <div class="grid-2">
              <GroupTable id="by-platform" title="kpi.byPlatform" rows={k.by_platform} kind="platform" hidden={hidden("by_platform")} />
              <GroupTable id="by-format" title="kpi.byFormat" rows={k.by_format} kind="format" hidden={hidden("by_format")} />
              <GroupTable id="by-group" title="kpi.byGroup" rows={k.by_occupation} kind="plain" hidden={hidden("by_occupation")} />
              {k.by_cohort.length || hidden("by_cohort") ? <GroupTable id="by-cohort" title="kpi.byCohort" rows={k.by_cohort} kind="plain" hidden={hidden("by_cohort")} /> : null}
              {k.by_team.length || hidden("by_team") ? <GroupTable id="by-team" title="kpi.byTeam" rows={k.by_team} kind="plain" hidden={hidden("by_team")} /> : null}
              <Outcomes kpis={k} />
            </div>
          )}
          <TopQuestions kpis={k} />
          {k.top_posts?.length ? <TopPosts posts={k.top_posts} restricted={!!k.restricted} /> : null}
          {core && k.brought ? <BroughtPosts rows={k.brought} slug={props.program.slug} /> : null}
          {core ? <InfluencerTable programId={props.program.id} slug={props.program.slug} period={period} /> : null}
          <Formulas />
        </>
      ) : null}
    </>
  );
}

/** Core team "Controlling" and HR leadership "KPIs". */
export function DashboardPage(props: { program: MyProgram }) {
  const title = props.program.role === "core_team" ? t("nav.controlling") : t("nav.kpis");
  return (
    <Page title={title} context={props.program.name}>
      <DashboardBody program={props.program} />
      {props.program.role === "core_team" ? <ReportSubscription program={props.program} /> : null}
    </Page>
  );
}

/** HR leadership: a printable report of the same aggregates. */
export function ReportPage(props: { program: MyProgram }) {
  return (
    <Page title={t("nav.report")} context={props.program.name} lead={t("kpi.reportLead")}>
      {/* On paper the header with the program switcher is hidden: name the program and the day. */}
      <p class="print-only">{t("report.printedFor", { program: props.program.name, date: formatDate(new Date().toISOString()) })}</p>
      <DashboardBody program={props.program} report />
      <ReportSubscription program={props.program} />
    </Page>
  );
}

/** An influencer's own figures next to the team's totals. */
export function MyFigures(props: { program: MyProgram }) {
  const mine = useApi(programKey(props.program.id, "kpis", "me"), () =>
    call(api.GET("/api/v1/programs/{program_id}/kpis/me", { params: { path: { program_id: props.program.id } } })),
  );
  if (!mine.data) return <QueryError query={mine} />;
  const me = mine.data.me;
  return (
    <section class="card" aria-labelledby="my-figures-h">
      <h2 id="my-figures-h">{t("kpi.mine")}</h2>
      <ul class="kpi-tiles">
        <li>
          <span class="kpi-label">{t("kpi.posts")}</span>
          <span class="kpi-value">{formatNumber(me.posts)}</span>
          <span class="kpi-previous">{t("kpi.perMonth", { target: me.target_per_month })}: {formatNumber(me.posts_per_month)}</span>
        </li>
        <li>
          <span class="kpi-label">{t("kpi.engagements")}</span>
          <span class="kpi-value">{formatNumber(me.engagements)}</span>
        </li>
        <li>
          <span class="kpi-label">{t("kpi.rate")}</span>
          <span class="kpi-value">{pct(me.engagement_rate)}</span>
        </li>
        <li>
          <span class="kpi-label">{t("kpi.team")}</span>
          <span class="kpi-value">{num(mine.data.team.posts)}</span>
          <span class="kpi-previous">{t("kpi.posts")}</span>
        </li>
      </ul>
    </section>
  );
}

import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { GroupRow, KpiTotals, MyProgram, ProgramKpis } from "../api/types";
import { InlineBar, LineChart, Sparkline } from "../components/charts";
import { SelectField, TextField } from "../components/forms";
import { ErrorNotice, Loading, Page } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { errorMessage } from "../errors";
import { useAsync } from "../hooks";
import { formatDate, formatNumber, getLocale, t, type MessageKey } from "../i18n";

type Period = { from: string; to: string };

function defaultPeriod(program: MyProgram): Period {
  const p = program as MyProgram & { starts_on?: string | null; ends_on?: string | null };
  const today = new Date().toISOString().slice(0, 10);
  const to = p.ends_on && p.ends_on < today ? p.ends_on : today;
  return { from: p.starts_on ?? "", to };
}

function exportUrl(programId: string, period: Period, format: "csv" | "xlsx"): string {
  const q = new URLSearchParams({ format, lang: getLocale() }); // the file speaks the UI language
  if (period.from) q.set("from", period.from);
  if (period.to) q.set("to", period.to);
  return `/api/v1/programs/${encodeURIComponent(programId)}/kpis/export?${q.toString()}`;
}

function pct(v: number | null | undefined): string {
  return v == null ? t("kpi.noData") : `${formatNumber(v)} %`;
}

function PeriodForm(props: { value: Period; onApply: (p: Period) => void }) {
  const [from, setFrom] = useState(props.value.from);
  const [to, setTo] = useState(props.value.to);
  return (
    <form
      class="period-form no-print"
      aria-label={t("kpi.period")}
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply({ from, to });
      }}
    >
      <TextField id="kpi-from" label={t("kpi.from")} type="date" value={from} onValue={setFrom} />
      <TextField id="kpi-to" label={t("kpi.to")} type="date" value={to} onValue={setTo} />
      <button type="submit" class="btn btn-secondary">
        {t("kpi.apply")}
      </button>
    </form>
  );
}

function Tiles(props: { totals: KpiTotals; previous?: KpiTotals }) {
  const { totals, previous } = props;
  const tiles: [MessageKey, string, string | undefined][] = [
    ["kpi.posts", formatNumber(totals.posts), previous && formatNumber(previous.posts)],
    ["kpi.likes", formatNumber(totals.likes), previous && formatNumber(previous.likes)],
    ["kpi.comments", formatNumber(totals.comments), previous && formatNumber(previous.comments)],
    ["kpi.engagements", formatNumber(totals.engagements), previous && formatNumber(previous.engagements)],
    ["kpi.rate", pct(totals.engagement_rate), previous && pct(previous.engagement_rate)],
    ["kpi.participation", pct(totals.participation_rate), previous && pct(previous.participation_rate)],
    ["kpi.outcomes", formatNumber(totals.outcomes), previous && formatNumber(previous.outcomes)],
  ];
  if (totals.earned_media_value != null) {
    const euros = (v: number | null | undefined) => (v == null ? "–" : t("kpi.euros", { value: v }));
    tiles.push(["kpi.emv", euros(totals.earned_media_value), previous && euros(previous.earned_media_value)]);
  }
  return (
    <ul class="kpi-tiles">
      {tiles.map(([label, value, prev]) => (
        <li key={label}>
          <span class="kpi-label">{t(label)}</span>
          <span class="kpi-value">{value}</span>
          {prev !== undefined ? <span class="kpi-previous">{t("kpi.previous", { value: prev })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function groupLabel(kind: "platform" | "format" | "plain", key: string): string {
  if (key === "other") return t("kpi.other");
  if (kind === "platform") return t(`platform.${key}` as MessageKey);
  if (kind === "format") return t(`format.${key}` as MessageKey);
  return key;
}

function GroupTable(props: { id: string; title: MessageKey; rows: GroupRow[]; kind: "platform" | "format" | "plain" }) {
  const max = Math.max(0, ...props.rows.map((r) => r.posts));
  return (
    <section class="card" aria-labelledby={`${props.id}-h`}>
      <h3 id={`${props.id}-h`}>{t(props.title)}</h3>
      <TableWrap captionId={`${props.id}-c`}>
        <table class="table-compact">
          <caption id={`${props.id}-c`} class="visually-hidden">{t(props.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.group")}</th>
              <th scope="col">{t("kpi.people")}</th>
              <th scope="col">{t("kpi.posts")}</th>
              <th scope="col">{t("kpi.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{groupLabel(props.kind, r.key)}</th>
                <td>{formatNumber(r.people)}</td>
                <td class="nowrap">
                  {formatNumber(r.posts)}
                  <InlineBar value={r.posts} max={max} />
                </td>
                <td>{formatNumber(r.engagements)}</td>
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
  return (
    <section class="card" aria-labelledby="monthly-h">
      <h2 id="monthly-h">{t("kpi.monthly")}</h2>
      <ul class="legend" aria-hidden="true">
        <li><span class="swatch swatch-posts" />{t("kpi.posts")}</li>
        <li><span class="swatch swatch-engagements" />{t("kpi.engagements")} ÷ 10</li>
      </ul>
      <LineChart
        labels={rows.map((r) => r.month.slice(5) + "/" + r.month.slice(2, 4))}
        series={[
          { name: "posts", values: rows.map((r) => r.posts), className: "series-posts" },
          { name: "engagements", values: rows.map((r) => Math.round(r.engagements / 10)), className: "series-engagements" },
        ]}
      />
      <TableWrap captionId="monthly-c">
        <table class="table-compact">
          <caption id="monthly-c">{t("kpi.monthly")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kpi.month")}</th>
              <th scope="col">{t("kpi.posts")}</th>
              <th scope="col">{t("kpi.likes")}</th>
              <th scope="col">{t("kpi.comments")}</th>
              <th scope="col">{t("kpi.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">{r.month}</th>
                <td>{formatNumber(r.posts)}</td>
                <td>{formatNumber(r.likes)}</td>
                <td>{formatNumber(r.comments)}</td>
                <td>{formatNumber(r.engagements)}</td>
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
      </ul>
    </section>
  );
}

function InfluencerTable(props: { programId: string; period: Period }) {
  const [sort, setSort] = useState<"posts" | "engagements" | "last_post_on" | "name" | "outcomes">("posts");
  const rows = useAsync(
    () =>
      call(
        api.GET("/api/v1/programs/{program_id}/kpis/influencers", {
          params: { path: { program_id: props.programId }, query: { from: props.period.from || null, to: props.period.to || null, sort, per_page: 200 } },
        }),
      ),
    [props.programId, props.period.from, props.period.to, sort],
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
      {rows.error ? <ErrorNotice message={errorMessage(rows.error)} onRetry={rows.reload} /> : null}
      {rows.data ? (
        <TableWrap captionId="infl-c" busy={rows.loading}>
          <table class="table-compact">
            <caption id="infl-c">{t("kpi.influencers")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("kpi.name")}</th>
                <th scope="col">{t("kpi.posts")}</th>
                <th scope="col">{t("kpi.perMonth", { target: rows.data.items[0]?.target_per_month ?? 0 })}</th>
                <th scope="col">{t("kpi.trend")}</th>
                <th scope="col">{t("kpi.engagements")}</th>
                <th scope="col">{t("kpi.rate")}</th>
                <th scope="col">{t("kpi.lastPost")}</th>
                <th scope="col">{t("kpi.outcomes")}</th>
                <th scope="col">{t("kpi.checkIns")}</th>
                <th scope="col">{t("kpi.modules")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.items.map((r) => (
                <tr key={r.member_id}>
                  <th scope="row">
                    {r.name}
                    {r.occupation ? <span class="cell-sub">{r.occupation}</span> : null}
                  </th>
                  <td>{formatNumber(r.posts)}</td>
                  <td>{formatNumber(r.posts_per_month)}</td>
                  <td>
                    <Sparkline values={r.monthly_posts} />
                  </td>
                  <td>{formatNumber(r.engagements)}</td>
                  <td>{pct(r.engagement_rate)}</td>
                  <td class="nowrap">{r.last_post_on ? formatDate(r.last_post_on) : "–"}</td>
                  <td>{formatNumber(r.outcomes)}</td>
                  <td>{t("kpi.ofTotal", { n: r.check_ins_attended, total: r.check_ins_recorded })}</td>
                  <td>{t("kpi.ofTotal", { n: r.modules_done, total: r.modules_total })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

function Outcomes(props: { kpis: ProgramKpis }) {
  const entries = Object.entries(props.kpis.outcomes_by_type).sort((a, b) => b[1] - a[1]);
  return (
    <section class="card" aria-labelledby="outc-h">
      <h3 id="outc-h">{t("kpi.outcomesByType")}</h3>
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
                <th scope="row">{t(`outcome.${type}` as MessageKey)}</th>
                <td>{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function DashboardBody(props: { program: MyProgram; report?: boolean }) {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(props.program));
  const core = props.program.role === "core_team";
  const kpis = useAsync(
    () =>
      call(
        api.GET("/api/v1/programs/{program_id}/kpis", {
          params: { path: { program_id: props.program.id }, query: { from: period.from || null, to: period.to || null } },
        }),
      ),
    [props.program.id, period.from, period.to],
  );
  const k = kpis.data;
  return (
    <>
      <PeriodForm value={period} onApply={setPeriod} />
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
        </a>
      </p>
      {kpis.error ? <ErrorNotice message={errorMessage(kpis.error)} onRetry={kpis.reload} /> : null}
      {kpis.loading && !k ? <Loading /> : null}
      {k ? (
        <>
          <p>
            {t("kpi.period")}: {formatDate(k.period_from)} – {formatDate(k.period_to)}
          </p>
          <Tiles totals={k.totals} previous={k.previous} />
          <Monthly kpis={k} />
          {!core ? <p class="field-hint">{t("kpi.privacy", { n: k.min_group_size })}</p> : null}
          <div class="grid-2">
            <GroupTable id="by-platform" title="kpi.byPlatform" rows={k.by_platform} kind="platform" />
            <GroupTable id="by-format" title="kpi.byFormat" rows={k.by_format} kind="format" />
            <GroupTable id="by-group" title="kpi.byGroup" rows={k.by_occupation} kind="plain" />
            {k.by_cohort.length ? <GroupTable id="by-cohort" title="kpi.byCohort" rows={k.by_cohort} kind="plain" /> : null}
            {k.by_team.length ? <GroupTable id="by-team" title="kpi.byTeam" rows={k.by_team} kind="plain" /> : null}
            <Outcomes kpis={k} />
          </div>
          {core ? <InfluencerTable programId={props.program.id} period={period} /> : null}
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
    </Page>
  );
}

/** An influencer's own figures next to the team's totals. */
export function MyFigures(props: { program: MyProgram }) {
  const mine = useAsync(
    () => call(api.GET("/api/v1/programs/{program_id}/kpis/me", { params: { path: { program_id: props.program.id } } })),
    [props.program.id],
  );
  if (!mine.data) return mine.error ? <ErrorNotice message={errorMessage(mine.error)} onRetry={mine.reload} /> : null;
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
          <span class="kpi-value">{formatNumber(mine.data.team.posts)}</span>
          <span class="kpi-previous">{t("kpi.posts")}</span>
        </li>
      </ul>
    </section>
  );
}

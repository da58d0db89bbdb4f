import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { Loading, Page, QueryError } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { programKey, useApi } from "../data";
import { formatDate, formatNumber, getLocale, t, type MessageKey } from "../i18n";

type Mine = components["schemas"]["MyTransparency"];
type Group = components["schemas"]["GroupOut"];
type Level = "individual" | "own" | "aggregate" | "none";
const AUDIENCES = ["core_team", "hr_viewer", "peers", "admin"] as const;
const LEVEL_LINES: readonly [Level, MessageKey][] = [
  ["individual", "tr.whoSeesIndividual"],
  ["aggregate", "tr.whoSeesAggregate"],
  ["none", "tr.whoSeesNothing"],
];

/** A code from the server in the reader's language; the code itself when no word is known. */
function word(prefix: string, code: string): string {
  const key = `${prefix}.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code : text;
}

function listOf(prefix: string, codes: readonly string[]): string {
  return codes.map((c) => word(prefix, c)).join(", ");
}

function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(getLocale() === "de" ? "de-DE" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

function groupKey(g: Group): string {
  if (g.key === "other") return t("tr.otherKey");
  if (g.breakdown === "platform") return word("platform", g.key);
  if (g.breakdown === "format") return word("format", g.key);
  return g.key;
}

/** "What HR sees about me": one column, readable on a phone. */
export function TransparencyPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const state = useApi(programKey(programId, "transparency", "me"), () =>
    call(api.GET("/api/v1/programs/{program_id}/transparency/me", { params: { path: { program_id: programId } } })),
  );
  return (
    <Page title={t("nav.transparency")} context={props.program.name} lead={t("tr.lead")}>
      {state.isPending ? <Loading /> : null}
      <QueryError query={state} />
      {state.data ? <TransparencyContent page={state.data} /> : null}
    </Page>
  );
}

function TransparencyContent(props: { page: Mine }) {
  const { page } = props;
  const hr = page.hr;
  const teams = page.groups.filter((g) => g.breakdown === "team");
  return (
    <div class="stack transparency">
      <section class="card" aria-labelledby="tr-hr">
        <h2 id="tr-hr">{t("tr.hrTitle")}</h2>
        <ul class="plain-list">
          <li>{t("tr.hrAggregates", { figures: listOf("tr.figure", hr.figures) })}</li>
          <li>{t("tr.hrBreakdowns", { breakdowns: listOf("tr.breakdown", hr.breakdowns) })}</li>
          <li>
            <strong>{t("tr.hrMinGroup", { n: hr.min_group_size })}</strong>
          </li>
          {hr.whole_months_only ? <li>{t("tr.hrWholeMonths")}</li> : null}
          <li>{hr.rankings_enabled ? <strong>{t("tr.hrRankings")}</strong> : t("tr.hrNoRankings")}</li>
          {hr.top_questions ? <li>{t("tr.hrQuestions", { n: hr.min_group_size })}</li> : null}
          <li>{t("tr.hrNever")}</li>
        </ul>
      </section>

      <section class="card" aria-labelledby="tr-included">
        <h2 id="tr-included">{t("tr.includedTitle")}</h2>
        <p>{t("tr.period", { from: formatDate(page.period_from), to: formatDate(page.period_to) })}</p>
        {page.months.length === 0 ? <p>{t("tr.nothing")}</p> : null}
        <TableWrap captionId="tr-figures-caption">
          <table class="table-compact">
            <caption id="tr-figures-caption">{t("tr.figuresCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tr.figure")}</th>
                <th scope="col" class="num">{t("tr.yourShare")}</th>
              </tr>
            </thead>
            <tbody>
              {page.figures.map((f) => (
                <tr key={f.figure}>
                  <th scope="row">{word("tr.figure", f.figure)}</th>
                  <td class="num">{f.included ? formatNumber(f.mine) : t("tr.notIncluded")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {page.months.length ? (
          <TableWrap captionId="tr-months-caption">
            <table class="table-compact">
              <caption id="tr-months-caption">{t("tr.monthsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tr.month")}</th>
                  <th scope="col" class="num">{t("tr.posts")}</th>
                  <th scope="col" class="num">{t("tr.outcomes")}</th>
                </tr>
              </thead>
              <tbody>
                {page.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td class="num">{formatNumber(m.posts)}</td>
                    <td class="num">{formatNumber(m.outcomes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>

      <section class="card" aria-labelledby="tr-groups">
        <h2 id="tr-groups">{t("tr.groupsTitle")}</h2>
        {page.posted ? (
          <ul class="plain-list" data-testid="tr-groups">
            {page.groups.map((g) => (
              <li key={`${g.breakdown}-${g.key}`} data-status={g.status}>
                <strong>
                  {word("tr.breakdown", g.breakdown)}: {groupKey(g)}
                </strong>{" "}
                – {g.status === "hidden" ? t("tr.hidden") : t(g.status === "shown" ? "tr.shown" : "tr.merged", { n: g.people ?? 0 })}
              </li>
            ))}
            {hr.breakdowns.includes("team") && teams.length === 0 ? <li>{t("tr.noTeam")}</li> : null}
          </ul>
        ) : (
          <p>{t("tr.groupsNone")}</p>
        )}
      </section>

      <section class="card" aria-labelledby="tr-who">
        <h2 id="tr-who">{t("tr.whoTitle")}</h2>
        {AUDIENCES.map((audience) => (
          <div key={audience}>
            <h3>{t(`tr.audience.${audience}` as MessageKey)}</h3>
            <ul class="plain-list">
              {LEVEL_LINES.map(([level, key]) => {
                const codes = page.who_sees.filter((c) => c.levels[audience] === level).map((c) => c.category);
                return codes.length ? <li key={level}>{t(key, { list: listOf("tr.category", codes) })}</li> : null;
              })}
            </ul>
            {audience === "core_team" ? <p class="muted">{t("tr.coreTeamNote")}</p> : null}
          </div>
        ))}
      </section>

      <section class="card" aria-labelledby="tr-retention">
        <h2 id="tr-retention">{t("tr.retentionTitle")}</h2>
        <ul class="plain-list">
          <li>{t("tr.retentionMembership")}</li>
          <li>{t("tr.retentionSessions", { idle: page.retention.session_idle_minutes, hours: page.retention.session_absolute_hours })}</li>
          <li>{t("tr.retentionApplications", { days: page.retention.application_days })}</li>
        </ul>
      </section>
    </div>
  );
}

function annexUrl(programId: string, format: "pdf" | "md", lang: "de" | "en"): string {
  const q = new URLSearchParams({ format, lang });
  return `/api/v1/programs/${encodeURIComponent(programId)}/transparency/annex?${q.toString()}`;
}

/** The core team's downloads of the staff-council annex (program settings page). */
export function AnnexDownloads(props: { programId: string }) {
  const links: [MessageKey, "pdf" | "md", "de" | "en"][] = [
    ["tr.annexPdfDe", "pdf", "de"],
    ["tr.annexMdDe", "md", "de"],
    ["tr.annexPdfEn", "pdf", "en"],
    ["tr.annexMdEn", "md", "en"],
  ];
  return (
    <section class="card" aria-labelledby="annex-title">
      <h2 id="annex-title">{t("tr.annexTitle")}</h2>
      <p>{t("tr.annexLead")}</p>
      <p class="actions-row">
        {links.map(([label, format, lang]) => (
          <a key={label} class="btn btn-secondary" href={annexUrl(props.programId, format, lang)} hreflang={lang} download>
            {t(label)}
          </a>
        ))}
      </p>
    </section>
  );
}

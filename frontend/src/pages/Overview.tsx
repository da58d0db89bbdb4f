import type { MyProgram, Program, ProgramRole } from "../api/types";
import { PROGRAM_ROLES } from "../api/types";
import { Loading, Page, QueryError } from "../components/Page";
import { programKey, useApi } from "../data";
import { formatDate, formatNumber, t } from "../i18n";
import { loadProgram, memberCounts } from "../programs";
import { programPath } from "../routes";
import { Markdown } from "../components/Markdown";
import { Today } from "./Today";

export function periodText(p: Pick<Program, "starts_on" | "ends_on">): string {
  if (p.starts_on && p.ends_on) return t("overview.periodRange", { start: formatDate(p.starts_on), end: formatDate(p.ends_on) });
  if (p.starts_on) return t("overview.periodFrom", { start: formatDate(p.starts_on) });
  if (p.ends_on) return t("overview.periodUntil", { end: formatDate(p.ends_on) });
  return t("overview.periodNone");
}

export function OverviewPage(props: { program: MyProgram }) {
  // The program with its member counts: one query, refetched when members change.
  const state = useApi(programKey(props.program.id, "members", "counts"), async () => {
    const program = await loadProgram(props.program.id);
    return { program, counts: await memberCounts(program) };
  });

  return (
    <Page title={t("nav.overview")} context={props.program.name}>
      {state.isPending ? <Loading /> : null}
      <QueryError query={state} />
      <Today program={props.program} />
      {state.data ? <OverviewContent program={state.data.program} counts={state.data.counts} /> : null}
    </Page>
  );
}

function OverviewContent(props: { program: Program; counts: Record<ProgramRole, number> }) {
  const p = props.program;
  const total = PROGRAM_ROLES.reduce((n, r) => n + props.counts[r], 0);
  return (
    <div class="grid-2">
      <section class="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("overview.facts")}</h2>
        <dl class="facts">
          <div>
            <dt>{t("overview.name")}</dt>
            <dd>{p.name}</dd>
          </div>
          {p.description ? (
            <div>
              <dt>{t("overview.description")}</dt>
              <dd>
                <Markdown text={p.description} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("overview.hashtags")}</dt>
            <dd>
              {p.hashtags.length ? (
                <ul class="tags">
                  {p.hashtags.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              ) : (
                t("overview.none")
              )}
            </dd>
          </div>
          <div>
            <dt>{t("overview.platforms")}</dt>
            <dd>{p.platforms.length ? p.platforms.map((x) => t(`platform.${x}`)).join(", ") : t("overview.none")}</dd>
          </div>
          <div>
            <dt>{t("overview.period")}</dt>
            <dd>{periodText(p)}</dd>
          </div>
          <div>
            <dt>{t("overview.target")}</dt>
            <dd>{t("overview.targetValue", { n: p.target_posts_per_month })}</dd>
          </div>
          <div>
            <dt>{t("overview.timezone")}</dt>
            <dd>{p.timezone}</dd>
          </div>
          <div>
            <dt>{t("overview.minGroup")}</dt>
            <dd>{formatNumber(p.min_group_size)}</dd>
          </div>
          <div>
            <dt>{t("overview.rankings")}</dt>
            <dd>{p.rankings_enabled ? t("overview.rankingsOn") : t("overview.rankingsOff")}</dd>
          </div>
        </dl>
        {p.my_role === "core_team" ? (
          <p>
            <a href={programPath(p.slug, "settings")}>{t("overview.editSettings")}</a>
          </p>
        ) : null}
      </section>
      <section class="card" aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t("overview.counts")}</h2>
        <ul class="stats">
          {PROGRAM_ROLES.map((r) => (
            <li key={r}>
              <span class="stat-label">{t(`role.${r}`)}</span>
              <span class="stat-value">{formatNumber(props.counts[r])}</span>
            </li>
          ))}
          <li class="stat-total">
            <span class="stat-label">{t("overview.total")}</span>
            <span class="stat-value">{formatNumber(total)}</span>
          </li>
        </ul>
      </section>
    </div>
  );
}

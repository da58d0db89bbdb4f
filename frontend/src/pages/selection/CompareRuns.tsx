// Two runs side by side: their figures, selected per dimension value, and who differs.
import { Loading, QueryError } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { formatNumber, getLocale, t, type MessageKey } from "../../i18n";
import { differences, label, percent, type Run } from "./logic";
import { useRun } from "./queries";
import { runLabel, runStatusLabel } from "./RunList";

type Path = { program_id: string; call_id: string; round_id: string };

export function CompareRuns(props: { path: Path; a: string; b: string }) {
  const runA = useRun(props.path, props.a);
  const runB = useRun(props.path, props.b);
  const l = getLocale();
  const failed = [runA, runB].find((q) => q.error);
  if (failed) return <QueryError query={failed} />;
  if (!runA.data || !runB.data) return <Loading />;
  const [a, b] = [runA.data, runB.data];
  const pct = (p: number | null | undefined) => (p == null ? "–" : t("sel.percent", { value: percent(p, l) }));
  const metrics: [MessageKey, (r: Run) => string][] = [
    ["sel.fact.status", (r) => runStatusLabel(r.status)],
    ["sel.fact.algorithm", (r) => r.algorithm.toUpperCase()],
    ["sel.fact.seed", (r) => String(r.seed)],
    ["sel.colSelected", (r) => `${formatNumber(r.selected)} / ${formatNumber(r.k)}`],
    ["sel.fact.minProb", (r) => pct(r.min_probability)],
    ["sel.fact.belowHalf", (r) => formatNumber(r.below_half_fair_share)],
    ["sel.fact.gini", (r) => (r.gini == null ? "–" : formatNumber(Math.round(r.gini * 1000) / 1000))],
    ["sel.fact.seconds", (r) => t("sel.seconds", { value: formatNumber(Math.round(r.seconds * 100) / 100) })],
  ];
  const diff = differences(a, b);
  const outcome = (o: string) => t(`sel.outcome.${o}` as MessageKey);
  const bValue = (dim: string, value: string) => b.report.find((d) => d.key === dim)?.values.find((v) => v.value === value)?.selected ?? 0;

  return (
    <section id="compare" class="card" aria-labelledby="compare-title" tabIndex={-1}>
      <h2 id="compare-title">{t("sel.compareTitle")}</h2>
      <p>{t("sel.runA")}: {runLabel(a)}<br />{t("sel.runB")}: {runLabel(b)}</p>
      <TableWrap captionId="compare-facts">
        <table class="table-compact">
          <caption id="compare-facts">{t("sel.compareFacts")}</caption>
          <thead><tr><th scope="col">{t("sel.colMetric")}</th><th scope="col">{t("sel.runA")}</th><th scope="col">{t("sel.runB")}</th></tr></thead>
          <tbody>
            {metrics.map(([k, f]) => <tr key={k}><th scope="row">{t(k)}</th><td>{f(a)}</td><td>{f(b)}</td></tr>)}
          </tbody>
        </table>
      </TableWrap>
      <div class="grid-2">
        {a.report.map((d, di) => (
          <TableWrap key={d.key} captionId={`compare-caption-${di}`}>
            <table class="table-compact">
              <caption id={`compare-caption-${di}`}>{t("sel.compareCaption", { dimension: label(d, l) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sel.colValue")}</th>
                  <th scope="col" class="num">{t("sel.colPool")}</th>
                  <th scope="col" class="num">{t("sel.runA")}</th>
                  <th scope="col" class="num">{t("sel.runB")}</th>
                </tr>
              </thead>
              <tbody>
                {d.values.map((v) => (
                  <tr key={v.value}>
                    <th scope="row">{label(v, l)}</th>
                    <td class="num">{formatNumber(v.pool)}</td>
                    <td class="num">{formatNumber(v.selected)}</td>
                    <td class="num">{formatNumber(bValue(d.key, v.value))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      </div>
      <h3>{t("sel.differences")}</h3>
      {!diff.length ? <p>{t("sel.noDifferences")}</p> : (
        <TableWrap captionId="compare-diff">
          <table class="table-compact">
            <caption id="compare-diff">{t("sel.differencesCaption")}</caption>
            <thead><tr><th scope="col">{t("sel.colName")}</th><th scope="col">{t("sel.runA")}</th><th scope="col">{t("sel.runB")}</th></tr></thead>
            <tbody>
              {diff.map((x) => <tr key={x.id}><th scope="row">{x.name}</th><td>{outcome(x.a)}</td><td>{outcome(x.b)}</td></tr>)}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

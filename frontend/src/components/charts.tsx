// Small SVG charts. Each is decorative for screen readers (aria-hidden): the same numbers are
// always in a table next to it, which is the accessible form of the chart.
import { formatNumber } from "../i18n";

/** A null value (a month hidden from HR leadership) leaves a gap in its line. */
export function LineChart(props: { labels: string[]; series: { name: string; values: (number | null)[]; className: string }[] }) {
  const w = 640;
  const h = 200;
  const pad = 28;
  const max = Math.max(1, ...props.series.flatMap((s) => s.values.filter((v): v is number => v != null)));
  const x = (i: number) => pad + (props.labels.length <= 1 ? 0 : (i * (w - 2 * pad)) / (props.labels.length - 1));
  const y = (v: number) => h - pad - (v / max) * (h - 2 * pad);
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false">
      <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} class="chart-axis" />
      {props.series.map((s) => (
        <g key={s.name} class={s.className}>
          {segments(s.values).map((run) => (
            <polyline key={run[0]} fill="none" points={run.map((i) => `${x(i)},${y(s.values[i]!)}`).join(" ")} />
          ))}
          {s.values.map((v, i) => (v == null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} />))}
        </g>
      ))}
      {props.labels.map((l, i) => (
        <text key={l} x={x(i)} y={h - 8} text-anchor="middle" class="chart-label">
          {l}
        </text>
      ))}
      <text x={pad} y={14} class="chart-label">
        {formatNumber(max)}
      </text>
    </svg>
  );
}

/** The runs of indexes with a value, so a line does not bridge a gap. */
function segments(values: (number | null)[]): number[][] {
  const runs: number[][] = [];
  values.forEach((v, i) => {
    if (v == null) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  });
  return runs;
}

/** A bar inside a table cell: its length shows the value relative to the largest. */
export function InlineBar(props: { value: number; max: number }) {
  const pct = props.max > 0 ? Math.round((props.value / props.max) * 100) : 0;
  return (
    <span class="inline-bar" aria-hidden="true">
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}

export function Sparkline(props: { values: number[] }) {
  const w = 80;
  const h = 20;
  const max = Math.max(1, ...props.values);
  const step = props.values.length > 1 ? w / (props.values.length - 1) : 0;
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} aria-hidden="true" focusable="false">
      <polyline fill="none" points={props.values.map((v, i) => `${i * step},${h - 2 - (v / max) * (h - 4)}`).join(" ")} />
    </svg>
  );
}

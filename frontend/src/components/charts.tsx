// Small SVG charts. Each is decorative for screen readers (aria-hidden): the same numbers are
// always in a table next to it, which is the accessible form of the chart.
import { formatNumber } from "../i18n";

export type Series = { name: string; label: string; values: (number | null)[]; className: string };

/** Round steps for a value axis: 0 and 3–6 gridlines at 1, 2, 2.5 or 5 × 10^k. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const ticks = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks.length < 2 ? [0, step] : ticks;
}

/** Which x labels fit: all up to 12, otherwise every k-th (the last is always kept). */
function shownLabels(count: number): Set<number> {
  const every = Math.ceil(count / 12);
  const out = new Set<number>();
  for (let i = 0; i < count; i += every) out.add(i);
  out.add(count - 1);
  return out;
}

/** A line chart with a value axis (ticks, title with its unit), month labels and a legend.
 * A null value (a month hidden from HR leadership) leaves a gap in its line. */
export function LineChart(props: { labels: string[]; series: Series[]; yTitle: string }) {
  // A narrow canvas: on a phone its words stay readable, on a desktop it scales up.
  const w = 400;
  const h = 210;
  const left = 44;
  const right = 26;
  const top = 26;
  const bottom = 26;
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.filter((v): v is number => v != null)));
  const ticks = niceTicks(max);
  const ceiling = ticks[ticks.length - 1]!;
  const n = props.labels.length;
  const x = (i: number) => left + (n <= 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (n - 1));
  const y = (v: number) => h - bottom - (v / ceiling) * (h - top - bottom);
  const shown = shownLabels(n);
  return (
    <figure class="chart-figure" aria-hidden="true">
      <ul class="legend">
        {props.series.map((s) => (
          <li key={s.name}>
            <span class={`swatch ${s.className}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg class="chart" viewBox={`0 0 ${w} ${h}`} focusable="false">
        <text x={4} y={12} class="chart-title">
          {props.yTitle}
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={w - right} y1={y(v)} y2={y(v)} class={v === 0 ? "chart-axis" : "chart-grid"} />
            <text x={left - 6} y={y(v) + 4} text-anchor="end" class="chart-label">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {props.series.map((s) => (
          <g key={s.name} class={s.className}>
            {segments(s.values).map((run) => (
              <polyline key={run[0]} fill="none" points={run.map((i) => `${x(i)},${y(s.values[i]!)}`).join(" ")} />
            ))}
            {s.values.map((v, i) => (v == null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} />))}
          </g>
        ))}
        {props.labels.map((l, i) =>
          shown.has(i) ? (
            <text key={i} x={x(i)} y={h - 8} text-anchor="middle" class="chart-label">
              {l}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
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

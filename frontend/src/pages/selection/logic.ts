// Pure rules of the selection workbench (unit-tested in selection.test.ts).
import type { components } from "../../api/schema";
import type { Locale } from "../../i18n";

export type Quota = components["schemas"]["QuotaOut"];
export type Run = components["schemas"]["RunOut"];
export type PoolDimension = components["schemas"]["PoolDimension"];

/** The quota table's text fields, keyed by dimension and value. */
export type QuotaForm = Record<string, { min: string; max: string }>;

export const quotaKey = (dimension: string, value: string) => `${dimension}\u001f${value}`;

export function quotasToForm(quotas: readonly Quota[]): QuotaForm {
  const form: QuotaForm = {};
  for (const q of quotas) form[quotaKey(q.dimension, q.value)] = { min: String(q.min), max: String(q.max) };
  return form;
}

export type QuotaError = "invalidNumber" | "minAboveMax";

/**
 * The quotas the form describes. An empty minimum means 0, an empty maximum the cohort size;
 * a value with both empty has no quota. Errors are keyed like the form, "<key>:min|max".
 */
export function formToQuotas(form: QuotaForm, pool: readonly PoolDimension[], k: number): { quotas: Quota[]; errors: Record<string, QuotaError> } {
  const quotas: Quota[] = [];
  const errors: Record<string, QuotaError> = {};
  const parse = (s: string) => (/^\d{1,5}$/.test(s.trim()) ? Number(s.trim()) : NaN);
  for (const d of pool) {
    for (const v of d.values) {
      const key = quotaKey(d.key, v.value);
      const f = form[key];
      if (!f || (!f.min.trim() && !f.max.trim())) continue;
      const min = f.min.trim() ? parse(f.min) : 0;
      const max = f.max.trim() ? parse(f.max) : k;
      if (Number.isNaN(min)) errors[`${key}:min`] = "invalidNumber";
      if (Number.isNaN(max)) errors[`${key}:max`] = "invalidNumber";
      if (!Number.isNaN(min) && !Number.isNaN(max) && min > max) errors[`${key}:min`] = "minAboveMax";
      if (!errors[`${key}:min`] && !errors[`${key}:max`]) quotas.push({ dimension: d.key, value: v.value, min, max });
    }
  }
  return { quotas, errors };
}

/** Quotas after accepting a relaxation: the relaxed values replace the ones they name. */
export function relaxed(quotas: readonly Quota[], relaxation: Run["relaxation"]): Quota[] {
  const by = new Map(relaxation.map((r) => [quotaKey(r.dimension, r.value), r]));
  return quotas.map((q) => {
    const r = by.get(quotaKey(q.dimension, q.value));
    return r ? { ...q, min: r.new_min, max: r.new_max } : q;
  });
}

export type Choice = "none" | "pinned" | "excluded";

export function choiceOf(id: string, pinned: ReadonlySet<string>, excluded: ReadonlySet<string>): Choice {
  return pinned.has(id) ? "pinned" : excluded.has(id) ? "excluded" : "none";
}

/** Pinned and excluded after setting one person's choice (the two never overlap). */
export function setChoice(id: string, choice: Choice, pinned: ReadonlySet<string>, excluded: ReadonlySet<string>) {
  const p = new Set(pinned);
  const e = new Set(excluded);
  p.delete(id);
  e.delete(id);
  if (choice === "pinned") p.add(id);
  if (choice === "excluded") e.add(id);
  return { pinned: p, excluded: e };
}

/** People whose outcome differs between two runs, in the order of run A. */
export function differences(a: Run, b: Run) {
  const other = new Map(b.people.map((p) => [p.application_id, p]));
  return a.people
    .map((p) => ({ name: p.name, id: p.application_id, a: p.outcome, b: other.get(p.application_id)?.outcome ?? "not_selected" }))
    .filter((x) => x.a !== x.b);
}

/** Counts of a run's outcomes, for the confirmation dialog. */
export function outcomeCounts(run: Run) {
  const c = { selected: 0, alternate: 0, not_selected: 0 };
  for (const p of run.people) c[p.outcome] += 1;
  return c;
}

/** A probability (0..1) as a percentage with at most one decimal. */
export function percent(p: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "de-DE", { maximumFractionDigits: 1 }).format(p * 100);
}

export type Labelled = { label_de: string; label_en: string };
/** A dimension's or value's label in the UI language. */
export const label = (x: Labelled, l: Locale) => (l === "en" ? x.label_en : x.label_de);

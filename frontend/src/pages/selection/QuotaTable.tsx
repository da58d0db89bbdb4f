// Quotas per dimension value, with the pool's count beside each value.
import { InlineBar } from "../../components/charts";
import { TableWrap } from "../../components/TableWrap";
import { formatNumber, getLocale, t, type Locale } from "../../i18n";
import { label, quotaKey, type Labelled, type PoolDimension, type QuotaForm } from "./logic";

/** Field id (without the form's "round-" prefix) of one quota input. */
export const quotaFieldId = (dimension: number, value: number, side: "min" | "max") => `q-${dimension}-${value}-${side}`;


export function quotaLabel(d: Labelled, v: Labelled, side: "min" | "max", l: Locale): string {
  return t(side === "min" ? "sel.minFor" : "sel.maxFor", { dimension: label(d, l), value: label(v, l) });
}

export function QuotaTable(props: { pool: PoolDimension[]; form: QuotaForm; errors: Record<string, string>; onChange: (f: QuotaForm) => void }) {
  const l = getLocale();
  const set = (key: string, side: "min" | "max", value: string) => {
    const current = props.form[key] ?? { min: "", max: "" };
    props.onChange({ ...props.form, [key]: { ...current, [side]: value } });
  };
  return (
    <div class="grid-2">
      {props.pool.map((d, di) => {
        const max = Math.max(1, ...d.values.map((v) => v.count));
        const captionId = `quota-caption-${di}`;
        return (
          <TableWrap key={d.key} captionId={captionId}>
            <table class="table-compact">
              <caption id={captionId}>{t("sel.quotasCaption", { dimension: label(d, l) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sel.colValue")}</th>
                  <th scope="col">{t("sel.colPool")}</th>
                  <th scope="col">{t("sel.colMin")}</th>
                  <th scope="col">{t("sel.colMax")}</th>
                </tr>
              </thead>
              <tbody>
                {d.values.map((v, vi) => {
                  const key = quotaKey(d.key, v.value);
                  const f = props.form[key] ?? { min: "", max: "" };
                  return (
                    <tr key={v.value}>
                      <th scope="row">{label(v, l)}</th>
                      <td class="nowrap">
                        <InlineBar value={v.count} max={max} /> {formatNumber(v.count)}
                      </td>
                      {(["min", "max"] as const).map((side) => {
                        const id = quotaFieldId(di, vi, side);
                        const error = props.errors[id];
                        return (
                          <td key={side}>
                            <input id={`round-${id}`} class="input-number" inputMode="numeric" value={f[side]} aria-label={quotaLabel(d, v, side, l)}
                              aria-invalid={error ? "true" : undefined} title={error} onInput={(e) => set(key, side, (e.currentTarget as HTMLInputElement).value)} />
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </div>
  );
}

// A confirmed round's cohort as it is now: its seats, the quotas it keeps, who withdrew and who
// was drawn in their place (with everyone's chance), and the dialog that records a withdrawal
// and draws the replacement.
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { components } from "../../api/schema";
import { Dialog } from "../../components/Dialog";
import { FormError } from "../../components/forms";
import { TableWrap } from "../../components/TableWrap";
import { errorMessage, problemCode } from "../../errors";
import { formatDateTime, getLocale, t, type Locale, type MessageKey } from "../../i18n";
import { label, percent } from "./logic";
import { QuotaReport } from "./RunReport";

type Round = components["schemas"]["RoundOut"];
type Seat = components["schemas"]["Seat"];
type Relaxation = components["schemas"]["RelaxationOut"];
type Path = { program_id: string; call_id: string; round_id: string };

/** "Gender: female" for a dimension value, in the UI language. */
function valueName(round: Round, dimension: string, value: string, l: Locale): string {
  const d = round.seats_report.find((x) => x.key === dimension);
  const v = d?.values.find((x) => x.value === value);
  return d && v ? `${label(d, l)}: ${label(v, l)}` : `${dimension}: ${value}`;
}

export function CohortSeats(props: { round: Round; path: Path; onChanged: (r: Round, message: string) => void }) {
  const { round } = props;
  const l = getLocale();
  const [leaving, setLeaving] = useState<Seat>();
  const dims = round.seats_report;
  const names = new Map(round.seats.map((s) => [s.application_id, s.name]));
  const valueOf = (s: Seat, key: string) => {
    const d = dims.find((x) => x.key === key);
    const v = d?.values.find((x) => x.value === s.dimensions[key]);
    return v ? label(v, l) : s.dimensions[key];
  };
  return (
    <section class="card" aria-labelledby="seats-heading">
      <h2 id="seats-heading">{t("sel.seats")}</h2>
      <p>{t(round.locked ? "sel.seatsLocked" : "sel.seatsLead")}</p>
      <TableWrap captionId="seats-caption">
        <table class="table-cards">
          <caption id="seats-caption">{t("sel.seatsCaption", { count: round.seats.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sel.colName")}</th>
              {dims.map((d) => <th scope="col" key={d.key}>{label(d, l)}</th>)}
              <th scope="col">{t("sel.colReplaces")}</th>
              {round.locked ? null : <th scope="col"><span class="visually-hidden">{t("sel.colActions")}</span></th>}
            </tr>
          </thead>
          <tbody>
            {round.seats.map((s) => (
              <tr key={s.application_id}>
                <th scope="row">{s.name}</th>
                {dims.map((d) => <td key={d.key} class="half" data-label={label(d, l)}>{valueOf(s, d.key)}</td>)}
                <td data-label={t("sel.colReplaces")}>{s.replaces ? t("sel.replacesWhom", { name: nameOf(round, s.replaces) }) : "–"}</td>
                {round.locked ? null : (
                  <td>
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => setLeaving(s)}>
                      {t("sel.withdraw", { name: s.name })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3>{t("sel.seatsQuotas")}</h3>
      <QuotaReport report={round.seats_report} k={round.k} idPrefix="seats-report" />
      {round.replacements.length ? <Replacements round={round} names={names} /> : null}
      <WithdrawDialog round={round} path={props.path} seat={leaving} onClose={() => setLeaving(undefined)}
        onDone={(r, message) => { setLeaving(undefined); props.onChanged(r, message); }} />
    </section>
  );
}

function nameOf(round: Round, id: string): string {
  const r = round.replacements.find((x) => x.withdrawn === id);
  return r?.withdrawn_name ?? "–";
}

function Replacements(props: { round: Round; names: Map<string, string> }) {
  const l = getLocale();
  return (
    <>
      <h3>{t("sel.replacements")}</h3>
      <ol class="plain-list">
        {props.round.replacements.map((r) => (
          <li key={r.id}>
            <p>
              <strong>{t("sel.replacementLine", { replacement: r.replacement_name, withdrawn: r.withdrawn_name })}</strong>
              <br />
              <span class="cell-sub">
                {formatDateTime(r.created_at)} · {t(`sel.method.${r.method}` as MessageKey)} · {t("sel.drawSeed", { seed: String(r.seed), draw: String(r.draw) })}
              </span>
            </p>
            {r.relaxation.length ? (
              <p>{t("sel.drawnRelaxed", { quotas: r.relaxation.map((x) => valueName(props.round, x.dimension, x.value, l)).join(", ") })}</p>
            ) : null}
            <details>
              <summary>{t("sel.chances", { count: r.chances.length })}</summary>
              <TableWrap captionId={`chances-${r.id}`}>
                <table class="table-compact">
                  <caption id={`chances-${r.id}`}>{t("sel.chancesCaption", { withdrawn: r.withdrawn_name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("sel.colName")}</th>
                      <th scope="col" class="num">{t("sel.colRank")}</th>
                      <th scope="col" class="num">{t("sel.colProbability")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.chances.map((c) => (
                      <tr key={c.application_id}>
                        <th scope="row">{c.name}{c.application_id === r.replacement ? ` (${t("sel.drawn")})` : ""}</th>
                        <td class="num">{c.alternate_rank ?? ""}</td>
                        <td class="num">{t("sel.percent", { value: percent(c.probability, l) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}

function WithdrawDialog(props: { round: Round; path: Path; seat?: Seat; onClose: () => void; onDone: (r: Round, message: string) => void }) {
  const l = getLocale();
  const [error, setError] = useState<string>();
  const [relaxation, setRelaxation] = useState<Relaxation[]>();
  const [busy, setBusy] = useState(false);
  const seat = props.seat;
  const close = () => {
    setError(undefined);
    setRelaxation(undefined);
    props.onClose();
  };

  async function draw(acceptRelaxation: boolean) {
    if (!seat || busy) return;
    setBusy(true);
    try {
      const round = await call(
        api.POST("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}/replacements", {
          params: { path: props.path },
          body: { version: props.round.version, application_id: seat.application_id, accept_relaxation: acceptRelaxation },
        }),
      );
      const last = round.replacements[round.replacements.length - 1];
      setError(undefined);
      setRelaxation(undefined);
      props.onDone(round, t("sel.replaced", { replacement: last?.replacement_name ?? "", withdrawn: seat.name }));
    } catch (e) {
      const code = problemCode(e);
      const params = e instanceof ApiError ? (e.problem as { params?: { relaxation?: Relaxation[] } }).params : undefined;
      if (code === "no_replacement" && params?.relaxation?.length) {
        setRelaxation(params.relaxation);
        setError(t("sel.noReplacement"));
      } else {
        setRelaxation(undefined);
        setError(code && ["no_replacement", "not_in_cohort", "cohort_started"].includes(code) ? t(`sel.rep.${code}` as MessageKey) : errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog id="withdraw" open={!!seat} title={t("sel.withdrawTitle", { name: seat?.name ?? "" })} onClose={close}>
      <form class="form" noValidate onSubmit={(e) => { e.preventDefault(); void draw(false); }}>
        <FormError message={error} fields={{}} labels={{}} idPrefix="withdraw-" />
        {relaxation ? (
          <>
            <p>{t("sel.relaxToReplace")}</p>
            <ul>
              {relaxation.map((r) => (
                <li key={`${r.dimension}-${r.value}`}>
                  {valueName(props.round, r.dimension, r.value, l)}: {t("sel.target", { min: r.min, max: r.max })} → <strong>{t("sel.target", { min: r.new_min, max: r.new_max })}</strong>
                </li>
              ))}
            </ul>
            <div class="form-actions">
              <button type="button" class="btn btn-primary" aria-disabled={busy ? "true" : undefined} onClick={() => void draw(true)}>{t("sel.drawRelaxed")}</button>
              <button type="button" class="btn btn-secondary" onClick={close}>{t("sel.cancel")}</button>
            </div>
          </>
        ) : (
          <>
            <p>{t("sel.withdrawWhat")}</p>
            <ul>
              <li>{t("sel.withdrawMarks", { name: seat?.name ?? "" })}</li>
              <li>{t("sel.withdrawDraws", { seed: String(props.round.seed) })}</li>
              <li>{t("sel.withdrawMail")}</li>
              <li>{t("sel.withdrawFinal")}</li>
            </ul>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>{t("sel.withdrawGo")}</button>
              <button type="button" class="btn btn-secondary" onClick={close}>{t("sel.cancel")}</button>
            </div>
          </>
        )}
      </form>
    </Dialog>
  );
}

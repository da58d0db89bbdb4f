// An influencer's own reminder email per program: off (the default), weekly or monthly.
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { MyProgram } from "../api/types";
import { toast } from "../components/feedback";
import { QueryError } from "../components/Page";
import { patchCache, programKey, setCached, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDate, t, type MessageKey } from "../i18n";

const FREQUENCIES = ["off", "weekly", "monthly"] as const;
type Frequency = (typeof FREQUENCIES)[number];

function ProgramNudge(props: { program: MyProgram; showName: boolean }) {
  const path = { params: { path: { program_id: props.program.id } } };
  const key = programKey(props.program.id, "nudges", "me");
  const state = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/nudges/me", path)));
  const [busy, setBusy] = useState(false);
  const s = state.data;
  const name = `nudge-${props.program.id}`;

  async function choose(frequency: Frequency) {
    if (busy || !s) return;
    const putBack = await patchCache<typeof s>(key, (d) => ({ ...d, frequency })); // shown at once
    setBusy(true);
    try {
      const saved = await call(api.PUT("/api/v1/programs/{program_id}/nudges/me", { ...path, body: { frequency } }));
      setCached(key, saved);
      toast(saved.next_on ? t("nudges.savedOn", { date: formatDate(saved.next_on) }) : t("nudges.savedOff"));
    } catch (err) {
      putBack();
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (state.error) return <QueryError query={state} />;
  if (!s) return null;
  return (
    <fieldset class="fieldset">
      <legend>{props.showName ? props.program.name : t("nudges.legend")}</legend>
      {FREQUENCIES.map((f) => (
        <div class="check" key={f}>
          <input type="radio" id={`${name}-${f}`} name={name} checked={s.frequency === f} disabled={busy} onChange={() => void choose(f)} />
          <label for={`${name}-${f}`}>{t(`nudges.${f}` as MessageKey)}</label>
        </div>
      ))}
      {s.next_on ? <p class="field-hint">{t("nudges.next", { date: formatDate(s.next_on) })}</p> : null}
    </fieldset>
  );
}

/** Profile: one choice per program in which the person is an influencer. */
export function Nudges(props: { programs: MyProgram[] }) {
  const mine = props.programs.filter((p) => p.role === "influencer");
  if (!mine.length) return null;
  return (
    <section class="card" aria-labelledby="nudges-heading">
      <h2 id="nudges-heading">{t("nudges.heading")}</h2>
      <p>{t("nudges.intro")}</p>
      {mine.map((p) => (
        <ProgramNudge key={p.id} program={p} showName={mine.length > 1} />
      ))}
    </section>
  );
}

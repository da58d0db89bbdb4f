// Choosing one influencer of a program by name or email, for programs of any size: a search
// field and the first few matches as radio buttons (the members list is paged on the server,
// so a select of "everyone" would silently stop at one page).
import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import { programKey, useApi } from "../data";
import { t } from "../i18n";

export type Person = { id: string; name: string };
const SHOWN = 8;
const PAUSE_MS = 250; // search once the person stops typing

export function PersonPicker(props: { programId: string; id: string; label: string; value: Person | null; onValue: (p: Person) => void; error?: string }) {
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(typed.trim()), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const params = { role: "influencer" as const, per_page: SHOWN, ...(query ? { q: query } : {}) };
  const found = useApi(
    programKey(props.programId, "members", params),
    () => call(api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id: props.programId }, query: params } })),
    { keep: true },
  );
  const people: Person[] = (found.data?.items ?? []).map((m) => ({ id: m.id, name: m.name }));
  const chosen = props.value;
  const options = chosen && !people.some((p) => p.id === chosen.id) ? [chosen, ...people] : people;
  const total = found.data?.total ?? 0;
  const errorId = `${props.id}-error`;
  return (
    <fieldset class={`field person-picker${props.error ? " field-invalid" : ""}`} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.label}</legend>
      <label for={`${props.id}-q`} class="small">
        {t("picker.search")}
      </label>
      <input id={`${props.id}-q`} type="search" autoComplete="off" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <div class="check-grid" aria-busy={found.isFetching}>
        {options.map((p) => (
          <div class="check" key={p.id}>
            <input type="radio" id={`${props.id}-${p.id}`} name={props.id} checked={chosen?.id === p.id} onChange={() => props.onValue(p)} />
            <label for={`${props.id}-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </div>
      <p class="field-hint" role="status">
        {found.data ? (total === 0 ? t("picker.none") : total > SHOWN ? t("picker.more", { shown: people.length, total }) : "") : ""}
      </p>
    </fieldset>
  );
}

// Choosing several influencers of a program (a team's members, a meeting's invitees), for
// programs of any size: the people chosen so far on top (always, by name, each removable), then
// a search field and the matches as checkboxes, one page at a time ("Show more"). The members
// list is paged and searched on the server; it has no filter by status or cohort, so `only`
// is applied here, to the pages loaded (the count line says how many it left out).
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from "@tanstack/preact-query";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, call, type ApiError } from "../api/client";
import type { components } from "../api/schema";
import { asApiError, programKey } from "../data";
import { errorMessage } from "../errors";
import { t, tn } from "../i18n";
import { ErrorNotice } from "./Page";

type Member = components["schemas"]["MemberOut"];
type MemberPage = components["schemas"]["Page_MemberOut_"];
export type Person = { id: string; name: string };
/** Who may be chosen: only active people, only people of a cohort (null or left out: anybody). */
export type Only = { active?: boolean; cohortId?: string | null };

/** Matches per page; bigger for a cohort's people, as most of each page may be in other cohorts. */
export const PAGE_SIZE = 24;
export const COHORT_PAGE_SIZE = 100;
const PAUSE_MS = 250; // search once the person stops typing

/** A copy of `set` with `id` added or removed (`on` given) or flipped (`on` left out). */
export function toggled(set: ReadonlySet<string>, id: string, on: boolean = !set.has(id)): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** `names` with these people's names added (or updated); the same map when nothing changed. */
export function withNames(names: ReadonlyMap<string, string>, people: Iterable<Person>): ReadonlyMap<string, string> {
  let next: Map<string, string> | undefined;
  for (const p of people) {
    if ((next ?? names).get(p.id) === p.name) continue;
    next ??= new Map(names);
    next.set(p.id, p.name);
  }
  return next ?? names;
}

/** The chosen people by name (A–Z); one whose name is not known (yet) is called `unknown`. */
export function chosenPeople(chosen: ReadonlySet<string>, names: ReadonlyMap<string, string>, unknown: string): Person[] {
  return [...chosen]
    .map((id) => ({ id, name: names.get(id) ?? unknown }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether `only` lets this member be chosen. */
export function isEligible(m: Pick<Member, "status" | "cohort_id">, only: Only = {}): boolean {
  if (only.active && m.status !== "active") return false;
  if (only.cohortId && m.cohort_id !== only.cohortId) return false;
  return true;
}

/** The next page to load, or undefined when every match is loaded. */
export function nextPage(pages: readonly { items: readonly unknown[]; total: number }[]): number | undefined {
  const last = pages[pages.length - 1];
  if (!last || !last.items.length) return undefined;
  const loaded = pages.reduce((n, p) => n + p.items.length, 0);
  return loaded < last.total ? pages.length + 1 : undefined;
}

/** The loaded matches without repeats (a page can shift while people are added). */
export function uniqueMembers<M extends { id: string }>(pages: readonly { items: readonly M[] }[]): M[] {
  const seen = new Set<string>();
  const out: M[] = [];
  for (const p of pages) {
    for (const m of p.items) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out;
}

/** The count line under the matches: "12 of 3,402 shown", or with `only` at work
 * "24 of 3,402 searched · 21 shown, 3 not active". */
export function countText(c: { loaded: number; shown: number; total: number; only?: Only }): string {
  if (c.total === 0) return t("people.none");
  const hidden = c.loaded - c.shown;
  if (hidden <= 0) return t("people.shown", { shown: c.shown, total: c.total });
  const why = c.only?.active && c.only.cohortId ? "people.hiddenBoth" : c.only?.active ? "people.hiddenInactive" : "people.hiddenCohort";
  return t("people.searched", { loaded: c.loaded, total: c.total, shown: c.shown, hidden: t(why, { n: hidden }) });
}

export function PeopleChecklist(props: {
  programId: string;
  idPrefix: string;
  legend: string;
  chosen: ReadonlySet<string>;
  /** The new choice, and the chosen people with their names (to pass back as `known` if this
   * checklist is shown again later, e.g. after switching a form's audience back and forth). */
  onChange: (chosen: Set<string>, people: Person[]) => void;
  /** Names of people chosen before (a team's current members): shown before any search finds them. */
  known?: readonly Person[];
  only?: Only;
  /** A line under the legend, e.g. who can be chosen. */
  hint?: string;
}) {
  const { idPrefix, chosen, only } = props;
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(typed.trim()), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const params = { role: "influencer" as const, per_page: only?.cohortId ? COHORT_PAGE_SIZE : PAGE_SIZE, ...(query ? { q: query } : {}) };
  const found = useInfiniteQuery<MemberPage, ApiError, InfiniteData<MemberPage, number>, readonly unknown[], number>({
    // "pages" keeps these apart from single-page lists of the same parameters (PersonPicker).
    queryKey: programKey(props.programId, "members", "pages", params),
    queryFn: ({ pageParam }) =>
      call(api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id: props.programId }, query: { ...params, page: pageParam } } })).catch(
        (e: unknown) => Promise.reject(asApiError(e)),
      ),
    initialPageParam: 1,
    getNextPageParam: (_last, pages) => nextPage(pages),
    placeholderData: keepPreviousData,
  });

  const pages = found.data?.pages ?? [];
  const loaded = uniqueMembers(pages);
  const total = pages[pages.length - 1]?.total ?? 0;
  const shown = loaded.filter((m) => isEligible(m, only) || chosen.has(m.id));

  // id -> name of everybody seen here: the chosen stay named when a later search no longer finds them.
  const names = useRef<ReadonlyMap<string, string>>(new Map());
  names.current = withNames(names.current, [...(props.known ?? []), ...loaded]);
  const picked = chosenPeople(chosen, names.current, t("people.unknown"));
  const change = (next: Set<string>) => props.onChange(next, chosenPeople(next, names.current, t("people.unknown")));

  // After "Show more" the keyboard goes on at the first new match (or at the search field when
  // none came and the button is gone).
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  async function more() {
    if (found.isFetchingNextPage) return;
    const from = shown.length;
    await found.fetchNextPage();
    window.setTimeout(() => {
      const first = grid.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]")[from];
      if (first) first.focus();
      else if (!document.activeElement || document.activeElement === document.body) search.current?.focus();
    }, 0);
  }

  const remove = (p: Person) => {
    change(toggled(chosen, p.id, false));
    // The button is gone: keep the keyboard in the list (the next name, else the search field).
    const rest = picked.filter((x) => x.id !== p.id);
    const next = rest[Math.min(picked.findIndex((x) => x.id === p.id), rest.length - 1)];
    window.setTimeout(() => (next ? document.getElementById(`${idPrefix}-chosen-${next.id}`) : search.current)?.focus(), 0);
  };

  const hintId = `${idPrefix}-hint`;
  const chosenId = `${idPrefix}-chosen`;
  return (
    <fieldset class="fieldset people-checklist" aria-describedby={props.hint ? hintId : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div>
        <p id={chosenId} role="status" class="people-chosen">
          <strong>{picked.length ? tn("people.chosen", picked.length) : t("people.chosenNone")}</strong>
        </p>
        {picked.length ? (
          <ul class="actions-row" aria-labelledby={chosenId}>
            {picked.map((p) => (
              <li key={p.id}>
                <button type="button" id={`${idPrefix}-chosen-${p.id}`} class="btn btn-small btn-secondary" aria-label={t("people.remove", { name: p.name })} onClick={() => remove(p)}>
                  {p.name}
                  <span aria-hidden="true"> ×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div class="field">
        <label for={`${idPrefix}-q`}>{t("people.search")}</label>
        <input
          ref={search}
          id={`${idPrefix}-q`}
          type="search"
          autoComplete="off"
          value={typed}
          onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            // Enter searches at once; it must not send the form around the checklist.
            if (e.key === "Enter") {
              e.preventDefault();
              setQuery(typed.trim());
            }
          }}
        />
      </div>
      {found.error ? <ErrorNotice message={errorMessage(found.error)} onRetry={() => void found.refetch()} /> : null}
      {shown.length ? (
        <div class="check-grid" role="group" ref={grid} aria-label={t("people.matches")} aria-busy={found.isFetching}>
          {shown.map((m) => (
            <div class="check" key={m.id}>
              <input type="checkbox" id={`${idPrefix}-${m.id}`} checked={chosen.has(m.id)} onChange={() => change(toggled(chosen, m.id))} />
              <label for={`${idPrefix}-${m.id}`}>{m.name}</label>
            </div>
          ))}
        </div>
      ) : null}
      <div class="actions-row">
        <p class="field-hint" role="status">
          {found.data ? countText({ loaded: loaded.length, shown: shown.length, total, only }) : found.isPending ? t("app.loading") : ""}
        </p>
        {found.hasNextPage ? (
          <button type="button" class="btn btn-secondary" aria-disabled={found.isFetchingNextPage ? "true" : undefined} onClick={() => void more()}>
            {t("people.more")}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

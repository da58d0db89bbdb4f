// Core team: the program's cohorts, each influencer's cohort and status (pause, return,
// alumni), and teams with their members.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { FormError, SelectField, Success, TextArea, TextField } from "../components/forms";
import { Pagination } from "../components/Pagination";
import { PeopleChecklist, withNames, type Person } from "../components/PeopleChecklist";
import { ErrorNotice, Loading, Page } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { invalidate, programKey, useApi, type Resource } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, formatNumber, t, tn, type MessageKey } from "../i18n";
import { confirmAction, keepFocus } from "../components/feedback";

type Cohort = components["schemas"]["CohortOut"];
type Member = components["schemas"]["MemberOut"];
type Team = components["schemas"]["TeamOut"];
type Kind = Cohort["kind"];
type Status = Member["status"];
const KINDS: Kind[] = ["pilot", "wave", "recall"];
const STATUSES: Status[] = ["active", "paused", "alumni"];
/** Influencers per page of the people table (a program can have thousands). */
const PER_PAGE = 50;
/** The largest page the members list answers: used to look up team members' names. */
const NAMES_PER_PAGE = 200;
const PAUSE_MS = 250; // search once the person stops typing

/**
 * The names of these influencers. The teams list answers only their ids, and the members list
 * can be asked by page or by search but not by id; so the list is read 200 at a time until all
 * are found (one request in most programs: the team members of the first 200 by name).
 */
async function namesOf(program_id: string, ids: readonly string[]): Promise<Person[]> {
  const wanted = new Set(ids);
  const found: Person[] = [];
  for (let page = 1; wanted.size; page++) {
    const batch = await call(
      api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id }, query: { role: "influencer", page, per_page: NAMES_PER_PAGE } } }),
    );
    for (const m of batch.items) if (wanted.delete(m.id)) found.push({ id: m.id, name: m.name });
    if (!batch.items.length || page * NAMES_PER_PAGE >= batch.total) break;
  }
  return found;
}

export function CohortsPage(props: { program: MyProgram }) {
  const program_id = props.program.id;
  const path = { params: { path: { program_id } } };
  const cohorts = useApi(programKey(program_id, "cohorts"), () => call(api.GET("/api/v1/programs/{program_id}/cohorts", path)));
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    // Only a changed search starts again at page 1 (not the page's first render, which would
    // take back a click on "Next" made within the pause).
    const next = typed.trim();
    if (next === query) return;
    const timer = window.setTimeout(() => {
      setQuery(next);
      setPage(1);
    }, PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, query]);
  const listed = { role: "influencer" as const, page, per_page: PER_PAGE, ...(query ? { q: query } : {}) };
  const members = useApi(
    programKey(program_id, "members", listed),
    () => call(api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id }, query: listed } })),
    { keep: true },
  );
  const teams = useApi(programKey(program_id, "teams"), () => call(api.GET("/api/v1/programs/{program_id}/teams", path)));
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const failed = cohorts.error ?? members.error ?? teams.error;
  const reloadAll = () => { void cohorts.refetch(); void members.refetch(); void teams.refetch(); };

  // The message is announced once the tables show the change (the teams' checklists read the
  // members through the query cache, so they are refreshed with them).
  const done = async (message: string, ...changed: Resource[]) => {
    await invalidate(program_id, ...changed, "members");
    setError(undefined);
    setStatus(message);
  };
  const fail = (e: unknown) => setError(errorMessage(e));

  return (
    <Page title={t("nav.cohorts")} context={props.program.name} lead={t("coh.lead")}>
      <Success message={status} />
      <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
      {failed ? <ErrorNotice message={errorMessage(failed)} onRetry={reloadAll} /> : null}
      {!cohorts.data || !members.data || !teams.data ? (failed ? null : <Loading />) : (
        <>
          <CohortTable programId={program_id} cohorts={cohorts.data} onChanged={(m) => void done(m, "cohorts", "teams")} onError={fail} />
          <NewCohort programId={program_id} onCreated={(m) => void done(m, "cohorts")} />
          <People programId={program_id} cohorts={cohorts.data} members={members.data.items} busy={members.isFetching}
            onChanged={(m) => void done(m, "cohorts")} onError={fail}
            search={typed} onSearch={setTyped}
            pagination={<Pagination page={members.data.page} perPage={members.data.per_page} total={members.data.total} name={t("coh.peopleCaption")} onPage={setPage} />}
            count={members.data.total} query={query} />
          <Teams programId={program_id} cohorts={cohorts.data} members={members.data.items} teams={teams.data}
            onChanged={(m) => void done(m, "teams")} onError={fail} />
        </>
      )}
    </Page>
  );
}

function CohortTable(props: { programId: string; cohorts: Cohort[]; onChanged: (m: string) => void; onError: (e: unknown) => void }) {
  async function remove(c: Cohort) {
    if (!(await confirmAction({ title: t("coh.deleteTitle"), body: t("coh.confirmDelete", { name: c.name }), confirmLabel: t("coh.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/cohorts/{cohort_id}", { params: { path: { program_id: props.programId, cohort_id: c.id } } }));
      props.onChanged(t("coh.deleted"));
      keepFocus();
    } catch (e) {
      props.onError(e);
    }
  }
  return (
    <section aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading">{t("coh.cohorts")}</h2>
      {!props.cohorts.length ? <p>{t("coh.none")}</p> : (
        <TableWrap captionId="cohorts-caption">
          <table class="table-compact table-cards">
            <caption id="cohorts-caption">{t("coh.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("coh.name")}</th>
                <th scope="col">{t("coh.kind")}</th>
                <th scope="col" class="num">{t("coh.members")}</th>
                <th scope="col">{t("coh.period")}</th>
                <th scope="col"><span class="visually-hidden">{t("coh.delete")}</span></th>
              </tr>
            </thead>
            <tbody>
              {props.cohorts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td class="half" data-label={t("coh.kind")}>{t(`coh.kind.${c.kind}` as MessageKey)}</td>
                  <td class="num" data-label={t("coh.members")}>{formatNumber(c.member_count)}</td>
                  <td data-label={t("coh.period")}>{c.starts_on ? formatDate(c.starts_on) : ""}{c.ends_on ? ` – ${formatDate(c.ends_on)}` : ""}</td>
                  <td>
                    {c.member_count === 0 ? (
                      <button type="button" class="btn btn-small btn-secondary" aria-label={t("coh.deleteNamed", { name: c.name })} onClick={() => void remove(c)}>{t("coh.delete")}</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function NewCohort(props: { programId: string; onCreated: (m: string) => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("wave");
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  async function create(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("form.requiredField") });
      setError(t("form.errorSummary"));
      return;
    }
    try {
      const created = await call(
        api.POST("/api/v1/programs/{program_id}/cohorts", {
          params: { path: { program_id: props.programId } },
          body: { name: name.trim(), kind, starts_on: starts || null, ends_on: ends || null },
        }),
      );
      setName("");
      setErrors({});
      setError(undefined);
      props.onCreated(t("coh.created", { name: created.name }));
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  return (
    <details class="card">
      <summary>{t("coh.new")}</summary>
      <form class="form" noValidate onSubmit={create}>
        <FormError message={error} fields={errors} labels={{ name: t("coh.name"), ends_on: t("coh.endsOn") }} idPrefix="cohort-" />
        <TextField id="cohort-name" label={t("coh.name")} required value={name} onValue={setName} error={errors.name} maxLength={200} />
        <SelectField id="cohort-kind" label={t("coh.kind")} value={kind} onValue={(v) => setKind(v as Kind)} options={KINDS.map((k) => ({ value: k, label: t(`coh.kind.${k}` as MessageKey) }))} />
        <div class="grid-2">
          <TextField id="cohort-starts_on" label={t("coh.startsOn")} type="date" optional value={starts} onValue={setStarts} error={errors.starts_on} />
          <TextField id="cohort-ends_on" label={t("coh.endsOn")} type="date" optional value={ends} onValue={setEnds} error={errors.ends_on} />
        </div>
        <div class="form-actions"><button type="submit" class="btn btn-primary">{t("coh.create")}</button></div>
      </form>
    </details>
  );
}

function People(props: {
  programId: string;
  cohorts: Cohort[];
  members: Member[];
  busy: boolean;
  onChanged: (m: string) => void;
  onError: (e: unknown) => void;
  search: string;
  onSearch: (q: string) => void;
  query: string;
  count: number;
  pagination: ComponentChildren;
}) {
  const path = (member_id: string) => ({ params: { path: { program_id: props.programId, member_id } } });
  async function setCohort(m: Member, cohort: string) {
    try {
      await call(api.PUT("/api/v1/programs/{program_id}/members/{member_id}/cohort", { ...path(m.id), body: { cohort_id: cohort || null } }));
      props.onChanged(t("coh.changed", { name: m.name }));
    } catch (e) {
      props.onError(e);
    }
  }
  async function setStatus(m: Member, status: Status) {
    try {
      await call(api.POST("/api/v1/programs/{program_id}/members/{member_id}/status", { ...path(m.id), body: { status } }));
      props.onChanged(t("coh.changed", { name: m.name }));
    } catch (e) {
      props.onError(e);
    }
  }
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t("coh.people")}</h2>
      <p>{t("coh.peopleLead")}</p>
      <div class="filters" role="search" aria-label={t("coh.peopleSearch")}>
        <TextField id="people-q" label={t("members.search")} type="search" value={props.search} onValue={props.onSearch} autoComplete="off" />
      </div>
      <p class="muted" role="status">{props.query ? tn("coh.peopleFound", props.count) : tn("coh.peopleCount", props.count)}</p>
      {!props.members.length ? null : (
        <TableWrap captionId="people-caption" busy={props.busy}>
          <table class="table-compact table-cards">
            <caption id="people-caption">{t("coh.peopleCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("coh.name")}</th>
                <th scope="col">{t("coh.cohorts")}</th>
                <th scope="col">{t("coh.status")}</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}<span class="cell-sub break">{m.email}</span></th>
                  <td class="half" data-label={t("coh.cohorts")}>
                    <select aria-label={t("coh.cohortOf", { name: m.name })} value={m.cohort_id ?? ""} onChange={(e) => void setCohort(m, (e.currentTarget as HTMLSelectElement).value)}>
                      <option value="">{t("coh.noCohort")}</option>
                      {props.cohorts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                    </select>
                  </td>
                  <td class="half" data-label={t("coh.status")}>
                    <select aria-label={t("coh.statusOf", { name: m.name })} value={m.status} onChange={(e) => void setStatus(m, (e.currentTarget as HTMLSelectElement).value as Status)}>
                      {STATUSES.map((s) => <option key={s} value={s}>{t(`coh.status.${s}` as MessageKey)}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {props.pagination}
    </section>
  );
}

function Teams(props: { programId: string; cohorts: Cohort[]; members: Member[]; teams: Team[]; onChanged: (m: string) => void; onError: (e: unknown) => void }) {
  // id -> name of every influencer seen on this page: the people table's, those looked up
  // below, and those chosen in a team's checklist (named again when the team reloads).
  const names = useRef<ReadonlyMap<string, string>>(new Map());
  names.current = withNames(names.current, props.members);
  const missing = [...new Set(props.teams.flatMap((x) => x.member_ids))].filter((id) => !names.current.has(id)).sort();
  const lookup = useApi(programKey(props.programId, "members", "names", missing), () => namesOf(props.programId, missing), { enabled: missing.length > 0 });
  if (lookup.data) names.current = withNames(names.current, lookup.data);
  const remember = (people: Person[]) => (names.current = withNames(names.current, people));
  const known = (team: Team): Person[] => team.member_ids.flatMap((id) => (names.current.has(id) ? [{ id, name: names.current.get(id)! }] : []));
  const waiting = missing.some((id) => !names.current.has(id)) && lookup.isFetching;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t("coh.teams")}</h2>
      {!props.teams.length ? <p>{t("coh.noTeams")}</p> : null}
      {lookup.error ? <ErrorNotice message={errorMessage(lookup.error)} onRetry={() => void lookup.refetch()} /> : null}
      {waiting ? <Loading /> : props.teams.map((team) => <TeamCard key={team.id + team.version} {...props} team={team} known={known(team)} onNamed={remember} />)}
      <NewTeam programId={props.programId} cohorts={props.cohorts} onCreated={props.onChanged} />
    </section>
  );
}

function TeamCard(props: {
  programId: string;
  cohorts: Cohort[];
  team: Team;
  known: Person[];
  onNamed: (people: Person[]) => void;
  onChanged: (m: string) => void;
  onError: (e: unknown) => void;
}) {
  const { team } = props;
  const [chosen, setChosen] = useState<Set<string>>(new Set(team.member_ids));
  const path = { params: { path: { program_id: props.programId, team_id: team.id } } };
  const cohort = props.cohorts.find((c) => c.id === team.cohort_id);

  async function save() {
    try {
      await call(api.PUT("/api/v1/programs/{program_id}/teams/{team_id}/members", { ...path, body: { member_ids: [...chosen] } }));
      props.onChanged(t("coh.membersSaved", { name: team.name }));
    } catch (e) {
      props.onError(e);
    }
  }
  async function remove() {
    if (!(await confirmAction({ title: t("coh.deleteTeamTitle"), body: t("coh.confirmDeleteTeam", { name: team.name }), confirmLabel: t("coh.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/teams/{team_id}", path));
      props.onChanged(t("coh.teamDeleted"));
      keepFocus();
    } catch (e) {
      props.onError(e);
    }
  }
  return (
    <div class="card">
      <h3>{team.name}</h3>
      <p class="muted">{cohort ? cohort.name : t("coh.allCohorts")} · {t("coh.memberCount", { count: team.member_ids.length })}</p>
      {team.profile ? <p>{team.profile}</p> : null}
      {/* A team of a cohort draws from that cohort; a team without one from everybody. */}
      <PeopleChecklist
        programId={props.programId}
        idPrefix={`team-${team.id}`}
        legend={t("coh.teamMembers", { name: team.name })}
        hint={cohort ? t("people.cohortOnly", { cohort: cohort.name }) : undefined}
        only={{ cohortId: team.cohort_id }}
        known={props.known}
        chosen={chosen}
        onChange={(ids, named) => {
          setChosen(ids);
          props.onNamed(named);
        }}
      />
      <div class="actions-row">
        <button type="button" class="btn btn-primary" onClick={() => void save()}>{t("coh.saveMembers", { name: team.name })}</button>
        <button type="button" class="btn btn-danger" onClick={() => void remove()}>{t("coh.deleteTeam", { name: team.name })}</button>
      </div>
    </div>
  );
}

function NewTeam(props: { programId: string; cohorts: Cohort[]; onCreated: (m: string) => void }) {
  const [name, setName] = useState("");
  const [profile, setProfile] = useState("");
  const [cohort, setCohort] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  async function create(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("form.requiredField") });
      setError(t("form.errorSummary"));
      return;
    }
    try {
      const created = await call(
        api.POST("/api/v1/programs/{program_id}/teams", {
          params: { path: { program_id: props.programId } },
          body: { name: name.trim(), profile, cohort_id: cohort || null },
        }),
      );
      setName("");
      setProfile("");
      setErrors({});
      setError(undefined);
      props.onCreated(t("coh.teamCreated", { name: created.name }));
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  return (
    <details class="card">
      <summary>{t("coh.newTeam")}</summary>
      <form class="form" noValidate onSubmit={create}>
        <FormError message={error} fields={errors} labels={{ name: t("coh.teamName") }} idPrefix="team-" />
        <TextField id="team-name" label={t("coh.teamName")} required value={name} onValue={setName} error={errors.name} maxLength={200} />
        <TextArea id="team-profile" label={t("coh.profile")} optional hint={t("coh.profileHint")} value={profile} onValue={setProfile} maxLength={5000} />
        <SelectField id="team-cohort" label={t("coh.teamCohort")} value={cohort} onValue={setCohort}
          options={[{ value: "", label: t("coh.allCohorts") }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <div class="form-actions"><button type="submit" class="btn btn-primary">{t("coh.createTeam")}</button></div>
      </form>
    </details>
  );
}

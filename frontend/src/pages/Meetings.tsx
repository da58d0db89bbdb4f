import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { Dialog } from "../components/Dialog";
import { FormError, SelectField, TextArea, TextField } from "../components/forms";
import { Markdown } from "../components/Markdown";
import { PeopleChecklist, toggled, type Person } from "../components/PeopleChecklist";
import { ErrorNotice, Loading, Page } from "../components/Page";
import { TableWrap } from "../components/TableWrap";
import { invalidate, programKey, useApi } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDateTime, t } from "../i18n";
import type { MessageKey } from "../i18n";
import { webHref } from "../links";
import { loadProgram } from "../programs";
import { isoToZoned, zonedToIso } from "../zoned";
import { toast } from "../components/feedback";

type Meeting = components["schemas"]["MeetingOut"];
type Invitation = components["schemas"]["InvitationOut"];
type Rsvp = "yes" | "maybe" | "no";
const ANSWERS: readonly Rsvp[] = ["yes", "maybe", "no"];
type Scope = "this" | "following";

/** Answers are taken only for meetings that still lie ahead (the API refuses the rest too). */
export function canAnswer(m: { status: string; ends_at: string }): boolean {
  return m.status !== "cancelled" && new Date(m.ends_at).getTime() > Date.now();
}

// The meeting rules' error types (backend/botschaft/meetings/service.py), in the reader's language.
const MEETING_ERRORS: Record<string, MessageKey> = {
  end_before_start: "meetings.error.end_before_start",
  too_long: "meetings.error.too_long",
  in_past: "meetings.error.in_past",
  cancelled: "meetings.error.cancelled",
  already_cancelled: "meetings.error.already_cancelled",
  past: "meetings.error.past",
};

function meetingFieldErrors(e: unknown): Record<string, string> {
  const out = fieldErrorsFrom(e);
  if (e instanceof ApiError) {
    for (const [field, { type }] of Object.entries(e.fieldErrors())) {
      const key = MEETING_ERRORS[type];
      if (key) out[field] = t(key);
    }
  }
  return out;
}

function meetingError(e: unknown): string {
  if (e instanceof ApiError) {
    const type = Object.values(e.fieldErrors())[0]?.type;
    if (type && MEETING_ERRORS[type]) return t(MEETING_ERRORS[type]!);
    if (e.problem.type.endsWith("/version_conflict")) return t("meetings.error.version_conflict");
  }
  return errorMessage(e);
}

/** The video link as a link only when it is an http(s) address; anything else as text. */
function VideoLink(props: { url: string | null | undefined }) {
  if (!props.url) return null;
  const href = webHref(props.url);
  return href ? <a href={href} rel="noopener noreferrer">{props.url}</a> : <span>{props.url}</span>;
}

export function MeetingsPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const core = props.program.role === "core_team";
  const list = useApi(programKey(programId, "meetings"), () =>
    call(api.GET("/api/v1/programs/{program_id}/meetings", { params: { path: { program_id: programId } } })),
  );
  // The program's time zone, for the core team's forms (the same cache entry as its settings).
  const details = useApi(programKey(programId), () => loadProgram(programId), { enabled: core });
  const reload = () => void invalidate(programId, "meetings");
  const [selected, setSelected] = useState<Meeting | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [editing, setEditing] = useState<Meeting | null>(null);
  const [cancelling, setCancelling] = useState<Meeting | null>(null);
  const [cancelScope, setCancelScope] = useState<Scope>("this");
  const [error, setError] = useState<string>();
  // ?attendance={id} (from the core team's Today page) opens that meeting's attendance.
  const wanted = core ? new URLSearchParams(window.location.search).get("attendance") : null;
  useEffect(() => {
    const meeting = wanted ? list.data?.find((m) => m.id === wanted) : undefined;
    if (meeting) setSelected(meeting);
  }, [list.data, wanted]);

  async function rsvp(m: Meeting, answer: Rsvp) {
    setError(undefined);
    try {
      await call(
        api.PUT("/api/v1/programs/{program_id}/meetings/{meeting_id}/rsvp", {
          params: { path: { program_id: programId, meeting_id: m.id } },
          body: { response: answer },
        }),
      );
      toast(t("home.rsvpSaved", { answer: t(`home.rsvp.${answer}`) }));
      reload();
    } catch (e) {
      setError(meetingError(e));
    }
  }

  async function cancel(m: Meeting, scope: Scope) {
    setError(undefined);
    setCancelling(null);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/meetings/{meeting_id}/cancel", {
          params: { path: { program_id: programId, meeting_id: m.id }, query: { scope } },
        }),
      );
      toast(t("meetings.cancelDone", { title: m.title }));
      reload();
    } catch (e) {
      setError(meetingError(e));
    }
  }

  return (
    <Page title={t("nav.meetings")} context={props.program.name} lead={core ? <p>{t("meetings.intro")}</p> : undefined}>
      {error ? <ErrorNotice message={error} /> : null}
      {core && details.data ? (
        <NewMeeting
          key={formKey}
          programId={programId}
          timezone={details.data.timezone}
          focusOnMount={formKey > 0}
          onCreated={(n) => {
            // A fresh, closed form (no old values to resubmit by mistake); focus stays on its summary.
            setFormKey((k) => k + 1);
            toast(t("meetings.createdN", { n }));
            reload();
          }}
        />
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} /> : null}
      {list.data && core ? (
        <TableWrap captionId="meetings-caption">
          <table class="table-cards">
            <caption id="meetings-caption">{t("meetings.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.title")}</th>
                <th scope="col">{t("meetings.kind")}</th>
                <th scope="col">{t("meetings.when")}</th>
                <th scope="col" class="num">{t("meetings.answers")}</th>
                <th scope="col">{t("meetings.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.title}
                    {m.status === "cancelled" ? <> <span class="badge badge-off">{t("meetings.cancelled")}</span></> : null}
                  </th>
                  <td class="half" data-label={t("meetings.kind")}>{t(`meetings.kind.${m.kind}`)}</td>
                  <td class="half" data-label={t("meetings.when")}>{m.status === "cancelled" ? <del>{formatDateTime(m.starts_at, undefined, m.timezone)}</del> : formatDateTime(m.starts_at, undefined, m.timezone)}</td>
                  <td class="num" data-label={t("meetings.answers")}>{m.counts?.["yes"] ?? 0}</td>
                  <td>
                    {m.status !== "cancelled" ? (
                      <span>
                        <button type="button" class="btn btn-small btn-secondary" onClick={() => { setEditing(null); setSelected(m); }} aria-label={t("meetings.attendanceFor", { title: `${m.title}, ${formatDateTime(m.starts_at, undefined, m.timezone)}` })}>
                          {t("meetings.takeAttendance")}
                        </button>{" "}
                        {canAnswer(m) ? (
                          <>
                            <button type="button" class="btn btn-small btn-secondary" onClick={() => { setSelected(null); setEditing(m); }} aria-label={t("meetings.editFor", { title: `${m.title}, ${formatDateTime(m.starts_at, undefined, m.timezone)}` })}>
                              {t("meetings.edit")}
                            </button>{" "}
                            <button type="button" class="btn btn-small btn-danger-outline" onClick={() => { setCancelScope("this"); setCancelling(m); }} aria-label={t("meetings.cancelFor", { title: `${m.title}, ${formatDateTime(m.starts_at, undefined, m.timezone)}` })}>
                              {t("meetings.cancel")}
                            </button>
                          </>
                        ) : null}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {list.data && !core ? (
        <ul class="plain-list stack">
          {list.data.map((m) => (
            <li key={m.id} class="card home-item">
              <h2>{m.title}</h2>
              <p>{formatDateTime(m.starts_at, undefined, m.timezone)}</p>
              <Markdown text={m.agenda} />
              {m.place ? <p>{t("rsvp.where")}: {m.place}</p> : null}
              {m.video_url ? <p>{t("rsvp.video")}: <VideoLink url={m.video_url} /></p> : null}
              {m.status === "cancelled" ? (
                <p class="badge badge-off">{t("meetings.cancelled")}</p>
              ) : !canAnswer(m) ? (
                <p>{t("meetings.over")}</p>
              ) : (
                <fieldset class="rsvp">
                  <legend>{t("home.rsvpLegend", { title: m.title })}</legend>
                  {ANSWERS.map((a) => (
                    <button key={a} type="button" class={`btn btn-small ${m.my_rsvp === a ? "btn-primary" : "btn-secondary"}`} aria-pressed={m.my_rsvp === a} onClick={() => rsvp(m, a)}>
                      {t(`home.rsvp.${a}`)}
                    </button>
                  ))}
                </fieldset>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {editing && details.data ? (
        <EditMeeting
          key={editing.id}
          programId={programId}
          timezone={details.data.timezone}
          meeting={editing}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            toast(t("meetings.updated", { title: m.title }));
            reload();
          }}
        />
      ) : null}
      <Dialog id="cancel-meeting" open={cancelling !== null} title={t("meetings.cancelTitle")} onClose={() => setCancelling(null)}>
        {cancelling ? (
          <>
            <p>{t("meetings.cancelQuestion", { title: cancelling.title, when: formatDateTime(cancelling.starts_at, undefined, cancelling.timezone) })}</p>
            {cancelling.series_id ? <ScopeChoice id="cancel-scope" value={cancelScope} onValue={setCancelScope} legend={t("meetings.cancelScope")} /> : null}
            <p class="form-actions dialog-actions">
              <button type="button" class="btn btn-secondary" data-autofocus onClick={() => setCancelling(null)}>
                {t("meetings.keep")}
              </button>{" "}
              <button type="button" class="btn btn-danger" onClick={() => cancel(cancelling, cancelScope)}>
                {t("meetings.cancelConfirm")}
              </button>
            </p>
          </>
        ) : null}
      </Dialog>
      {selected ? (
        <Attendance
          key={selected.id}
          programId={programId}
          meeting={selected}
          onClose={() => setSelected(null)}
          onSaved={() => {
            // The panel itself says what was saved, next to its button.
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function Attendance(props: { programId: string; meeting: Meeting; onClose: () => void; onSaved: (n: number) => void }) {
  const path = { program_id: props.programId, meeting_id: props.meeting.id };
  const [present, setPresent] = useState<Set<string> | null>(null);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const people = useApi(programKey(props.programId, "meetings", props.meeting.id, "invitations"), () =>
    call(api.GET("/api/v1/programs/{program_id}/meetings/{meeting_id}/invitations", { params: { path } })),
  );
  useEffect(() => {
    // Who was there, as recorded: the starting point of the checklist.
    if (people.data && present === null) setPresent(new Set(people.data.filter((r) => r.attended).map((r) => r.member_id)));
  }, [people.data]);

  function toggle(i: Invitation, on: boolean) {
    setPresent(toggled(present ?? new Set(), i.member_id, on));
  }

  async function save(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      const rows = await call(api.PUT("/api/v1/programs/{program_id}/meetings/{meeting_id}/attendance", { params: { path }, body: { attended: [...(present ?? [])] } }));
      const n = rows.filter((r) => r.attended).length;
      setMessage(t("meetings.saved", { n }));
      props.onSaved(n);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const headingId = `attendance-${props.meeting.id}`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("meetings.attendanceFor", { title: props.meeting.title })}</h2>
      <p>{formatDateTime(props.meeting.starts_at, undefined, props.meeting.timezone)}</p>
      <Markdown text={props.meeting.agenda} />
      {people.isPending ? <Loading /> : null}
      {error ? <ErrorNotice message={error} /> : null}
      {people.data ? (
        <form onSubmit={save}>
          <TableWrap captionId={`${headingId}-caption`}>
            <table>
              <caption id={`${headingId}-caption`}>{t("meetings.attendanceCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("meetings.person")}</th>
                  <th scope="col">{t("meetings.answer")}</th>
                  <th scope="col">{t("meetings.present")}</th>
                </tr>
              </thead>
              <tbody>
                {people.data.map((i) => (
                  <tr key={i.member_id}>
                    <th scope="row">{i.name}</th>
                    <td>{i.rsvp === "pending" ? t("home.rsvp.pending") : t(`home.rsvp.${i.rsvp as Rsvp}`)}</td>
                    <td>
                      <input type="checkbox" checked={present?.has(i.member_id) ?? false} aria-label={t("meetings.presentLabel", { name: i.name })} onChange={(e) => toggle(i, (e.target as HTMLInputElement).checked)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p class="form-actions">
            <button type="submit" class="btn btn-primary">
              {t("meetings.save")}
            </button>{" "}
            <button type="button" class="btn btn-secondary" onClick={props.onClose}>
              {t("meetings.close")}
            </button>
          </p>
          <p role="status">{message}</p>
        </form>
      ) : null}
      <NotesForm programId={props.programId} meeting={props.meeting} />
    </section>
  );
}

function ScopeChoice(props: { id: string; legend: string; value: Scope; onValue: (s: Scope) => void }) {
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      {(["this", "following"] as const).map((s) => (
        <div class="check" key={s}>
          <input type="radio" id={`${props.id}-${s}`} name={props.id} value={s} checked={props.value === s} onChange={() => props.onValue(s)} />
          <label for={`${props.id}-${s}`}>{t(`meetings.scope.${s}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Changes a meeting (or the rest of its series): prefilled, times in the program's zone.
 * Invitees get an updated calendar entry that replaces the old one. */
function EditMeeting(props: { programId: string; timezone: string; meeting: Meeting; onClose: () => void; onSaved: (m: Meeting) => void }) {
  const m = props.meeting;
  const [title, setTitle] = useState(m.title);
  const [starts, setStarts] = useState(isoToZoned(m.starts_at, props.timezone));
  const [ends, setEnds] = useState(isoToZoned(m.ends_at, props.timezone));
  const [place, setPlace] = useState(m.place ?? "");
  const [video, setVideo] = useState(m.video_url ?? "");
  const [agenda, setAgenda] = useState(m.agenda);
  const [scope, setScope] = useState<Scope>("this");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const zoneHint = t("meetings.timeZoneHint", { zone: props.timezone });
  const headingId = `edit-${m.id}`;

  async function submit(e: Event) {
    e.preventDefault();
    setFields({});
    setMessage(undefined);
    const startsIso = zonedToIso(starts, props.timezone);
    const endsIso = zonedToIso(ends, props.timezone);
    const timeChanged = starts !== isoToZoned(m.starts_at, props.timezone) || ends !== isoToZoned(m.ends_at, props.timezone);
    try {
      const saved = await call(
        api.PATCH("/api/v1/programs/{program_id}/meetings/{meeting_id}", {
          params: { path: { program_id: props.programId, meeting_id: m.id } },
          body: {
            version: m.version,
            scope,
            title: title.trim(),
            agenda,
            place: place.trim() || null,
            video_url: video.trim() || null,
            // Only a changed time is sent: an unchanged past start is not "moved into the past".
            ...(timeChanged ? { starts_at: startsIso ?? "", ends_at: endsIso ?? "" } : {}),
          },
        }),
      );
      props.onSaved(saved);
    } catch (err) {
      setFields(meetingFieldErrors(err));
      setMessage(meetingError(err));
    }
  }

  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("meetings.editFor", { title: m.title })}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <FormError message={message} fields={fields} idPrefix="edit" />
        <TextField id="edit-title" label={t("meetings.title")} value={title} onValue={setTitle} error={fields["title"]} required />
        <TextField id="edit-starts_at" label={t("meetings.starts")} type="datetime-local" value={starts} onValue={setStarts} error={fields["starts_at"]} hint={zoneHint} required />
        <TextField id="edit-ends_at" label={t("meetings.ends")} type="datetime-local" value={ends} onValue={setEnds} error={fields["ends_at"]} hint={zoneHint} required />
        <TextField id="edit-place" label={t("meetings.place")} value={place} onValue={setPlace} error={fields["place"]} optional />
        <TextField id="edit-video_url" label={t("meetings.video")} type="url" value={video} onValue={setVideo} error={fields["video_url"]} optional />
        <TextArea id="edit-agenda" label={t("meetings.agenda")} value={agenda} onValue={setAgenda} error={fields["agenda"]} optional />
        {m.series_id ? <ScopeChoice id="edit-scope" value={scope} onValue={setScope} legend={t("meetings.editScope")} /> : null}
        <p>{t("meetings.editHint")}</p>
        <p class="form-actions">
          <button type="submit" class="btn btn-primary">{t("meetings.saveChanges")}</button>{" "}
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>{t("meetings.close")}</button>
        </p>
      </form>
    </section>
  );
}

/** Notes of the meeting and the follow-ups agreed, kept with it for the core team. */
function NotesForm(props: { programId: string; meeting: Meeting }) {
  const [meeting, setMeeting] = useState(props.meeting);
  const [notes, setNotes] = useState(props.meeting.notes);
  const [followUps, setFollowUps] = useState(props.meeting.follow_ups);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const id = `notes-${meeting.id}`;

  async function save(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      const saved = await call(
        api.PATCH("/api/v1/programs/{program_id}/meetings/{meeting_id}", {
          params: { path: { program_id: props.programId, meeting_id: meeting.id } },
          body: { version: meeting.version, scope: "this", notes, follow_ups: followUps },
        }),
      );
      setMeeting(saved);
      setMessage(t("meetings.notesSaved"));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form class="form" onSubmit={save} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t("meetings.notesHeading")}</h3>
      <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
      <TextArea id={`${id}-notes`} label={t("meetings.notes")} value={notes} onValue={setNotes} rows={4} optional />
      <TextArea id={`${id}-follow`} label={t("meetings.followUps")} value={followUps} onValue={setFollowUps} rows={3} optional hint={t("meetings.followUpsHint")} />
      <p class="form-actions">
        <button type="submit" class="btn btn-primary">{t("meetings.saveNotes")}</button>
      </p>
      <p role="status">{message}</p>
    </form>
  );
}

type Kind = "check_in" | "network" | "recall" | "one_to_one" | "workshop";
const KINDS: readonly Kind[] = ["check_in", "network", "recall", "one_to_one", "workshop"];
const REPEATS: Record<string, string | null> = {
  none: null,
  weekly: "FREQ=WEEKLY",
  biweekly: "FREQ=WEEKLY;INTERVAL=2",
  monthly: "FREQ=MONTHLY",
};

type AudienceKind = components["schemas"]["AudienceKind"];
const AUDIENCES: AudienceKind[] = ["program", "cohort", "team", "people"];

/** A meeting or a series for the program, a cohort, a team or chosen people; times are
 * wall-clock times in the program's time zone, whatever the browser's zone is. */
export function NewMeeting(props: { programId: string; timezone: string; focusOnMount?: boolean; onCreated: (n: number) => void }) {
  const summary = useRef<HTMLElement>(null);
  useEffect(() => {
    if (props.focusOnMount) summary.current?.focus();
  }, []);
  const [kind, setKind] = useState<Kind>("check_in");
  const [title, setTitle] = useState("");
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const [place, setPlace] = useState("");
  const [video, setVideo] = useState("");
  const [agenda, setAgenda] = useState("");
  const [repeat, setRepeat] = useState("none");
  const [count, setCount] = useState("6");
  const [audience, setAudience] = useState<AudienceKind>("program");
  const [cohortId, setCohortId] = useState("");
  const [teamId, setTeamId] = useState("");
  const [people, setPeople] = useState<Set<string>>(new Set());
  const [peopleNamed, setPeopleNamed] = useState<Person[]>([]); // their names, while the checklist is hidden
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const path = { params: { path: { program_id: props.programId } } };
  const cohortList = useApi(programKey(props.programId, "cohorts"), () => call(api.GET("/api/v1/programs/{program_id}/cohorts", path)));
  const teamList = useApi(programKey(props.programId, "teams"), () => call(api.GET("/api/v1/programs/{program_id}/teams", path)));
  const cohorts = cohortList.data ?? [];
  const teams = teamList.data ?? [];
  const zoneHint = t("meetings.timeZoneHint", { zone: props.timezone });

  async function submit(e: Event) {
    e.preventDefault();
    setFields({});
    setMessage(undefined);
    const rule = REPEATS[repeat];
    try {
      const created = await call(
        api.POST("/api/v1/programs/{program_id}/meetings", {
          ...path,
          body: {
            kind,
            title: title.trim(),
            agenda,
            starts_at: zonedToIso(starts, props.timezone) ?? "",
            ends_at: zonedToIso(ends, props.timezone) ?? "",
            ...(place.trim() ? { place: place.trim() } : {}),
            ...(video.trim() ? { video_url: video.trim() } : {}),
            audience: {
              kind: audience,
              cohort_id: audience === "cohort" ? cohortId || null : null,
              team_id: audience === "team" ? teamId || null : null,
              member_ids: audience === "people" ? [...people] : [],
            },
            ...(rule ? { recurrence: `${rule};COUNT=${Number(count) || 1}` } : {}),
          },
        }),
      );
      props.onCreated(created.length);
    } catch (err) {
      setFields(fieldErrorsFrom(err));
      setMessage(errorMessage(err));
    }
  }

  return (
    <details class="card">
      <summary ref={summary}>{t("meetings.new")}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <FormError message={message} fields={fields} idPrefix="meeting" />
        <SelectField id="meeting-kind" label={t("meetings.kind")} value={kind} options={KINDS.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} onValue={(v) => setKind(v as Kind)} />
        <TextField id="meeting-title" label={t("meetings.title")} value={title} onValue={setTitle} error={fields["title"]} required />
        <TextField id="meeting-starts_at" label={t("meetings.starts")} type="datetime-local" value={starts} onValue={setStarts} error={fields["starts_at"]} hint={zoneHint} required />
        <TextField id="meeting-ends_at" label={t("meetings.ends")} type="datetime-local" value={ends} onValue={setEnds} error={fields["ends_at"]} hint={zoneHint} required />
        <TextField id="meeting-place" label={t("meetings.place")} value={place} onValue={setPlace} error={fields["place"]} optional />
        <TextField id="meeting-video_url" label={t("meetings.video")} type="url" value={video} onValue={setVideo} error={fields["video_url"]} optional />
        <TextArea id="meeting-agenda" label={t("meetings.agenda")} value={agenda} onValue={setAgenda} optional />
        <SelectField id="meeting-recurrence" label={t("meetings.repeat")} value={repeat} options={Object.keys(REPEATS).map((r) => ({ value: r, label: t(`meetings.repeat.${r as "none"}`) }))} onValue={setRepeat} error={fields["recurrence"]} />
        {repeat !== "none" ? <TextField id="meeting-count" label={t("meetings.count")} type="number" min={1} max={100} value={count} onValue={setCount} /> : null}
        <SelectField id="meeting-audience" label={t("meetings.audience")} value={audience} hint={t("meetings.audienceHint")} error={fields["audience"]}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`meetings.audience.${a}`) }))} onValue={(v) => setAudience(v as AudienceKind)} />
        {audience === "cohort" ? (
          <SelectField id="meeting-cohort" label={t("meetings.audienceCohort")} value={cohortId} onValue={setCohortId} required
            options={[{ value: "", label: "–" }, ...cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        ) : null}
        {audience === "team" ? (
          <SelectField id="meeting-team" label={t("meetings.audienceTeam")} value={teamId} onValue={setTeamId} required
            options={[{ value: "", label: "–" }, ...teams.map((x) => ({ value: x.id, label: x.name }))]} />
        ) : null}
        {audience === "people" ? (
          <PeopleChecklist programId={props.programId} idPrefix="meeting-person" legend={t("meetings.audiencePeople")} only={{ active: true }} hint={t("people.activeOnly")}
            chosen={people} known={peopleNamed} onChange={(ids, named) => { setPeople(ids); setPeopleNamed(named); }} />
        ) : null}
        <p>
          <button type="submit" class="btn btn-primary">
            {t("meetings.create")}
          </button>
        </p>
      </form>
    </details>
  );
}

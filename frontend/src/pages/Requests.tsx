// The request inbox: internship, job, talk, podcast and press requests that came in. Influencers
// record their own in seconds (on the phone too); the core team sees the program's, marks them
// answered and records what they led to. A request counts as an outcome from the day it came in.
import { useMutation } from "@tanstack/preact-query";
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { confirmAction, keepFocus, toast } from "../components/feedback";
import { FormError, SelectField, TextArea, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { PersonPicker, type Person } from "../components/PersonPicker";
import { PostSelect } from "./posts/PostSelect";
import { invalidate, patchCache, programKey, useApi } from "../data";
import { datedOutside, errorMessage, fieldErrorsFrom, problemText } from "../errors";
import { formatDate, t, todayIso, type MessageKey } from "../i18n";
import { webHref } from "../links";
import { useLocation } from "../router";
import { influencerPath } from "../routes";

type Request = components["schemas"]["RequestOut"];
type RequestList = components["schemas"]["Page_RequestOut_"];
type Counts = components["schemas"]["InboxCounts"];
type RequestType = components["schemas"]["RequestType"];
type RequestChannel = components["schemas"]["RequestChannel"];
type RequestState = components["schemas"]["RequestState"];
type OutcomeType = components["schemas"]["OutcomeType"];

const TYPES: RequestType[] = ["internship", "job_application", "speaker", "podcast", "press", "other"];
const CHANNELS: RequestChannel[] = ["direct_message", "comment", "email", "phone", "in_person", "other"];
const RESULTS: OutcomeType[] = ["hire", "internship", "talk", "other"];
const FILTERS = ["new", "answered", "closed", "all"] as const;
type Filter = (typeof FILTERS)[number];
const PER_PAGE = 20;

const typeWord = (type: RequestType) => t(`req.type.${type}` as MessageKey);

export function RequestsPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const team = props.program.role === "core_team";
  const loc = useLocation();
  const asked = new URLSearchParams(loc.search).get("state");
  const filter: Filter = (FILTERS as readonly string[]).includes(asked ?? "") ? (asked as Filter) : team ? "new" : "all";
  const [page, setPage] = useState(1);
  const path = { program_id: programId };
  const countsKey = programKey(programId, "requests", "counts");
  const counts = useApi(countsKey, () => call(api.GET("/api/v1/programs/{program_id}/requests/counts", { params: { path } })));
  const query = { page, per_page: PER_PAGE, ...(filter === "all" ? {} : { state: filter as RequestState }) };
  const listKey = programKey(programId, "requests", query);
  const list = useApi(listKey, () => call(api.GET("/api/v1/programs/{program_id}/requests", { params: { path, query } })), { keep: true });
  const changed = () => invalidate(programId, "requests");

  // "Mark as answered" and the other state buttons show the new state at once (the card and the
  // counts on the tabs) and put it back if saving fails; the list is refetched either way.
  const changeState = useMutation({
    mutationFn: (v: { request: Request; state: RequestState }) =>
      call(api.PATCH("/api/v1/programs/{program_id}/requests/{inbound_id}", { params: { path: { ...path, inbound_id: v.request.id } }, body: { state: v.state, outside_period: false } })),
    onMutate: async (v) => {
      const putBackList = await patchCache<RequestList>(listKey, (l) => ({ ...l, items: l.items.map((x) => (x.id === v.request.id ? { ...x, state: v.state } : x)) }));
      const putBackCounts = await patchCache<Counts>(countsKey, (c) => movedCount(c, v.request.state, v.state));
      return () => {
        putBackList();
        putBackCounts();
      };
    },
    onError: (_e, _v, putBack) => putBack?.(),
    onSettled: () => void changed(),
  });

  const c = counts.data;
  return (
    <Page title={t("req.title")} context={props.program.name} lead={team ? t("req.leadCore") : t("req.leadMine")}>
      <details class="card section" open={!team}>
        <summary>{t("req.record")}</summary>
        <RequestForm programId={programId} pickPerson={team} />
      </details>

      <section class="section" aria-labelledby="req-list-h">
        <h2 id="req-list-h">{t("req.list")}</h2>
        <nav aria-label={t("req.filter")} class="tabs">
          <ul class="actions-row">
            {FILTERS.map((f) => (
              <li key={f}>
                <a href={`?state=${f}`} aria-current={f === filter ? "page" : undefined} class={f === filter ? "btn btn-primary" : "btn btn-secondary"} onClick={() => setPage(1)}>
                  {t(`req.state.${f}` as MessageKey)}
                  {c && f !== "all" ? ` (${c[f]})` : ""}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <QueryError query={list} />
        {list.isPending ? <Loading /> : null}
        {list.data ? (
          list.data.items.length ? (
            <>
              <ul class="plain-list stack request-list" aria-busy={list.isFetching}>
                {list.data.items.map((r) => (
                  <RequestCard
                    key={r.id}
                    programId={programId}
                    slug={team ? props.program.slug : undefined}
                    request={r}
                    onState={(state) => changeState.mutateAsync({ request: r, state })}
                    onChanged={changed}
                  />
                ))}
              </ul>
              {list.data.total > PER_PAGE ? <Pagination page={list.data.page} perPage={list.data.per_page} total={list.data.total} name={t("req.list")} onPage={setPage} /> : null}
            </>
          ) : (
            <p class="empty-state">{filter === "new" ? t("req.empty.new") : t("req.empty.any")}</p>
          )
        ) : null}
      </section>
    </Page>
  );
}

/** Records a request: the influencer's own, or (core team) the chosen person's. With
 * `memberId` the person is fixed (the influencer page). */
export function RequestForm(props: {
  programId: string;
  /** core team: choose whose request it is (or `memberId` fixes the person) */
  pickPerson?: boolean;
  memberId?: string;
}) {
  const [type, setType] = useState<RequestType | "">("");
  const [channel, setChannel] = useState<RequestChannel>("direct_message");
  const [day, setDay] = useState(todayIso());
  const [person, setPerson] = useState<Person | null>(null);
  const [post, setPost] = useState("");
  const [asker, setAsker] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Only the core team records for someone else (pickPerson or memberId).
  const forSomeone = !!props.pickPerson || props.memberId !== undefined;
  // The core team may record a request dated outside the program's period (or before the
  // person joined), once it says so; an influencer gets the refusal only (as the API rules).
  const [outsideAsked, setOutsideAsked] = useState(false);
  const [outside, setOutside] = useState(false);
  const who = props.memberId ?? person?.id ?? "";
  const id = props.memberId ? `req-${props.memberId.slice(0, 8)}` : "req";

  async function save(e: Event) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!type) missing.type = t("form.requiredField");
    if (props.pickPerson && !person) missing.member_id = t("form.requiredField");
    setErrors(missing);
    if (Object.keys(missing).length || !type) return;
    setBusy(true);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/requests", {
          params: { path: { program_id: props.programId } },
          body: {
            type,
            channel,
            received_on: day || null,
            member_id: forSomeone ? who : null,
            post_id: post || null,
            asker: asker.trim() || null,
            note: note.trim() || null,
            outside_period: forSomeone && outside,
          },
        }),
      );
      toast(t("req.saved", { type: typeWord(type) }));
      setOutside(false);
      setOutsideAsked(false);
      setType("");
      setPost("");
      setAsker("");
      setNote("");
      await invalidate(props.programId, "requests");
    } catch (err) {
      const fields = fieldErrorsFrom(err);
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) });
      if (forSomeone && datedOutside(err)) setOutsideAsked(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" noValidate onSubmit={save}>
      <fieldset class={`field${errors.type ? " field-invalid" : ""}`} aria-describedby={errors.type ? `${id}-type-error` : undefined}>
        <legend>{t("req.type")}</legend>
        <div class="check-grid">
          {TYPES.map((x) => (
            <div class="check" key={x}>
              <input type="radio" id={`${id}-type-${x}`} name={`${id}-type`} value={x} checked={type === x} onChange={() => setType(x)} />
              <label for={`${id}-type-${x}`}>{typeWord(x)}</label>
            </div>
          ))}
        </div>
        {errors.type ? (
          <p class="field-error" id={`${id}-type-error`}>
            {errors.type}
          </p>
        ) : null}
      </fieldset>
      {props.pickPerson ? (
        <PersonPicker
          programId={props.programId}
          id={`${id}-person`}
          label={t("req.person")}
          value={person}
          onValue={(p) => {
            setPerson(p);
            setPost("");
          }}
          error={errors.member_id}
        />
      ) : null}
      <div class="grid-2">
        <SelectField id={`${id}-channel`} label={t("req.channel")} value={channel} options={CHANNELS.map((x) => ({ value: x, label: t(`req.channel.${x}` as MessageKey) }))} onValue={(v) => setChannel(v as RequestChannel)} error={errors.channel} />
        <div>
          <TextField id={`${id}-day`} label={t("req.day")} type="date" value={day} max={todayIso()} onValue={setDay} error={errors.received_on} />
          {outsideAsked ? (
            <div class="check">
              <input id={`${id}-outside`} type="checkbox" checked={outside} onChange={(e) => setOutside((e.currentTarget as HTMLInputElement).checked)} />
              <label for={`${id}-outside`}>{t("req.outsidePeriod")}</label>
            </div>
          ) : null}
        </div>
      </div>
      <PostSelect programId={props.programId} whose={forSomeone ? who || null : "mine"} id={`${id}-post`} label={t("req.post")} noneLabel={t("req.noPost")} value={post} onValue={setPost} error={errors.post_id} />
      <TextField id={`${id}-asker`} label={t("req.asker")} value={asker} onValue={setAsker} optional hint={t("req.askerHint")} maxLength={200} error={errors.asker} />
      <TextArea id={`${id}-note`} label={t("req.note")} rows={2} value={note} onValue={setNote} optional error={errors.note} />
      <FormError message={errors.form} />
      <div class="actions-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t("req.save")}
        </button>
      </div>
    </form>
  );
}

/** One request with the actions its state allows; `slug` (core team) links the person's page. */
function RequestCard(props: { programId: string; slug?: string; request: Request; onState: (state: RequestState) => Promise<unknown>; onChanged: () => Promise<void> }) {
  const r = props.request;
  const path = { program_id: props.programId, inbound_id: r.id };
  const [resultOpen, setResultOpen] = useState(false);
  const [error, setError] = useState<string>();
  const what = t("req.actionsFor", { type: typeWord(r.type), date: formatDate(r.received_on) });

  async function setState(state: RequestState, done: string) {
    setError(undefined);
    try {
      await props.onState(state);
      toast(done);
      keepFocus();
    } catch (err) {
      setError(problemText(err));
    }
  }

  async function undoResult() {
    if (!(await confirmAction({ title: t("req.undoResultTitle"), body: t("req.undoResultBody"), confirmLabel: t("req.undoResult") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/requests/{inbound_id}/result", { params: { path } }));
      toast(t("req.resultUndone"));
      await props.onChanged();
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function remove() {
    if (!(await confirmAction({ title: t("req.deleteTitle"), body: t("req.deleteBody"), confirmLabel: t("req.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/requests/{inbound_id}", { params: { path } }));
      toast(t("req.deleted"));
      await props.onChanged();
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const badge = r.state === "new" ? "badge badge-warning" : r.state === "answered" ? "badge" : "badge badge-ok";
  return (
    <li class="card request">
      <p class="request-head">
        <strong>{typeWord(r.type)}</strong> <span class={badge}>{t(`req.state.${r.state}` as MessageKey)}</span>
      </p>
      <p class="muted">
        {formatDate(r.received_on)} · {t(`req.channel.${r.channel}` as MessageKey)}
        {props.slug ? (
          <>
            {" · "}
            <a href={influencerPath(props.slug, r.member_id)}>{t("req.by", { name: r.member_name })}</a>
          </>
        ) : null}
        {r.asker ? ` · ${t("req.from", { asker: r.asker })}` : ""}
      </p>
      {r.post_url && r.post_published_on ? (
        <p>
          <a href={webHref(r.post_url) ?? undefined} target="_blank" rel="noopener noreferrer">
            {t("req.onPost", { date: formatDate(r.post_published_on) })}
          </a>
        </p>
      ) : null}
      {r.note ? <p class="note-text">{r.note}</p> : null}
      {r.result_type && r.result_on ? (
        <p class="request-result">{t("req.ledTo", { result: t(`outcome.${r.result_type}` as MessageKey), date: formatDate(r.result_on) })}</p>
      ) : r.state === "closed" ? (
        <p class="muted">{t("req.noResult")}</p>
      ) : null}
      <FormError message={error} />
      {resultOpen ? (
        <ResultForm programId={props.programId} request={r} onClose={() => setResultOpen(false)} onSaved={props.onChanged} />
      ) : (
        <div class="actions-row">
          {r.state === "new" ? (
            <button type="button" class="btn btn-primary btn-small" aria-label={`${t("req.markAnswered")}: ${what}`} onClick={() => void setState("answered", t("req.answered"))}>
              {t("req.markAnswered")}
            </button>
          ) : null}
          {r.state !== "closed" ? (
            <>
              <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("req.recordResult")}: ${what}`} onClick={() => setResultOpen(true)}>
                {t("req.recordResult")}
              </button>
              <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("req.closeWithout")}: ${what}`} onClick={() => void setState("closed", t("req.closed"))}>
                {t("req.closeWithout")}
              </button>
            </>
          ) : r.result_type ? (
            <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("req.undoResult")}: ${what}`} onClick={() => void undoResult()}>
              {t("req.undoResult")}
            </button>
          ) : (
            <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("req.reopen")}: ${what}`} onClick={() => void setState("answered", t("req.reopened"))}>
              {t("req.reopen")}
            </button>
          )}
          <button type="button" class="btn btn-danger-outline btn-small" aria-label={`${t("req.delete")}: ${what}`} onClick={() => void remove()}>
            {t("req.delete")}
          </button>
        </div>
      )}
    </li>
  );
}

/** The counts on the inbox's tabs after one request moved from `from` to `to`. */
export function movedCount(c: Counts, from: RequestState, to: RequestState): Counts {
  if (from === to) return c;
  return { ...c, [from]: Math.max(0, c[from] - 1), [to]: c[to] + 1 };
}

function ResultForm(props: { programId: string; request: Request; onClose: () => void; onSaved: () => Promise<void> }) {
  const r = props.request;
  const [type, setType] = useState<OutcomeType>(r.type === "speaker" || r.type === "podcast" ? "talk" : r.type === "internship" ? "internship" : "hire");
  const [day, setDay] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = `res-${r.id.slice(0, 8)}`;

  async function save(e: Event) {
    e.preventDefault();
    setErrors({});
    try {
      await call(
        api.PUT("/api/v1/programs/{program_id}/requests/{inbound_id}/result", {
          params: { path: { program_id: props.programId, inbound_id: r.id } },
          body: { type, occurred_on: day || null },
        }),
      );
      toast(t("req.resultSaved", { result: t(`outcome.${type}` as MessageKey) }));
      props.onClose();
      await props.onSaved();
      keepFocus();
    } catch (err) {
      const fields = fieldErrorsFrom(err);
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) });
    }
  }

  return (
    <form class="form result-form" noValidate onSubmit={save}>
      <div class="grid-2">
        <SelectField id={`${id}-type`} label={t("req.resultType")} value={type} options={RESULTS.map((x) => ({ value: x, label: t(`outcome.${x}` as MessageKey) }))} onValue={(v) => setType(v as OutcomeType)} error={errors.type} />
        <TextField id={`${id}-day`} label={t("req.resultDay")} type="date" value={day} min={r.received_on} max={todayIso()} onValue={setDay} error={errors.occurred_on} />
      </div>
      <FormError message={errors.form} />
      <div class="actions-row">
        <button type="submit" class="btn btn-primary btn-small">
          {t("req.resultSave")}
        </button>
        <button type="button" class="btn btn-secondary btn-small" onClick={props.onClose}>
          {t("req.cancel")}
        </button>
      </div>
    </form>
  );
}

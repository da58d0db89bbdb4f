// Questions people ask the influencers ("Are tattoos allowed?"), noted in one line and never
// with who asked. Influencers note and see their own; the core team sorts them into topics,
// sees what is asked often, and turns a topic into a briefing with answers or a post idea.
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { Sparkline } from "../components/charts";
import { confirmAction, keepFocus, toast } from "../components/feedback";
import { FormError, SelectField, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { invalidate, programKey, useApi, type Query } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, formatMonth, formatNumber, t, todayIso } from "../i18n";
import { programPath } from "../routes";
import { PostSelect } from "./posts/PostSelect";

type Question = components["schemas"]["ApplicantQuestionOut"];
type Topic = components["schemas"]["QuestionTopicOut"];
const PER_PAGE = 25;
const UNSORTED = "unsorted";

export function QuestionsPage(props: { program: MyProgram }) {
  const team = props.program.role === "core_team";
  const programId = props.program.id;
  const topics = useApi(
    programKey(programId, "questions", "topics"),
    () => call(api.GET("/api/v1/programs/{program_id}/questions/topics", { params: { path: { program_id: programId } } })),
    { enabled: team },
  );
  const [shown, setShown] = useState<string>(team ? UNSORTED : "");
  const [page, setPage] = useState(1);
  const query = { page, per_page: PER_PAGE, ...(shown === UNSORTED ? { unsorted: true } : shown ? { topic_id: shown } : {}) };
  const list = useApi(
    programKey(programId, "questions", query),
    () => call(api.GET("/api/v1/programs/{program_id}/questions", { params: { path: { program_id: programId }, query } })),
    { keep: true },
  );
  /** The list and the topics with their counts (and a topic's briefing). */
  const changed = () => invalidate(programId, "questions");

  const named = (topics.data ?? []).filter((x): x is Topic & { id: string; name: string } => !!x.id && !!x.name);
  return (
    <Page title={t("q.title")} context={props.program.name} lead={team ? t("q.leadCore") : t("q.leadMine")}>
      <details class="card section" open={!team}>
        <summary>{t("q.note")}</summary>
        <QuestionForm programId={programId} onSaved={changed} />
      </details>
      {team ? (
        <Topics programId={programId} slug={props.program.slug} topics={topics} changed={changed} />
      ) : null}
      <section class="section" aria-labelledby="q-list-h">
        <h2 id="q-list-h">{team ? t("q.list") : t("q.mine")}</h2>
        {team ? (
          <SelectField
            id="q-shown"
            label={t("q.show")}
            value={shown}
            options={[{ value: UNSORTED, label: t("q.unsorted") }, ...named.map((x) => ({ value: x.id, label: x.name })), { value: "", label: t("q.all") }]}
            onValue={(v) => {
              setShown(v);
              setPage(1);
            }}
          />
        ) : null}
        <QueryError query={list} />
        {list.isPending ? <Loading /> : null}
        {list.data ? (
          list.data.items.length ? (
            <>
              <ul class="plain-list stack question-list" aria-busy={list.isFetching}>
                {list.data.items.map((q) => (
                  <QuestionItem key={q.id} programId={programId} question={q} topics={team ? named : undefined} onChanged={changed} />
                ))}
              </ul>
              {list.data.total > PER_PAGE ? <Pagination page={list.data.page} perPage={list.data.per_page} total={list.data.total} name={t("q.list")} onPage={setPage} /> : null}
            </>
          ) : (
            <p class="empty-state">{team ? t("q.none") : t("q.noneMine")}</p>
          )
        ) : null}
      </section>
    </Page>
  );
}

function QuestionForm(props: { programId: string; onSaved: () => Promise<void> }) {
  const [text, setText] = useState("");
  const [day, setDay] = useState(todayIso());
  const [post, setPost] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(e: Event) {
    e.preventDefault();
    setErrors({});
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/questions", {
          params: { path: { program_id: props.programId } },
          body: { text: text.trim(), asked_on: day || null, post_id: post || null },
        }),
      );
      toast(t("q.saved"));
      setText("");
      setPost("");
      await props.onSaved();
    } catch (err) {
      const fields = fieldErrorsFrom(err);
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) });
    }
  }

  return (
    <form class="form" noValidate onSubmit={save}>
      <TextField id="q-text" label={t("q.text")} value={text} onValue={setText} hint={t("q.textHint")} maxLength={300} error={errors.text} />
      <div class="grid-2">
        <TextField id="q-day" label={t("q.day")} type="date" value={day} max={todayIso()} onValue={setDay} error={errors.asked_on} />
        <PostSelect programId={props.programId} whose="mine" id="q-post" label={t("q.post")} noneLabel={t("q.noPost")} value={post} onValue={setPost} error={errors.post_id} />
      </div>
      <FormError message={errors.form} />
      <div class="actions-row">
        <button type="submit" class="btn btn-primary">
          {t("q.save")}
        </button>
      </div>
    </form>
  );
}

function QuestionItem(props: { programId: string; question: Question; topics?: { id: string; name: string }[]; onChanged: () => Promise<void> }) {
  const q = props.question;
  const path = { program_id: props.programId, question_id: q.id };
  const [error, setError] = useState<string>();

  async function sortInto(topicId: string) {
    setError(undefined);
    try {
      await call(api.PATCH("/api/v1/programs/{program_id}/questions/{question_id}", { params: { path }, body: { topic_id: topicId || null } }));
      toast(t("q.moved", { name: props.topics?.find((x) => x.id === topicId)?.name ?? t("q.unsorted") }));
      await props.onChanged();
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function remove() {
    if (!(await confirmAction({ title: t("q.deleteTitle"), body: q.text, confirmLabel: t("q.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/questions/{question_id}", { params: { path } }));
      toast(t("q.deleted"));
      await props.onChanged();
      keepFocus();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <li class="card question">
      <p class="question-text">{q.text}</p>
      <p class="muted small">{formatDate(q.asked_on)}</p>
      <div class="actions-row">
        {props.topics ? (
          <SelectField
            id={`q-topic-${q.id}`}
            label={t("q.topic")}
            aria-label={t("q.sortInto", { question: q.text })}
            inline
            value={q.topic_id ?? ""}
            options={[{ value: "", label: t("q.unsorted") }, ...props.topics.map((x) => ({ value: x.id, label: x.name }))]}
            onValue={(v) => void sortInto(v)}
          />
        ) : null}
        {q.mine || props.topics ? (
          <button type="button" class="btn btn-danger-outline btn-small" aria-label={t("q.deleteNamed", { date: formatDate(q.asked_on) })} onClick={() => void remove()}>
            {t("q.delete")}
          </button>
        ) : null}
      </div>
      <FormError message={error} />
    </li>
  );
}

function Topics(props: { programId: string; slug: string; topics: Query<Topic[]>; changed: () => Promise<void> }) {
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [made, setMade] = useState<string>();
  const path = { program_id: props.programId };

  async function add(e: Event) {
    e.preventDefault();
    setErrors({});
    try {
      await call(api.POST("/api/v1/programs/{program_id}/questions/topics", { params: { path }, body: { name: name.trim() } }));
      toast(t("q.topicAdded", { name: name.trim() }));
      setName("");
      await props.changed();
    } catch (err) {
      const fields = fieldErrorsFrom(err);
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(err) });
    }
  }

  async function turn(topic: Topic & { id: string }, kind: "faq" | "idea") {
    try {
      await call(api.POST("/api/v1/programs/{program_id}/questions/topics/{topic_id}/briefing", { params: { path: { ...path, topic_id: topic.id } }, body: { kind } }));
      toast(t("q.turned"));
      setMade(topic.id);
      await props.changed();
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  async function remove(topic: Topic & { id: string; name: string }) {
    if (!(await confirmAction({ title: t("q.deleteTopicTitle", { name: topic.name }), body: t("q.deleteTopicBody"), confirmLabel: t("q.deleteTopic") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/questions/topics/{topic_id}", { params: { path: { ...path, topic_id: topic.id } } }));
      toast(t("q.topicDeleted"));
      await props.changed();
      keepFocus();
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  const rows = props.topics.data ?? [];
  return (
    <section class="card section" aria-labelledby="q-topics-h">
      <h2 id="q-topics-h">{t("q.topics")}</h2>
      <QueryError query={props.topics} />
      {rows.length ? (
        <TableWrap captionId="q-topics-c">
          <table class="table-compact table-cards">
            <caption id="q-topics-c" class="visually-hidden">
              {t("q.topicsCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("q.topic")}</th>
                <th scope="col" class="num">{t("q.count")}</th>
                <th scope="col">{t("q.months")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("table.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id ?? UNSORTED}>
                  <th scope="row">{x.name ?? t("q.unsorted")}</th>
                  <td class="num half" data-label={t("q.count")}>{formatNumber(x.questions)}</td>
                  <td class="half" data-label={t("q.months")}>
                    <Sparkline values={x.months.map((m) => m.questions)} />
                    <span class="visually-hidden">{x.months.map((m) => `${formatMonth(m.month)}: ${m.questions}`).join(", ")}</span>
                  </td>
                  <td>
                    {x.id && x.name ? (
                      <div class="actions-row">
                        {x.briefing_id ? (
                          <a class="btn btn-secondary btn-small" href={programPath(props.slug, "briefings")}>
                            {t("q.openBriefing")}
                          </a>
                        ) : x.questions ? (
                          <>
                            <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("q.toFaq")}: ${x.name}`} onClick={() => void turn(x as Topic & { id: string }, "faq")}>
                              {t("q.toFaq")}
                            </button>
                            <button type="button" class="btn btn-secondary btn-small" aria-label={`${t("q.toIdea")}: ${x.name}`} onClick={() => void turn(x as Topic & { id: string }, "idea")}>
                              {t("q.toIdea")}
                            </button>
                          </>
                        ) : null}
                        <button type="button" class="btn btn-danger-outline btn-small" aria-label={`${t("q.deleteTopic")}: ${x.name}`} onClick={() => void remove(x as Topic & { id: string; name: string })}>
                          {t("q.deleteTopic")}
                        </button>
                      </div>
                    ) : null}
                    {made === x.id ? <p class="small">{t("q.turned")}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : props.topics.data ? (
        <p>{t("q.noTopics")}</p>
      ) : null}
      <form class="form topic-form" noValidate onSubmit={add}>
        <TextField id="q-topic-new" label={t("q.newTopic")} value={name} onValue={setName} maxLength={80} error={errors.name} />
        <div class="actions-row">
          <button type="submit" class="btn btn-primary">
            {t("q.addTopic")}
          </button>
        </div>
      </form>
      <FormError message={errors.form} />
    </section>
  );
}

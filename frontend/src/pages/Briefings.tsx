import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram } from "../api/types";
import { FormError, SelectField, TextArea, TextField } from "../components/forms";
import { ErrorNotice, Loading, Page, QueryError } from "../components/Page";
import { invalidate, programKey, useApi } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, t } from "../i18n";
import { webHref } from "../links";
import { Markdown } from "../components/Markdown";
import { toast } from "../components/feedback";

type Briefing = components["schemas"]["BriefingOut"];
type Kind = "guideline" | "legal_faq" | "briefing" | "idea";
type Stance = "share" | "hold_back" | "info";
const KINDS: readonly Kind[] = ["briefing", "guideline", "legal_faq", "idea"];
const STANCES: readonly Stance[] = ["share", "hold_back", "info"];

export function BriefingsPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const core = props.program.role === "core_team";
  const path = { program_id: programId };
  const list = useApi(programKey(programId, "briefings"), () => call(api.GET("/api/v1/programs/{program_id}/briefings", { params: { path } })));
  const [error, setError] = useState<string>();

  async function run(action: () => Promise<unknown>, message: string) {
    setError(undefined);
    try {
      await action();
      toast(message);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    await invalidate(programId, "briefings");
  }

  return (
    <Page title={t("nav.briefings")} context={props.program.name} lead={<p>{t("briefings.intro")}</p>}>
      {error ? <ErrorNotice message={error} /> : null}
      <NewBriefing programId={programId} core={core} onCreated={(title) => { toast(t("briefings.created", { title })); void invalidate(programId, "briefings"); }} />
      {list.isPending ? <Loading /> : null}
      <QueryError query={list} />
      {list.data && list.data.length === 0 ? <p>{t("briefings.none")}</p> : null}
      <ul class="plain-list stack">
        {(list.data ?? []).map((b: Briefing) => (
          <li key={b.id} class="card home-item">
            <h2>
              <span class="badge">{t(`briefings.kind.${b.kind as Kind}`)}</span>{" "}
              {b.stance ? <span class="badge">{t(`home.stance.${b.stance as Stance}`)}</span> : null}{" "}
              {b.status === "suggested" ? <span class="badge">{t("briefings.suggested")}</span> : null} {b.title}
            </h2>
            {b.expires_at ? <p class="muted">{formatDate(b.expires_at.slice(0, 10))}</p> : null}
            <Markdown text={b.body} />
            {b.link_url ? (
              <p>
                {webHref(b.link_url, { mailto: true }) ? (
                  <a href={webHref(b.link_url, { mailto: true })} rel="noopener noreferrer" target="_blank">
                    {b.link_url}
                  </a>
                ) : (
                  b.link_url
                )}
              </p>
            ) : null}
            {core && b.status === "suggested" ? (
              <button type="button" class="btn btn-small btn-primary" onClick={() => run(() => call(api.PATCH("/api/v1/programs/{program_id}/briefings/{briefing_id}", { params: { path: { ...path, briefing_id: b.id } }, body: { version: b.version, status: "published" } })), t("briefings.created", { title: b.title }))}>
                {t("briefings.publishSuggestion")}
              </button>
            ) : null}
            {!core && b.status === "published" ? (
              b.read ? (
                <p class="muted">{t("home.read")}</p>
              ) : (
                <button type="button" class="btn btn-small btn-secondary" aria-label={`${t("home.markRead")}: ${b.title}`} onClick={() => run(() => call(api.PUT("/api/v1/programs/{program_id}/briefings/{briefing_id}/read", { params: { path: { ...path, briefing_id: b.id } } })), t("home.read"))}>
                  {t("home.markRead")}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}

function NewBriefing(props: { programId: string; core: boolean; onCreated: (title: string) => void }) {
  const [kind, setKind] = useState<Kind>(props.core ? "briefing" : "idea");
  const [stance, setStance] = useState<Stance>("share");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [link, setLink] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();

  async function submit(e: Event) {
    e.preventDefault();
    setFields({});
    setMessage(undefined);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/briefings", {
          params: { path: { program_id: props.programId } },
          body: { kind, title: title.trim(), body, ...(kind === "briefing" ? { stance } : {}), ...(link.trim() ? { link_url: link.trim() } : {}) },
        }),
      );
      props.onCreated(title);
      setTitle("");
      setBody("");
      setLink("");
    } catch (err) {
      setFields(fieldErrorsFrom(err));
      setMessage(errorMessage(err));
    }
  }

  return (
    <details class="card">
      <summary>{props.core ? t("briefings.new") : t("briefings.suggest")}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <FormError message={message} fields={fields} idPrefix="briefing" />
        {props.core ? (
          <SelectField id="briefing-kind" label={t("briefings.kindLabel")} value={kind} options={KINDS.map((k) => ({ value: k, label: t(`briefings.kind.${k}`) }))} onValue={(v) => setKind(v as Kind)} />
        ) : null}
        {kind === "briefing" ? (
          <SelectField id="briefing-stance" label={t("briefings.stanceLabel")} value={stance} options={STANCES.map((s) => ({ value: s, label: t(`home.stance.${s}`) }))} onValue={(v) => setStance(v as Stance)} error={fields["stance"]} />
        ) : null}
        <TextField id="briefing-title" label={t("briefings.titleLabel")} value={title} onValue={setTitle} error={fields["title"]} required />
        <TextField id="briefing-link_url" label={t("briefings.linkLabel")} value={link} onValue={setLink} error={fields["link_url"]} type="url" optional={kind !== "idea"} required={kind === "idea"} />
        <TextArea id="briefing-body" label={kind === "idea" ? t("briefings.noteLabel") : t("briefings.bodyLabel")} value={body} onValue={setBody} error={fields["body"]} optional maxLength={kind === "idea" ? 500 : undefined} />
        <p>
          <button type="submit" class="btn btn-primary">
            {props.core ? t("briefings.publish") : t("briefings.send")}
          </button>
        </p>
      </form>
    </details>
  );
}

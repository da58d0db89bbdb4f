import { useRef, useState } from "preact/hooks";
import { ImportErrors } from "../components/ImportErrors";
import { TeamFollowerImport } from "./posts/FollowerImport";
import { RecentFigures } from "./posts/RecentFigures";
import { ArchiveImport } from "./posts/ArchiveImport";
import { MyFollowers } from "./posts/Followers";
import { api, ApiError, call } from "../api/client";
import type { components } from "../api/schema";
import type { MyProgram, Post, PostFormat } from "../api/types";
import { POST_FORMATS } from "../api/types";
import { Dialog } from "../components/Dialog";
import { confirmAction, keepFocus, toast } from "../components/feedback";
import { FormError, SelectField, Success, TextField } from "../components/forms";
import { ErrorNotice, Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { PersonPicker, type Person } from "../components/PersonPicker";
import { TableWrap } from "../components/TableWrap";
import { invalidate, programKey, useApi } from "../data";
import { datedOutside, errorMessage, fieldErrorsFrom, listedErrors } from "../errors";
import { formatDate, formatNumber, t, tn, todayIso, type MessageKey } from "../i18n";
import { MyFigures } from "./Dashboard";
import { webHref } from "../links";
import { navigate } from "../router";
import { PATHS } from "../routes";
import { sharedLink } from "../share";

const PER_PAGE = 25;

/** Influencers: log and follow their own posts. Core team: everyone's, and log for anyone. */
/** "rows[3].likes" + type → "Zeile 3, Likes: …" in the UI language. */
export function PostsPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const team = props.program.role === "core_team";
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();
  const [editing, setEditing] = useState<Post | null>(null);
  const query = { page, per_page: PER_PAGE };
  const list = useApi(
    programKey(programId, "posts", query),
    () => call(api.GET("/api/v1/programs/{program_id}/posts", { params: { path: { program_id: programId }, query } })),
    { keep: true },
  );
  /** After a post or its figures changed: the list, and the figures counted from it. */
  const changed = () => invalidate(programId, "posts");

  async function remove(post: Post) {
    const what = `${formatDate(post.published_on)}, ${t(`platform.${post.platform}` as MessageKey)}`;
    if (!(await confirmAction({ title: t("posts.confirmDelete"), body: t("posts.confirmDeleteBody", { what }), confirmLabel: t("posts.delete") }))) return;
    setDeleteError(undefined);
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/posts/{post_id}", { params: { path: { program_id: programId, post_id: post.id } } }));
    } catch (e) {
      setDeleteError(errorMessage(e));
      return;
    }
    await changed();
    toast(t("posts.deleted"));
    keepFocus();
  }

  return (
    <Page title={team ? t("posts.all") : t("posts.mine")} context={props.program.name} lead={t("posts.logLead")}>
      <LogPostForm
        programId={programId}
        team={team}
        onLogged={async () => {
          setPage(1);
          // Announced once the list shows the new post (the tables below re-render with it).
          await changed();
          setStatus(t("posts.logged"));
        }}
      />
      <Success message={status} />
      {!team ? (
        <ArchiveImport
          programId={programId}
          onLogged={async () => {
            setPage(1);
            await changed();
          }}
        />
      ) : null}
      {deleteError ? <ErrorNotice message={deleteError} /> : null}
      <ImportFigures
        programId={programId}
        team={team}
        onImported={async (message) => {
          setStatus(message);
          await changed();
        }}
      />
      {team ? <TeamFollowerImport programId={programId} /> : null}
      {!team ? <MyFigures program={props.program} /> : null}
      {!team ? <MyFollowers programId={programId} /> : null}
      {!team && list.data ? (
        <RecentFigures
          key={list.data.items.map((p) => p.id + p.likes).join()}
          programId={programId}
          posts={list.data.items}
          onSaved={async (message) => {
            await changed();
            setStatus(message);
          }}
        />
      ) : null}
      <h2>{team ? t("posts.all") : t("posts.mine")}</h2>
      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <TableWrap captionId="posts-caption" busy={list.isFetching}>
            <table class="table-compact table-cards">
              <caption id="posts-caption">{t("posts.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("posts.date")}</th>
                  {team ? <th scope="col">{t("posts.member")}</th> : null}
                  <th scope="col">{t("posts.platform")}</th>
                  <th scope="col">{t("posts.format")}</th>
                  <th scope="col" class="num">{t("posts.likes")}</th>
                  <th scope="col" class="num">{t("posts.comments")}</th>
                  <th scope="col" class="num">{t("posts.engagements")}</th>
                  <th scope="col" class="num">{t("posts.rate")}</th>
                  <th scope="col" class="num">{t("posts.outcomes")}</th>
                  <th scope="col">{t("posts.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={team ? 10 : 9} class="empty">{t("posts.none")}</td>
                  </tr>
                ) : (
                  list.data.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row" class="nowrap">
                        <a href={webHref(p.url) ?? webHref(p.normalized_url)} target="_blank" rel="noopener noreferrer">
                          {formatDate(p.published_on)}
                        </a>
                      </th>
                      {team ? <td data-label={t("posts.member")}>{p.member_name}</td> : null}
                      <td class="half" data-label={t("posts.platform")}>{t(`platform.${p.platform}` as MessageKey)}</td>
                      <td class="half" data-label={t("posts.format")}>{t(`format.${p.format}` as MessageKey)}</td>
                      <td class="num" data-label={t("posts.likes")}>{formatNumber(p.likes)}</td>
                      <td class="num" data-label={t("posts.comments")}>{formatNumber(p.comments)}</td>
                      <td class="num" data-label={t("posts.engagements")}>{formatNumber(p.engagements)}</td>
                      <td class="num" data-label={t("posts.rate")}>{p.engagement_rate == null ? t("kpi.noData") : `${formatNumber(p.engagement_rate)} %`}</td>
                      <td class="num" data-label={t("posts.outcomes")}>{formatNumber(p.outcomes)}</td>
                      <td class="nowrap">
                        <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(p)}>
                          {t("posts.updateFigures")}
                        </button>{" "}
                        <button type="button" class="btn btn-danger-outline btn-small" onClick={() => void remove(p)} aria-label={`${t("posts.delete")}: ${formatDate(p.published_on)}`}>
                          {t("posts.delete")}
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={list.data.page} perPage={list.data.per_page} total={list.data.total} name={t("posts.mine")} onPage={setPage} />
        </>
      ) : null}
      <FiguresDialog
        programId={programId}
        post={editing}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          setStatus(t("posts.figuresSaved"));
          await changed();
        }}
      />
    </Page>
  );
}

/** Where the share menu does not offer Botschaft (iOS, desktop): the copied link, in two taps. */
function ClipboardButton() {
  async function fromClipboard() {
    let text = "";
    try {
      text = await navigator.clipboard.readText();
    } catch {
      text = "";
    }
    if (sharedLink({ text })) navigate(`${PATHS.share}?${new URLSearchParams({ text }).toString()}`);
    else toast(t("share.clipboardEmpty"));
  }
  return (
    <p>
      <button type="button" class="btn btn-secondary btn-small" onClick={() => void fromClipboard()}>
        {t("share.fromClipboard")}
      </button>
    </p>
  );
}

function LogPostForm(props: { programId: string; team: boolean; onLogged: () => Promise<void> }) {
  const [url, setUrl] = useState("");
  const [publishedOn, setPublishedOn] = useState(todayIso());
  const [format, setFormat] = useState<PostFormat>("text");
  const [topic, setTopic] = useState("");
  const [hashtags, setHashtags] = useState("");
  const [person, setPerson] = useState<Person | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  // The core team may log a post dated outside the program's period, once it says so.
  const [outsideAsked, setOutsideAsked] = useState(false);
  const [outside, setOutside] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(undefined);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/posts", {
          params: { path: { program_id: props.programId } },
          body: {
            url: url.trim(),
            published_on: publishedOn || null,
            format,
            hashtags: hashtags.split(/[\s,]+/).filter(Boolean),
            topic: topic.trim() || null,
            outside_period: outside,
            ...(props.team ? { member_id: person?.id ?? null } : {}),
          },
        }),
      );
      setUrl("");
      setTopic("");
      setOutside(false);
      setOutsideAsked(false);
      await props.onLogged();
      urlRef.current?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // The post may have been logged by another of its link forms: show which one.
        const existing = err.problem.existing as { url?: string; published_on?: string } | null;
        setErrors({
          url: existing?.url
            ? t("posts.duplicateAs", {
                url: existing.url,
                date: formatDate(existing.published_on ?? ""),
              })
            : t("posts.duplicate"),
        });
      } else {
        setErrors(fieldErrorsFrom(err));
        setFormError(errorMessage(err));
        if (datedOutside(err) && props.team) setOutsideAsked(true);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form card" onSubmit={submit} noValidate aria-labelledby="log-heading">
      <h2 id="log-heading">{t("posts.logTitle")}</h2>
      <FormError message={formError} />
      <TextField id="post-url" label={t("posts.url")} hint={t("posts.urlHint")} type="url" inputMode="url" value={url} onValue={setUrl} error={errors.url} required inputRef={urlRef} />
      {props.team ? null : <ClipboardButton />}
      {props.team ? <PersonPicker programId={props.programId} id="post-member" label={t("posts.member")} value={person} onValue={setPerson} error={errors.member_id} /> : null}
      <div class="grid-2">
        <div>
          <TextField id="post-date" label={t("posts.publishedOn")} type="date" value={publishedOn} max={todayIso()} onValue={setPublishedOn} error={errors.published_on} />
          {outsideAsked ? (
            <div class="check">
              <input id="post-outside" type="checkbox" checked={outside} onChange={(e) => setOutside((e.currentTarget as HTMLInputElement).checked)} />
              <label for="post-outside">{t("posts.outsidePeriod")}</label>
            </div>
          ) : null}
        </div>
        <SelectField
          id="post-format"
          label={t("posts.format")}
          value={format}
          onValue={(v) => setFormat(v as PostFormat)}
          error={errors.format}
          options={POST_FORMATS.map((f) => ({ value: f, label: t(`format.${f}` as MessageKey) }))}
        />
      </div>
      <div class="grid-2">
        <TextField id="post-hashtags" label={t("posts.hashtags")} hint={t("posts.hashtagsHint")} value={hashtags} onValue={setHashtags} optional error={errors.hashtags} />
        <TextField id="post-topic" label={t("posts.topic")} value={topic} onValue={setTopic} optional error={errors.topic} />
      </div>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t("posts.submit")}
      </button>
    </form>
  );
}

const FIGURES = ["impressions", "likes", "comments", "shares", "clicks", "saves"] as const;

function FiguresDialog(props: { programId: string; post: Post | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const post = props.post;
  const key = post?.id ?? "";
  const [loadedFor, setLoadedFor] = useState("");
  if (post && loadedFor !== key) {
    setLoadedFor(key);
    setValues(Object.fromEntries(FIGURES.map((f) => [f, post[f] == null ? "" : String(post[f])])));
    setErrors({});
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!post) return;
    const body: Record<string, number | null> = {};
    for (const f of FIGURES) body[f] = values[f] === "" ? (f === "likes" || f === "comments" || f === "shares" ? 0 : null) : Number(values[f]);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/posts/{post_id}/figures", {
          params: { path: { program_id: props.programId, post_id: post.id } },
          body: body as never,
        }),
      );
      await props.onSaved();
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
    }
  }

  return (
    <Dialog open={!!post} id="figures-dialog" title={post ? t("posts.figuresFor", { date: formatDate(post.published_on) }) : ""} onClose={props.onClose}>
      <form onSubmit={save} noValidate>
        <div class="grid-2">
          {FIGURES.map((f) => (
            <TextField
              key={f}
              id={`figure-${f}`}
              label={t(`posts.${f}` as MessageKey)}
              type="number"
              inputMode="numeric"
              min={0}
              value={values[f] ?? ""}
              onValue={(v) => setValues({ ...values, [f]: v })}
              error={errors[f]}
              optional={f !== "likes" && f !== "comments" && f !== "shares"}
            />
          ))}
        </div>
        <button type="submit" class="btn btn-primary">
          {t("posts.saveFigures")}
        </button>{" "}
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>
          {t("posts.cancel")}
        </button>
      </form>
    </Dialog>
  );
}

type Preview = components["schemas"]["ImportPreviewOut"];

function importForm(file: File, preset: string, createMissing: boolean, outside = false): FormData {
  const form = new FormData();
  form.append("file", file);
  if (preset) form.append("preset", preset);
  if (createMissing) form.append("create_missing", "true");
  if (outside) form.append("outside_period", "true");
  return form;
}

/** Figures from a CSV or XLSX export: check first (preview), then import all rows or none. */
function ImportFigures(props: { programId: string; team: boolean; onImported: (message: string) => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState("");
  const [createMissing, setCreateMissing] = useState(false);
  const [outside, setOutside] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problems, setProblems] = useState<{ field: string; message: string; type: string }[]>([]);
  const [error, setError] = useState<string>();
  const path = { program_id: props.programId };

  async function check(e: Event) {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setProblems([]);
    try {
      const body = await call(
        api.POST("/api/v1/programs/{program_id}/posts/imports/preview", {
          params: { path },
          body: {} as never,
          bodySerializer: () => importForm(file, preset, false),
        }),
      );
      setPreview(body);
    } catch (err) {
      setPreview(null);
      setError(errorMessage(err));
      setProblems(listedErrors(err));
    }
  }

  async function run() {
    if (!file) return;
    setError(undefined);
    try {
      const result = await call(
        api.POST("/api/v1/programs/{program_id}/posts/imports", {
          params: { path },
          body: {} as never,
          bodySerializer: () => importForm(file, preset, createMissing, outside),
        }),
      );
      setPreview(null);
      await props.onImported(tn("import.done", result.rows, { created: result.posts_created }));
    } catch (err) {
      setError(errorMessage(err));
      setProblems(listedErrors(err));
    }
  }

  return (
    <details class="card">
      <summary>{t("import.title")}</summary>
      <p>{t("import.lead")}</p>
      <form onSubmit={check} noValidate>
        <div class="field">
          <label for="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
          />
        </div>
        <SelectField
          id="import-preset"
          label={t("import.preset")}
          value={preset}
          onValue={setPreset}
          options={[
            { value: "", label: t("import.presetAuto") },
            { value: "linkedin", label: t("import.presetLinkedin") },
            { value: "instagram", label: t("import.presetInstagram") },
            { value: "tiktok", label: t("import.presetTiktok") },
            { value: "generic", label: t("import.presetGeneric") },
          ]}
        />
        <div class="check">
          <input id="import-create" type="checkbox" checked={createMissing} onChange={(e) => setCreateMissing((e.currentTarget as HTMLInputElement).checked)} />
          <label for="import-create">{props.team ? t("import.createMissingTeam") : t("import.createMissing")}</label>
        </div>
        {props.team && createMissing ? (
          <div class="check">
            <input id="import-outside" type="checkbox" checked={outside} onChange={(e) => setOutside((e.currentTarget as HTMLInputElement).checked)} />
            <label for="import-outside">{t("import.outsidePeriod")}</label>
          </div>
        ) : null}
        <button type="submit" class="btn btn-secondary" disabled={!file}>
          {t("import.check")}
        </button>
      </form>
      <ImportErrors error={error} problems={problems} columns="import.field" />
      {preview ? (
        <div class="import-preview" role="status">
          <p>{tn("import.summary", preview.rows_total, { matched: preview.matched, unmatched: preview.unmatched })}</p>
          <p>
            {t("import.mapping")}: {Object.entries(preview.mapping).map(([f, c]) => `${t(`import.field.${f}` as MessageKey)} ← „${c}“`).join(", ")}
          </p>
          {preview.ignored.length ? <p>{t("import.ignored", { columns: preview.ignored.map((c) => `„${c}“`).join(", ") })}</p> : null}
          {preview.errors.length ? <p>{t("import.rowErrors", { n: preview.errors.length })}</p> : null}
          <button type="button" class="btn btn-primary" onClick={() => void run()}>
            {t("import.run")}
          </button>
        </div>
      ) : null}
    </details>
  );
}

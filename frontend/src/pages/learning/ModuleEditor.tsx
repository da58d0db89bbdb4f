// Core team: create, edit and delete the learning journey's modules, with materials as links
// or uploaded files and an optional live session in the program's time zone.
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { components } from "../../api/schema";
import { FormError, SelectField, Success, TextArea, TextField } from "../../components/forms";
import { Loading, QueryError } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { invalidate, programKey, useApi } from "../../data";
import { errorMessage, fieldErrorsFrom } from "../../errors";
import { formatDate, t, type MessageKey } from "../../i18n";
import { useProgramDetails } from "../../programs";
import { isoToZoned, zonedToIso } from "../../zoned";
import { webHref } from "../../links";
import { confirmAction, keepFocus } from "../../components/feedback";
import { topicLabel } from "../../labels";

type Module = components["schemas"]["ModuleOut"];
type Cohort = components["schemas"]["CohortOut"];
export interface Material {
  title: string;
  url?: string | null;
  file_id?: string | null;
}

/** The materials stored on a module (free-form JSON) as typed entries; unknown shapes are dropped. */
export function materialsOf(raw: readonly Record<string, unknown>[]): Material[] {
  return raw.flatMap((m): Material[] => {
    const title = typeof m.title === "string" ? m.title : "";
    if (typeof m.url === "string") return [{ title, url: m.url }];
    if (typeof m.file_id === "string") return [{ title, file_id: m.file_id }];
    return [];
  });
}

const UPLOAD_ERRORS: Record<string, MessageKey> = { file_type: "mod.fileType", too_large: "mod.fileTooLarge", empty: "mod.fileEmpty" };

/** Why an upload was refused, in the UI language (a 413 from the proxy counts as too large). */
export function uploadError(e: unknown): string {
  if (e instanceof ApiError && e.status === 413) return t("mod.fileTooLarge");
  const type = e instanceof ApiError ? e.problem.errors?.[0]?.type : undefined;
  return type && UPLOAD_ERRORS[type] ? t(UPLOAD_ERRORS[type]) : errorMessage(e);
}

export function ModuleEditor(props: { programId: string }) {
  const path = { params: { path: { program_id: props.programId } } };
  const modules = useApi(programKey(props.programId, "modules"), () => call(api.GET("/api/v1/programs/{program_id}/modules", path)));
  const cohortList = useApi(programKey(props.programId, "cohorts"), () => call(api.GET("/api/v1/programs/{program_id}/cohorts", path)));
  const details = useProgramDetails(props.programId);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  const failed = [modules, cohortList, details].find((q) => q.error);
  if (failed) return <QueryError query={failed} />;
  if (!modules.data || !cohortList.data || !details.data) return <Loading />;
  const [list, cohorts, program] = [modules.data, cohortList.data, details.data];

  async function after(message: string) {
    await invalidate(props.programId, "modules"); // the list here and the progress matrix
    setEditing(null);
    setStatus(message);
  }

  async function remove(m: Module) {
    if (!(await confirmAction({ title: t("mod.deleteTitle"), body: t("mod.confirmDelete", { title: m.title }), confirmLabel: t("mod.delete") }))) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/modules/{module_id}", { params: { path: { program_id: props.programId, module_id: m.id } } }));
      await after(t("mod.deleted"));
      keepFocus();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section aria-labelledby="modules-heading">
      <h2 id="modules-heading">{t("mod.heading")}</h2>
      <p>{t("mod.lead")}</p>
      <Success message={status} />
      <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
      <ol class="module-list">
        {list.map((m) => (
          <li key={m.id} class="card">
            <h3>{m.title}</h3>
            <p class="muted">
              {[topicLabel(m.topic), cohorts.find((c) => c.id === m.cohort_id)?.name ?? t("mod.allCohorts"), m.due_on ? `${t("mod.dueOn")} ${formatDate(m.due_on)}` : ""].filter(Boolean).join(" · ")}
            </p>
            {editing === m.id ? (
              <ModuleForm programId={props.programId} timezone={program.timezone} cohorts={cohorts} module={m} onSaved={(title) => void after(t("mod.saved", { title }))} onCancel={() => setEditing(null)} />
            ) : (
              <div class="actions-row">
                <button type="button" class="btn btn-secondary" aria-label={t("mod.editNamed", { title: m.title })} onClick={() => setEditing(m.id)}>{t("mod.edit")}</button>
                <button type="button" class="btn btn-danger" aria-label={t("mod.deleteNamed", { title: m.title })} onClick={() => void remove(m)}>{t("mod.delete")}</button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <details class="card" open={editing === "new"} onToggle={(e) => setEditing((e.currentTarget as HTMLDetailsElement).open ? "new" : null)}>
        <summary>{t("mod.new")}</summary>
        {editing === "new" ? (
          <ModuleForm programId={props.programId} timezone={program.timezone} cohorts={cohorts} onSaved={(title) => void after(t("mod.saved", { title }))} onCancel={() => setEditing(null)} />
        ) : null}
      </details>
    </section>
  );
}

function ModuleForm(props: { programId: string; timezone: string; cohorts: Cohort[]; module?: Module; onSaved: (title: string) => void; onCancel: () => void }) {
  const m = props.module;
  const prefix = `module-${m?.id ?? "new"}-`;
  const [title, setTitle] = useState(m?.title ?? "");
  const [topic, setTopic] = useState(m?.topic ?? "");
  const [description, setDescription] = useState(m?.description ?? "");
  const [cohort, setCohort] = useState(m?.cohort_id ?? "");
  const [due, setDue] = useState(m?.due_on ?? "");
  const [effort, setEffort] = useState(m?.effort_minutes ? String(m.effort_minutes) : "");
  const [starts, setStarts] = useState(isoToZoned(m?.session_starts_at, props.timezone));
  const [ends, setEnds] = useState(isoToZoned(m?.session_ends_at, props.timezone));
  const [place, setPlace] = useState(m?.session_place ?? "");
  const [materials, setMaterials] = useState<Material[]>(materialsOf(m?.materials ?? []));
  const [linkTitle, setLinkTitle] = useState("");
  const [linkUrl, setLinkUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const zoneHint = t("mod.timeZoneHint", { zone: props.timezone });

  function addLink() {
    if (!linkTitle.trim() || !/^https?:\/\/\S+$/.test(linkUrl.trim())) {
      setError(t("mod.needTitleAndTarget"));
      return;
    }
    setError(undefined);
    setMaterials([...materials, { title: linkTitle.trim(), url: linkUrl.trim() }]);
    setLinkTitle("");
    setLinkUrl("");
  }

  async function upload() {
    if (!file) return;
    setError(undefined);
    try {
      const stored = await call(
        api.POST("/api/v1/programs/{program_id}/files", {
          params: { path: { program_id: props.programId } },
          body: { file: "" },
          bodySerializer: () => {
            const form = new FormData();
            form.append("file", file);
            return form;
          },
        }),
      );
      setMaterials([...materials, { title: linkTitle.trim() || stored.filename, file_id: stored.id }]);
      setLinkTitle("");
      setFile(null);
      setNote(t("mod.uploaded", { name: stored.filename }));
    } catch (e) {
      setError(uploadError(e));
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!title.trim()) fe.title = t("form.requiredField");
    if (effort && !/^\d+$/.test(effort)) fe.effort_minutes = t("sel.invalidNumber");
    setErrors(fe);
    if (Object.keys(fe).length) {
      setError(t("form.errorSummary"));
      return;
    }
    const fields = {
      title: title.trim(),
      topic,
      description,
      cohort_id: cohort || null,
      due_on: due || null,
      effort_minutes: effort ? Number(effort) : null,
      session_starts_at: starts ? zonedToIso(starts, props.timezone) ?? null : null,
      session_ends_at: ends ? zonedToIso(ends, props.timezone) ?? null : null,
      session_place: place.trim() || null,
      materials: materials.map((x) => (x.url ? { title: x.title, url: x.url } : { title: x.title, file_id: x.file_id })),
    };
    try {
      const saved = m
        ? await call(api.PATCH("/api/v1/programs/{program_id}/modules/{module_id}", { params: { path: { program_id: props.programId, module_id: m.id } }, body: { ...fields, version: m.version } }))
        : await call(api.POST("/api/v1/programs/{program_id}/modules", { params: { path: { program_id: props.programId } }, body: fields }));
      props.onSaved(saved.title);
    } catch (err) {
      setErrors(fieldErrorsFrom(err));
      setError(errorMessage(err));
    }
  }

  const labels = { title: t("mod.title"), effort_minutes: t("mod.effort"), session_ends_at: t("mod.sessionEnds"), due_on: t("mod.dueOn"), materials: t("mod.materials") };
  return (
    <form class="form" noValidate onSubmit={save}>
      <FormError message={error} fields={errors} labels={labels} idPrefix={prefix} />
      <TextField id={`${prefix}title`} label={t("mod.title")} required value={title} onValue={setTitle} error={errors.title} maxLength={200} />
      <div class="grid-2">
        <TextField id={`${prefix}topic`} label={t("mod.topic")} optional value={topic} onValue={setTopic} maxLength={200} />
        <SelectField id={`${prefix}cohort_id`} label={t("mod.cohort")} value={cohort} onValue={setCohort}
          options={[{ value: "", label: t("mod.allCohorts") }, ...props.cohorts.map((c) => ({ value: c.id, label: c.name }))]} />
        <TextField id={`${prefix}due_on`} label={t("mod.dueOn")} type="date" optional value={due} onValue={setDue} error={errors.due_on} />
        <TextField id={`${prefix}effort_minutes`} label={t("mod.effort")} inputMode="numeric" optional value={effort} onValue={setEffort} error={errors.effort_minutes} />
      </div>
      <TextArea id={`${prefix}description`} label={t("mod.description")} optional value={description} onValue={setDescription} rows={5} />
      <div class="grid-2">
        <TextField id={`${prefix}session_starts_at`} label={t("mod.sessionStarts")} type="datetime-local" optional value={starts} onValue={setStarts} hint={zoneHint} />
        <TextField id={`${prefix}session_ends_at`} label={t("mod.sessionEnds")} type="datetime-local" optional value={ends} onValue={setEnds} hint={zoneHint} error={errors.session_ends_at} />
      </div>
      <TextField id={`${prefix}session_place`} label={t("mod.sessionPlace")} optional value={place} onValue={setPlace} maxLength={500} />
      <fieldset>
        <legend>{t("mod.materials")}</legend>
        {materials.length ? (
          <TableWrap captionId={`${prefix}materials-caption`}>
            <table class="table-compact">
              <caption id={`${prefix}materials-caption`} class="visually-hidden">{t("mod.materialsCaption")}</caption>
              <tbody>
                {materials.map((x, i) => (
                  <tr key={`${x.title}-${i}`}>
                    <th scope="row">{x.url ? (webHref(x.url) ? <a href={webHref(x.url)} rel="noopener noreferrer">{x.title}</a> : `${x.title} (${x.url})`) : <a href={`/api/v1/programs/${props.programId}/files/${x.file_id}`}>{x.title}</a>}</th>
                    <td>{x.url ? t("mod.kindLink") : t("mod.kindFile")}</td>
                    <td>
                      <button type="button" class="btn btn-small btn-secondary" aria-label={t("mod.removeMaterial", { title: x.title })}
                        onClick={() => setMaterials(materials.filter((_, j) => j !== i))}>×</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : <p>{t("mod.noMaterials")}</p>}
        <div class="grid-2">
          <TextField id={`${prefix}material-title`} label={t("mod.materialTitle")} value={linkTitle} onValue={setLinkTitle} maxLength={200} />
          <TextField id={`${prefix}material-url`} label={t("mod.materialUrl")} type="url" value={linkUrl} onValue={setLinkUrl} />
        </div>
        <div class="actions-row">
          <button type="button" class="btn btn-secondary" onClick={addLink}>{t("mod.addLink")}</button>
        </div>
        <div class="field">
          <label for={`${prefix}file`}>{t("mod.file")}</label>
          <input id={`${prefix}file`} type="file" accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.txt,.md"
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        <div class="actions-row">
          <button type="button" class="btn btn-secondary" aria-disabled={file ? undefined : "true"} onClick={() => void upload()}>{t("mod.upload")}</button>
        </div>
        <div class="live" role="status">{note ? <p class="muted">{note}</p> : null}</div>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">{m ? t("mod.save") : t("mod.create")}</button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>{t("mod.cancel")}</button>
      </div>
    </form>
  );
}

// An influencer logs posts from their own data archive (LinkedIn, Instagram, TikTok): read it
// (nothing is stored), tick the posts that belong to the program, log them in one go.
import { useState } from "preact/hooks";
import { ApiError, api, call } from "../../api/client";
import type { components } from "../../api/schema";
import { toast } from "../../components/feedback";
import { FormError, TextField } from "../../components/forms";
import { errorMessage, fieldMessage } from "../../errors";
import { formatDate, t, tn, type MessageKey } from "../../i18n";

type Preview = components["schemas"]["ArchivePreviewOut"];
type Found = components["schemas"]["ArchivePostOut"];

function archiveForm(file: File): FormData {
  const form = new FormData();
  form.append("file", file);
  return form;
}

/** The file's problem in the reader's words (the server names the kind: archive_unknown …). */
function fileProblem(err: unknown): string {
  if (err instanceof ApiError) {
    const file = err.problem.errors?.find((e) => e.field === "file");
    if (file) return fieldMessage(file.type, file.message, "file");
  }
  return errorMessage(err);
}

export function ArchiveImport(props: { programId: string; onLogged: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [links, setLinks] = useState<Record<number, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [showOutside, setShowOutside] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = { program_id: props.programId };

  async function read(e: Event) {
    e.preventDefault();
    if (!file || reading) return;
    setReading(true);
    setError(undefined);
    setRowErrors({});
    try {
      const body = await call(
        api.POST("/api/v1/programs/{program_id}/posts/archive/preview", {
          params: { path },
          body: {} as never,
          bodySerializer: () => archiveForm(file),
        }),
      );
      setPreview(body);
      setChosen(new Set(body.posts.flatMap((p, i) => (p.preselected ? [i] : []))));
      setLinks({});
    } catch (err) {
      setPreview(null);
      setError(fileProblem(err));
    } finally {
      setReading(false);
    }
  }

  function toggle(index: number, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(index);
    else next.delete(index);
    setChosen(next);
  }

  async function log() {
    if (!preview || busy) return;
    const picked = [...chosen].sort((a, b) => a - b);
    if (!picked.length) {
      setError(t("archive.pickOne"));
      return;
    }
    const missing: Record<number, string> = {};
    for (const i of picked) if (!preview.posts[i]!.url && !(links[i] ?? "").trim()) missing[i] = t("archive.linkRequired");
    setRowErrors(missing);
    if (Object.keys(missing).length) {
      setError(t("form.errorSummary"));
      document.getElementById(`archive-link-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const posts = picked.map((i) => {
      const p = preview.posts[i]!;
      return { url: p.url ?? (links[i] ?? "").trim(), published_on: p.published_on, format: p.format, hashtags: p.hashtags };
    });
    try {
      const result = await call(api.POST("/api/v1/programs/{program_id}/posts/archive", { params: { path }, body: { posts } }));
      const skipped = result.skipped.length ? ` ${tn("archive.skipped", result.skipped.length)}` : "";
      toast(tn("archive.logged", result.created) + skipped);
      setPreview(null);
      setFile(null);
      await props.onLogged();
    } catch (err) {
      // "posts.3.url" -> the fourth of the posts sent
      const rows: Record<number, string> = {};
      if (err instanceof ApiError) {
        for (const e of err.problem.errors ?? []) {
          const m = /^posts\.(\d+)\./.exec(String(e.field));
          if (m) rows[picked[Number(m[1])]!] = fieldMessage(e.type, e.message);
        }
      }
      setRowErrors(rows);
      setError(Object.keys(rows).length ? t("form.errorSummary") : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const shown = preview ? preview.posts.map((p, i) => [p, i] as const).filter(([p]) => showOutside || p.in_period) : [];
  return (
    <details class="card">
      <summary>{t("archive.title")}</summary>
      <p>{t("archive.lead")}</p>
      <ul class="plain-list small">
        <li>{t("archive.howLinkedin")}</li>
        <li>{t("archive.howInstagram")}</li>
        <li>{t("archive.howTiktok")}</li>
      </ul>
      <p class="muted">{t("archive.privacy")}</p>
      <form onSubmit={read} noValidate>
        <div class="field">
          <label for="archive-file">{t("archive.file")}</label>
          <input
            id="archive-file"
            type="file"
            accept=".zip,.csv,.json,application/zip,text/csv,application/json"
            onChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setPreview(null);
              setError(undefined);
            }}
          />
        </div>
        <button type="submit" class="btn btn-secondary" disabled={!file} aria-disabled={reading ? "true" : undefined}>
          {reading ? t("archive.reading") : t("archive.check")}
        </button>
      </form>
      <FormError message={error} />
      {preview ? (
        <div class="archive-preview">
          <p role="status">
            {tn("archive.found", preview.posts.length, { source: t(`platform.${preview.source}` as MessageKey) })}{" "}
            {preview.outside_period ? tn("archive.outside", preview.outside_period) : ""}
          </p>
          {preview.outside_period ? (
            <div class="check">
              <input id="archive-outside" type="checkbox" checked={showOutside} onChange={(e) => setShowOutside((e.currentTarget as HTMLInputElement).checked)} />
              <label for="archive-outside">{t("archive.showOutside")}</label>
            </div>
          ) : null}
          {shown.length === 0 ? <p class="empty-state">{t("archive.noneInPeriod")}</p> : null}
          <div class="form-actions">
            <button
              type="button"
              class="btn btn-secondary btn-small"
              onClick={() => setChosen(new Set(preview.posts.flatMap((p, i) => (p.in_period && !p.already_logged ? [i] : []))))}
            >
              {t("archive.selectAll")}
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setChosen(new Set())}>
              {t("archive.selectNone")}
            </button>
          </div>
          <ul class="archive-list" aria-label={t("archive.listLabel")}>
            {shown.map(([p, i]) => (
              <ArchiveRow
                key={i}
                index={i}
                post={p}
                checked={chosen.has(i)}
                onCheck={(on) => toggle(i, on)}
                link={links[i] ?? ""}
                onLink={(v) => setLinks({ ...links, [i]: v })}
                error={rowErrors[i]}
              />
            ))}
          </ul>
          <button type="button" class="btn btn-primary" onClick={() => void log()} aria-disabled={busy ? "true" : undefined}>
            {tn("archive.log", chosen.size)}
          </button>
        </div>
      ) : null}
    </details>
  );
}

function ArchiveRow(props: {
  index: number;
  post: Found;
  checked: boolean;
  onCheck: (on: boolean) => void;
  link: string;
  onLink: (v: string) => void;
  error?: string;
}) {
  const p = props.post;
  const id = `archive-post-${props.index}`;
  const what = [formatDate(p.published_on), t(`platform.${p.platform}` as MessageKey), t(`format.${p.format}` as MessageKey)].join(" · ");
  const marks = [
    p.already_logged ? t("archive.alreadyLogged") : null,
    p.in_period ? null : t("archive.outsidePeriod"),
    p.uses_program_hashtag ? t("archive.programHashtag") : null,
  ].filter(Boolean);
  return (
    <li class="archive-row">
      <div class="check">
        <input id={id} type="checkbox" checked={props.checked} disabled={p.already_logged} onChange={(e) => props.onCheck((e.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>
          <strong>{what}</strong>
          {marks.length ? <span class="muted"> – {marks.join(", ")}</span> : null}
          <span class="archive-text">{p.text || t("archive.noText")}</span>
        </label>
      </div>
      {props.checked && !p.url ? (
        <TextField
          id={`archive-link-${props.index}`}
          label={t("archive.linkMissing", { date: formatDate(p.published_on) })}
          hint={t("archive.linkMissingHint")}
          type="url"
          inputMode="url"
          value={props.link}
          onValue={props.onLink}
          error={props.error}
          required
        />
      ) : props.error ? (
        <p class="field-error">{props.error}</p>
      ) : null}
    </li>
  );
}

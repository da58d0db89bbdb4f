// "Update all my recent posts": one table of the last weeks' posts with their figures, saved
// together (all or nothing).
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { problemText } from "../../errors";
import type { Post } from "../../api/types";
import { TableWrap } from "../../components/TableWrap";
import { formatDate, t, tn, type MessageKey } from "../../i18n";
import { webHref } from "../../links";

const COLUMNS = ["impressions", "likes", "comments", "shares"] as const;
type Column = (typeof COLUMNS)[number];
const RECENT_DAYS = 60;

export function recentPosts(posts: readonly Post[], today: Date = new Date()): Post[] {
  const since = new Date(today.getTime() - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
  return posts.filter((p) => p.published_on >= since);
}

export function RecentFigures(props: { programId: string; posts: readonly Post[]; onSaved: (message: string) => Promise<void> }) {
  const posts = recentPosts(props.posts);
  const initial = (): Record<string, Record<Column, string>> =>
    Object.fromEntries(posts.map((p) => [p.id, Object.fromEntries(COLUMNS.map((c) => [c, p[c] == null ? "" : String(p[c])])) as Record<Column, string>]));
  const [values, setValues] = useState<Record<string, Record<Column, string>>>(initial);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  if (!posts.length) return null;

  const changed = posts.filter((p) => COLUMNS.some((c) => (values[p.id]?.[c] ?? "") !== (p[c] == null ? "" : String(p[c]))));
  const invalid = (v: string) => v !== "" && !/^\d+$/.test(v);

  async function save(e: Event) {
    e.preventDefault();
    setError(undefined);
    if (posts.some((p) => COLUMNS.some((c) => invalid(values[p.id]?.[c] ?? "")))) {
      setError(t("posts.bulkInvalid"));
      return;
    }
    const items = changed.map((p) => {
      const v = values[p.id]!;
      const n = (c: Column) => (v[c] === "" ? null : Number(v[c]));
      return { post_id: p.id, impressions: n("impressions"), likes: n("likes") ?? 0, comments: n("comments") ?? 0, shares: n("shares") ?? 0 };
    });
    if (!items.length) return;
    try {
      await call(api.POST("/api/v1/programs/{program_id}/posts/figures", { params: { path: { program_id: props.programId } }, body: { items } }));
      setOpen(false);
      await props.onSaved(tn("posts.bulkSaved", items.length));
    } catch (err) {
      setError(problemText(err));
    }
  }

  return (
    <section class="card" aria-labelledby="recent-figures-heading">
      <h2 id="recent-figures-heading">{t("posts.bulkHeading")}</h2>
      <p>{t("posts.bulkLead", { days: RECENT_DAYS })}</p>
      {!open ? (
        <button type="button" class="btn btn-secondary" onClick={() => { setValues(initial()); setOpen(true); }}>
          {tn("posts.bulkOpen", posts.length)}
        </button>
      ) : (
        <form onSubmit={save} noValidate>
          <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
          <TableWrap captionId="recent-figures-caption">
            <table class="table-compact">
              <caption id="recent-figures-caption">{t("posts.bulkCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("posts.date")}</th>
                  <th scope="col">{t("posts.platform")}</th>
                  {COLUMNS.map((c) => <th scope="col" key={c}>{t(`posts.${c}` as MessageKey)}</th>)}
                </tr>
              </thead>
              <tbody>
                {posts.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{formatDate(p.published_on)}</th>
                    <td><a href={webHref(p.url) ?? webHref(p.normalized_url)} rel="noopener noreferrer">{p.platform}</a></td>
                    {COLUMNS.map((c) => {
                      const v = values[p.id]?.[c] ?? "";
                      return (
                        <td key={c}>
                          <input class="input-number" type="number" min={0} inputMode="numeric" value={v} aria-invalid={invalid(v) ? "true" : undefined}
                            aria-label={`${t(`posts.${c}` as MessageKey)}, ${formatDate(p.published_on)}, ${p.platform}`}
                            onInput={(e) => setValues({ ...values, [p.id]: { ...values[p.id]!, [c]: (e.currentTarget as HTMLInputElement).value } })} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary">{t("posts.bulkSave", { count: changed.length })}</button>
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>{t("posts.cancel")}</button>
          </div>
        </form>
      )}
    </section>
  );
}

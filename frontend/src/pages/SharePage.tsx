// "Share → Botschaft" (the manifest's share target) and "log from clipboard": a post's link
// arrives filled in, with its hashtags and a guessed format; one tap logs it, with undo.
import { useMemo, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import { POST_FORMATS, type MyProgram, type Post, type PostFormat } from "../api/types";
import { toast } from "../components/feedback";
import { SelectField, TextField } from "../components/forms";
import { Page } from "../components/Page";
import { invalidate } from "../data";
import { errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, t, type MessageKey } from "../i18n";
import { useProgramDetails } from "../programs";
import { programPath } from "../routes";
import { useSession } from "../session";
import { guessFormat, sharedHashtags, sharedLink, usesProgramHashtag } from "../share";

export function SharePage(props: { search: string }) {
  const { me, program } = useSession();
  const shared = useMemo(() => {
    const q = new URLSearchParams(props.search);
    return { title: q.get("title"), text: q.get("text"), url: q.get("url") };
  }, [props.search]);
  const mine = me.programs.filter((p) => p.role === "influencer");
  const [chosen, setChosen] = useState<MyProgram | undefined>(
    mine.find((p) => p.id === program?.id) ?? (mine.length === 1 ? mine[0] : undefined),
  );
  return (
    <Page title={t("share.title")} context={chosen?.name}>
      {!mine.length ? <p class="notice notice-info">{t("share.onlyInfluencers")}</p> : null}
      {mine.length > 1 ? (
        <SelectField id="share-program" label={t("share.program")} value={chosen?.id ?? ""} onValue={(v) => setChosen(mine.find((p) => p.id === v))}
          options={[{ value: "", label: t("share.chooseProgram") }, ...mine.map((p) => ({ value: p.id, label: p.name }))]} />
      ) : null}
      {chosen ? <ShareForm key={chosen.id} program={chosen} shared={shared} /> : null}
    </Page>
  );
}

function ShareForm(props: { program: MyProgram; shared: { title: string | null; text: string | null; url: string | null } }) {
  const details = useProgramDetails(props.program.id);
  const link = sharedLink(props.shared);
  const tags = sharedHashtags(props.shared);
  const [url, setUrl] = useState(link ?? "");
  const [format, setFormat] = useState<PostFormat>(guessFormat(link ?? "") ?? "text");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Post>();
  const programTag = details.data ? usesProgramHashtag(tags, details.data.hashtags) : false;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      // The date is today in the program's time zone (the server's default).
      const post = await call(
        api.POST("/api/v1/programs/{program_id}/posts", { params: { path: { program_id: props.program.id } }, body: { url: url.trim(), format, hashtags: tags, outside_period: false } }),
      );
      setSaved(post);
      toast(t("share.saved"));
      void invalidate(props.program.id, "posts");
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Logged before, perhaps with another form of its link: say which.
        const existing = err.problem.existing as { url?: string; published_on?: string } | null;
        setErrors({
          url: existing?.url ? t("posts.duplicateAs", { url: existing.url, date: formatDate(existing.published_on ?? "") }) : t("posts.duplicate"),
        });
      }
      else {
        const fields = fieldErrorsFrom(err);
        setErrors(Object.keys(fields).length ? fields : { url: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  async function undo() {
    if (!saved) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/posts/{post_id}", { params: { path: { program_id: props.program.id, post_id: saved.id } } }));
      setSaved(undefined);
      toast(t("share.undone"));
      void invalidate(props.program.id, "posts");
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  if (saved) {
    return (
      <section class="card" aria-labelledby="share-done">
        <h2 id="share-done">{t("share.doneTitle")}</h2>
        <p>{t("share.done", { date: formatDate(saved.published_on), platform: t(`platform.${saved.platform}` as MessageKey) })}</p>
        <div class="actions-row">
          <a class="btn btn-primary" href={programPath(props.program.slug, "myPosts")}>{t("share.figuresNow")}</a>
          <a class="btn btn-secondary" href={programPath(props.program.slug, "home")}>{t("share.figuresLater")}</a>
          <button type="button" class="btn btn-secondary" onClick={() => void undo()}>{t("share.undo")}</button>
        </div>
      </section>
    );
  }
  return (
    <form class="form card" noValidate onSubmit={save} aria-labelledby="share-heading">
      <h2 id="share-heading">{t("share.heading")}</h2>
      {!link ? <p class="notice notice-info">{t("share.noLink")}</p> : null}
      <TextField id="share-url" label={t("posts.url")} type="url" inputMode="url" value={url} onValue={setUrl} error={errors.url} required />
      <SelectField id="share-format" label={t("posts.format")} value={format} onValue={(v) => setFormat(v as PostFormat)} error={errors.format}
        options={POST_FORMATS.map((f) => ({ value: f, label: t(`format.${f}` as MessageKey) }))} />
      {tags.length ? (
        <p>
          {t("share.hashtags")}: {tags.join(" ")}
          {programTag ? <strong> · {t("share.programTag")}</strong> : null}
        </p>
      ) : null}
      <p class="field-hint">{t("share.today")}</p>
      <button type="submit" class="btn btn-primary" disabled={busy}>{t("share.save")}</button>
    </form>
  );
}

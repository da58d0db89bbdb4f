// An influencer's follower counts: per platform the latest count and the growth since the
// first, and a small form to record today's (or another day's) count.
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { confirmAction, toast } from "../../components/feedback";
import { FormError, SelectField, TextField } from "../../components/forms";
import { QueryError } from "../../components/Page";
import { invalidate, programKey, useApi } from "../../data";
import { errorMessage, fieldErrorsFrom, problemCode } from "../../errors";
import type { components } from "../../api/schema";
import { FollowerImport } from "./FollowerImport";
import { formatDate, formatNumber, t, todayIso, type MessageKey } from "../../i18n";

export function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

export function MyFollowers(props: { programId: string }) {
  const path = { program_id: props.programId };
  const mine = useApi(programKey(props.programId, "followers", "me"), () => call(api.GET("/api/v1/programs/{program_id}/followers/me", { params: { path } })));
  const [error, setError] = useState<string>();
  const label = (p: string) => t(`platform.${p}` as MessageKey);

  async function remove(id: string, platformName: string) {
    const sure = await confirmAction({
      title: t("followers.deleteTitle", { platform: platformName }),
      confirmLabel: t("followers.delete"),
      danger: true,
    });
    if (!sure) return;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/followers/{reading_id}", { params: { path: { ...path, reading_id: id } } }));
      toast(t("followers.deleted"));
      await invalidate(props.programId, "followers");
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section class="card" aria-labelledby="followers-h">
      <h2 id="followers-h">{t("followers.title")}</h2>
      <p class="field-hint">{t("followers.lead")}</p>
      <QueryError query={mine} />
      {mine.data?.lines.length ? (
        <ul class="follower-lines">
          {mine.data.lines.map((line) => (
            <li key={line.platform}>
              <FollowerLineText line={line} />{" "}
              <button type="button" class="btn btn-secondary btn-small" onClick={() => remove(line.latest_id, label(line.platform))}>
                {t("followers.deleteLatest")}
              </button>
            </li>
          ))}
        </ul>
      ) : mine.data ? (
        <p>{t("followers.none")}</p>
      ) : null}
      <FormError message={error} />
      <FollowerForm programId={props.programId} platforms={mine.data?.platforms ?? []} />
      {mine.data ? <FollowerImport programId={props.programId} platforms={mine.data.platforms} team={false} /> : null}
      {mine.data ? <AccountLinks programId={props.programId} platforms={mine.data.platforms} profiles={mine.data.profiles} /> : null}
    </section>
  );
}

type Line = components["schemas"]["FollowerLine"];

/** "LinkedIn: 545 on 5 Feb 2026 · +65 since 5 Jan 2026". */
export function FollowerLineText(props: { line: Line }) {
  const line = props.line;
  return (
    <>
      <strong>{t(`platform.${line.platform}` as MessageKey)}</strong>: {formatNumber(line.followers)}{" "}
      <span class="field-hint">
        {t("followers.asOf", { date: formatDate(line.counted_on) })}
        {line.counted_on !== line.first_counted_on ? ` · ${t("followers.since", { n: signed(line.growth), date: formatDate(line.first_counted_on) })}` : ""}
      </span>
    </>
  );
}

/** Records a count: the caller's own, or (core team) the person's of `memberId`. */
export function FollowerForm(props: { programId: string; memberId?: string; platforms: string[] }) {
  const [platform, setPlatform] = useState("");
  const [count, setCount] = useState("");
  const [day, setDay] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const platforms = props.platforms.length ? props.platforms : ["linkedin", "instagram", "tiktok"];
  const chosen = platform || platforms[0]!;
  const label = (p: string) => t(`platform.${p}` as MessageKey);
  const id = props.memberId ? "person-followers" : "followers";

  async function save(e: Event, confirmDrop = false) {
    e.preventDefault();
    if (busy) return;
    const followers = Number(count);
    if (count.trim() === "" || !Number.isInteger(followers) || followers < 0) {
      setErrors({ followers: t("followers.wholeNumber") });
      return;
    }
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/followers", {
          params: { path: { program_id: props.programId } },
          body: { platform: chosen as never, followers, counted_on: day || null, confirm_drop: confirmDrop, member_id: props.memberId ?? null },
        }),
      );
      toast(t("followers.saved", { platform: label(chosen), n: formatNumber(followers) }));
      setCount("");
      await invalidate(props.programId, "followers");
    } catch (err) {
      if (problemCode(err) === "followers_drop" && !confirmDrop) {
        const sure = await confirmAction({
          title: t("followers.dropTitle"),
          body: t("followers.dropBody", { n: formatNumber(followers) }),
          confirmLabel: t("followers.dropConfirm"),
          danger: false,
        });
        setBusy(false);
        if (sure) await save(e, true);
        return;
      }
      const fields = fieldErrorsFrom(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="follower-form" onSubmit={(e) => save(e)} noValidate aria-label={t("followers.record")}>
      <SelectField id={`${id}-platform`} label={t("kpi.platform")} value={chosen} onValue={setPlatform} options={platforms.map((p) => ({ value: p, label: label(p) }))} />
      <TextField id={`${id}-count`} label={t("followers.count")} inputMode="numeric" value={count} onValue={setCount} error={errors.followers} required />
      <TextField id={`${id}-day`} label={t("followers.day")} type="date" value={day} max={todayIso()} onValue={setDay} error={errors.counted_on} />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t("followers.save")}
      </button>
      <FormError message={error} />
    </form>
  );
}

/** The links to one's own accounts, one field per platform (empty removes a link). */
function AccountLinks(props: { programId: string; platforms: string[]; profiles: { platform: string; url: string }[] }) {
  const platforms = props.platforms.length ? props.platforms : ["linkedin", "instagram", "tiktok"];
  const saved = Object.fromEntries(props.profiles.map((p) => [p.platform, p.url]));
  const [links, setLinks] = useState<Record<string, string>>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const found: Record<string, string> = {};
    let changed = 0;
    for (const platform of platforms) {
      const url = (links[platform] ?? "").trim();
      if (url === (saved[platform] ?? "")) continue;
      try {
        await call(
          api.PUT("/api/v1/programs/{program_id}/followers/profiles", {
            params: { path: { program_id: props.programId } },
            body: { platform: platform as never, url: url || null },
          }),
        );
        changed += 1;
      } catch (err) {
        found[platform] = fieldErrorsFrom(err).url ?? errorMessage(err);
      }
    }
    setErrors(found);
    setBusy(false);
    if (changed) {
      toast(t("followers.linksSaved"));
      await invalidate(props.programId, "followers");
    }
  }

  return (
    <details class="account-links">
      <summary>{t("followers.accountsMine")}</summary>
      <form onSubmit={save} noValidate>
        {platforms.map((p) => (
          <TextField
            key={p}
            id={`account-${p}`}
            label={t("followers.accountOn", { platform: t(`platform.${p}` as MessageKey) })}
            type="url"
            value={links[p] ?? ""}
            onValue={(v) => setLinks({ ...links, [p]: v })}
            error={errors[p]}
            optional
          />
        ))}
        <button type="submit" class="btn btn-secondary" disabled={busy}>
          {t("followers.linksSave")}
        </button>
      </form>
    </details>
  );
}

// Follower counts from a file: check it first (nothing is stored), then import every row or
// none. An influencer imports their own history; the core team a list with an email column.
import { ImportErrors, type RowProblem } from "../../components/ImportErrors";
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { components } from "../../api/schema";
import { toast } from "../../components/feedback";
import { SelectField } from "../../components/forms";
import { invalidate } from "../../data";
import { useProgramDetails } from "../../programs";
import { errorMessage } from "../../errors";
import { formatDate, t, tn, type MessageKey } from "../../i18n";

type Checked = components["schemas"]["FollowerImportOut"];

export function FollowerImport(props: { programId: string; platforms: readonly string[]; team: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [platform, setPlatform] = useState("");
  const [confirmDrop, setConfirmDrop] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const id = props.team ? "team-fimport" : "fimport";
  const drops = problems.some((p) => p.type === "followers_drop");

  async function send(dryRun: boolean) {
    if (!file) return;
    setError(undefined);
    setProblems([]);
    const form = new FormData();
    form.append("file", file);
    if (platform) form.append("platform", platform);
    if (confirmDrop) form.append("confirm_drop", "true");
    form.append("dry_run", String(dryRun));
    try {
      const result = await call(
        api.POST("/api/v1/programs/{program_id}/followers/import", {
          params: { path: { program_id: props.programId } },
          body: {} as never,
          bodySerializer: () => form,
        }),
      );
      if (dryRun) {
        setChecked(result);
        return;
      }
      setChecked(null);
      toast(tn("fimport.done", result.added, { changed: result.changed }));
      await invalidate(props.programId, "followers");
    } catch (err) {
      setChecked(null);
      setError(errorMessage(err));
      if (err instanceof ApiError) setProblems(err.problem.errors ?? []);
    }
  }

  return (
    <details class="card">
      <summary>{t("fimport.title")}</summary>
      <p>{props.team ? t("fimport.leadTeam") : t("fimport.lead")}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <div class="field">
          <label for={`${id}-file`}>{t("fimport.file")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setChecked(null);
            }}
          />
        </div>
        <SelectField
          id={`${id}-platform`}
          label={t("fimport.platform")}
          value={platform}
          onValue={(v) => {
            setPlatform(v);
            setChecked(null);
          }}
          options={[
            { value: "", label: t("fimport.platformFromFile") },
            ...props.platforms.map((p) => ({ value: p, label: t(`platform.${p}` as MessageKey) })),
          ]}
        />
        {drops ? (
          <div class="check">
            <input id={`${id}-drop`} type="checkbox" checked={confirmDrop} onChange={(e) => setConfirmDrop((e.currentTarget as HTMLInputElement).checked)} />
            <label for={`${id}-drop`}>{t("fimport.confirmDrop")}</label>
          </div>
        ) : null}
        <button type="submit" class="btn btn-secondary" disabled={!file}>
          {t("fimport.check")}
        </button>
      </form>
      <ImportErrors error={error} problems={problems} columns="fimport.field" />
      {checked ? (
        <div class="import-preview" role="status">
          <p>
            {tn("fimport.checked", checked.rows, {
              first: checked.first_day ? formatDate(checked.first_day) : "–",
              last: checked.last_day ? formatDate(checked.last_day) : "–",
              added: checked.added,
              changed: checked.changed,
              unchanged: checked.unchanged,
            })}
            {props.team ? ` ${tn("fimport.people", checked.people)}` : ""}
          </p>
          <button type="button" class="btn btn-primary" onClick={() => void send(false)}>
            {t("fimport.run")}
          </button>
        </div>
      ) : null}
    </details>
  );
}

/** The core team's import for many people: the program's platforms come with its details. */
export function TeamFollowerImport(props: { programId: string }) {
  const program = useProgramDetails(props.programId);
  return <FollowerImport programId={props.programId} platforms={program.data?.platforms ?? []} team />;
}

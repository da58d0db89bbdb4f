// The selection's reads that more than one view shows (a run in its report and in a comparison).
import { api, call } from "../../api/client";
import { programKey, useApi, type Query } from "../../data";
import type { Run } from "./logic";

export type RoundPath = { program_id: string; call_id: string; round_id: string };

/** One run of a round; nothing is loaded while `runId` is null. */
export function useRun(path: RoundPath, runId: string | null): Query<Run> {
  return useApi(
    programKey(path.program_id, "calls", path.call_id, "selection-rounds", path.round_id, "runs", runId),
    () => call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/selection-rounds/{round_id}/runs/{run_id}", { params: { path: { ...path, run_id: runId! } } })),
    { enabled: runId !== null },
  );
}

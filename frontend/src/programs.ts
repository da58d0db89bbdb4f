import { api, call } from "./api/client";
import type { Program, ProgramRole } from "./api/types";
import { PROGRAM_ROLES } from "./api/types";
import { programKey, useApi, type Query } from "./data";

export function loadProgram(programId: string): Promise<Program> {
  return call(api.GET("/api/v1/programs/{program_id}", { params: { path: { program_id: programId } } }));
}

/** The program with its settings (GET /programs/{id}), cached under ["program", id]. */
export function useProgramDetails(programId: string): Query<Program> {
  return useApi(programKey(programId), () => loadProgram(programId));
}

/** Members by role: from the program when the API sends `member_counts`, else counted via the members list. */
export async function memberCounts(program: Program): Promise<Record<ProgramRole, number>> {
  const given = (program as Program & { member_counts?: Record<string, number> }).member_counts;
  if (given) return { core_team: given.core_team ?? 0, influencer: given.influencer ?? 0, hr_viewer: given.hr_viewer ?? 0 };
  const totals = await Promise.all(
    PROGRAM_ROLES.map((role) =>
      call(api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id: program.id }, query: { role, per_page: 1 } } })).then(
        (p) => p.total,
      ),
    ),
  );
  return { core_team: totals[0] ?? 0, influencer: totals[1] ?? 0, hr_viewer: totals[2] ?? 0 };
}

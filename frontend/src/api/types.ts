import type { components } from "./schema";

type S = components["schemas"];
export type Problem = S["Problem"];
export type FieldError = S["FieldError"];
export type AuthConfig = S["AuthConfigOut"];
export type Me = S["MeOut"];
export type MyProgram = S["MyProgram"];
export type Role = S["Role"];
export type ProgramRole = S["ProgramRole"];
export type ApiLocale = S["Locale"];
export type Platform = S["Platform"];
export type Program = S["ProgramOut"];
export type ProgramUpdate = S["ProgramUpdate"];
export type ProgramCreate = S["ProgramCreate"];
export type Member = S["MemberOut"];
export type MemberAccess = S["Access"];
export type PasswordLink = S["PasswordLinkOut"];
export type MemberCreate = S["MemberCreate"];
export type User = S["UserOut"];
export type UserCreate = S["UserCreate"];
export type UserUpdate = S["UserUpdate"];
export type AuditEvent = S["AuditEventOut"];
export type EmailLogEntry = S["EmailOut"];
export type Post = S["PostOut"];
export type PostFormat = S["PostFormat"];
export type OutcomeType = S["OutcomeType"];
export type ProgramKpis = S["ProgramKpis"];
export type KpiTotals = S["Totals"];
export type FilterChoices = S["FilterChoices"];
export type GroupRow = S["GroupRow"];
export type InfluencerRow = S["InfluencerRow"];
export type MyKpis = S["MyKpis"];
export type Job = S["JobOut"];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

export const PROGRAM_ROLES: readonly ProgramRole[] = ["core_team", "influencer", "hr_viewer"];
export const ROLES: readonly Role[] = ["admin", "core_team", "influencer", "hr_viewer"];
export const PLATFORMS: readonly Platform[] = [
  "linkedin", "instagram", "tiktok", "youtube", "x", "facebook", "xing", "threads", "bluesky", "mastodon", "other",
];

export const POST_FORMATS: readonly PostFormat[] = ["text", "image", "video", "carousel", "live", "article"];

// Route table, navigation by role and small URL helpers. Pure functions (unit-tested).
import type { Me, MyProgram, ProgramRole } from "./api/types";
import type { MessageKey } from "./i18n";

export type Section =
  | "overview" | "applications" | "selection" | "cohorts" | "learning" | "meetings" | "posts" | "requests" | "questions" | "controlling" | "members" | "settings"
  | "home" | "myPosts" | "briefings" | "transparency"
  | "kpis" | "report";

/** URL segment of each program section: /p/{slug}/{segment}. */
export const SECTION_SEGMENT: Record<Section, string> = {
  overview: "overview",
  applications: "applications",
  selection: "selection",
  cohorts: "cohorts",
  learning: "learning",
  meetings: "meetings",
  posts: "posts",
  requests: "requests",
  questions: "questions",
  controlling: "controlling",
  members: "members",
  settings: "settings",
  home: "home",
  myPosts: "my-posts",
  briefings: "briefings",
  transparency: "what-hr-sees",
  kpis: "kpis",
  report: "report",
};

export const SECTION_LABEL: Record<Section, MessageKey> = {
  overview: "nav.overview",
  applications: "nav.applications",
  selection: "nav.selection",
  cohorts: "nav.cohorts",
  learning: "nav.learning",
  meetings: "nav.meetings",
  posts: "nav.posts",
  requests: "nav.requests",
  questions: "nav.questions",
  controlling: "nav.controlling",
  members: "nav.members",
  settings: "nav.settings",
  home: "nav.home",
  myPosts: "nav.myPosts",
  briefings: "nav.briefings",
  transparency: "nav.transparency",
  kpis: "nav.kpis",
  report: "nav.report",
};

/** Which sections each program role sees, in navigation order. The first one is the landing page. */
export const SECTIONS_BY_ROLE: Record<ProgramRole, readonly Section[]> = {
  core_team: ["overview", "applications", "selection", "cohorts", "learning", "meetings", "briefings", "posts", "requests", "questions", "controlling", "members", "settings"],
  influencer: ["home", "myPosts", "requests", "questions", "learning", "meetings", "briefings", "transparency"],
  hr_viewer: ["kpis", "report"],
};

/** Sections that are built; the rest show a calm "coming soon" page. */
export const BUILT_SECTIONS: ReadonlySet<Section> = new Set<Section>([
  "overview", "members", "settings", "posts", "myPosts", "controlling", "kpis", "report",
  "home", "meetings", "learning", "briefings", "applications", "selection", "cohorts",
  "transparency", "requests", "questions",
]);

export type Route =
  | { name: "login" }
  | { name: "root" }
  | { name: "profile" }
  | { name: "adminUsers" }
  | { name: "adminAudit" }
  | { name: "adminDelivery" }
  | { name: "erasureRequests" }
  | { name: "adminPrograms" }
  | { name: "adminProgram"; id: string }
  | { name: "adminProgramNew" }
  | { name: "program"; slug: string; section: Section }
  | { name: "programRoot"; slug: string }
  | { name: "influencer"; slug: string; memberId: string }
  | { name: "apply"; token: string }
  | { name: "application"; token: string }
  | { name: "rsvp"; token: string }
  | { name: "setPassword"; purpose: "invitation" | "reset" }
  | { name: "forgotPassword" }
  | { name: "share" }
  | { name: "notFound" };

const SEGMENT_TO_SECTION = new Map<string, Section>(
  (Object.entries(SECTION_SEGMENT) as [Section, string][]).map(([s, seg]) => [seg, s]),
);

export const PATHS = {
  login: "/login",
  root: "/",
  profile: "/profile",
  adminUsers: "/admin/users",
  adminAudit: "/admin/audit",
  adminDelivery: "/admin/delivery",
  // The link in the email that tells the core team of a request (erasure/service.py).
  erasureRequests: "/erasure-requests",
  adminPrograms: "/admin/programs",
  adminProgramNew: "/admin/programs/new",
  adminProgram: (id: string) => `/admin/programs/${encodeURIComponent(id)}`,
  // The links in invitation and reset emails carry their token in the fragment (#...), which
  // the browser never sends to the server.
  invitation: "/invitation",
  resetPassword: "/reset-password",
  forgotPassword: "/forgot-password",
  // The manifest's share target and "log from clipboard" (pages/SharePage.tsx).
  share: "/share",
} as const;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "root" };
  if (path === PATHS.login) return { name: "login" };
  if (path === PATHS.profile) return { name: "profile" };
  if (path === PATHS.adminUsers) return { name: "adminUsers" };
  if (path === PATHS.adminAudit) return { name: "adminAudit" };
  if (path === PATHS.adminDelivery) return { name: "adminDelivery" };
  if (path === PATHS.erasureRequests) return { name: "erasureRequests" };
  if (path === PATHS.adminPrograms) return { name: "adminPrograms" };
  if (path === PATHS.adminProgramNew) return { name: "adminProgramNew" };
  const program = /^\/admin\/programs\/([0-9a-f-]{36})$/.exec(path);
  if (program) return { name: "adminProgram", id: program[1]! };
  if (path === "/admin") return { name: "adminUsers" };
  if (path === PATHS.invitation) return { name: "setPassword", purpose: "invitation" };
  if (path === PATHS.resetPassword) return { name: "setPassword", purpose: "reset" };
  if (path === PATHS.forgotPassword) return { name: "forgotPassword" };
  if (path === PATHS.share) return { name: "share" };
  // Public pages: an application call's form, the applicant's private link,
  // and the answer page behind a meeting invitation's RSVP link.
  const pub = /^\/(apply|application|rsvp)\/([A-Za-z0-9_-]{8,128})$/.exec(path);
  if (pub) return { name: pub[1] as "apply" | "application" | "rsvp", token: pub[2]! };
  const person = /^\/p\/([^/]+)\/people\/([0-9a-f-]{36})$/.exec(path);
  if (person) {
    const slug = safeDecode(person[1]!);
    return slug === undefined ? { name: "notFound" } : { name: "influencer", slug, memberId: person[2]! };
  }
  const m = /^\/p\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const slug = safeDecode(m[1]!);
    if (slug === undefined) return { name: "notFound" };
    if (!m[2]) return { name: "programRoot", slug };
    const section = SEGMENT_TO_SECTION.get(m[2]);
    return section ? { name: "program", slug, section } : { name: "notFound" };
  }
  return { name: "notFound" };
}

/** The core team's page about one influencer (pages/InfluencerPage.tsx). */
export function influencerPath(slug: string, memberId: string): string {
  return `/p/${encodeURIComponent(slug)}/people/${encodeURIComponent(memberId)}`;
}

export function programPath(slug: string, section: Section): string {
  return `/p/${encodeURIComponent(slug)}/${SECTION_SEGMENT[section]}`;
}

export function canAccess(role: ProgramRole | undefined, section: Section): boolean {
  return !!role && SECTIONS_BY_ROLE[role].includes(section);
}

export function landingSection(role: ProgramRole): Section {
  return SECTIONS_BY_ROLE[role][0]!;
}

/** Where "/" leads: the chosen (or first) program's landing page, else admin or profile. */
export function landingPath(me: Me, preferredSlug?: string | null): string {
  const program = pickProgram(me.programs, preferredSlug);
  if (program) return programPath(program.slug, landingSection(program.role));
  if (me.role === "admin") return PATHS.adminUsers;
  return PATHS.profile;
}

export function pickProgram(programs: readonly MyProgram[], slug?: string | null): MyProgram | undefined {
  return programs.find((p) => p.slug === slug) ?? programs[0];
}

/** Path after switching program: same section when the new role has it, else its landing page. */
export function switchProgramPath(target: MyProgram, currentSection?: Section): string {
  const section = currentSection && canAccess(target.role, currentSection) ? currentSection : landingSection(target.role);
  return programPath(target.slug, section);
}

export interface NavItem {
  id: string;
  href: string;
  label: MessageKey;
}
export interface NavGroup {
  id: "program" | "admin";
  /** Program name for the program group; a message key for the others. */
  heading: { text: string } | { key: MessageKey };
  items: NavItem[];
}

export function navFor(me: Me, program: MyProgram | undefined): NavGroup[] {
  const groups: NavGroup[] = [];
  if (program) {
    groups.push({
      id: "program",
      heading: { text: program.name },
      items: SECTIONS_BY_ROLE[program.role].map((s) => ({
        id: s,
        href: programPath(program.slug, s),
        label: SECTION_LABEL[s],
      })),
    });
  }
  if (me.role === "admin") {
    groups.push({
      id: "admin",
      heading: { key: "nav.groupAdmin" },
      items: [
        { id: "adminPrograms", href: PATHS.adminPrograms, label: "nav.programs" },
        { id: "adminUsers", href: PATHS.adminUsers, label: "nav.users" },
        { id: "adminAudit", href: PATHS.adminAudit, label: "nav.audit" },
        { id: "adminDelivery", href: PATHS.adminDelivery, label: "delivery.nav" },
        { id: "erasureRequests", href: PATHS.erasureRequests, label: "erasure.nav" },
      ],
    });
  }
  return groups;
}

/** Only same-site absolute paths are accepted as a post-sign-in target. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/api/") || next === PATHS.login || next.startsWith(PATHS.login + "?")) return null;
  return next;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

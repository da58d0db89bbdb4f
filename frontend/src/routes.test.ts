import { describe, expect, it } from "vitest";
import type { Me } from "./api/types";
import { t } from "./i18n";
import { canAccess, influencerPath, landingPath, matchRoute, navFor, programPath, safeNext, switchProgramPath } from "./routes";

const prog = (slug: string, role: "core_team" | "influencer" | "hr_viewer") => ({ id: `id-${slug}`, name: `Programm ${slug}`, slug, role });
const me = (role: Me["role"], programs: Me["programs"]): Me => ({ id: "u1", email: "a@b.de", name: "A", role, locale: "de", programs });

const labels = (m: Me, slug?: string, locale: "de" | "en" = "de") =>
  navFor(m, m.programs.find((p) => p.slug === slug) ?? m.programs[0]).map((g) => g.items.map((i) => t(i.label, undefined, locale)));

describe("navigation by role", () => {
  it("core team sees the full program navigation", () => {
    expect(labels(me("core_team", [prog("muc", "core_team")]))).toEqual([
      ["Heute", "Bewerbungen", "Auswahl", "Kohorten & Teams", "Lernreise", "Termine", "Briefings", "Beiträge", "Anfragen", "Fragen", "Controlling", "Mitglieder", "Programm-Einstellungen"],
    ]);
    expect(labels(me("core_team", [prog("muc", "core_team")]), "muc", "en")).toEqual([
      ["Today", "Applications", "Selection", "Cohorts & teams", "Learning", "Meetings", "Briefings", "Posts", "Requests", "Questions", "Controlling", "Members", "Program settings"],
    ]);
  });

  it("influencers see their own area", () => {
    expect(labels(me("influencer", [prog("muc", "influencer")]))).toEqual([["Start", "Meine Beiträge", "Anfragen", "Fragen", "Lernreise", "Termine", "Briefings", "Was HR über mich sieht"]]);
    expect(labels(me("influencer", [prog("muc", "influencer")]), "muc", "en")).toEqual([["Home", "My posts", "Requests", "Questions", "Learning", "Meetings", "Briefings", "What HR sees about me"]]);
  });

  it("HR leadership sees KPIs and the report only", () => {
    expect(labels(me("hr_viewer", [prog("muc", "hr_viewer")]))).toEqual([["Kennzahlen", "Bericht"]]);
    expect(labels(me("hr_viewer", [prog("muc", "hr_viewer")]), "muc", "en")).toEqual([["KPIs", "Report"]]);
  });

  it("follows the role in the current program, not the account role", () => {
    const m = me("core_team", [prog("a", "core_team"), prog("b", "influencer")]);
    expect(labels(m, "b")[0]).toContain("Meine Beiträge");
    expect(labels(m, "a")[0]).toContain("Mitglieder");
  });

  it("adds Administration for administrators only", () => {
    const admin = navFor(me("admin", [prog("muc", "core_team")]), prog("muc", "core_team"));
    expect(admin.map((g) => g.id)).toEqual(["program", "admin"]);
    expect(admin[1]!.items.map((i) => [i.href, t(i.label, undefined, "de")])).toEqual([
      ["/admin/programs", "Programme"],
      ["/admin/users", "Benutzerkonten"],
      ["/admin/audit", "Protokoll"],
      ["/admin/delivery", "Zustellung"],
      ["/erasure-requests", "Löschanträge"],
    ]);
    expect(navFor(me("admin", []), undefined).map((g) => g.id)).toEqual(["admin"]);
    expect(navFor(me("core_team", [prog("x", "core_team")]), prog("x", "core_team")).map((g) => g.id)).toEqual(["program"]);
  });

  it("links point at program-scoped paths", () => {
    const [group] = navFor(me("influencer", [prog("muc", "influencer")]), prog("muc", "influencer"));
    expect(group!.items.map((i) => i.href)).toEqual(["/p/muc/home", "/p/muc/my-posts", "/p/muc/requests", "/p/muc/questions", "/p/muc/learning", "/p/muc/meetings", "/p/muc/briefings", "/p/muc/what-hr-sees"]);
  });
});

describe("routing", () => {
  it("matches routes", () => {
    expect(matchRoute("/")).toEqual({ name: "root" });
    expect(matchRoute("/login")).toEqual({ name: "login" });
    expect(matchRoute("/login/")).toEqual({ name: "login" });
    expect(matchRoute("/profile")).toEqual({ name: "profile" });
    expect(matchRoute("/rsvp/AbC_12-xyz0")).toEqual({ name: "rsvp", token: "AbC_12-xyz0" });
    expect(matchRoute("/rsvp/short")).toEqual({ name: "notFound" });
    expect(matchRoute("/apply/AbC_12-xyz0")).toEqual({ name: "apply", token: "AbC_12-xyz0" });
    expect(matchRoute("/admin/users")).toEqual({ name: "adminUsers" });
    expect(matchRoute("/admin/audit")).toEqual({ name: "adminAudit" });
    expect(matchRoute("/admin/delivery")).toEqual({ name: "adminDelivery" });
    expect(matchRoute("/erasure-requests")).toEqual({ name: "erasureRequests" });
    expect(matchRoute("/admin/programs")).toEqual({ name: "adminPrograms" });
    expect(matchRoute("/admin/programs/new")).toEqual({ name: "adminProgramNew" });
    const id = "01a23e85-1267-7313-8ee9-9fae65d4bffc";
    expect(matchRoute(`/admin/programs/${id}`)).toEqual({ name: "adminProgram", id });
    expect(matchRoute("/admin/programs/not-an-id")).toEqual({ name: "notFound" });
    expect(matchRoute(`/p/muc/people/${id}`)).toEqual({ name: "influencer", slug: "muc", memberId: id });
    expect(influencerPath("muc", id)).toBe(`/p/muc/people/${id}`);
    expect(matchRoute("/invitation")).toEqual({ name: "setPassword", purpose: "invitation" });
    expect(matchRoute("/reset-password")).toEqual({ name: "setPassword", purpose: "reset" });
    expect(matchRoute("/forgot-password")).toEqual({ name: "forgotPassword" });
    expect(matchRoute("/p/muc/members")).toEqual({ name: "program", slug: "muc", section: "members" });
    expect(matchRoute("/p/muc/my-posts")).toEqual({ name: "program", slug: "muc", section: "myPosts" });
    expect(matchRoute("/p/muc")).toEqual({ name: "programRoot", slug: "muc" });
    expect(matchRoute("/p/muc/nope")).toEqual({ name: "notFound" });
    expect(matchRoute("/elsewhere")).toEqual({ name: "notFound" });
  });

  it("round-trips program paths", () => {
    const path = programPath("stadt-muenchen", "settings");
    expect(path).toBe("/p/stadt-muenchen/settings");
    expect(matchRoute(path)).toEqual({ name: "program", slug: "stadt-muenchen", section: "settings" });
  });

  it("guards sections by program role", () => {
    expect(canAccess("core_team", "members")).toBe(true);
    expect(canAccess("influencer", "members")).toBe(false);
    expect(canAccess("hr_viewer", "overview")).toBe(false);
    expect(canAccess("hr_viewer", "kpis")).toBe(true);
    expect(canAccess(undefined, "overview")).toBe(false);
  });

  it("lands on the first section of the remembered or first program", () => {
    const m = me("core_team", [prog("a", "core_team"), prog("b", "hr_viewer")]);
    expect(landingPath(m)).toBe("/p/a/overview");
    expect(landingPath(m, "b")).toBe("/p/b/kpis");
    expect(landingPath(m, "gone")).toBe("/p/a/overview");
    expect(landingPath(me("admin", []))).toBe("/admin/users");
    expect(landingPath(me("influencer", []))).toBe("/profile");
  });

  it("keeps the section when switching program if the new role has it", () => {
    expect(switchProgramPath(prog("b", "core_team"), "members")).toBe("/p/b/members");
    expect(switchProgramPath(prog("b", "influencer"), "members")).toBe("/p/b/home");
    expect(switchProgramPath(prog("b", "influencer"), "learning")).toBe("/p/b/learning");
  });

  it("accepts only same-site paths after sign-in", () => {
    expect(safeNext("/p/muc/members")).toBe("/p/muc/members");
    expect(safeNext("//evil.example")).toBeNull();
    expect(safeNext("/\\evil.example")).toBeNull();
    expect(safeNext("https://evil.example")).toBeNull();
    expect(safeNext("/login?next=/x")).toBeNull();
    expect(safeNext("/api/v1/me")).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

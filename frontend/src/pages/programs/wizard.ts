// The new-program wizard's state, checks per step and the request body. Pure (unit-tested).
import type { Platform, ProgramCreate } from "../../api/types";
import { EMAIL_RE } from "../../errors";
import { t } from "../../i18n";
import { HASHTAG_RE, intIn, parseHashtags } from "../ProgramSettings";

export type PersonRole = "core_team" | "hr_viewer";

export interface WizardPerson {
  name: string;
  email: string;
  role: PersonRole;
}

export interface WizardState {
  name: string;
  slug: string;
  /** Until the person edits the short name, it follows the name. */
  slugTouched: boolean;
  description: string;
  starts_on: string;
  ends_on: string;
  timezone: string;
  platforms: Platform[];
  hashtags: string;
  target: string;
  people: WizardPerson[];
}

export const STEPS = ["basics", "channels", "people", "review"] as const;
export type Step = (typeof STEPS)[number];

export function emptyWizard(): WizardState {
  return {
    name: "",
    slug: "",
    slugTouched: false,
    description: "",
    starts_on: "",
    ends_on: "",
    timezone: "Europe/Berlin",
    platforms: ["linkedin", "instagram"],
    hashtags: "",
    target: "2",
    people: [{ name: "", email: "", role: "core_team" }],
  };
}

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

/** "Wir sind Musterstadt – Pilot 2027" → "wir-sind-musterstadt-pilot-2027" (German letters spelled out). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

/** Which step a field (also a server's "people[1].email") belongs to. */
export function stepOf(field: string): Step {
  const head = field.split(/[.[]/)[0]!;
  if (["name", "slug", "description"].includes(head)) return "basics";
  if (head === "people") return "people";
  return "channels";
}

/** Field errors of one step, in the UI language; empty when the step is complete. */
export function checkStep(step: Step, s: WizardState): Record<string, string> {
  const e: Record<string, string> = {};
  if (step === "basics") {
    if (!s.name.trim()) e.name = t("form.requiredField");
    if (!SLUG_RE.test(s.slug)) e.slug = t("wizard.invalidSlug");
  } else if (step === "channels") {
    if (!s.starts_on) e.starts_on = t("form.requiredField");
    if (!s.ends_on) e.ends_on = t("form.requiredField");
    if (s.starts_on && s.ends_on && s.ends_on < s.starts_on) e.ends_on = t("settings.endBeforeStart");
    if (!s.platforms.length) e.platforms = t("wizard.onePlatform");
    const bad = parseHashtags(s.hashtags).find((h) => !HASHTAG_RE.test(h));
    if (bad) e.hashtags = t("settings.invalidHashtag", { tag: bad });
    if (intIn(s.target, 0, 100) === undefined) e.target = t("settings.invalidNumber", { min: 0, max: 100 });
  } else if (step === "people") {
    const seen = new Set<string>();
    s.people.forEach((p, i) => {
      if (!p.name.trim()) e[`people.${i}.name`] = t("form.requiredField");
      const email = p.email.trim().toLowerCase();
      if (!EMAIL_RE.test(email)) e[`people.${i}.email`] = t("wizard.invalidEmail");
      else if (seen.has(email)) e[`people.${i}.email`] = t("wizard.twice");
      seen.add(email);
    });
    if (!s.people.some((p) => p.role === "core_team")) e.people = t("wizard.needsCoreTeam");
  }
  return e;
}

export function createBody(s: WizardState): ProgramCreate {
  return {
    name: s.name.trim(),
    slug: s.slug,
    description: s.description.trim() || null,
    starts_on: s.starts_on,
    ends_on: s.ends_on,
    timezone: s.timezone,
    platforms: s.platforms,
    hashtags: parseHashtags(s.hashtags),
    target_posts_per_month: intIn(s.target, 0, 100)!,
    people: s.people.map((p) => ({ name: p.name.trim(), email: p.email.trim(), role: p.role })),
  };
}

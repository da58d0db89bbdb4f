import { describe, expect, it } from "vitest";
import { setLocale } from "../../i18n";
import { checkStep, createBody, emptyWizard, slugify, stepOf, type WizardState } from "./wizard";

setLocale("de");

const complete = (): WizardState => ({
  ...emptyWizard(),
  name: "Wir sind Musterstadt – Pilot 2027",
  slug: "wir-sind-musterstadt-pilot-2027",
  starts_on: "2027-01-01",
  ends_on: "2027-06-30",
  hashtags: "WirSindMusterstadt #Karriere",
  people: [
    { name: "Kim Kern", email: "kim@example.org", role: "core_team" },
    { name: "Hanna Rat", email: "hanna@example.org", role: "hr_viewer" },
  ],
});

describe("new-program wizard", () => {
  it("derives a short name people can type", () => {
    expect(slugify("Wir sind Musterstadt – Pilot 2027")).toBe("wir-sind-musterstadt-pilot-2027");
    expect(slugify("Grüße aus Köln & Düsseldorf!")).toBe("gruesse-aus-koeln-duesseldorf");
    expect(slugify("  Café ")).toBe("cafe");
    expect(slugify("x".repeat(100)).length).toBe(80);
  });

  it("accepts a complete program and builds the request", () => {
    const s = complete();
    for (const step of ["basics", "channels", "people", "review"] as const) expect(checkStep(step, s)).toEqual({});
    const body = createBody(s);
    expect(body.hashtags).toEqual(["#WirSindMusterstadt", "#Karriere"]);
    expect(body.target_posts_per_month).toBe(2);
    expect(body.people).toHaveLength(2);
  });

  it("names each missing or wrong field of a step", () => {
    const s = { ...complete(), name: " ", slug: "-bad", starts_on: "2027-07-01", platforms: [], target: "101" };
    expect(Object.keys(checkStep("basics", s)).sort()).toEqual(["name", "slug"]);
    expect(Object.keys(checkStep("channels", s)).sort()).toEqual(["ends_on", "platforms", "target"]);
  });

  it("refuses a person twice and a program without core team", () => {
    const twice = { ...complete(), people: [
      { name: "Kim", email: "kim@example.org", role: "core_team" as const },
      { name: "Kim", email: "KIM@example.org", role: "hr_viewer" as const },
    ] };
    expect(Object.keys(checkStep("people", twice))).toEqual(["people.1.email"]);
    const noCore = { ...complete(), people: [{ name: "Hanna", email: "h@example.org", role: "hr_viewer" as const }] };
    expect(Object.keys(checkStep("people", noCore))).toEqual(["people"]);
  });

  it("sends a server's field back to its step", () => {
    expect(stepOf("slug")).toBe("basics");
    expect(stepOf("people.1.email")).toBe("people");
    expect(stepOf("ends_on")).toBe("channels");
  });
});

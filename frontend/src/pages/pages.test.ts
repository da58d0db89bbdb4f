import { describe, expect, it } from "vitest";
import { setLocale } from "../i18n";
import { rateLimitMessage, ssoErrorKey, ssoHref } from "./Login";
import { parseHashtags, validateSettings } from "./ProgramSettings";
import { movedCount } from "./Requests";

describe("sign-in messages", () => {
  it("has a specific message per SSO error code", () => {
    for (const code of ["sso_state", "sso_token", "sso_no_account", "sso_failed", "sso_disabled"]) {
      expect(ssoErrorKey(code)).toBe(`login.error.${code}`);
    }
    expect(ssoErrorKey("weird")).toBe("login.error.unknown");
    expect(ssoErrorKey(null)).toBeUndefined();
  });

  it("says how long to wait when rate-limited", () => {
    setLocale("de");
    expect(rateLimitMessage(30)).toContain("30 Sekunden");
    expect(rateLimitMessage(600)).toContain("10 Minuten");
    expect(rateLimitMessage(undefined)).toContain("Zu viele Anmeldeversuche");
  });

  it("links SSO with a safe next path only", () => {
    expect(ssoHref(null)).toBe("/api/v1/auth/oidc/login");
    expect(ssoHref("/p/muc/members")).toBe("/api/v1/auth/oidc/login?next=%2Fp%2Fmuc%2Fmembers");
    expect(ssoHref("//evil.example")).toBe("/api/v1/auth/oidc/login");
  });
});

describe("program settings form", () => {
  const form = {
    name: "Pilot",
    description: "",
    hashtags: "#WirSindMünchen, karriere",
    platforms: ["linkedin" as const],
    starts_on: "2023-01-01",
    ends_on: "2023-06-30",
    timezone: "Europe/Berlin",
    target_posts_per_month: "4",
    min_group_size: "5",
    rankings_enabled: false,
    emv_per_thousand_impressions: "",
    emv_per_engagement: "",
  };

  it("normalises hashtags", () => {
    expect(parseHashtags("#a, b  c;#d")).toEqual(["#a", "#b", "#c", "#d"]);
  });

  it("builds the PATCH body with the version read", () => {
    const { errors, body } = validateSettings(form, 7);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ version: 7, hashtags: ["#WirSindMünchen", "#karriere"], target_posts_per_month: 4, min_group_size: 5, starts_on: "2023-01-01" });
  });

  it("reads earned-media rates with a comma or a point; empty turns them off", () => {
    const on = validateSettings({ ...form, emv_per_thousand_impressions: "8,50", emv_per_engagement: "0.5" }, 1);
    expect(on.body).toMatchObject({ emv_per_thousand_impressions: 8.5, emv_per_engagement: 0.5 });
    expect(validateSettings(form, 1).body).toMatchObject({ emv_per_thousand_impressions: null, emv_per_engagement: null });
    expect(Object.keys(validateSettings({ ...form, emv_per_engagement: "-1" }, 1).errors)).toEqual(["emv_per_engagement"]);
  });

  it("rejects an end before the start and out-of-range numbers", () => {
    const { errors, body } = validateSettings({ ...form, ends_on: "2022-12-31", min_group_size: "1", target_posts_per_month: "x" }, 1);
    expect(body).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["ends_on", "min_group_size", "target_posts_per_month"]);
  });
});

describe("the inbox's counts while a state change is saved", () => {
  const counts = { new: 2, answered: 1, closed: 0, with_result: 0 };
  it("move one request from its state to the new one", () => {
    expect(movedCount(counts, "new", "answered")).toEqual({ new: 1, answered: 2, closed: 0, with_result: 0 });
    expect(movedCount(counts, "answered", "closed")).toEqual({ new: 2, answered: 0, closed: 1, with_result: 0 });
  });
  it("stay when nothing moves and never go below zero", () => {
    expect(movedCount(counts, "new", "new")).toBe(counts);
    expect(movedCount(counts, "closed", "answered").closed).toBe(0);
  });
});

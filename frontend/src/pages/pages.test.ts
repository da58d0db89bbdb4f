import { describe, expect, it } from "vitest";
import { setLocale } from "../i18n";
import { rateLimitMessage, ssoErrorKey, ssoHref } from "./Login";
import { parseHashtags, validateSettings } from "./ProgramSettings";

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

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
  };

  it("normalises hashtags", () => {
    expect(parseHashtags("#a, b  c;#d")).toEqual(["#a", "#b", "#c", "#d"]);
  });

  it("builds the PATCH body with the version read", () => {
    const { errors, body } = validateSettings(form, 7);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ version: 7, hashtags: ["#WirSindMünchen", "#karriere"], target_posts_per_month: 4, min_group_size: 5, starts_on: "2023-01-01" });
  });

  it("rejects an end before the start and out-of-range numbers", () => {
    const { errors, body } = validateSettings({ ...form, ends_on: "2022-12-31", min_group_size: "1", target_posts_per_month: "x" }, 1);
    expect(body).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["ends_on", "min_group_size", "target_posts_per_month"]);
  });
});

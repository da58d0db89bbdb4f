import { afterEach, describe, expect, it } from "vitest";
import { de, en } from "./catalog";
import { detectLocale, formatDate, formatNumber, getLocale, localeFromLanguageTag, setLocale, t, tn } from "./index";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("plurals", () => {
  it("pick the form by the number, in both languages", () => {
    expect(tn("posts.bulkOpen", 1, undefined, "de")).toBe("1 Beitrag bearbeiten");
    expect(tn("posts.bulkOpen", 2, undefined, "de")).toBe("2 Beiträge bearbeiten");
    expect(tn("posts.bulkOpen", 0, undefined, "en")).toBe("Edit 0 posts");
    expect(tn("audit.count", 1200, undefined, "de")).toBe("1.200 Einträge");
  });

  it("come as pairs: every .one has its .other", () => {
    for (const key of Object.keys(de).filter((k) => k.endsWith(".one"))) {
      expect(Object.keys(de), key).toContain(key.replace(/\.one$/, ".other"));
    }
  });
});

describe("message catalogs", () => {
  it("have identical key sets", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it("have no empty messages", () => {
    for (const [k, v] of [...Object.entries(de), ...Object.entries(en)]) expect(v.trim(), k).not.toBe("");
  });

  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it("carry the labels the browser tests rely on", () => {
    expect([de["login.email"], de["login.password"], de["login.submit"], de["user.signOut"], de["header.language"]]).toEqual([
      "E-Mail", "Passwort", "Anmelden", "Abmelden", "Sprache",
    ]);
    expect([en["login.email"], en["login.password"], en["login.submit"], en["user.signOut"], en["header.language"]]).toEqual([
      "Email", "Password", "Sign in", "Sign out", "Language",
    ]);
  });
});

describe("t()", () => {
  afterEach(() => setLocale("de"));

  it("translates in the current locale and fills in parameters", () => {
    setLocale("de");
    expect(t("nav.members")).toBe("Mitglieder");
    expect(t("table.pageOf", { page: 2, pages: 5 })).toBe("Seite 2 von 5");
    setLocale("en");
    expect(getLocale()).toBe("en");
    expect(t("nav.members")).toBe("Members");
    expect(t("members.removed", { name: "Ada" })).toBe("Ada was removed from the program.");
  });

  it("formats numeric parameters for the locale", () => {
    expect(t("overview.targetValue", { n: 1234 }, "de")).toBe("1.234 Beiträge pro Person und Monat");
    expect(t("overview.targetValue", { n: 1234 }, "en")).toBe("1,234 posts per person and month");
  });

  it("leaves unknown placeholders visible", () => {
    expect(t("table.pageOf", { page: 1 }, "en")).toBe("Page 1 of {pages}");
  });
});

describe("locale detection", () => {
  const storage = (v: string | null) => ({ getItem: () => v });

  it("prefers the stored choice", () => {
    expect(detectLocale(storage("en"), ["de-DE"])).toBe("en");
  });
  it("falls back to the browser languages, then German", () => {
    expect(detectLocale(storage(null), ["fr-FR", "en-US"])).toBe("en");
    expect(detectLocale(storage(null), ["de-AT"])).toBe("de");
    expect(detectLocale(storage(null), ["fr-FR"])).toBe("de");
    expect(detectLocale(storage("xx"), [])).toBe("de");
  });
  it("maps language tags", () => {
    expect(localeFromLanguageTag("en_GB")).toBe("en");
    expect(localeFromLanguageTag("DE")).toBe("de");
    expect(localeFromLanguageTag("")).toBeUndefined();
  });
});

describe("Intl formatting", () => {
  it("formats calendar dates without a time zone shift", () => {
    expect(formatDate("2023-01-01", "de")).toBe("01.01.2023");
    expect(formatDate("2023-06-30", "en")).toBe("30 Jun 2023");
    expect(formatDate(null, "de")).toBe("");
  });
  it("formats numbers", () => {
    expect(formatNumber(15496, "de")).toBe("15.496");
    expect(formatNumber(15496, "en")).toBe("15,496");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import { auditActionLabel, auditDetailsText, auditTargetLabel, topicLabel } from "./labels";

afterEach(() => setLocale("de"));

describe("words for codes", () => {
  it("names audit events, targets and details in the reader's language", () => {
    setLocale("de");
    expect(auditActionLabel("auth.login")).toBe("Anmeldung");
    expect(auditTargetLabel("call")).toBe("Aufruf");
    expect(auditDetailsText({ method: "password", role: "core_team" })).toBe("Verfahren: Passwort; Rolle: Kernteam");
    setLocale("en");
    expect(auditActionLabel("selection.confirmed")).toBe("Selection confirmed");
    expect(auditDetailsText({ format: "xlsx", rows: 12 })).toBe("Format: xlsx; Rows: 12");
  });

  it("shows module topics of the template in words and typed-in topics as written", () => {
    setLocale("de");
    expect(topicLabel("personal_branding")).toBe("Personal Branding");
    expect(topicLabel("Barrierefreiheit")).toBe("Barrierefreiheit");
    expect(topicLabel("")).toBe("");
  });

  it("falls back to the code for an event the catalog does not know yet", () => {
    expect(auditActionLabel("future.event")).toBe("future.event");
  });
});

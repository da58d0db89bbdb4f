import { describe, expect, it } from "vitest";
import type { MyProgram } from "../api/types";
import { setLocale } from "../i18n";
import { defaultPeriod, filterWords, hiddenReason, monthEnd, viewQuery } from "./Dashboard";

const program = { id: "p", name: "P", role: "hr_viewer", starts_on: "2026-01-15", ends_on: null } as unknown as MyProgram;

describe("HR leadership's period", () => {
  it("is whole months up to the last month that is over", () => {
    expect(defaultPeriod(program, true, "2026-07-03")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(defaultPeriod({ ...program, ends_on: "2026-03-10" } as MyProgram, true, "2026-07-03")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    // In the program's first month nothing is over yet: that month, shown as hidden.
    expect(defaultPeriod(program, true, "2026-01-20")).toEqual({ from: "2026-01-01", to: "2026-01-31" });
  });

  it("stays any day range for the core team", () => {
    expect(defaultPeriod(program, false, "2026-07-03")).toEqual({ from: "2026-01-15", to: "2026-07-03" });
  });

  it("knows the last day of a month, leap years included", () => {
    expect([monthEnd("2028-02"), monthEnd("2026-02"), monthEnd("2026-12")]).toEqual(["2028-02-29", "2026-02-28", "2026-12-31"]);
  });

  it("says in words why a figure is hidden", () => {
    setLocale("de");
    expect(hiddenReason("fewer_than_min_group", 5)).toBe("verborgen: weniger als 5 Personen");
    setLocale("en");
    expect(hiddenReason("month_not_over", 5)).toBe("hidden: the month is not over yet");
  });

  it("says in words why a filtered view hides a figure", () => {
    setLocale("en");
    expect(hiddenReason("rest_fewer_than_min_group", 3)).toBe("hidden: fewer than 3 people outside the filter");
    setLocale("de");
    expect(hiddenReason("filtered", 3)).toMatch(/^mit Filter nicht aufgeschlüsselt/);
  });
});

describe("the KPI filter", () => {
  it("goes into every query only where it is set", () => {
    expect(viewQuery({ from: "2026-01-01", to: "" })).toEqual({ from: "2026-01-01" });
    expect(viewQuery({ from: "a", to: "b", platform: "linkedin", cohort: "", team: "t1" })).toEqual({ from: "a", to: "b", platform: "linkedin", team: "t1" });
  });

  it("is named in words", () => {
    setLocale("de");
    expect(filterWords({ platform: "linkedin", cohort: "Pilot", team: null })).toBe("LinkedIn · Kohorte Pilot");
    expect(filterWords({})).toBe("");
    setLocale("en");
    expect(filterWords({ team: "Multis" })).toBe("Team Multis");
  });
});

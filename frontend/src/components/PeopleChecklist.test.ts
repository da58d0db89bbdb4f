import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "../i18n";
import { chosenPeople, countText, isEligible, nextPage, toggled, uniqueMembers, withNames } from "./PeopleChecklist";

afterEach(() => setLocale("de"));

describe("toggled", () => {
  it("flips, or sets as told, without changing the original", () => {
    const start = new Set(["a"]);
    expect([...toggled(start, "b")]).toEqual(["a", "b"]);
    expect([...toggled(start, "a")]).toEqual([]);
    expect([...toggled(start, "a", true)]).toEqual(["a"]);
    expect([...toggled(start, "c", false)]).toEqual(["a"]);
    expect([...start]).toEqual(["a"]);
  });
});

describe("withNames", () => {
  it("adds and updates names in a copy, and keeps the same map when nothing is new", () => {
    const start = new Map([["a", "Anna"]]);
    const same = withNames(start, [{ id: "a", name: "Anna" }]);
    expect(same).toBe(start);
    const next = withNames(start, [
      { id: "b", name: "Ben" },
      { id: "a", name: "Anna Schmidt" },
    ]);
    expect(next).not.toBe(start);
    expect([...next]).toEqual([
      ["a", "Anna Schmidt"],
      ["b", "Ben"],
    ]);
    expect(start.get("a")).toBe("Anna");
  });
});

describe("chosenPeople", () => {
  it("names the chosen A–Z, also those no search shows any more, and marks the unknown", () => {
    const names = new Map([
      ["z", "Zoe"],
      ["b", "Ben"],
      ["x", "Ärzte-Team"],
    ]);
    expect(chosenPeople(new Set(["z", "b", "q"]), names, "?")).toEqual([
      { id: "q", name: "?" },
      { id: "b", name: "Ben" },
      { id: "z", name: "Zoe" },
    ]);
    expect(chosenPeople(new Set(), names, "?")).toEqual([]);
  });
});

describe("isEligible", () => {
  const active = { status: "active" as const, cohort_id: "c1" };
  const paused = { status: "paused" as const, cohort_id: null };
  it("lets everybody through without a filter", () => {
    expect(isEligible(paused)).toBe(true);
    expect(isEligible(paused, { cohortId: null })).toBe(true);
  });
  it("keeps only active people, or only a cohort's", () => {
    expect(isEligible(active, { active: true })).toBe(true);
    expect(isEligible(paused, { active: true })).toBe(false);
    expect(isEligible(active, { cohortId: "c1" })).toBe(true);
    expect(isEligible(active, { cohortId: "c2" })).toBe(false);
    expect(isEligible(paused, { cohortId: "c1" })).toBe(false);
  });
});

describe("nextPage", () => {
  const page = (n: number, total: number) => ({ items: Array.from({ length: n }, (_, i) => i), total });
  it("asks for the next page while matches are missing", () => {
    expect(nextPage([page(24, 50)])).toBe(2);
    expect(nextPage([page(24, 50), page(24, 50)])).toBe(3);
  });
  it("stops when all are loaded, or a page comes back empty", () => {
    expect(nextPage([])).toBeUndefined();
    expect(nextPage([page(24, 24)])).toBeUndefined();
    expect(nextPage([page(24, 50), page(24, 50), page(2, 50)])).toBeUndefined();
    expect(nextPage([page(24, 50), page(0, 50)])).toBeUndefined();
  });
});

describe("uniqueMembers", () => {
  it("drops a person a shifted page repeats", () => {
    const a = { id: "a" };
    const b = { id: "b" };
    const c = { id: "c" };
    expect(uniqueMembers([{ items: [a, b] }, { items: [b, c] }])).toEqual([a, b, c]);
  });
});

describe("countText", () => {
  it("says how many of how many are shown, in both languages", () => {
    expect(countText({ loaded: 12, shown: 12, total: 3402 })).toBe("12 von 3.402 angezeigt");
    setLocale("en");
    expect(countText({ loaded: 12, shown: 12, total: 3402 })).toBe("12 of 3,402 shown");
    expect(countText({ loaded: 0, shown: 0, total: 0 })).toBe("Nobody found.");
  });
  it("says how many the filter left out, and why", () => {
    setLocale("en");
    expect(countText({ loaded: 24, shown: 21, total: 3402, only: { active: true } })).toBe("24 of 3,402 searched · 21 shown, 3 not active");
    expect(countText({ loaded: 100, shown: 4, total: 250, only: { cohortId: "c1" } })).toBe("100 of 250 searched · 4 shown, 96 not in the cohort");
    setLocale("de");
    expect(countText({ loaded: 24, shown: 21, total: 3402, only: { active: true } })).toBe("24 von 3.402 durchsucht · 21 angezeigt, 3 nicht aktiv");
  });
});

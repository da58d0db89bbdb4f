import { describe, expect, it } from "vitest";
import { toggled } from "./PeopleChecklist";

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

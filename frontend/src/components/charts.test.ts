import { describe, expect, it } from "vitest";
import { niceTicks } from "./charts";

describe("niceTicks", () => {
  it("starts at 0, reaches the largest value and uses round steps", () => {
    expect(niceTicks(326)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(12500)).toEqual([0, 5000, 10000, 15000]);
  });
  it("has an axis even with nothing to show", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it("never stops below the largest value", () => {
    for (const max of [3, 9.5, 41, 99, 101, 999, 1001, 123456]) {
      const ticks = niceTicks(max);
      expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});

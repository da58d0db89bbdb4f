import { describe, expect, it } from "vitest";
import { isoToZoned, zonedToIso } from "./zoned";

describe("program time zone", () => {
  it("reads a Berlin wall-clock time in winter and summer", () => {
    expect(zonedToIso("2026-01-15T09:00", "Europe/Berlin")).toBe("2026-01-15T08:00:00.000Z");
    expect(zonedToIso("2026-07-15T09:00", "Europe/Berlin")).toBe("2026-07-15T07:00:00.000Z");
    expect(zonedToIso("2026-07-15T09:00", "America/New_York")).toBe("2026-07-15T13:00:00.000Z");
  });

  it("shows an instant as the program's clock and round-trips", () => {
    expect(isoToZoned("2026-03-29T01:30:00Z", "Europe/Berlin")).toBe("2026-03-29T03:30");
    const local = "2026-10-25T12:15";
    expect(isoToZoned(zonedToIso(local, "Europe/Berlin"), "Europe/Berlin")).toBe(local);
  });

  it("refuses malformed input", () => {
    expect(zonedToIso("tomorrow", "Europe/Berlin")).toBeUndefined();
    expect(isoToZoned("", "Europe/Berlin")).toBe("");
  });
});

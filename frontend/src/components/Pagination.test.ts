import { describe, expect, it } from "vitest";
import { needsPaging, pageCount } from "./Pagination";

describe("pagination", () => {
  it("counts pages, at least one", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
  it("is needed only for more than one page, or to get back from a later one", () => {
    expect(needsPaging(1, 50, 0)).toBe(false);
    expect(needsPaging(1, 50, 50)).toBe(false);
    expect(needsPaging(1, 50, 51)).toBe(true);
    expect(needsPaging(2, 50, 10)).toBe(true);
  });
});

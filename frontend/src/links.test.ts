import { describe, expect, it } from "vitest";
import { webHref } from "./links";

describe("webHref", () => {
  it("links absolute web addresses", () => {
    expect(webHref("https://meet.example/abc")).toBe("https://meet.example/abc");
    expect(webHref(" http://intranet.example/x ")).toBe("http://intranet.example/x");
    expect(webHref("HTTPS://MEET.EXAMPLE/abc")).toBe("HTTPS://MEET.EXAMPLE/abc");
  });

  it("shows everything else as text", () => {
    for (const v of [
      "Rathaus, Raum 3",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "\u0001javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "/relative/path",
      "//evil.example/x",
      "meet.example/abc",
      "mailto:presse@example.org",
      "",
      null,
      undefined,
    ]) {
      expect(webHref(v)).toBeUndefined();
    }
  });

  it("links mailto only where the field allows it", () => {
    expect(webHref("mailto:presse@example.org", { mailto: true })).toBe("mailto:presse@example.org");
    expect(webHref("mailto:nobody", { mailto: true })).toBeUndefined();
  });
});

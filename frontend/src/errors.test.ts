import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api/client";
import { datedOutside, errorMessage, fieldErrorsFrom, listedErrors, problemCode, problemText } from "./errors";
import { setLocale } from "./i18n";

const problem = (status: number, code: string, detail: string, errors?: { field: string; message: string; type: string }[]) =>
  new ApiError(status, { type: `https://botschaft.dev/problems/${code}`, title: "x", detail, errors });

afterEach(() => setLocale("de"));

describe("server errors in the user's language", () => {
  it("reads the code from the problem type", () => {
    expect(problemCode(problem(409, "version_conflict", "Changed."))).toBe("version_conflict");
    expect(problemCode(new ApiError(500, { type: "about:blank" }))).toBeUndefined();
  });

  it("shows the catalog's words for a known code, never the server's English sentence", () => {
    setLocale("de");
    const e = problem(409, "round_confirmed", "A confirmed round cannot change; start a new round instead.");
    expect(errorMessage(e)).toBe("Diese Auswahlrunde ist bestätigt und lässt sich nicht mehr ändern. Starten Sie eine neue Runde.");
    setLocale("en");
    expect(errorMessage(e)).toBe("This selection round is confirmed and cannot change. Start a new round.");
  });

  it("keeps German for a generic code and lets the English UI show the server's more specific text", () => {
    const e = problem(409, "conflict", "This member still has posts.");
    setLocale("de");
    expect(errorMessage(e)).not.toContain("posts");
    setLocale("en");
    expect(errorMessage(e)).toBe("This member still has posts.");
  });

  it("falls back to the server's text only for a code the catalog does not know yet", () => {
    setLocale("de");
    expect(errorMessage(problem(409, "brand_new_rule", "Something new."))).toBe("Something new.");
  });

  it("translates field errors by their type", () => {
    setLocale("de");
    const e = problem(422, "validation_error", "Invalid.", [
      { field: "title", message: "Field required", type: "missing" },
      { field: "video_url", message: "Input should be a valid URL", type: "url_parsing" },
      { field: "answers.mystery", message: "Strange.", type: "mystery_type" },
    ]);
    expect(fieldErrorsFrom(e)).toEqual({
      title: "Bitte füllen Sie dieses Feld aus.",
      video_url: "Das ist keine gültige Webadresse. Bitte prüfen Sie sie (z. B. https://example.org/seite).",
      answers: "Strange.",
    });
    expect(problemText(e)).toContain("Bitte füllen Sie dieses Feld aus.");
  });
});

describe("a problem whose message names values (params)", () => {
  const missing = () =>
    new ApiError(422, {
      type: "https://botschaft.dev/problems/preset_columns_missing",
      title: "Unprocessable Content",
      detail: "The LinkedIn preset reads the columns 'Post URL', 'Post publish date', which this file does not have.",
      errors: [{ field: "preset", message: "The LinkedIn preset reads …", type: "preset_columns_missing" }],
      params: { preset: "linkedin", columns: ["Post URL", "Post publish date"] },
    } as never);

  it("says the missing columns in the UI's language, without the code", () => {
    setLocale("de");
    const de = errorMessage(missing());
    expect(de).toContain("Es fehlen die Spalten „Post URL“, „Post publish date“.");
    expect(de).not.toContain("preset_columns_missing");
    setLocale("en");
    expect(errorMessage(missing())).toContain("the columns “Post URL”, “Post publish date” are missing");
  });

  it("lists no field errors below it (the message says it all); others keep theirs", () => {
    expect(listedErrors(missing())).toEqual([]);
    const rows = problem(422, "import_rejected", "2 rows.", [{ field: "rows[2].url", message: "x", type: "invalid" }]);
    expect(listedErrors(rows)).toHaveLength(1);
  });
});

describe("a date outside the program's period", () => {
  it("is recognised, so the core team's forms offer to record it anyway", () => {
    const outside = problem(422, "validation_error", "Invalid.", [{ field: "received_on", message: "The date is outside the program's period (2026-01-01 – 2026-06-30).", type: "outside_period" }]);
    const early = problem(422, "validation_error", "Invalid.", [{ field: "published_on", message: "Before.", type: "before_joined" }]);
    const other = problem(422, "validation_error", "Invalid.", [{ field: "received_on", message: "Future.", type: "future_date" }]);
    expect(datedOutside(outside)).toBe(true);
    expect(datedOutside(early)).toBe(true);
    expect(datedOutside(other)).toBe(false);
    expect(datedOutside(new Error("x"))).toBe(false);
    setLocale("de");
    expect(fieldErrorsFrom(outside).received_on).toBe("Das Datum liegt außerhalb des Programmzeitraums.");
  });
});

import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { setLocale } from "../../i18n";
import { materialsOf, uploadError } from "./ModuleEditor";

describe("module materials", () => {
  it("keeps links and files and drops unknown shapes", () => {
    expect(materialsOf([{ title: "A", url: "https://a.example" }, { title: "B", file_id: "f1" }, { title: "C" }, { url: 3 }])).toEqual([
      { title: "A", url: "https://a.example" },
      { title: "B", file_id: "f1" },
    ]);
  });
});

describe("upload errors", () => {
  it("names the refused type and size in the UI language", () => {
    setLocale("de");
    const refused = new ApiError(422, { errors: [{ field: "file", message: "This file type is not allowed", type: "file_type" }] } as never);
    expect(uploadError(refused)).toMatch(/^Diese Datei ist nicht erlaubt/);
    expect(uploadError(new ApiError(413, {} as never))).toBe("Die Datei ist zu groß (höchstens 1 MB).");
    setLocale("en");
    expect(uploadError(refused)).toMatch(/^This file is not allowed/);
    setLocale("de");
  });
});

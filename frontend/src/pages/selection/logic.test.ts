import { describe, expect, it } from "vitest";
import { choiceOf, differences, formToQuotas, outcomeCounts, quotaKey, quotasToForm, relaxed, setChoice, type PoolDimension, type Run } from "./logic";

const pool: PoolDimension[] = [
  { key: "gender", label_de: "Geschlecht", label_en: "Gender", values: [
    { value: "f", label_de: "weiblich", label_en: "female", count: 30 },
    { value: "m", label_de: "männlich", label_en: "male", count: 20 },
  ] },
];

describe("quota form", () => {
  it("round-trips quotas and leaves values without input out", () => {
    const form = quotasToForm([{ dimension: "gender", value: "f", min: 3, max: 8 }]);
    expect(formToQuotas(form, pool, 16)).toEqual({ quotas: [{ dimension: "gender", value: "f", min: 3, max: 8 }], errors: {} });
  });
  it("fills an empty minimum with 0 and an empty maximum with the cohort size", () => {
    const form = { [quotaKey("gender", "f")]: { min: "4", max: "" }, [quotaKey("gender", "m")]: { min: "", max: "5" } };
    expect(formToQuotas(form, pool, 16).quotas).toEqual([
      { dimension: "gender", value: "f", min: 4, max: 16 },
      { dimension: "gender", value: "m", min: 0, max: 5 },
    ]);
  });
  it("names the field of a bad number and of a minimum above the maximum", () => {
    const form = { [quotaKey("gender", "f")]: { min: "-1", max: "x" }, [quotaKey("gender", "m")]: { min: "9", max: "2" } };
    const { quotas, errors } = formToQuotas(form, pool, 16);
    expect(quotas).toEqual([]);
    expect(errors).toEqual({
      [`${quotaKey("gender", "f")}:min`]: "invalidNumber",
      [`${quotaKey("gender", "f")}:max`]: "invalidNumber",
      [`${quotaKey("gender", "m")}:min`]: "minAboveMax",
    });
  });
  it("applies a relaxation to the quotas it names only", () => {
    const quotas = [{ dimension: "gender", value: "f", min: 10, max: 12 }, { dimension: "gender", value: "m", min: 2, max: 6 }];
    const out = relaxed(quotas, [{ dimension: "gender", value: "f", min: 10, max: 12, new_min: 9, new_max: 12 }]);
    expect(out).toEqual([{ dimension: "gender", value: "f", min: 9, max: 12 }, quotas[1]]);
  });
});

describe("pins and exclusions", () => {
  it("never holds one person in both", () => {
    let state = setChoice("a", "pinned", new Set(), new Set());
    expect(choiceOf("a", state.pinned, state.excluded)).toBe("pinned");
    state = setChoice("a", "excluded", state.pinned, state.excluded);
    expect([...state.pinned]).toEqual([]);
    expect(choiceOf("a", state.pinned, state.excluded)).toBe("excluded");
    state = setChoice("a", "none", state.pinned, state.excluded);
    expect(state.excluded.size + state.pinned.size).toBe(0);
  });
});

describe("runs", () => {
  const person = (id: string, outcome: "selected" | "alternate" | "not_selected") => ({ application_id: id, name: id.toUpperCase(), probability: 0.5, outcome, alternate_rank: null, pinned: false, dimensions: {} });
  const run = (people: ReturnType<typeof person>[]) => ({ people }) as unknown as Run;
  it("lists the people whose outcome differs", () => {
    const a = run([person("x", "selected"), person("y", "alternate"), person("z", "not_selected")]);
    const b = run([person("x", "selected"), person("y", "selected"), person("z", "not_selected")]);
    expect(differences(a, b)).toEqual([{ name: "Y", id: "y", a: "alternate", b: "selected" }]);
    expect(outcomeCounts(a)).toEqual({ selected: 1, alternate: 1, not_selected: 1 });
  });
});

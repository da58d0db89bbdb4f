// The questionnaire builder: ordered questions, seven types, German and English wording,
// diversity dimensions. Saved as a whole; the server decides which edits keep answers valid.
import { useState } from "preact/hooks";
import { api, ApiError, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { Checkbox, SelectField, Success, TextArea, TextField } from "../../components/forms";
import { errorMessage, fieldMessage } from "../../errors";
import { t, type MessageKey } from "../../i18n";
import type { Call } from "./CallView";

type QuestionIn = components["schemas"]["QuestionIn"];
type QType = QuestionIn["type"];
const TYPES: QType[] = ["short_text", "long_text", "single_choice", "multiple_choice", "scale", "yes_no", "url"];
const CHOICE: QType[] = ["single_choice", "multiple_choice"];
const DIMENSION: QType[] = ["single_choice", "yes_no", "scale"];

interface Draft {
  uid: number;
  key: string;
  type: QType;
  required: boolean;
  label_de: string;
  label_en: string;
  help_de: string;
  help_en: string;
  options: string; // "value | Deutsch | English" per line
  max_length: string;
  scale_min: string;
  scale_max: string;
  is_dimension: boolean;
}

let uid = 0;

export function toDraft(q: components["schemas"]["QuestionOut"]): Draft {
  return {
    uid: ++uid,
    key: q.key,
    type: q.type,
    required: q.required,
    label_de: q.label_de,
    label_en: q.label_en,
    help_de: q.help_de,
    help_en: q.help_en,
    options: q.options.map((o) => `${o.value} | ${o.label_de} | ${o.label_en}`).join("\n"),
    max_length: q.max_length == null ? "" : String(q.max_length),
    scale_min: q.scale_min == null ? "" : String(q.scale_min),
    scale_max: q.scale_max == null ? "" : String(q.scale_max),
    is_dimension: q.is_dimension,
  };
}

/** The body the API takes for one draft question. */
export function toQuestion(d: Draft): QuestionIn {
  const num = (s: string) => (s.trim() === "" ? null : Number(s));
  const options = CHOICE.includes(d.type)
    ? d.options
        .split("\n")
        .map((line) => line.split("|").map((x) => x.trim()))
        .filter((parts) => parts[0])
        .map(([value, de, en]) => ({ value: value!, label_de: de || value!, label_en: en || de || value! }))
    : [];
  return {
    key: d.key.trim(),
    type: d.type,
    required: d.required,
    label_de: d.label_de.trim(),
    label_en: d.label_en.trim(),
    help_de: d.help_de,
    help_en: d.help_en,
    options,
    max_length: d.type === "short_text" || d.type === "long_text" || d.type === "url" ? num(d.max_length) : null,
    scale_min: d.type === "scale" ? num(d.scale_min) : null,
    scale_max: d.type === "scale" ? num(d.scale_max) : null,
    is_dimension: DIMENSION.includes(d.type) && d.is_dimension,
  };
}

function blank(n: number): Draft {
  return { uid: ++uid, key: `question_${n}`, type: "short_text", required: false, label_de: "", label_en: "", help_de: "", help_en: "", options: "", max_length: "", scale_min: "", scale_max: "", is_dimension: false };
}

export function Questionnaire(props: { program: MyProgram; call: Call; onSaved: (c: Call) => void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => props.call.questions.map(toDraft));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const published = props.call.status !== "draft";

  const update = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) => {
    const next = [...drafts];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    setDrafts(next);
    window.setTimeout(() => document.getElementById(`q-${i + by}-heading`)?.focus(), 0);
  };

  async function save(e: Event) {
    e.preventDefault();
    setStatus(undefined);
    setError(undefined);
    try {
      const saved = await call(
        api.PUT("/api/v1/programs/{program_id}/calls/{call_id}/questions", {
          params: { path: { program_id: props.program.id, call_id: props.call.id } },
          body: { version: props.call.version, questions: drafts.map(toQuestion) },
        }),
      );
      setErrors({});
      props.onSaved(saved);
      setDrafts(saved.questions.map(toDraft));
      setStatus(t("calls.saved"));
    } catch (err) {
      const fe: Record<string, string> = {};
      if (err instanceof ApiError) for (const x of err.problem.errors ?? []) fe[x.field] = fieldMessage(x.type, x.message, x.field);
      setErrors(fe);
      const summary = Object.entries(fe).map(([k, v]) => `${k}: ${v}`).join(" · ");
      setError(err instanceof ApiError && err.status === 409 && !summary ? t("calls.conflict") : summary || errorMessage(err));
    }
  }

  // Errors come as questions[2].options, or questions[2] when the whole question is wrong.
  const errorFor = (i: number) =>
    Object.entries(errors)
      .filter(([k]) => k === `questions[${i}]` || k.startsWith(`questions[${i}].`))
      .map(([, v]) => v)
      .join(" ") || undefined;

  return (
    <form class="form" noValidate onSubmit={save} aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t("calls.questions")}</h2>
      {published ? <p class="notice notice-info">{t("calls.publishedHint")}</p> : null}
      <div class="alert-slot" role="alert">{error ? <p class="notice notice-error">{error}</p> : null}</div>
      {drafts.map((d, i) => {
        const id = `q-${i}`;
        const problem = errorFor(i);
        return (
          <fieldset key={d.uid} class={`card fieldset${problem ? " field-invalid" : ""}`} aria-describedby={problem ? `${id}-error` : undefined}>
            <legend id={`${id}-heading`} tabIndex={-1}>{t("calls.questionN", { n: i + 1 })}{d.label_de ? `: ${d.label_de}` : ""}</legend>
            {problem ? <p class="field-error" id={`${id}-error`}><span aria-hidden="true">⚠ </span>{problem}</p> : null}
            <div class="grid-2">
              <TextField id={`${id}-key`} label={t("calls.key")} hint={t("calls.keyHint")} value={d.key} onValue={(v) => update(i, { key: v })} maxLength={64} />
              <SelectField id={`${id}-type`} label={t("calls.type")} value={d.type} onValue={(v) => update(i, { type: v as QType })}
                options={TYPES.map((x) => ({ value: x, label: t(`calls.type.${x}` as MessageKey) }))} />
              <TextField id={`${id}-label_de`} label={t("calls.labelDe")} lang="de" value={d.label_de} onValue={(v) => update(i, { label_de: v })} maxLength={500} />
              <TextField id={`${id}-label_en`} label={t("calls.labelEn")} lang="en" value={d.label_en} onValue={(v) => update(i, { label_en: v })} maxLength={500} />
              <TextField id={`${id}-help_de`} label={t("calls.helpDe")} lang="de" optional value={d.help_de} onValue={(v) => update(i, { help_de: v })} />
              <TextField id={`${id}-help_en`} label={t("calls.helpEn")} lang="en" optional value={d.help_en} onValue={(v) => update(i, { help_en: v })} />
            </div>
            {CHOICE.includes(d.type) ? (
              <TextArea id={`${id}-options`} label={t("calls.options")} hint={t("calls.optionsHint")} value={d.options} onValue={(v) => update(i, { options: v })} rows={5} />
            ) : null}
            {d.type === "short_text" || d.type === "long_text" || d.type === "url" ? (
              <TextField id={`${id}-max`} label={t("calls.maxLength")} type="number" inputMode="numeric" min={1} optional class="field-short" value={d.max_length} onValue={(v) => update(i, { max_length: v })} />
            ) : null}
            {d.type === "scale" ? (
              <div class="grid-2">
                <TextField id={`${id}-smin`} label={t("calls.scaleMin")} type="number" inputMode="numeric" class="field-short" value={d.scale_min} onValue={(v) => update(i, { scale_min: v })} />
                <TextField id={`${id}-smax`} label={t("calls.scaleMax")} type="number" inputMode="numeric" class="field-short" value={d.scale_max} onValue={(v) => update(i, { scale_max: v })} />
              </div>
            ) : null}
            <Checkbox id={`${id}-required`} label={t("calls.required")} checked={d.required} onValue={(v) => update(i, { required: v })} />
            {DIMENSION.includes(d.type) ? (
              <Checkbox id={`${id}-dimension`} label={t("calls.dimension")} hint={t("calls.dimensionHint")} checked={d.is_dimension} onValue={(v) => update(i, { is_dimension: v })} />
            ) : null}
            <div class="actions-row">
              <button type="button" class="btn btn-secondary btn-small" disabled={i === 0} onClick={() => move(i, -1)}>{t("calls.moveUp", { n: i + 1 })}</button>
              <button type="button" class="btn btn-secondary btn-small" disabled={i === drafts.length - 1} onClick={() => move(i, 1)}>{t("calls.moveDown", { n: i + 1 })}</button>
              <button type="button" class="btn btn-danger btn-small" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>{t("calls.removeQuestion", { n: i + 1 })}</button>
            </div>
          </fieldset>
        );
      })}
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => {
          setDrafts([...drafts, blank(drafts.length + 1)]);
          window.setTimeout(() => document.getElementById(`q-${drafts.length}-heading`)?.focus(), 0);
        }}>{t("calls.addQuestion")}</button>
        <button type="submit" class="btn btn-primary">{t("calls.saveQuestions")}</button>
      </div>
      <Success message={status} />
    </form>
  );
}

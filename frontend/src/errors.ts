// Turns API errors into messages in the UI language. Every problem the server sends carries a
// code (the last segment of its `type` URL; field errors carry a `type`); the SPA shows its own
// words for each known code. The server's sentence (always English) is only a fallback: for a
// code the catalog does not know yet, and, in the English UI, as the more specific text behind
// a generic code ("conflict", "invalid", ...).
import { ApiError } from "./api/client";
import { getLocale, messages, t, type MessageKey, type Params } from "./i18n";

/** "https://botschaft.dev/problems/version_conflict" -> "version_conflict"; none for about:blank. */
export function problemCode(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const type = e.problem.type ?? "";
  const m = /\/problems\/([a-z0-9_]+)$/.exec(type);
  return m?.[1];
}

function known(key: string): key is MessageKey {
  return key in messages("de");
}

// Codes that only name the kind of error; the server's detail says more (in English).
const GENERIC_CODES = new Set(["conflict", "validation_error", "bad_request", "forbidden", "unauthorized"]);
const GENERIC_FIELD_TYPES = new Set(["invalid", "value_error"]);

function byStatus(e: ApiError): string {
  if (e.status === 403) return t("app.error.forbidden");
  if (e.status === 404) return t("problem.not_found");
  if (e.status === 409) return t("app.error.conflict");
  if (e.status === 422) return t("app.error.validation");
  if (e.status === 429) return t("problem.rate_limited");
  return t("app.error.generic");
}

/** The values a problem's message names (`params`: the columns a file lacks ...), for the
 * catalog's words: a list becomes "„a“, „b“" in German and "“a”, “b”" in English. */
export function problemParams(e: ApiError): Params | undefined {
  const raw = (e.problem as { params?: Record<string, unknown> | null }).params;
  if (!raw) return undefined;
  const [open, close] = getLocale() === "de" ? ["„", "“"] : ["“", "”"];
  const out: Params = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) out[name] = value.map((v) => `${open}${String(v)}${close}`).join(", ");
    else if (typeof value === "number" || typeof value === "string") out[name] = value;
  }
  return out;
}

export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t("app.error.generic");
  if (e.isNetwork) return t("app.error.network");
  const code = problemCode(e);
  if (code && known(`problem.${code}`)) return t(`problem.${code}` as MessageKey, problemParams(e));
  const detail = e.problem.detail?.trim();
  if (code && !GENERIC_CODES.has(code) && detail) return detail; // a code newer than this catalog
  if (detail && getLocale() === "en" && code && GENERIC_CODES.has(code)) return detail;
  return byStatus(e);
}

/** A field error's message: the catalog's words for its type, else the server's sentence. */
// The same words as the SPA's own checks before sending.
const FORM_KEYS: Record<string, MessageKey> = {
  missing: "form.requiredField",
  string_too_short: "form.requiredField",
  value_error_email: "form.invalidEmail",
  // The text and link rules (backend/botschaft/core/text.py).
  text_control_character: "form.textControl",
  text_surrogate: "form.textInvalidChar",
  text_noncharacter: "form.textInvalidChar",
  url_scheme: "form.linkScheme",
  url_parsing: "form.linkInvalid",
};

export function fieldMessage(type: string, serverMessage: string, field?: string): string {
  if (type === "value_error" && (field === "email" || /e-?mail/i.test(serverMessage))) return t("form.invalidEmail");
  if (FORM_KEYS[type]) return t(FORM_KEYS[type]);
  if (GENERIC_FIELD_TYPES.has(type) && getLocale() === "en" && serverMessage) return serverMessage;
  if (known(`fieldError.${type}`)) return t(`fieldError.${type}` as MessageKey);
  return serverMessage || t("fieldError.invalid");
}

/** Field errors from a 422 problem, in the UI language where the error type is known. */
export function fieldErrorsFrom(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || e.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const [field, { message, type }] of Object.entries(e.fieldErrors())) out[field] = fieldMessage(type, message, field);
  return out;
}

/** The field errors to list under a problem's message: none when the message itself names
 * what is wrong (a problem with `params`, such as the columns a file lacks). */
export function listedErrors(e: unknown): { field: string; message: string; type: string }[] {
  if (!(e instanceof ApiError) || problemParams(e)) return [];
  return e.problem.errors ?? [];
}

/** Whether a refusal is about a date outside the program's period or before the person joined:
 * the core team may then say the date is right and send it again with `outside_period`. */
export function datedOutside(e: unknown): boolean {
  return e instanceof ApiError && !!e.problem.errors?.some((f) => f.type === "outside_period" || f.type === "before_joined");
}

/** All field errors of a problem as one sentence (for places without a form field to point at). */
export function problemText(e: unknown): string {
  if (e instanceof ApiError && e.problem.errors?.length) {
    return [...new Set(e.problem.errors.map((x) => fieldMessage(x.type, x.message, String(x.field))))].join(" ");
  }
  return errorMessage(e);
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

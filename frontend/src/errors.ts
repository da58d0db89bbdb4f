// Turns API errors into messages in the UI language.
import { ApiError } from "./api/client";
import { t, type MessageKey } from "./i18n";

export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t("app.error.generic");
  if (e.isNetwork) return t("app.error.network");
  if (e.status === 403) return t("app.error.forbidden");
  if (e.status === 409) return t("app.error.conflict");
  if (e.status === 422) return t("app.error.validation");
  return t("app.error.generic");
}

const FIELD_TYPE_KEYS: Record<string, MessageKey> = {
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

/** Field errors from a 422 problem, translated where the error type is known. */
export function fieldErrorsFrom(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || e.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const [field, { message, type }] of Object.entries(e.fieldErrors())) {
    const key = FIELD_TYPE_KEYS[type] ?? (field === "email" && /mail/i.test(message) ? "form.invalidEmail" : undefined);
    out[field] = key ? t(key) : message;
  }
  return out;
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

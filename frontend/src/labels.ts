// Words for stored codes: a person reads "Anmeldung", never "auth.login". Unknown codes (a
// newer server, a free-text topic) are shown as they are.
import { messages, t, type MessageKey } from "./i18n";

function known(key: string): key is MessageKey {
  return key in messages("de");
}

export function codeLabel(prefix: string, code: string | null | undefined): string {
  if (code == null || code === "") return "";
  const key = `${prefix}.${code}`;
  return known(key) ? t(key) : code;
}

export const auditActionLabel = (code: string) => codeLabel("audit.action", code);
export const auditTargetLabel = (code: string | null | undefined) => codeLabel("audit.target", code);
/** A module's topic: the known ones of the template in words, anything typed in as written. */
export const topicLabel = (topic: string | null | undefined) => codeLabel("topic", topic);

function valueLabel(v: unknown): string {
  if (typeof v === "boolean") return t(v ? "audit.value.true" : "audit.value.false");
  if (Array.isArray(v)) return v.map(valueLabel).join(", ");
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  const s = String(v);
  if (known(`role.${s}`)) return t(`role.${s}` as MessageKey);
  if (known(`platform.${s}`)) return t(`platform.${s}` as MessageKey);
  return codeLabel("audit.value", s);
}

/** Compact "Key: value" text for an audit event's details, in words where the codes are known. */
export function auditDetailsText(details: Record<string, unknown> | null | undefined): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([k, v]) => `${codeLabel("audit.detail", k)}: ${valueLabel(v)}`)
    .join("; ");
}

import { de, en, type MessageKey } from "./catalog";

export type Locale = "de" | "en";
export type { MessageKey };
export const LOCALES: readonly Locale[] = ["de", "en"];
export const STORAGE_KEY = "botschaft.locale";

const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

let current: Locale = "de";
const listeners = new Set<(l: Locale) => void>();

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

/** "de-AT" -> "de", "en-GB" -> "en"; anything else -> undefined. */
export function localeFromLanguageTag(tag: string | null | undefined): Locale | undefined {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** The explicit choice stored in localStorage, if any. */
export function storedLocale(storage: Pick<Storage, "getItem"> | undefined = safeStorage()): Locale | undefined {
  try {
    const v = storage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Initial locale: explicit choice, else the browser's languages, else German. */
export function detectLocale(
  storage: Pick<Storage, "getItem"> | undefined = safeStorage(),
  languages: readonly string[] = typeof navigator !== "undefined" ? navigator.languages ?? [navigator.language] : [],
): Locale {
  const stored = storedLocale(storage);
  if (stored) return stored;
  for (const tag of languages) {
    const l = localeFromLanguageTag(tag);
    if (l) return l;
  }
  return "de";
}

export function getLocale(): Locale {
  return current;
}

/** Switches the UI language (updates <html lang>); `persist` stores it as the explicit choice. */
export function setLocale(locale: Locale, persist = false): void {
  current = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  if (persist) {
    try {
      safeStorage()?.setItem(STORAGE_KEY, locale);
    } catch {
      /* storage may be disabled */
    }
  }
  for (const fn of listeners) fn(locale);
}

export function onLocaleChange(fn: (l: Locale) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type Params = Record<string, string | number>;

/** Translates `key` in the current (or given) locale, filling in {placeholders}. */
export function t(key: MessageKey, params?: Params, locale: Locale = current): string {
  const template = catalogs[locale][key] ?? catalogs.de[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? formatNumber(v, locale) : v;
  });
}

/** Messages that depend on a number: `${key}.one` or `${key}.other` by the language's plural
 * rules ("1 Beitrag", "2 Beiträge"), with {count} filled in. */
export function tn(key: PluralKey, count: number, params?: Params, locale: Locale = current): string {
  const form = new Intl.PluralRules(intlLocale[locale]).select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}` as MessageKey, { ...params, count }, locale);
}

/** Keys that have a `.one` and an `.other` form. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export function messages(locale: Locale): Record<MessageKey, string> {
  return catalogs[locale];
}

const intlLocale: Record<Locale, string> = { de: "de-DE", en: "en-GB" };

export function formatNumber(n: number, locale: Locale = current): string {
  return new Intl.NumberFormat(intlLocale[locale]).format(n);
}

/** A month "YYYY-MM" (or a date in it) as the reader says it, short: "Jan. 26", "Jan 26". */
export function formatMonth(month: string, locale: Locale = current): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(intlLocale[locale], { month: "short", year: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(+m[1]!, +m[2]! - 1, 1)),
  );
}

/** A month "YYYY-MM" in full: "August 2026". */
export function formatMonthLong(month: string, locale: Locale = current): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(intlLocale[locale], { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(+m[1]!, +m[2]! - 1, 1)),
  );
}

/** A calendar date "YYYY-MM-DD" (no time zone shift). */
/** Today in the browser's time zone as "YYYY-MM-DD" (the default and maximum of date fields). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function formatDate(isoDate: string | null | undefined, locale: Locale = current): string {
  if (!isoDate) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : new Date(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "medium",
    ...(m ? { timeZone: "UTC" } : {}),
  }).format(d);
}

/** A timestamp (ISO 8601 with offset), shown in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined, locale: Locale = current, timeZone?: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage !== "undefined" ? localStorage : undefined;
  } catch {
    return undefined;
  }
}

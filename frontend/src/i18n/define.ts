/**
 * A domain's messages in both languages. The type makes a key missing in either language a
 * compile error; i18n.test.ts checks the merged catalogs again at run time.
 */
export function defineMessages<const K extends string>(messages: { de: Record<K, string>; en: Record<K, string> }) {
  return messages;
}

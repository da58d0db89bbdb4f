// Which user-given values become links: absolute http(s) addresses only (mailto where a field
// allows it). Anything else — a place in words, a relative path, javascript:, data: — is shown
// as text. The server refuses other schemes on link fields (backend/botschaft/core/text.py);
// this guards what was stored before that rule, and free-text fields that may hold a link.

/** `value` as a link target, or undefined when it must be shown as text. */
export function webHref(value: string | null | undefined, options: { mailto?: boolean } = {}): string | undefined {
  const v = (value ?? "").trim();
  if (!v || /[\s\u0000-\u001f\u007f-\u009f]/.test(v)) return undefined;
  let url: URL;
  try {
    url = new URL(v); // no base: a relative link does not parse
  } catch {
    return undefined;
  }
  if (url.protocol === "https:" || url.protocol === "http:") return url.hostname ? v : undefined;
  if (options.mailto && url.protocol === "mailto:") return url.pathname.includes("@") ? v : undefined;
  return undefined;
}

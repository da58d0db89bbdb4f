// What another app shares with Botschaft (the manifest's share target): the link of a post,
// often inside the shared text, and its hashtags. Pure (unit-tested).
import type { PostFormat } from "./api/types";

export interface Shared {
  title?: string | null;
  text?: string | null;
  url?: string | null;
}

const URL_RE = /https?:\/\/[^\s<>"']+/i;
const HASHTAG_RE = /(^|\s)#([\p{L}\p{N}_]{1,100})/gu;

/** The first http(s) link: the url field, else inside the text (LinkedIn and TikTok put it
 * there), else inside the title. Trailing punctuation of a sentence is not part of it. */
export function sharedLink(s: Shared): string | undefined {
  for (const field of [s.url, s.text, s.title]) {
    const found = field ? URL_RE.exec(field) : null;
    if (found) return found[0].replace(/[.,;:!?)\]]+$/, "");
  }
  return undefined;
}

/** Hashtags of the shared text and title, each once, as written. */
export function sharedHashtags(s: Shared): string[] {
  const seen = new Map<string, string>();
  for (const field of [s.title, s.text]) {
    for (const m of (field ?? "").matchAll(HASHTAG_RE)) {
      const tag = `#${m[2]}`;
      if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
    }
  }
  return [...seen.values()];
}

/** The post's format where the link says it; otherwise undefined (the person chooses). */
export function guessFormat(link: string): PostFormat | undefined {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return undefined;
  }
  const host = u.hostname.replace(/^www\.|^m\./, "");
  const path = u.pathname;
  if (/^\/(reel|reels)\//.test(path) || host === "youtu.be" || host.endsWith("tiktok.com")) return "video";
  if (host.endsWith("youtube.com") && (path.startsWith("/shorts/") || path === "/watch")) return "video";
  if (host.endsWith("linkedin.com") && path.startsWith("/pulse/")) return "article";
  return undefined;
}

/** Whether one of the program's hashtags is among the shared ones (case-insensitive). */
export function usesProgramHashtag(tags: string[], programTags: string[]): boolean {
  const wanted = new Set(programTags.map((h) => h.toLowerCase()));
  return tags.some((h) => wanted.has(h.toLowerCase()));
}

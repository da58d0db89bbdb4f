// The one Markdown renderer of the SPA (briefings, home, calls, privacy and consent texts,
// module descriptions, program description, meeting agendas): marked, with a renderer that
// sanitises by construction, so no DOM sanitiser is needed:
// - raw HTML (block or inline) is escaped and shows as the text it is;
// - links survive only when their target starts with http://, https:// or mailto: (checked on
//   the raw text, before any entity could turn "jav&#x61;script:" into a script link), and open
//   in a new tab with rel="noopener noreferrer";
// - images become their alt text (no tracking pixels, no onerror);
// - headings are moved below the card's own heading (# → h4), so a page keeps one h1.
import { Marked, type Tokens } from "marked";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeAll(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function create(newTab: () => string | undefined) {
  return new Marked({
    gfm: true,
    breaks: true,
    async: false,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeAll(text);
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, depth + 3);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      image({ text }: Tokens.Image) {
        return escapeAll(text);
      },
      link({ href, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = href.trim();
        if (!SAFE_LINK.test(target)) return inner;
        const hint = newTab();
        const extra = hint ? `<span class="visually-hidden"> (${escapeAll(hint)})</span>` : "";
        return `<a href="${escapeAll(target)}" target="_blank" rel="noopener noreferrer">${inner}${extra}</a>`;
      },
    },
  });
}

let hint: string | undefined;
let instance: Marked | undefined;

/**
 * Markdown → safe HTML. `newTab` is what a screen reader hears after each link ("opens in a
 * new tab").
 */
export function renderMarkdown(text: string, newTab?: string): string {
  instance ??= create(() => hint);
  hint = newTab;
  return instance.parse(text ?? "", { async: false }) as string;
}

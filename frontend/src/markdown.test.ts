import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders emphasis, lists and paragraphs", () => {
    const html = renderMarkdown("Gern teilen: **Fotos ausdrücklich erwünscht**.\n\n- eins\n- zwei");
    expect(html).toContain("<strong>Fotos ausdrücklich erwünscht</strong>");
    expect(html).toContain("<li>eins</li>");
    expect(html).not.toContain("**");
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<b onclick="x()">fett</b>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<b |<iframe/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("never renders an <img> (no onerror, no tracking pixel): the alt text stays", () => {
    const html = renderMarkdown('![Plakat](https://x.example/a.png)\n\n<img src=x onerror="alert(1)">\n\n![y](x" onerror="alert(1))');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("Plakat");
    // The words may stay as escaped text; no tag may carry the attribute.
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain("&lt;img");
  });

  it.each([
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](jav&#x61;script:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD4=)",
    "[klick](vbscript:msgbox)",
    "[klick](/relative/path)",
    "<javascript:alert(1)>",
  ])("drops unsafe link %s", (src) => {
    const html = renderMarkdown(src);
    expect(html).not.toMatch(/<a /);
    expect(html).not.toMatch(/href=/);
  });

  it("keeps http(s) and mailto links and opens them safely in a new tab", () => {
    const html = renderMarkdown("[Leitfaden](https://example.org/a) und [Mail](mailto:team@example.org) und https://example.org/b", "öffnet in neuem Tab");
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">Leitfaden<span class="visually-hidden"> (öffnet in neuem Tab)</span></a>');
    expect(html).toContain('href="mailto:team@example.org"');
    expect(html).toContain('href="https://example.org/b"');
  });

  it("cannot break out of the href attribute", () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="alert(1)) <https://b.example/?q="x">');
    expect(html).not.toMatch(/<a [^>]*\sonmouseover=/i);
    expect(html).not.toMatch(/href="[^"]*"[^ >]/);
  });

  it("escapes HTML inside link text and code", () => {
    const html = renderMarkdown("[<b>fett</b>](https://a.example) `<i>x</i>`\n\n    <script>y</script>");
    expect(html).not.toMatch(/<b>|<i>|<script/);
  });

  it("moves headings below the card's heading (never a second h1)", () => {
    const html = renderMarkdown("# Titel\n\n## Unter");
    expect(html).toContain("<h4>Titel</h4>");
    expect(html).toContain("<h5>Unter</h5>");
    expect(html).not.toMatch(/<h[1-3]/);
  });

  it("keeps single line breaks as written", () => {
    expect(renderMarkdown("Zeile 1\nZeile 2")).toContain("Zeile 1<br>");
  });
});

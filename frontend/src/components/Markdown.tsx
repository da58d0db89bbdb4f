import { useMemo } from "preact/hooks";
import { getLocale, t } from "../i18n";
import { renderMarkdown } from "../markdown";

/** Text someone wrote in Markdown, rendered safely (see ../markdown.ts). Never render it any other way. */
export function Markdown(props: { text: string | null | undefined; class?: string }) {
  const locale = getLocale();
  const html = useMemo(() => renderMarkdown(props.text ?? "", t("md.newTab")), [props.text, locale]);
  if (!props.text?.trim()) return null;
  return <div class={props.class ? `markdown ${props.class}` : "markdown"} dangerouslySetInnerHTML={{ __html: html }} />;
}

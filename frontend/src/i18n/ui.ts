import { defineMessages } from "./define";

// Shared UI pieces added with issue #14: confirm dialog, toasts, printed report, Markdown.
export const ui = defineMessages({
  de: {
    "report.printedFor": "{program} · gedruckt am {date}",
    "md.newTab": "öffnet in neuem Tab",
  },
  en: {
    "report.printedFor": "{program} · printed on {date}",
    "md.newTab": "opens in a new tab",
  },
});

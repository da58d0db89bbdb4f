import type { MyProgram } from "../api/types";
import { Page } from "../components/Page";
import { t } from "../i18n";

export function ComingSoon(props: { title: string; program: MyProgram }) {
  return (
    <Page title={props.title} context={props.program.name}>
      <div class="empty-state">
        <svg class="empty-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="20" />
          <path d="M24 13v12l8 5" />
        </svg>
        <p>{t("page.comingSoon.text")}</p>
        <p class="muted">{t("page.comingSoon.hint")}</p>
      </div>
    </Page>
  );
}

export function NotFound() {
  return (
    <Page title={t("page.notFound.title")}>
      <p>{t("page.notFound.text")}</p>
      <p>
        <a href="/">{t("page.notFound.back")}</a>
      </p>
    </Page>
  );
}

export function Forbidden(props: { program?: MyProgram }) {
  return (
    <Page title={t("page.forbidden.title")} context={props.program?.name}>
      <p>{t("page.forbidden.text")}</p>
      <p>
        <a href="/">{t("page.notFound.back")}</a>
      </p>
    </Page>
  );
}

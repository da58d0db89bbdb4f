// The monthly report by email: subscribe or unsubscribe, and when the next one goes out.
import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { MyProgram } from "../api/types";
import { toast } from "../components/feedback";
import { QueryError } from "../components/Page";
import { programKey, setCached, useApi } from "../data";
import { errorMessage } from "../errors";
import { formatDate, getLocale, t } from "../i18n";

function monthLabel(isoMonth: string): string {
  return new Intl.DateTimeFormat(getLocale() === "en" ? "en-GB" : "de-DE", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoMonth}T00:00:00Z`),
  );
}

export function ReportSubscription(props: { program: MyProgram }) {
  const path = { params: { path: { program_id: props.program.id } } };
  const key = programKey(props.program.id, "report-subscription");
  const state = useApi(key, () => call(api.GET("/api/v1/programs/{program_id}/report-subscription", path)));
  const [busy, setBusy] = useState(false);
  const s = state.data;

  async function toggle() {
    if (!s || busy) return;
    setBusy(true);
    try {
      const next = await call(
        s.subscribed
          ? api.DELETE("/api/v1/programs/{program_id}/report-subscription", path)
          : api.PUT("/api/v1/programs/{program_id}/report-subscription", path),
      );
      setCached(key, next);
      toast(next.subscribed ? t("report.subscribed") : t("report.unsubscribed"));
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card no-print" aria-labelledby="report-mail-h">
      <h2 id="report-mail-h">{t("report.mailTitle")}</h2>
      <QueryError query={state} />
      {s ? (
        <>
          <p>{t("report.mailLead")}</p>
          <p role="status">
            {s.subscribed
              ? s.next_report_on && s.next_report_month
                ? t("report.nextOn", { date: formatDate(s.next_report_on), month: monthLabel(s.next_report_month) })
                : t("report.noneLeft")
              : t("report.notSubscribed")}
          </p>
          <button type="button" class={s.subscribed ? "btn btn-secondary" : "btn btn-primary"} disabled={busy} onClick={() => void toggle()}>
            {s.subscribed ? t("report.unsubscribe") : t("report.subscribe")}
          </button>
        </>
      ) : null}
    </section>
  );
}

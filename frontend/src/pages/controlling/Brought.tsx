// "What the posts brought" on controlling: the posts with the most outcomes of the period
// (requests and what they led to), each with its author's page. Core team only.
import type { components } from "../../api/schema";
import { TableWrap } from "../../components/TableWrap";
import { formatDate, formatNumber, t, type MessageKey } from "../../i18n";
import { webHref } from "../../links";
import { influencerPath } from "../../routes";

type Brought = components["schemas"]["BroughtPost"];

export function BroughtPosts(props: { rows: Brought[]; slug: string }) {
  return (
    <section class="card section" aria-labelledby="brought-h">
      <h2 id="brought-h">{t("brought.title")}</h2>
      <p class="field-hint">{t("brought.lead")}</p>
      {props.rows.length ? (
        <TableWrap captionId="brought-c">
          <table class="table-compact table-cards">
            <caption id="brought-c" class="visually-hidden">
              {t("brought.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("brought.post")}</th>
                <th scope="col">{t("kpi.author")}</th>
                <th scope="col" class="num">{t("brought.requests")}</th>
                <th scope="col" class="num">{t("brought.results")}</th>
                <th scope="col">{t("brought.what")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.post.id}>
                  <th scope="row" class="nowrap">
                    <a href={webHref(r.post.url) ?? undefined} rel="noopener noreferrer" target="_blank">
                      {formatDate(r.post.published_on)} · {t(`platform.${r.post.platform}` as MessageKey)}
                    </a>
                  </th>
                  <td data-label={t("kpi.author")}>
                    <a href={influencerPath(props.slug, r.post.member_id)}>{r.post.member_name}</a>
                  </td>
                  <td class="num half" data-label={t("brought.requests")}>{formatNumber(r.requests)}</td>
                  <td class="num half" data-label={t("brought.results")}>{formatNumber(r.results)}</td>
                  <td data-label={t("brought.what")}>
                    {Object.entries(r.by_type)
                      .sort((a, b) => b[1] - a[1])
                      .map(([type, n]) => `${formatNumber(n)} × ${t(`outcome.${type}` as MessageKey)}`)
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t("brought.none")}</p>
      )}
    </section>
  );
}

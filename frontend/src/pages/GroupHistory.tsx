// The cohorts and teams a person was in, with the days: a move to a re-call reads
// "Pilot, from the start until 2 Dec 2026 · Re-call, since 3 Dec 2026".
import type { components } from "../api/schema";
import { formatDate, t } from "../i18n";

type Period = components["schemas"]["GroupPeriodOut"];

export function spanText(p: Period): string {
  if (p.to_on) return `${p.from_on ? formatDate(p.from_on) : t("person.sinceStart")} – ${formatDate(p.to_on)}`;
  return p.from_on ? t("person.inSince", { date: formatDate(p.from_on) }) : t("person.sinceStart");
}

/** Shown only when there is history to tell: someone who never changed group needs no list. */
export function GroupHistory(props: { groups: readonly Period[] }) {
  if (!props.groups.some((g) => g.from_on || g.to_on)) return null;
  return (
    <div>
      <dt>{t("person.groupsHistory")}</dt>
      <dd>
        <ul class="plain-list">
          {props.groups.map((g) => (
            <li key={`${g.kind}-${g.name}-${g.from_on ?? ""}`}>
              {g.name}: {spanText(g)}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

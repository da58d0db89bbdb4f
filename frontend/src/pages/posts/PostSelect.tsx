// Choosing the post something came under (a request, a question): the person's latest posts,
// or none. `whose`: "mine" for the caller's own, a member id, or null before a person is chosen.
import { api, call } from "../../api/client";
import { SelectField } from "../../components/forms";
import { programKey, useApi } from "../../data";
import { formatDate, t, type MessageKey } from "../../i18n";

const LATEST = 50;

export function PostSelect(props: { programId: string; whose: "mine" | string | null; id: string; label: string; noneLabel: string; value: string; onValue: (id: string) => void; error?: string }) {
  const query = { per_page: LATEST, ...(props.whose === "mine" ? { mine: true } : { member_id: props.whose ?? "" }) };
  const posts = useApi(
    programKey(props.programId, "posts", query),
    async () => (await call(api.GET("/api/v1/programs/{program_id}/posts", { params: { path: { program_id: props.programId }, query } }))).items,
    { enabled: props.whose !== null },
  );
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value}
      optional
      options={[
        { value: "", label: props.noneLabel },
        ...(props.whose === null ? [] : (posts.data ?? [])).map((p) => ({ value: p.id, label: `${formatDate(p.published_on)} · ${t(`platform.${p.platform}` as MessageKey)} · ${t(`format.${p.format}` as MessageKey)}` })),
      ]}
      onValue={props.onValue}
      error={props.error}
    />
  );
}

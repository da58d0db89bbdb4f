// One application for the core team: every answer, my vote and comment, the others' views,
// tags and status.
import { useEffect, useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { components } from "../../api/schema";
import type { MyProgram } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { SelectField, Success, TextArea, TextField } from "../../components/forms";
import { formatDateTime, getLocale, t } from "../../i18n";
import { answerText, statusLabel } from "../Apply";
import type { Call } from "./CallView";

type Row = components["schemas"]["ApplicationRow"];
type Detail = components["schemas"]["ApplicationDetail"];
type Status = components["schemas"]["ApplicationStatus"];
const STATUSES: Status[] = ["submitted", "shortlisted", "selected", "alternate", "not_selected", "withdrawn"];

const voteValue = (v: boolean | null | undefined) => (v === true ? "for" : v === false ? "against" : "none");
const voteLabel = (v: boolean | null | undefined) => t(v === true ? "calls.voteFor" : v === false ? "calls.voteAgainst" : "calls.voteNone");

export function ReviewDialog(props: { program: MyProgram; call: Call; row: Row | null; onClose: () => void; onChanged: () => void }) {
  const [detail, setDetail] = useState<Detail>();
  const [vote, setVote] = useState("none");
  const [comment, setComment] = useState("");
  const [tags, setTags] = useState("");
  const [status, setStatus] = useState<string>();
  const l = getLocale();
  const path = props.row ? { program_id: props.program.id, call_id: props.call.id, application_id: props.row.id } : undefined;

  const adopt = (d: Detail) => {
    setDetail(d);
    const mine = d.reviews.find((r) => r.mine);
    setVote(voteValue(mine?.vote));
    setComment(mine?.comment ?? "");
    setTags(d.tags.join(", "));
  };

  useEffect(() => {
    setDetail(undefined);
    setStatus(undefined);
    if (path) void call(api.GET("/api/v1/programs/{program_id}/calls/{call_id}/applications/{application_id}", { params: { path } })).then(adopt);
  }, [props.row?.id]);

  async function saveReview(e: Event) {
    e.preventDefault();
    if (!path) return;
    const body = { vote: vote === "for" ? true : vote === "against" ? false : null, comment };
    adopt(await call(api.PUT("/api/v1/programs/{program_id}/calls/{call_id}/applications/{application_id}/review", { params: { path }, body })));
    setStatus(t("calls.saved"));
    props.onChanged();
  }

  async function saveTags() {
    if (!path) return;
    const list = tags.split(",").map((x) => x.trim()).filter(Boolean);
    adopt(await call(api.PUT("/api/v1/programs/{program_id}/calls/{call_id}/applications/{application_id}/tags", { params: { path }, body: { tags: list } })));
    setStatus(t("calls.saved"));
    props.onChanged();
  }

  async function changeStatus(s: string) {
    if (!path || !detail) return;
    await call(api.POST("/api/v1/programs/{program_id}/calls/{call_id}/applications/status", { params: { path: { program_id: path.program_id, call_id: path.call_id } }, body: { ids: [detail.id], status: s as Status } }));
    setDetail({ ...detail, status: s as Status });
    setStatus(t("calls.saved"));
    props.onChanged();
  }

  return (
    <Dialog open={!!props.row} id="review-dialog" title={props.row ? t("calls.review", { name: props.row.name }) : ""} onClose={props.onClose}>
      {detail ? (
        <>
          <Success message={status} />
          <SelectField id="review-status" label={t("calls.statusOf")} value={detail.status} onValue={(v) => void changeStatus(v)}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
          <h3>{t("calls.answers")}</h3>
          <dl class="facts">
            <div><dt>{t("calls.colEmail")}</dt><dd class="break">{detail.email}</dd></div>
            {props.call.questions.map((q) => (
              <div key={q.key}><dt>{l === "en" ? q.label_en : q.label_de}</dt><dd class="prewrap">{answerText(q, detail.answers[q.key], l)}</dd></div>
            ))}
          </dl>
          <p class="muted">{t("calls.consentGiven", { privacy: detail.privacy_version, consent: detail.consent_version, date: formatDateTime(detail.consented_at) })}</p>
          <h3>{t("calls.reviews")}</h3>
          {detail.reviews.filter((r) => !r.mine).length ? (
            <ul class="plain-list">
              {detail.reviews.filter((r) => !r.mine).map((r) => (
                <li key={r.reviewer_name}>
                  {t("calls.reviewBy", { name: r.reviewer_name, vote: voteLabel(r.vote) })}
                  {r.comment ? <> — <span class="prewrap">{r.comment}</span></> : null}
                </li>
              ))}
            </ul>
          ) : <p>{t("calls.noReviews")}</p>}
          <form onSubmit={saveReview} noValidate>
            <fieldset class="fieldset fieldset-inline">
              <legend>{t("calls.myVote")}</legend>
              {(["for", "against", "none"] as const).map((v) => (
                <div class="check" key={v}>
                  <input type="radio" id={`vote-${v}`} name="vote" value={v} checked={vote === v} onChange={() => setVote(v)} />
                  <label for={`vote-${v}`}>{t(v === "for" ? "calls.voteFor" : v === "against" ? "calls.voteAgainst" : "calls.voteNone")}</label>
                </div>
              ))}
            </fieldset>
            <TextArea id="review-comment" label={t("calls.comment")} optional value={comment} onValue={setComment} rows={3} maxLength={2000} />
            <button type="submit" class="btn btn-primary">{t("calls.saveReview")}</button>
          </form>
          <TextField id="review-tags" label={t("calls.tags")} hint={t("calls.tagsHint")} value={tags} onValue={setTags} />
          <div class="actions-row">
            <button type="button" class="btn btn-secondary" onClick={() => void saveTags()}>{t("calls.saveTags")}</button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

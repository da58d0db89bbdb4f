import { influencerPath } from "../routes";
import { useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { Member, MyProgram, ProgramRole } from "../api/types";
import { PROGRAM_ROLES } from "../api/types";
import { Dialog } from "../components/Dialog";
import { FormError, SelectField, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { invalidate, programKey, useApi } from "../data";
import { EMAIL_RE, errorMessage, fieldErrorsFrom } from "../errors";
import { formatDate, t } from "../i18n";

const PER_PAGE = 25;

export function MembersPage(props: { program: MyProgram }) {
  const programId = props.program.id;
  const [q, setQ] = useState("");
  const [role, setRole] = useState<"" | ProgramRole>("");
  const [applied, setApplied] = useState<{ q: string; role: "" | ProgramRole }>({ q: "", role: "" });
  const [page, setPage] = useState(1);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [removeError, setRemoveError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const tableRef = useRef<HTMLDivElement>(null);

  const query = { page, per_page: PER_PAGE, ...(applied.q ? { q: applied.q } : {}), ...(applied.role ? { role: applied.role } : {}) };
  const list = useApi(
    programKey(programId, "members", query),
    () => call(api.GET("/api/v1/programs/{program_id}/members", { params: { path: { program_id: programId }, query } })),
    { keep: true },
  );
  const changed = () => invalidate(programId, "members");

  function applyFilters(e: Event) {
    e.preventDefault();
    setPage(1);
    setApplied({ q: q.trim(), role });
  }

  function resetFilters() {
    setQ("");
    setRole("");
    setPage(1);
    setApplied({ q: "", role: "" });
  }

  async function confirmRemove() {
    if (!removing) return;
    const m = removing;
    try {
      await call(api.DELETE("/api/v1/programs/{program_id}/members/{member_id}", { params: { path: { program_id: programId, member_id: m.id } } }));
      setRemoving(null);
      const msg = t("members.removed", { name: m.name });
      setStatus(msg);
      await changed();
      tableRef.current?.focus();
    } catch (e) {
      setRemoveError(errorMessage(e));
    }
  }

  async function resend(m: Member) {
    setStatus(undefined);
    setActionError(undefined);
    try {
      await call(
        api.POST("/api/v1/programs/{program_id}/members/{member_id}/invitation", {
          params: { path: { program_id: programId, member_id: m.id } },
        }),
      );
      setStatus(t("members.resent", { name: m.name }));
      await changed();
    } catch (e) {
      setActionError(e instanceof ApiError && e.status === 409 ? t("members.resendRefused", { name: m.name }) : errorMessage(e));
      await changed();
    }
  }

  const roleOptions = [{ value: "", label: t("members.allRoles") }, ...PROGRAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))];
  const data = list.data;

  return (
    <Page title={t("nav.members")} context={props.program.name}>
      <form class="filters" role="search" aria-label={t("members.filters")} onSubmit={applyFilters}>
        <TextField id="member-q" label={t("members.search")} type="search" value={q} onValue={setQ} autoComplete="off" />
        <SelectField id="member-role" label={t("members.roleFilter")} value={role} options={roleOptions} onValue={(v) => setRole(v as "" | ProgramRole)} />
        <div class="filter-actions">
          <button type="submit" class="btn btn-primary">
            {t("table.search")}
          </button>
          {applied.q || applied.role ? (
            <button type="button" class="btn btn-secondary" onClick={resetFilters}>
              {t("table.reset")}
            </button>
          ) : null}
        </div>
      </form>

      <div class="live" role="status">
        {status ? <p class="notice notice-success">{status}</p> : null}
      </div>
      <div class="alert-slot" role="alert">
        {actionError ? <p class="notice notice-error">{actionError}</p> : null}
      </div>

      <QueryError query={list} />
      {list.isPending ? <Loading /> : null}
      {data ? (
        <>
          <TableWrap captionId="members-caption" wrapRef={tableRef} busy={list.isFetching}>
            <table class="table-cards">
              <caption id="members-caption">{t("members.caption", { program: props.program.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {t("members.name")} / {t("members.email")}
                  </th>
                  <th scope="col">{t("members.role")}</th>
                  <th scope="col">{t("members.joined")}</th>
                  <th scope="col">{t("members.occupation")}</th>
                  <th scope="col">{t("members.department")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("table.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} class="empty">
                      {t("table.empty")}
                    </td>
                  </tr>
                ) : (
                  data.items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.role === "influencer" ? <a href={influencerPath(props.program.slug, m.id)}>{m.name}</a> : m.name}
                        <span class="cell-sub break">{m.email}</span>
                        {/* Only people who have not got in yet carry a note: everyone else is active. */}
                        {m.access !== "active" ? (
                          <span class="access-note">
                            <span class="badge badge-warning">{accessLabel(m)}</span>
                            <button
                              type="button"
                              class="btn btn-small btn-secondary"
                              aria-label={t("members.resendNamed", { name: m.name })}
                              onClick={() => void resend(m)}
                            >
                              {t("members.resend")}
                            </button>
                          </span>
                        ) : null}
                      </th>
                      <td class="half" data-label={t("members.role")}>{t(`role.${m.role}`)}</td>
                      <td class="half" data-label={t("members.joined")}>{formatDate(m.joined_at.slice(0, 10))}</td>
                      <td class="half" data-label={t("members.occupation")}>{m.occupation ?? ""}</td>
                      <td class="half" data-label={t("members.department")}>{m.department ?? ""}</td>
                      <td>
                        <button
                          type="button"
                          class="btn btn-small btn-danger-outline"
                          aria-label={t("members.removeNamed", { name: m.name })}
                          onClick={() => {
                            setRemoveError(undefined);
                            setRemoving(m);
                          }}
                        >
                          {t("members.remove")}
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={data.page} perPage={data.per_page} total={data.total} name={t("nav.members")} onPage={setPage} />
        </>
      ) : null}

      <AddMemberForm
        programId={programId}
        onAdded={(m) => {
          const msg = t("members.added", { name: m.name, role: t(`role.${m.role}`) });
          setStatus(msg);
          void changed();
        }}
      />

      <Dialog id="remove-member" open={removing !== null} title={t("members.removeTitle")} onClose={() => setRemoving(null)}>
        {removing ? (
          <>
            <p>{t("members.removeText", { name: removing.name, email: removing.email, program: props.program.name })}</p>
            <div role="alert" class="alert-slot">
              {removeError ? <p class="notice notice-error">{removeError}</p> : null}
            </div>
            <div class="dialog-actions">
              <button type="button" class="btn btn-secondary" data-autofocus onClick={() => setRemoving(null)}>
                {t("form.cancel")}
              </button>
              <button type="button" class="btn btn-danger" onClick={() => void confirmRemove()}>
                {t("members.removeConfirm")}
              </button>
            </div>
          </>
        ) : null}
      </Dialog>
    </Page>
  );
}

function accessLabel(m: Member): string {
  if (m.access === "invited" && m.invitation_expires_at) {
    return t("members.access.invited", { date: formatDate(m.invitation_expires_at.slice(0, 10)) });
  }
  return t(`members.access.${m.access}`);
}

function AddMemberForm(props: { programId: string; onAdded: (m: Member) => void }) {
  const empty = { email: "", name: "", role: "influencer" as ProgramRole, occupation: "", department: "" };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof empty) => (v: string) => setForm({ ...form, [k]: v });
  const labels = { email: t("members.email"), name: t("members.name"), role: t("members.role"), occupation: t("members.occupation"), department: t("members.department") };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const fe: Record<string, string> = {};
    if (!form.email.trim()) fe.email = t("form.requiredField");
    else if (!EMAIL_RE.test(form.email.trim())) fe.email = t("form.invalidEmail");
    if (!form.name.trim()) fe.name = t("form.requiredField");
    setErrors(fe);
    if (Object.keys(fe).length) {
      setError(t("form.errorSummary"));
      document.getElementById(`add-${Object.keys(fe)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const m = await call(
        api.POST("/api/v1/programs/{program_id}/members", {
          params: { path: { program_id: props.programId } },
          body: {
            email: form.email.trim(),
            name: form.name.trim(),
            role: form.role,
            occupation: form.occupation.trim() || null,
            department: form.department.trim() || null,
          },
        }),
      );
      setForm(empty);
      setErrors({});
      props.onAdded(m);
      document.getElementById("add-email")?.focus();
    } catch (err) {
      const fe2 = fieldErrorsFrom(err);
      setErrors(fe2);
      setError(err instanceof ApiError && err.status === 409 ? t("members.exists") : Object.keys(fe2).length ? t("form.errorSummary") : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card section" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">{t("members.add")}</h2>
      <p class="muted">{t("members.addHint")}</p>
      <FormError message={error} fields={errors} labels={labels} idPrefix="add-" />
      <form class="form form-grid" noValidate onSubmit={submit}>
        <TextField id="add-email" label={t("members.email")} type="email" autoComplete="off" spellcheck={false} required value={form.email} onValue={set("email")} error={errors.email} />
        <TextField id="add-name" label={t("members.name")} autoComplete="off" required value={form.name} onValue={set("name")} error={errors.name} />
        <SelectField
          id="add-role"
          label={t("members.role")}
          value={form.role}
          options={PROGRAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onValue={set("role")}
          error={errors.role}
        />
        <TextField id="add-occupation" label={t("members.occupation")} optional value={form.occupation} onValue={set("occupation")} error={errors.occupation} />
        <TextField id="add-department" label={t("members.department")} optional value={form.department} onValue={set("department")} error={errors.department} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
            {t("members.addSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}

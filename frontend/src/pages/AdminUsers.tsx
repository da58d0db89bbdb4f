import { useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { Role, User } from "../api/types";
import { ROLES } from "../api/types";
import { Dialog } from "../components/Dialog";
import { confirmAction } from "../components/feedback";
import { Checkbox, FormError, SelectField, TextField } from "../components/forms";
import { Loading, Page, QueryError } from "../components/Page";
import { Pagination } from "../components/Pagination";
import { TableWrap } from "../components/TableWrap";
import { invalidateKey, keys, useApi } from "../data";
import { EMAIL_RE, errorMessage, fieldErrorsFrom, problemText } from "../errors";
import { formatDate, formatDateTime, LOCALES, t, type Locale } from "../i18n";

const PER_PAGE = 25;

function accessLabel(u: User): string {
  if (u.access === "invited" && u.invitation_expires_at) {
    return t("members.access.invited", { date: formatDate(u.invitation_expires_at.slice(0, 10)) });
  }
  return t(`members.access.${u.access}`);
}

export function AdminUsers() {
  const [q, setQ] = useState("");
  const [applied, setApplied] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | null>(null);
  const [status, setStatus] = useState<string>();
  const tableRef = useRef<HTMLDivElement>(null);

  const query = { page, per_page: PER_PAGE, ...(applied ? { q: applied } : {}) };
  const list = useApi(keys.users(query), () => call(api.GET("/api/v1/users", { params: { query } })), { keep: true });
  const changed = () => invalidateKey(keys.users());
  const data = list.data;
  const [actionError, setActionError] = useState<string>();

  async function invite(u: User) {
    setStatus(undefined);
    setActionError(undefined);
    try {
      await call(api.POST("/api/v1/users/{user_id}/invitation", { params: { path: { user_id: u.id } } }));
      setStatus(t("members.resent", { name: u.name }));
    } catch (e) {
      setActionError(e instanceof ApiError && e.status === 409 ? t("members.resendRefused", { name: u.name }) : errorMessage(e));
    }
    await changed();
  }

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <Page title={t("nav.users")} context={t("nav.groupAdmin")}>
      <form
        class="filters"
        role="search"
        aria-label={t("users.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setApplied(q.trim());
        }}
      >
        <TextField id="user-q" label={t("users.search")} type="search" value={q} onValue={setQ} autoComplete="off" />
        <div class="filter-actions">
          <button type="submit" class="btn btn-primary">
            {t("table.search")}
          </button>
          {applied ? (
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                setQ("");
                setApplied("");
                setPage(1);
              }}
            >
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
          <TableWrap captionId="users-caption" wrapRef={tableRef} busy={list.isFetching}>
            <table class="table-cards">
              <caption id="users-caption">{t("users.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {t("users.name")} / {t("users.email")}
                  </th>
                  <th scope="col">{t("users.role")}</th>
                  <th scope="col">{t("users.status")}</th>
                  <th scope="col">{t("users.lastLogin")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("table.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={5} class="empty">
                      {t("table.empty")}
                    </td>
                  </tr>
                ) : (
                  data.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.name}
                        <span class="cell-sub break">{u.email}</span>
                        {/* Only accounts nobody has got into yet carry a note. */}
                        {u.is_active && u.access !== "active" ? (
                          <span class="access-note">
                            {u.access !== "pending" ? <span class="badge badge-warning">{accessLabel(u)}</span> : null}
                            <button type="button" class="btn btn-small btn-secondary" aria-label={t("users.inviteNamed", { name: u.name })} onClick={() => void invite(u)}>
                              {t("users.invite")}
                            </button>
                          </span>
                        ) : null}
                      </th>
                      <td class="half" data-label={t("users.role")}>{t(`role.${u.role}`)}</td>
                      <td class="half" data-label={t("users.status")}>
                        <span class={`badge ${u.is_active ? "badge-ok" : "badge-off"}`}>{u.is_active ? t("users.active") : t("users.inactive")}</span>
                      </td>
                      <td class="nowrap" data-label={t("users.lastLogin")}>{u.last_login_at ? formatDateTime(u.last_login_at) : t("users.never")}</td>
                      <td>
                        <button type="button" class="btn btn-small btn-secondary" aria-label={t("users.editNamed", { name: u.name })} onClick={() => setEditing(u)}>
                          {t("users.edit")}
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={data.page} perPage={data.per_page} total={data.total} name={t("nav.users")} onPage={setPage} />
        </>
      ) : null}

      <CreateUserForm
        roleOptions={roleOptions}
        onCreated={(u) => {
          setStatus(t("users.createdMsg", { name: u.name }));
          void changed();
        }}
      />

      <Dialog id="edit-user" open={editing !== null} title={editing ? `${t("users.editTitle")}: ${editing.name}` : t("users.editTitle")} onClose={() => setEditing(null)}>
        {editing ? (
          <EditUserForm
            key={`${editing.id}-${editing.version}`}
            user={editing}
            roleOptions={roleOptions}
            onCancel={() => setEditing(null)}
            onReloaded={setEditing}
            onSaved={(u) => {
              setEditing(null);
              setStatus(t("users.updated", { name: u.name }));
              void changed();
            }}
          />
        ) : null}
      </Dialog>
    </Page>
  );
}

function EditUserForm(props: {
  user: User;
  roleOptions: { value: string; label: string }[];
  onCancel: () => void;
  onSaved: (u: User) => void;
  onReloaded: (u: User) => void;
}) {
  const [role, setRole] = useState<Role>(props.user.role);
  const [active, setActive] = useState(props.user.is_active);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    // Deactivating signs the person out everywhere and locks them out: ask first.
    if (props.user.is_active && !active) {
      const ok = await confirmAction({
        title: t("users.deactivateTitle", { name: props.user.name }),
        body: t("users.deactivateBody"),
        confirmLabel: t("users.deactivate"),
      });
      if (!ok) return;
    }
    setBusy(true);
    setError(undefined);
    setConflict(false);
    try {
      const saved = await call(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: props.user.id } },
          body: { version: props.user.version, role, is_active: active },
        }),
      );
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      else setError(problemText(err));
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    try {
      const list = await call(api.GET("/api/v1/users", { params: { query: { q: props.user.email, per_page: 10 } } }));
      const fresh = list.items.find((u) => u.id === props.user.id);
      if (fresh) props.onReloaded(fresh);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form class="form" noValidate onSubmit={submit}>
      <div class="alert-slot" role="alert">
        {error ? <p class="notice notice-error">{error}</p> : null}
        {conflict ? (
          <div class="notice notice-warning">
            <p>{t("users.conflict")}</p>
            <button type="button" class="btn btn-secondary" onClick={() => void reload()}>
              {t("users.reload")}
            </button>
          </div>
        ) : null}
      </div>
      <p class="muted break">{props.user.email}</p>
      <SelectField id="edit-role" label={t("users.role")} value={role} options={props.roleOptions} onValue={(v) => setRole(v as Role)} />
      <Checkbox id="edit-active" label={t("users.isActive")} hint={t("users.isActiveHint")} checked={active} onValue={setActive} />
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t("form.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
          {t("form.save")}
        </button>
      </div>
    </form>
  );
}

function CreateUserForm(props: { roleOptions: { value: string; label: string }[]; onCreated: (u: User) => void }) {
  const empty = { email: "", name: "", role: "influencer" as Role, locale: "de" as Locale, password: "" };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof empty) => (v: string) => setForm({ ...form, [k]: v });
  const labels = { email: t("users.email"), name: t("users.name"), role: t("users.role"), password: t("users.password") };

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
      document.getElementById(`new-${Object.keys(fe)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const u = await call(
        api.POST("/api/v1/users", {
          body: { email: form.email.trim(), name: form.name.trim(), role: form.role, locale: form.locale, ...(form.password ? { password: form.password } : {}) },
        }),
      );
      setForm(empty);
      props.onCreated(u);
      document.getElementById("new-email")?.focus();
    } catch (err) {
      const fe2 = fieldErrorsFrom(err);
      setErrors(fe2);
      setError(err instanceof ApiError && err.status === 409 ? t("users.exists") : Object.keys(fe2).length ? t("form.errorSummary") : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card section" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t("users.create")}</h2>
      <FormError message={error} fields={errors} labels={labels} idPrefix="new-" />
      <form class="form form-grid" noValidate onSubmit={submit}>
        <TextField id="new-email" label={labels.email} type="email" autoComplete="off" spellcheck={false} required value={form.email} onValue={set("email")} error={errors.email} />
        <TextField id="new-name" label={labels.name} autoComplete="off" required value={form.name} onValue={set("name")} error={errors.name} />
        <SelectField id="new-role" label={labels.role} value={form.role} options={props.roleOptions} onValue={set("role")} error={errors.role} />
        <fieldset class="fieldset">
          <legend>{t("users.locale")}</legend>
          <div class="check-row">
            {LOCALES.map((l) => (
              <div class="check" key={l}>
                <input type="radio" id={`new-locale-${l}`} name="new-locale" value={l} checked={form.locale === l} onChange={() => set("locale")(l)} />
                <label for={`new-locale-${l}`} lang={l}>
                  {t(`lang.${l}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          id="new-password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          optional
          hint={t("users.passwordHint")}
          value={form.password}
          onValue={set("password")}
          error={errors.password}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? "true" : undefined}>
            {t("users.createSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}

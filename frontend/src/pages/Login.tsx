import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { AuthConfig, Me } from "../api/types";
import { TextField } from "../components/forms";
import { Page } from "../components/Page";
import { EMAIL_RE } from "../errors";
import { t, type MessageKey } from "../i18n";
import { PATHS, safeNext } from "../routes";

const SSO_ERRORS = ["sso_state", "sso_token", "sso_no_account", "sso_failed", "sso_disabled"] as const;

/** The message for ?error=CODE after a failed single sign-on. */
export function ssoErrorKey(code: string | null): MessageKey | undefined {
  if (!code) return undefined;
  return (SSO_ERRORS as readonly string[]).includes(code) ? (`login.error.${code}` as MessageKey) : "login.error.unknown";
}

export function rateLimitMessage(retryAfter: number | undefined): string {
  if (retryAfter === undefined || retryAfter <= 0) return t("login.error.rateLimited");
  if (retryAfter < 90) return t("login.error.rateLimitedSeconds", { n: retryAfter });
  return t("login.error.rateLimitedMinutes", { n: Math.ceil(retryAfter / 60) });
}

export function ssoHref(next: string | null): string {
  const safe = safeNext(next);
  return "/api/v1/auth/oidc/login" + (safe ? `?next=${encodeURIComponent(safe)}` : "");
}

export function LoginPage(props: { search: string; notice?: "expired" | "signedOut"; onSignedIn: (me: Me) => void }) {
  const params = new URLSearchParams(props.search);
  const ssoError = ssoErrorKey(params.get("error"));
  const [config, setConfig] = useState<AuthConfig | undefined>();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | undefined>(ssoError ? t(ssoError) : undefined);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    call(api.GET("/api/v1/auth/config"))
      .then(setConfig)
      // Without the config, offer the password form (the usual case) and no SSO button.
      .catch(() => setConfig({ password_login: true, oidc: { enabled: false, label: "" } }));
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const fe: typeof fieldErrors = {};
    if (!email.trim()) fe.email = t("form.requiredField");
    else if (!EMAIL_RE.test(email.trim())) fe.email = t("form.invalidEmail");
    if (!password) fe.password = t("form.requiredField");
    setFieldErrors(fe);
    if (fe.email || fe.password) {
      setError(t("form.errorSummary"));
      (fe.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await call(api.POST("/api/v1/auth/login", { body: { email: email.trim(), password } }));
      props.onSignedIn(me);
    } catch (err) {
      setPassword("");
      if (err instanceof ApiError && err.status === 429) setError(rateLimitMessage(err.retryAfter));
      else if (err instanceof ApiError && (err.status === 401 || err.status === 422 || err.status === 403)) setError(t("login.error.invalid"));
      else if (err instanceof ApiError && err.isNetwork) setError(t("app.error.network"));
      else setError(t("app.error.generic"));
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const oidc = config?.oidc.enabled ? config.oidc : undefined;
  const passwordOn = config ? config.password_login : true;
  const info = props.notice === "expired" ? t("app.sessionExpired") : props.notice === "signedOut" ? t("app.signedOut") : undefined;

  return (
    <Page title={t("login.title")}>
      <div class="card login-card">
        <p class="lead">{t("login.intro")}</p>
        {info && !error ? (
          <p class="notice notice-info" role="status">
            {info}
          </p>
        ) : null}
        <div id="login-error" role="alert" class="alert-slot">
          {error ? <p class="notice notice-error">{error}</p> : null}
        </div>
        {passwordOn ? (
          <form class="form" noValidate onSubmit={submit} aria-describedby={error ? "login-error" : undefined}>
            <TextField
              id="email"
              label={t("login.email")}
              type="email"
              autoComplete="username"
              inputMode="email"
              spellcheck={false}
              required
              value={email}
              onValue={setEmail}
              error={fieldErrors.email}
              inputRef={emailRef}
            />
            <TextField
              id="password"
              label={t("login.password")}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValue={setPassword}
              error={fieldErrors.password}
              inputRef={passwordRef}
            />
            <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? "true" : undefined}>
              {t("login.submit")}
            </button>
            <p class="login-help">
              <a href={PATHS.forgotPassword}>{t("forgot.link")}</a>
            </p>
          </form>
        ) : config ? (
          <p>{t("login.passwordOff")}</p>
        ) : null}
        {oidc ? (
          <>
            {passwordOn ? (
              <p class="divider">
                <span>{t("login.or")}</span>
              </p>
            ) : null}
            <a class="btn btn-secondary btn-block" href={ssoHref(params.get("next"))}>
              {t("login.sso", { label: oidc.label || t("login.ssoDefault") })}
            </a>
          </>
        ) : null}
        {config && !passwordOn && !oidc ? <p>{t("login.nothingOn")}</p> : null}
      </div>
    </Page>
  );
}

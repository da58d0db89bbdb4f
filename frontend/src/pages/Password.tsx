// Setting a password from an invitation or reset link, and "forgot password?".
// The link's token is in the URL fragment (never sent to the server); the page posts it.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, call } from "../api/client";
import type { Me, PasswordLink } from "../api/types";
import { TextField } from "../components/forms";
import { Loading, Page } from "../components/Page";
import { EMAIL_RE, errorMessage } from "../errors";
import { t, type MessageKey } from "../i18n";
import { PATHS } from "../routes";

type Purpose = "invitation" | "reset";
const TOKEN_CODES = ["token_invalid", "token_used", "token_replaced", "token_expired"] as const;

/** The stable code of a problem response ("https://botschaft.dev/problems/token_used" -> "token_used"). */
export function problemCode(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const type = e.problem.type ?? "";
  return type.startsWith("https://botschaft.dev/problems/") ? type.slice(type.lastIndexOf("/") + 1) : undefined;
}

/** The message for a link that does not work, or undefined for other errors. */
export function linkProblemKey(code: string | undefined, purpose: Purpose): MessageKey | undefined {
  if (!code || !(TOKEN_CODES as readonly string[]).includes(code)) return undefined;
  return code === "token_expired" ? `password.token_expired.${purpose}` : (`password.${code}` as MessageKey);
}

/** The token from the URL fragment (#token). */
export function tokenFromHash(hash: string): string {
  const raw = hash.replace(/^#/, "");
  return /^[\w-]{16,128}$/.test(raw) ? raw : "";
}

export function SetPasswordPage(props: { purpose: Purpose; onSignedIn: (me: Me) => void }) {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [link, setLink] = useState<PasswordLink>();
  const [problem, setProblem] = useState<MessageKey>();
  const [loadError, setLoadError] = useState<string>();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const title = t(props.purpose === "invitation" ? "password.setTitle" : "password.resetTitle");

  async function check() {
    setLoadError(undefined);
    if (!token) {
      setProblem("password.token_invalid");
      return;
    }
    try {
      setLink(await call(api.POST("/api/v1/auth/password-links/check", { body: { token } })));
    } catch (e) {
      const key = linkProblemKey(problemCode(e), props.purpose);
      if (key) setProblem(key);
      else setLoadError(e instanceof ApiError && e.status === 429 ? t("login.error.rateLimited") : errorMessage(e));
    }
  }

  useEffect(() => {
    void check();
  }, [token]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || !link) return;
    const fe: typeof errors = {};
    if (!password) fe.password = t("form.requiredField");
    else if (password.length < link.min_password_length) fe.password = t("password.weak");
    if (!fe.password && password !== repeat) fe.repeat = t("password.mismatch");
    setErrors(fe);
    if (fe.password || fe.repeat) {
      setError(t("form.errorSummary"));
      (fe.password ? passwordRef : repeatRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await call(api.POST("/api/v1/auth/password-links/redeem", { body: { token, password } }));
      props.onSignedIn(me);
    } catch (err) {
      const key = linkProblemKey(problemCode(err), props.purpose);
      if (key) {
        setProblem(key);
      } else if (err instanceof ApiError && err.status === 422 && err.fieldErrors().password) {
        setErrors({ password: t("password.weak") });
        setError(t("form.errorSummary"));
        passwordRef.current?.focus();
      } else if (err instanceof ApiError && err.status === 429) {
        setError(t("login.error.rateLimited"));
      } else if (problemCode(err) === "sso_only") {
        setLink({ ...link, sso: true });
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  if (problem) {
    return (
      <Page title={t("password.linkProblem")}>
        <div class="card login-card">
          <p class="notice notice-error" role="alert">
            {t(problem)}
          </p>
          <p class="link-actions">
            <a class="btn btn-primary" href={PATHS.forgotPassword}>
              {t("password.toForgot")}
            </a>{" "}
            <a class="btn btn-secondary" href={PATHS.login}>
              {t("password.toLogin")}
            </a>
          </p>
        </div>
      </Page>
    );
  }
  if (loadError) {
    return (
      <Page title={title}>
        <div class="notice notice-error" role="alert">
          <p>{loadError}</p>
          <button type="button" class="btn btn-secondary" onClick={() => void check()}>
            {t("app.retry")}
          </button>
        </div>
      </Page>
    );
  }
  if (!link) return <Loading />;
  if (link.sso) {
    return (
      <Page title={title}>
        <div class="card login-card">
          <p>{t("password.sso")}</p>
          <a class="btn btn-primary btn-block" href="/api/v1/auth/oidc/login">
            {t("password.ssoButton")}
          </a>
        </div>
      </Page>
    );
  }
  return (
    <Page title={title}>
      <div class="card login-card">
        <p class="lead break">{props.purpose === "invitation" ? t("password.welcome", { name: link.name }) : t("password.resetIntro", { email: link.email })}</p>
        <div id="password-error" role="alert" class="alert-slot">
          {error ? <p class="notice notice-error">{error}</p> : null}
        </div>
        <form class="form" noValidate onSubmit={submit} aria-describedby={error ? "password-error" : undefined}>
          {/* Lets password managers store the new password under the right account. */}
          <TextField id="account" label={t("password.account")} type="email" autoComplete="username" value={link.email} onValue={() => undefined} readOnly />
          <div class="password-rules" id="password-rules">
            <p>{t("password.rulesTitle")}</p>
            <ul>
              <li>{t("password.ruleLength", { n: link.min_password_length })}</li>
              <li>{t("password.ruleGuess")}</li>
              <li>{t("password.ruleEmail")}</li>
            </ul>
          </div>
          <TextField
            id="new-password"
            label={t("password.new")}
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={errors.password ? "new-password-error password-rules" : "password-rules"}
            value={password}
            onValue={setPassword}
            error={errors.password}
            inputRef={passwordRef}
          />
          <TextField
            id="repeat-password"
            label={t("password.repeat")}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onValue={setRepeat}
            error={errors.repeat}
            inputRef={repeatRef}
          />
          <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? "true" : undefined}>
            {t("password.submit")}
          </button>
        </form>
      </div>
    </Page>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sentTo) sentRef.current?.focus();
  }, [sentTo]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const value = email.trim();
    const fe = !value ? t("form.requiredField") : !EMAIL_RE.test(value) ? t("form.invalidEmail") : undefined;
    setFieldError(fe);
    if (fe) {
      setError(t("form.errorSummary"));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await call(api.POST("/api/v1/auth/password-reset", { body: { email: value } }));
      setSentTo(value);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setFieldError(t("form.invalidEmail"));
        setError(t("form.errorSummary"));
      } else if (err instanceof ApiError && err.status === 429) {
        setError(t("login.error.rateLimited"));
      } else {
        setError(errorMessage(err));
      }
      emailRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("forgot.title")}>
      <div class="card login-card">
        {sentTo ? (
          <div role="status">
            <h2 ref={sentRef} tabIndex={-1}>
              {t("forgot.sentTitle")}
            </h2>
            <p class="break">{t("forgot.sent", { email: sentTo })}</p>
          </div>
        ) : (
          <>
            <p class="lead">{t("forgot.intro")}</p>
            <div id="forgot-error" role="alert" class="alert-slot">
              {error ? <p class="notice notice-error">{error}</p> : null}
            </div>
            <form class="form" noValidate onSubmit={submit} aria-describedby={error ? "forgot-error" : undefined}>
              <TextField
                id="forgot-email"
                label={t("login.email")}
                type="email"
                autoComplete="username"
                inputMode="email"
                spellcheck={false}
                required
                value={email}
                onValue={setEmail}
                error={fieldError}
                inputRef={emailRef}
              />
              <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? "true" : undefined}>
                {t("forgot.submit")}
              </button>
            </form>
          </>
        )}
        <p class="login-help">
          <a href={PATHS.login}>
            {t("forgot.back")}
          </a>
        </p>
      </div>
    </Page>
  );
}

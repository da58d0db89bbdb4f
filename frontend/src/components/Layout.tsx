import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { LOCALES, t, type Locale } from "../i18n";
import { navigate } from "../router";
import { navFor, PATHS, switchProgramPath, type Section } from "../routes";
import type { Session } from "../session";

/** Says so while the device is offline (the installed app still opens from its cache). */
export function OfflineNotice() {
  const [offline, setOffline] = useState(typeof navigator !== "undefined" && navigator.onLine === false);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return (
    <div role="status" class="offline-slot">
      {offline ? <p class="notice notice-warning">{t("app.offline")}</p> : null}
    </div>
  );
}

export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      {t("app.skip")}
    </a>
  );
}

export function LanguageSelect(props: { locale: Locale; onChange: (l: Locale) => void; id?: string }) {
  const id = props.id ?? "language";
  return (
    <div class="header-field">
      <label for={id}>{t("header.language")}</label>
      <select id={id} value={props.locale} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Brand() {
  return (
    <a class="brand" href="/">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" />
        <path d="M8 11h16v10H14l-4 4v-4H8z" />
      </svg>
      <span>{t("app.name")}</span>
    </a>
  );
}

/** Header, navigation and main landmark for people who are not signed in (sign-in page). */
export function PublicLayout(props: { locale: Locale; onLocale: (l: Locale) => void; children: ComponentChildren }) {
  return (
    <div class="app app-public">
      <SkipLink />
      <header class="site-header">
        <div class="header-bar">
          <Brand />
          <div class="header-tools header-tools-public">
            <LanguageSelect locale={props.locale} onChange={props.onLocale} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="main main-narrow">
        {props.children}
      </main>
    </div>
  );
}

function UserMenu(props: { session: Session }) {
  const { me, signOut } = props.session;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("click", onDoc);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("click", onDoc);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div class="user-menu" ref={root}>
      <button
        type="button"
        ref={button}
        class="btn btn-ghost user-menu-button"
        aria-expanded={open ? "true" : "false"}
        aria-controls="user-menu-panel"
        aria-label={t("header.accountNamed", { name: me.name })}
        onClick={() => setOpen(!open)}
      >
        <span class="user-menu-name">{me.name}</span>
        <span class="chevron" aria-hidden="true" />
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open}>
        <p class="user-menu-who">
          <strong>{me.name}</strong>
          <br />
          <span class="muted">{me.email}</span>
        </p>
        <ul>
          <li>
            <a href={PATHS.profile} onClick={() => setOpen(false)}>
              {t("user.profile")}
            </a>
          </li>
          <li>
            <button type="button" class="btn btn-secondary" onClick={() => void signOut()}>
              {t("user.signOut")}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

function ProgramSwitcher(props: { session: Session; section?: Section }) {
  const { me, program } = props.session;
  if (me.programs.length < 2 || !program) return null;
  return (
    <div class="header-field">
      <label for="program-switcher">{t("header.program")}</label>
      <select
        id="program-switcher"
        value={program.slug}
        onChange={(e) => {
          const target = me.programs.find((p) => p.slug === (e.currentTarget as HTMLSelectElement).value);
          if (target) navigate(switchProgramPath(target, props.section));
        }}
      >
        {me.programs.map((p) => (
          <option key={p.id} value={p.slug}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The signed-in shell: header (brand, program, language, account), role navigation, main. */
export function AppLayout(props: { session: Session; pathname: string; section?: Section; announcement: string; children: ComponentChildren }) {
  const { session, pathname } = props;
  const [menuOpen, setMenuOpen] = useState(false);
  const groups = navFor(session.me, session.program);
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div class={`app${menuOpen ? " menu-open" : ""}`}>
      <SkipLink />
      <header class="site-header">
        <div class="header-bar">
          <Brand />
          <button
            type="button"
            class="btn btn-ghost menu-toggle"
            aria-expanded={menuOpen ? "true" : "false"}
            aria-controls={groups.length > 0 ? "header-tools site-nav" : "header-tools"}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span class="menu-icon" aria-hidden="true" />
            {t("header.menu")}
          </button>
          <div id="header-tools" class="header-tools">
            <ProgramSwitcher session={session} section={props.section} />
            <LanguageSelect locale={session.locale} onChange={(l) => void session.changeLocale(l)} />
            <UserMenu session={session} />
          </div>
        </div>
      </header>
      <div class="shell">
        {groups.length > 0 ? (
          <nav id="site-nav" class="site-nav" aria-label={t("nav.label")}>
            {groups.map((g) => (
              <div class="nav-group" key={g.id}>
                <p class="nav-group-heading" id={`nav-${g.id}`}>
                  {"text" in g.heading ? g.heading.text : t(g.heading.key)}
                </p>
                <ul aria-labelledby={`nav-${g.id}`}>
                  {g.items.map((item) => (
                    <li key={item.id}>
                      <a href={item.href} aria-current={pathname === item.href || pathname.startsWith(item.href + "/") ? "page" : undefined}>
                        {t(item.label)}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        ) : null}
        <main id="main" tabIndex={-1} class="main">
          <OfflineNotice />
          {props.children}
          <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {props.announcement}
          </div>
        </main>
      </div>
    </div>
  );
}

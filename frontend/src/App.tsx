import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, ApiError, call, csrfToken, setUnauthorizedHandler } from "./api/client";
import type { Me } from "./api/types";
import { AppLayout, PublicLayout } from "./components/Layout";
import { Loading, Page } from "./components/Page";
import { getLocale, onLocaleChange, setLocale, storedLocale, t, type Locale } from "./i18n";
import { AdminAudit } from "./pages/AdminAudit";
import { AdminDelivery } from "./pages/AdminDelivery";
import { ErasureRequestsPage } from "./pages/Erasure";
import { AdminProgramEdit, AdminPrograms } from "./pages/programs/AdminPrograms";
import { InfluencerPage } from "./pages/InfluencerPage";
import { SharePage } from "./pages/SharePage";
import { ProgramWizard } from "./pages/programs/ProgramWizard";
import { DashboardPage, ReportPage } from "./pages/Dashboard";
import { PostsPage } from "./pages/Posts";
import { QuestionsPage } from "./pages/Questions";
import { RequestsPage } from "./pages/Requests";
import { AdminUsers } from "./pages/AdminUsers";
import { ApplicationPage, ApplyPage } from "./pages/Apply";
import { RsvpPage } from "./pages/Rsvp";
import { CallsPage } from "./pages/calls/CallsPage";
import { SelectionPage } from "./pages/selection/SelectionPage";
import { CohortsPage } from "./pages/Cohorts";
import { ComingSoon, Forbidden, NotFound } from "./pages/Static";
import { LoginPage } from "./pages/Login";
import { ForgotPasswordPage, SetPasswordPage } from "./pages/Password";
import { BriefingsPage } from "./pages/Briefings";
import { HomePage } from "./pages/Home";
import { LearningPage } from "./pages/Learning";
import { MeetingsPage } from "./pages/Meetings";
import { MembersPage } from "./pages/Members";
import { OverviewPage } from "./pages/Overview";
import { ProfilePage } from "./pages/Profile";
import { ProgramSettingsPage } from "./pages/ProgramSettings";
import { TransparencyPage } from "./pages/Transparency";
import { navigate, useLocation, useNavigationEffects } from "./router";
import { BUILT_SECTIONS, canAccess, landingPath, landingSection, matchRoute, PATHS, pickProgram, programPath, safeNext, SECTION_LABEL, type Route } from "./routes";
import { rememberedProgram, rememberProgram, SessionContext, type Session } from "./session";

export type LoginNotice = "expired" | "signedOut" | undefined;

function Redirect(props: { to: string }) {
  useEffect(() => navigate(props.to, { replace: true }), [props.to]);
  return null;
}

export function App() {
  const loc = useLocation();
  useNavigationEffects();
  const route = useMemo(() => matchRoute(loc.pathname), [loc.pathname]);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<ApiError | undefined>();
  const [locale, setLocaleState] = useState<Locale>(getLocale());
  const [notice, setNotice] = useState<LoginNotice>();
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => onLocaleChange(setLocaleState), []);

  const adoptMe = useCallback((m: Me) => {
    // An explicit choice on this device wins; otherwise the account's stored language.
    if (!storedLocale() && m.locale !== getLocale()) setLocale(m.locale);
    setMe(m);
  }, []);

  const loadMe = useCallback(async () => {
    setBootError(undefined);
    // Sign-in sets the readable CSRF cookie next to the HttpOnly session cookie: without it
    // there is no session, and the sign-in page needs no 401 round trip first.
    if (!csrfToken(document.cookie)) {
      setMe(null);
      return;
    }
    try {
      adoptMe(await call(api.GET("/api/v1/me")));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setBootError(e instanceof ApiError ? e : new ApiError(0));
    }
  }, [adoptMe]);

  useEffect(() => {
    void loadMe();
  }, [loadMe]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe((current) => {
        if (current) {
          setNotice("expired");
          const here = window.location.pathname + window.location.search;
          navigate(`${PATHS.login}?next=${encodeURIComponent(here)}`, { replace: true });
        }
        return null;
      });
    });
  }, []);

  const announce = useCallback((message: string) => {
    setAnnouncement("");
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const localeSeq = useRef(0);
  const changeLocale = useCallback(
    async (l: Locale) => {
      setLocale(l, true);
      if (!me) return;
      // Every explicit choice is stored on the account; only the latest answer is applied.
      const mine = ++localeSeq.current;
      try {
        const updated = await call(api.PATCH("/api/v1/me", { body: { locale: l } }));
        if (mine === localeSeq.current) setMe(updated);
      } catch {
        /* the choice is kept on this device; the account keeps its old language */
      }
    },
    [me !== null && me !== undefined],
  );

  const signOut = useCallback(async () => {
    try {
      await call(api.POST("/api/v1/auth/logout"));
    } catch {
      /* signed out locally in any case */
    }
    setMe(null);
    setNotice("signedOut");
    navigate(PATHS.login);
  }, []);

  const onSignedIn = useCallback(
    (m: Me) => {
      adoptMe(m);
      setNotice(undefined);
      const next = safeNext(new URLSearchParams(window.location.search).get("next"));
      navigate(next ?? landingPath(m, rememberedProgram()), { replace: true });
    },
    [adoptMe],
  );

  // Remember the program of the current URL for this tab.
  const routeSlug = route.name === "program" || route.name === "programRoot" || route.name === "influencer" ? route.slug : undefined;
  useEffect(() => {
    if (routeSlug && me?.programs.some((p) => p.slug === routeSlug)) rememberProgram(routeSlug);
  }, [routeSlug, me]);

  // Invitation and reset links, and "forgot password?": for anyone, signed in or not (the
  // person behind a link may be signed in as someone else on this device).
  if (route.name === "setPassword" || route.name === "forgotPassword") {
    return (
      <PublicLayout locale={locale} onLocale={(l) => (me ? void changeLocale(l) : setLocale(l, true))}>
        {route.name === "setPassword" ? <SetPasswordPage key={route.purpose} purpose={route.purpose} onSignedIn={onSignedIn} /> : <ForgotPasswordPage />}
      </PublicLayout>
    );
  }

  // Public pages: the same for applicants who are signed in and those who are not.
  if (route.name === "apply" || route.name === "application" || route.name === "rsvp") {
    return (
      <PublicLayout locale={locale} onLocale={(l) => (me ? void changeLocale(l) : setLocale(l, true))}>
        {me === undefined ? (
          <Loading />
        ) : route.name === "rsvp" ? (
          <RsvpPage token={route.token} search={loc.search} />
        ) : route.name === "apply" ? (
          <ApplyPage token={route.token} me={me ? { name: me.name, email: me.email } : null} />
        ) : (
          <ApplicationPage token={route.token} />
        )}
      </PublicLayout>
    );
  }

  if (me === undefined) {
    return (
      <PublicLayout locale={locale} onLocale={(l) => setLocale(l, true)}>
        {bootError ? <BootError onRetry={loadMe} /> : <Loading />}
      </PublicLayout>
    );
  }

  if (me === null) {
    if (route.name !== "login") {
      const here = loc.pathname + loc.search;
      return <Redirect to={route.name === "root" ? PATHS.login : `${PATHS.login}?next=${encodeURIComponent(here)}`} />;
    }
    return (
      <PublicLayout locale={locale} onLocale={(l) => setLocale(l, true)}>
        <LoginPage key={loc.search} search={loc.search} notice={notice} onSignedIn={onSignedIn} />
      </PublicLayout>
    );
  }

  // Signed in from here on.
  if (route.name === "login") return <Redirect to={safeNext(new URLSearchParams(loc.search).get("next")) ?? landingPath(me, rememberedProgram())} />;
  if (route.name === "root") return <Redirect to={landingPath(me, rememberedProgram())} />;
  if (route.name === "programRoot") {
    const p = me.programs.find((x) => x.slug === route.slug);
    if (p) return <Redirect to={programPath(p.slug, landingSection(p.role))} />;
  }

  const program = routeSlug !== undefined ? me.programs.find((p) => p.slug === routeSlug) : pickProgram(me.programs, rememberedProgram());
  const session: Session = { me, setMe, program, locale, changeLocale, signOut, announce };

  return (
    <SessionContext.Provider value={session}>
      <AppLayout session={session} pathname={loc.pathname} section={route.name === "program" ? route.section : route.name === "influencer" ? "controlling" : undefined} announcement={announcement}>
        <Content key={loc.pathname} route={route} session={session} search={loc.search} />
      </AppLayout>
    </SessionContext.Provider>
  );
}

function BootError(props: { onRetry: () => void }) {
  return (
    <Page title={t("app.name")}>
      <div class="notice notice-error" role="alert">
        <p>{t("app.error.network")}</p>
        <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
          {t("app.retry")}
        </button>
      </div>
    </Page>
  );
}

function Content(props: { route: Route; session: Session; search: string }) {
  const { route, session } = props;
  const { me } = session;
  switch (route.name) {
    case "profile":
      return <ProfilePage />;
    case "adminUsers":
      return me.role === "admin" ? <AdminUsers /> : <Forbidden />;
    case "adminAudit":
      return me.role === "admin" ? <AdminAudit /> : <Forbidden />;
    case "adminDelivery":
      return me.role === "admin" ? <AdminDelivery /> : <Forbidden />;
    case "erasureRequests":
      return <ErasureRequestsPage />;
    case "adminPrograms":
      return me.role === "admin" ? <AdminPrograms /> : <Forbidden />;
    case "adminProgramNew":
      return me.role === "admin" ? <ProgramWizard /> : <Forbidden />;
    case "adminProgram":
      return me.role === "admin" ? <AdminProgramEdit id={route.id} /> : <Forbidden />;
    case "program": {
      const p = session.program;
      if (!p) return <NotFound />;
      if (!canAccess(p.role, route.section)) return <Forbidden program={p} />;
      if (!BUILT_SECTIONS.has(route.section)) return <ComingSoon title={t(SECTION_LABEL[route.section])} program={p} />;
      if (route.section === "overview") return <OverviewPage program={p} />;
      if (route.section === "applications") return <CallsPage program={p} />;
      if (route.section === "selection") return <SelectionPage program={p} />;
      if (route.section === "cohorts") return <CohortsPage program={p} />;
      if (route.section === "members") return <MembersPage program={p} />;
      if (route.section === "posts" || route.section === "myPosts") return <PostsPage program={p} />;
      if (route.section === "requests") return <RequestsPage program={p} />;
      if (route.section === "questions") return <QuestionsPage program={p} />;
      if (route.section === "controlling" || route.section === "kpis") return <DashboardPage program={p} />;
      if (route.section === "report") return <ReportPage program={p} />;
      if (route.section === "home") return <HomePage program={p} />;
      if (route.section === "meetings") return <MeetingsPage program={p} />;
      if (route.section === "learning") return <LearningPage program={p} />;
      if (route.section === "briefings") return <BriefingsPage program={p} />;
      if (route.section === "transparency") return <TransparencyPage program={p} />;
      return <ProgramSettingsPage program={p} />;
    }
    case "share":
      return <SharePage search={props.search} />;
    case "influencer": {
      const p = session.program;
      if (!p) return <NotFound />;
      if (p.role !== "core_team") return <Forbidden program={p} />;
      return <InfluencerPage program={p} memberId={route.memberId} />;
    }
    default:
      return <NotFound />;
  }
}

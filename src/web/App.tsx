import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { ProtocolsPage } from "./clinical/ProtocolsPage";
import { CheckinPlansPage } from "./checkins/CheckinPlansPage";
import { DueCheckinsPage } from "./checkins/DueCheckinsPage";
import { SessionPage } from "./clinical/SessionPage";
import { AuthFrame, Layout } from "./components/Layout";
import { ErrorMessage, Loading } from "./components/Status";
import { AccountPage } from "./pages/AccountPage";
import { ActivityPage } from "./pages/ActivityPage";
import { ClientDetailPage } from "./pages/ClientDetailPage";
import { ClientEditPage } from "./pages/ClientEditPage";
import { ClientNewPage } from "./pages/ClientNewPage";
import { ClientsPage } from "./pages/ClientsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SetupPage } from "./pages/SetupPage";
import { SignInPage } from "./pages/SignInPage";
import { TeamPage } from "./pages/TeamPage";
import { navigate, Routes, useLocation, type Route } from "./router";
import { SessionProvider, useSession } from "./session";
import { SearchPage } from "./search/SearchPage";

// Pages most visits never open are loaded on first use, keeping the first download small.
const AuditPage = lazy(() => import("./audit/AuditPage").then((m) => ({ default: m.AuditPage })));
const PatternsPage = lazy(() => import("./experiments/PatternsPage").then((m) => ({ default: m.PatternsPage })));
const ExperimentFormPage = lazy(() => import("./experiments/ExperimentFormPage").then((m) => ({ default: m.ExperimentFormPage })));
const ExperimentPage = lazy(() => import("./experiments/ExperimentPage").then((m) => ({ default: m.ExperimentPage })));
const ExperimentsPage = lazy(() => import("./experiments/ExperimentsPage").then((m) => ({ default: m.ExperimentsPage })));
const ConsentTextPage = lazy(() => import("./intake/ConsentTextPage").then((m) => ({ default: m.ConsentTextPage })));
const QuestionnairesPage = lazy(() => import("./questionnaires/QuestionnairesPage").then((m) => ({ default: m.QuestionnairesPage })));
const CaseReportPage = lazy(() => import("./reports/CaseReportPage").then((m) => ({ default: m.CaseReportPage })));

const SIGNED_IN_ROUTES: Route[] = [
  { path: "/clients", render: () => <ClientsPage /> },
  { path: "/clients/new", render: () => <ClientNewPage /> },
  { path: "/clients/:id", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="profile" /> },
  { path: "/clients/:id/timeline", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="timeline" /> },
  { path: "/clients/:id/training", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="training" /> },
  { path: "/clients/:id/case-reports", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="case-reports" /> },
  { path: "/case-reports/:id", render: ({ id = "" }) => <CaseReportPage key={id} id={id} /> },
  { path: "/clients/:id/sessions/new", render: ({ id = "" }) => <SessionPage key={`${id}/new`} clientId={id} sessionId={null} /> },
  {
    path: "/clients/:id/sessions/:sessionId",
    render: ({ id = "", sessionId = "" }) => <SessionPage key={sessionId} clientId={id} sessionId={sessionId} />,
  },
  {
    path: "/clients/:id/activities/:activityId",
    render: ({ id = "", activityId = "" }) => <ActivityPage key={activityId} clientId={id} activityId={activityId} />,
  },
  { path: "/clients/:id/edit", render: ({ id = "" }) => <ClientEditPage key={id} id={id} /> },
  { path: "/protocols", render: () => <ProtocolsPage /> },
  { path: "/search", render: () => <SearchPage /> },
  { path: "/checkins", render: () => <DueCheckinsPage /> },
  { path: "/checkin-plans", render: () => <CheckinPlansPage /> },
  { path: "/questionnaires", render: () => <QuestionnairesPage /> },
  { path: "/patterns", render: () => <PatternsPage /> },
  { path: "/experiments", render: () => <ExperimentsPage /> },
  { path: "/experiments/new", render: () => <ExperimentFormPage key="new" id={null} /> },
  { path: "/experiments/:id", render: ({ id = "" }) => <ExperimentPage key={id} id={id} /> },
  { path: "/experiments/:id/edit", render: ({ id = "" }) => <ExperimentFormPage key={id} id={id} /> },
  { path: "/team", render: () => <TeamPage /> },
  { path: "/account", render: () => <AccountPage /> },
  { path: "/audit", render: () => <AuditPage /> },
  { path: "/settings/consent", render: () => <ConsentTextPage /> },
];

/** Sends the browser to `to` (replacing history) and shows a loading state meanwhile. */
function Redirect({ to }: { to: string }): ReactNode {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

/** Only same-app paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return "/clients";
  if (next.startsWith("/sign-in") || next.startsWith("/setup")) return "/clients";
  return next;
}

function Gate(): ReactNode {
  const { state, refresh } = useSession();
  const { pathname, search } = useLocation();

  switch (state.status) {
    case "loading":
      return (
        <div className="boot">
          <Loading label="Loading Palpable…" />
        </div>
      );
    case "error":
      return (
        <AuthFrame>
          <h1>Palpable is unavailable</h1>
          <ErrorMessage message={state.message} onRetry={() => void refresh()} />
        </AuthFrame>
      );
    case "signedOut":
      if (state.setupNeeded) return pathname === "/setup" ? <SetupPage /> : <Redirect to="/setup" />;
      if (pathname === "/sign-in") return <SignInPage next={safeNext(search.get("next"))} />;
      if (pathname === "/setup") return <SetupPage />;
      return (
        <Redirect
          to={
            pathname === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(pathname + (search.size ? `?${search.toString()}` : ""))}`
          }
        />
      );
    case "signedIn":
      if (pathname === "/" || pathname === "/setup") return <Redirect to="/clients" />;
      if (pathname === "/sign-in") return <Redirect to={safeNext(search.get("next"))} />;
      return (
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes routes={SIGNED_IN_ROUTES} fallback={<NotFoundPage />} />
          </Suspense>
        </Layout>
      );
  }
}

export function App(): ReactNode {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

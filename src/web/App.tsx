import { useEffect, type ReactNode } from "react";
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

const SIGNED_IN_ROUTES: Route[] = [
  { path: "/clients", render: () => <ClientsPage /> },
  { path: "/clients/new", render: () => <ClientNewPage /> },
  { path: "/clients/:id", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="profile" /> },
  { path: "/clients/:id/timeline", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="timeline" /> },
  { path: "/clients/:id/training", render: ({ id = "" }) => <ClientDetailPage key={id} id={id} tab="training" /> },
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
  { path: "/checkins", render: () => <DueCheckinsPage /> },
  { path: "/checkin-plans", render: () => <CheckinPlansPage /> },
  { path: "/team", render: () => <TeamPage /> },
  { path: "/account", render: () => <AccountPage /> },
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
          <Routes routes={SIGNED_IN_ROUTES} fallback={<NotFoundPage />} />
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

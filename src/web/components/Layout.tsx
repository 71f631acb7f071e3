import { useEffect, useRef, useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { Link, navigate, useLocation } from "../router";
import type { Action } from "../../shared/policy";
import { useCan, useMe, useSession } from "../session";

/** Each page the role may open (the same policy the server enforces); no action means every role. */
const NAV_ITEMS: { to: string; label: string; also?: string; action?: Action }[] = [
  { to: "/clients", label: "Clients" },
  { to: "/search", label: "Search" },
  { to: "/protocols", label: "Protocols", action: "clinical.read" },
  { to: "/checkins", label: "Check-ins", also: "/checkin-plans" },
  { to: "/questionnaires", label: "Questionnaires", action: "schedule.read" },
  { to: "/experiments", label: "Experiments", action: "experiment.read" },
  { to: "/patterns", label: "Patterns", action: "experiment.read" },
  { to: "/team", label: "Team" },
  { to: "/settings/consent", label: "Consent text" },
  { to: "/audit", label: "Audit log", action: "audit.read" },
  { to: "/account", label: "Account" },
];

/** The signed-in frame: navigation on the left (top on narrow screens) and the page. */
export function Layout({ children }: { children: ReactNode }): ReactNode {
  const me = useMe();
  const allowed = useCan();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);

  // Move focus to the new page so keyboard and screen-reader users start at its top.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setMenuOpen(false);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  async function handleSignOut(): Promise<void> {
    setSignOutError(null);
    try {
      await signOut();
      navigate("/sign-in", { replace: true });
    } catch (error) {
      setSignOutError(errorMessage(error));
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={`sidebar${menuOpen ? " sidebar--open" : ""}`}>
        <div className="sidebar__inner">
          <div className="brand">
            <span className="brand__name">Palpable</span>
            <span className="brand__practice">{me.practice.name}</span>
          </div>
          {/* On a phone the navigation folds away behind this button; wider screens never show it. */}
          <button
            type="button"
            className="button button--secondary nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <nav aria-label="Main" className="nav" id="main-nav">
            <ul>
              {NAV_ITEMS.filter((item) => !item.action || allowed(item.action)).map((item) => {
                const active = pathname === item.to || pathname.startsWith(`${item.to}/`) || pathname === item.also;
                return (
                  <li key={item.to}>
                    <Link to={item.to} className="nav__link" aria-current={active ? "page" : undefined}>
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="sidebar__user">
            <span className="sidebar__name">{me.user.name}</span>
            <span className="sidebar__role">{me.practitioner.role}</span>
            <button type="button" className="button button--quiet" onClick={() => void handleSignOut()}>
              Sign out
            </button>
            {signOutError ? (
              <p className="field__error" role="alert">
                {signOutError}
              </p>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} ref={mainRef}>
        {children}
      </main>
    </div>
  );
}

/** A centred card for the signed-out pages (setup, sign-in). */
export function AuthFrame({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="auth">
      <main id="main" className="auth__card">
        <p className="auth__brand">Palpable</p>
        {children}
      </main>
    </div>
  );
}

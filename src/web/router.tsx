import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

/**
 * A deliberately tiny router: history.pushState + popstate, and a flat list of path patterns.
 * The app has a handful of routes, which does not justify a routing dependency.
 */

const NAVIGATE_EVENT = "palpable:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => window.removeEventListener(NAVIGATE_EVENT, onChange);
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

/** The address the app last showed: where the Back button came from. */
let shownHref = typeof window === "undefined" ? "" : currentHref();

/**
 * The browser's Back and Forward buttons ask the same question as a link before the page changes.
 * The browser has already moved when `popstate` fires, so staying means putting the page's own
 * address back (the forward entry it left is replaced by it).
 */
function onPopState(): void {
  const question = leaveQuestion();
  if (question && !window.confirm(question)) {
    window.history.pushState(null, "", shownHref);
    return;
  }
  shownHref = currentHref();
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
if (typeof window !== "undefined") window.addEventListener("popstate", onPopState);

/**
 * Pages with unsaved changes register a question here; a link followed while one is registered
 * asks it first (window.confirm) and stays if the answer is no. Replacing navigations (after a
 * save, a filter) are the app's own and are not asked about.
 */
const leaveGuards = new Set<() => string | null>();

export function addLeaveGuard(guard: () => string | null): () => void {
  leaveGuards.add(guard);
  return () => leaveGuards.delete(guard);
}

/** The question to ask before leaving, if any page has one. */
export function leaveQuestion(): string | null {
  for (const guard of leaveGuards) {
    const question = guard();
    if (question) return question;
  }
  return null;
}

/** Goes to `to` (a same-origin path, optionally with a query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (!options.replace) {
    const question = leaveQuestion();
    if (question && !window.confirm(question)) return;
  }
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  if (!options.replace) window.scrollTo(0, 0);
  shownHref = currentHref();
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
}

/** The current location; re-renders the caller whenever it changes. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, "http://local");
  return { pathname: url.pathname, search: url.searchParams };
}

export type RouteParams = Record<string, string>;

/**
 * Matches `pathname` against a pattern such as `/clients/:id/edit`.
 * Returns the decoded parameters, or null when it does not match.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] ?? "";
    const actual = pathParts[i] ?? "";
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

export interface Route {
  path: string;
  render: (params: RouteParams) => ReactNode;
}

/** Renders the first route whose pattern matches, or `fallback`. */
export function Routes({ routes, fallback }: { routes: Route[]; fallback: ReactNode }): ReactNode {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return route.render(params);
  }
  return fallback;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary link that navigates in-app on a plain left click and stays a real link otherwise. */
export function Link({ to, onClick, children, ...rest }: LinkProps): ReactNode {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

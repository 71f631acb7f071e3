import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, api, errorMessage, setUnauthorizedHandler } from "./api";
import { can, type Action, type PolicyResource } from "../shared/policy";
import type { Me } from "./types";
import { setDisplayLocale } from "./format";

/**
 * Who is signed in. `loading` on first paint; `signedOut` carries whether the practice still
 * needs its first-run setup; `error` when the server could not be asked at all.
 */
export type SessionState =
  | { status: "loading" }
  | { status: "signedIn"; me: Me }
  | { status: "signedOut"; setupNeeded: boolean }
  | { status: "error"; message: string };

interface SessionContextValue {
  state: SessionState;
  /** Asks the server again who is signed in (after sign-in, setup, 2FA changes…). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<SessionState> {
  // Asking whether anyone is signed in first (always 200) keeps a signed-out page free of a
  // failed request in the browser console; /api/me then answers 401 only if the session ended
  // in between.
  let status: { signedIn: boolean; setupNeeded: boolean };
  try {
    status = await api.sessionStatus();
  } catch (error) {
    return { status: "error", message: errorMessage(error) };
  }
  if (!status.signedIn) return { status: "signedOut", setupNeeded: status.setupNeeded };
  try {
    const me = await api.me();
    if (!me?.user || !me.practice) return { status: "error", message: "The server sent an unexpected answer." };
    // Every date the app shows is written in the practice's locale from here on.
    setDisplayLocale(me.practice.locale);
    return { status: "signedIn", me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: "signedOut", setupNeeded: false };
    return { status: "error", message: errorMessage(error) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const refresh = useCallback(async () => {
    setState(await loadSession());
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setState({ status: "signedOut", setupNeeded: false });
    }
  }, []);

  useEffect(() => {
    let active = true;
    void loadSession().then((loaded) => {
      if (active) setState(loaded);
    });
    // A request that comes back 401 mid-session means the session ended elsewhere.
    setUnauthorizedHandler(() => setState({ status: "signedOut", setupNeeded: false }));
    return () => {
      active = false;
      setUnauthorizedHandler(null);
    };
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}

/** The signed-in practitioner; only for pages rendered behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useMe needs a signed-in session");
  return state.me;
}

/**
 * What the signed-in practitioner may do, from the same policy the server enforces: the app hides
 * what a role cannot do, and the server refuses it anyway (403 naming the action).
 */
export function useCan(): (action: Action, resource?: PolicyResource) => boolean {
  const me = useMe();
  return useCallback(
    (action: Action, resource?: PolicyResource) =>
      can(
        { role: me.practitioner.role, practitionerId: me.practitioner.id, clinicalNotesGranted: me.practitioner.clinicalNotesGranted },
        action,
        resource,
      ),
    [me],
  );
}

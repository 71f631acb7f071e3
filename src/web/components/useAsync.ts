import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "../api";

export type AsyncState<T> =
  | { status: "loading"; data?: T | undefined }
  | { status: "ready"; data: T }
  | { status: "error"; error: unknown; message: string; data?: T | undefined };

type Settled<T> = { token: string } & ({ status: "ready"; data: T } | { status: "error"; error: unknown; data?: T | undefined });

/**
 * Runs `load` whenever `key` changes (or on reload) and keeps the last data while the next load
 * runs. Answers to superseded calls are dropped, so a slow older search never overwrites a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): { state: AsyncState<T>; reload: () => void; setData: (data: T) => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const loadRef = useRef(load);
  const token = `${attempt}:${key}`;

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => {
        if (current) setSettled({ token, status: "ready", data });
      },
      (error: unknown) => {
        if (current) setSettled((old) => ({ token, status: "error", error, data: old?.data }));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setSettled({ token, status: "ready", data }), [token]);

  let state: AsyncState<T>;
  if (!settled || settled.token !== token) state = { status: "loading", data: settled?.data };
  else if (settled.status === "ready") state = { status: "ready", data: settled.data };
  else state = { status: "error", error: settled.error, message: errorMessage(settled.error), data: settled.data };
  return { state, reload, setData };
}

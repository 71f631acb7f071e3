import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { errorMessage, request } from "../api";
import { addLeaveGuard } from "../router";

/** How long typing pauses before the draft is sent. */
const SAVE_AFTER_MS = 700;

export type DraftStatus =
  { state: "clean" } | { state: "pending" } | { state: "saving" } | { state: "saved"; at: string } | { state: "failed"; message: string };

export interface FormDraft {
  status: DraftStatus;
  /** When the form was filled from a draft kept earlier (ISO), until the practitioner discards it. */
  restoredAt: string | null;
  /** The form now differs from the record it edits. */
  dirty: boolean;
  /** The form was saved as a record: drop the draft and stop asking before leaving. */
  committed: (saved: unknown) => void;
  /** Throw the kept changes away and go back to the record. */
  discard: () => void;
}

export const draftsApi = {
  get: (key: string) =>
    request<{ draft: { key: string; body: unknown; updatedAt: string } | null }>("GET", `/api/drafts?key=${encodeURIComponent(key)}`),
  save: (key: string, clientId: string | null, body: unknown) =>
    request<{ draft: { key: string; updatedAt: string } }>("PUT", "/api/drafts", { key, clientId, body }),
  discard: (key: string) => request<null>("DELETE", `/api/drafts?key=${encodeURIComponent(key)}`),
};

const LEAVE_QUESTION =
  "This form has changes that are not saved as a record yet. They are kept as a draft and will be here when you come back. Leave the page?";

/**
 * Never lose work: keeps the form's state on the server as the practitioner types (debounced),
 * fills the form from that draft when it is opened again, and asks before a link or a reload
 * leaves changes that are not saved as a record. `key` names the form ("session:new:<client>");
 * `pristine` is the record's own state, `value` the form's; `restore` puts a kept draft back.
 */
export function useFormDraft<T>({
  key,
  clientId,
  value,
  pristine,
  restore,
  enabled = true,
}: {
  key: string;
  clientId: string | null;
  value: T;
  pristine: T;
  restore: (body: T) => void;
  enabled?: boolean;
}): FormDraft {
  const [status, setStatus] = useState<DraftStatus>({ state: "clean" });
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [base, setBase] = useState(() => JSON.stringify(pristine));
  const json = JSON.stringify(value);
  const dirty = enabled && json !== base;
  // Read by the leave guards, which may run in the same tick as a save (before a re-render).
  const baseRef = useRef(base);
  const lastSent = useRef<string | null>(null);
  const loaded = useRef(false);
  const restoreRef = useRef(restore);
  const valueRef = useRef(json);
  useLayoutEffect(() => {
    restoreRef.current = restore;
    valueRef.current = json;
  });

  // Opening the form: a draft kept earlier fills it, unless the practitioner has already typed.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    draftsApi
      .get(key)
      .then(({ draft }) => {
        if (!live) return;
        loaded.current = true;
        if (!draft) return;
        const body = JSON.stringify(draft.body);
        lastSent.current = body;
        if (valueRef.current === base && body !== base) {
          restoreRef.current(draft.body as T);
          setRestoredAt(draft.updatedAt);
          setStatus({ state: "saved", at: draft.updatedAt });
        }
      })
      .catch(() => {
        loaded.current = true;
      });
    return () => {
      live = false;
    };
    // The draft is read once per form (key); `base` is the record it was opened on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);

  // Typing: send the state after a pause.
  useEffect(() => {
    if (!enabled || !dirty || json === lastSent.current) return;
    setStatus({ state: "pending" });
    const timer = window.setTimeout(() => {
      setStatus({ state: "saving" });
      lastSent.current = json;
      draftsApi.save(key, clientId, JSON.parse(json)).then(
        ({ draft }) => setStatus((now) => (now.state === "saving" ? { state: "saved", at: draft.updatedAt } : now)),
        (error: unknown) => {
          lastSent.current = null;
          setStatus({ state: "failed", message: errorMessage(error) });
        },
      );
    }, SAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [json, dirty, enabled, key, clientId]);

  // Leaving: a link asks (router guard), a reload or a closed tab asks (beforeunload).
  useEffect(() => {
    if (!enabled) return;
    const changed = (): boolean => valueRef.current !== baseRef.current;
    const removeGuard = addLeaveGuard(() => (changed() ? LEAVE_QUESTION : null));
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!changed()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      removeGuard();
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [enabled]);

  const committed = useCallback(
    (saved: unknown) => {
      const savedJson = JSON.stringify(saved);
      baseRef.current = savedJson;
      valueRef.current = savedJson;
      setBase(savedJson);
      lastSent.current = savedJson;
      setRestoredAt(null);
      setStatus({ state: "clean" });
      draftsApi.discard(key).catch(() => undefined);
    },
    [key],
  );

  const discard = useCallback(() => {
    valueRef.current = base;
    restoreRef.current(JSON.parse(base) as T);
    lastSent.current = base;
    setRestoredAt(null);
    setStatus({ state: "clean" });
    draftsApi.discard(key).catch(() => undefined);
  }, [key, base]);

  return { status, restoredAt, dirty, committed, discard };
}

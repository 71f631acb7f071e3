import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, errorMessage } from "../api";
import type { ImportReport } from "./types";
import { uploadTrainingFile } from "./upload";

export type UploadStatus = "waiting" | "sending" | "processing" | "done" | "failed" | "cancelled";

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  status: UploadStatus;
  /** Bytes sent. */
  loaded: number;
  total: number;
  report?: ImportReport;
  error?: string;
}

export interface UploadQueue {
  items: UploadItem[];
  busy: boolean;
  add: (files: readonly File[]) => void;
  cancel: (key: number) => void;
  clearFinished: () => void;
}

const FINISHED: ReadonlySet<UploadStatus> = new Set(["done", "failed", "cancelled"]);

/**
 * Uploads files one after another (a practitioner may drop a whole folder; parallel uploads would
 * only compete for the same connection and the same server). Files added while it runs join the
 * end of the queue. Leaving the page does not stop uploads already queued: the server finishes them.
 */
export function useUploadQueue(clientId: string, onImported: () => void): UploadQueue {
  const [items, setItems] = useState<UploadItem[]>([]);
  const pending = useRef<{ key: number; file: File }[]>([]);
  const current = useRef<{ key: number; cancel: () => void } | null>(null);
  const running = useRef(false);
  const nextKey = useRef(1);
  const onImportedRef = useRef(onImported);

  useEffect(() => {
    onImportedRef.current = onImported;
  });

  const update = useCallback((key: number, patch: Partial<UploadItem>) => {
    setItems((old) => old.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const drain = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let next = pending.current.shift(); next; next = pending.current.shift()) {
        const { key, file } = next;
        update(key, { status: "sending" });
        const handle = uploadTrainingFile(clientId, file, {
          onProgress: (loaded, total) => update(key, { loaded, total }),
          onSent: () => update(key, { status: "processing", loaded: file.size }),
        });
        current.current = { key, cancel: handle.cancel };
        try {
          const report = await handle.done;
          update(key, { status: "done", report });
          if (report.imported > 0) onImportedRef.current();
        } catch (error) {
          const cancelled = error instanceof ApiError && error.code === "cancelled";
          update(key, cancelled ? { status: "cancelled" } : { status: "failed", error: errorMessage(error) });
        } finally {
          current.current = null;
        }
      }
    } finally {
      running.current = false;
    }
  }, [clientId, update]);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => ({ key: nextKey.current++, file }));
      if (added.length === 0) return;
      setItems((old) => [
        ...old,
        ...added.map(({ key, file }): UploadItem => ({
          key,
          name: file.name,
          size: file.size,
          status: "waiting",
          loaded: 0,
          total: file.size,
        })),
      ]);
      pending.current.push(...added);
      void drain();
    },
    [drain],
  );

  const cancel = useCallback(
    (key: number) => {
      if (current.current?.key === key) {
        current.current.cancel();
        return;
      }
      pending.current = pending.current.filter((item) => item.key !== key);
      update(key, { status: "cancelled" });
    },
    [update],
  );

  const clearFinished = useCallback(() => setItems((old) => old.filter((item) => !FINISHED.has(item.status))), []);

  const busy = items.some((item) => !FINISHED.has(item.status));

  // Closing the tab mid-upload loses the file being sent; the browser asks first.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  return { items, busy, add, cancel, clearFinished };
}

export function isFinished(item: UploadItem): boolean {
  return FINISHED.has(item.status);
}

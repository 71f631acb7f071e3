import { ApiError, readResponse } from "../api";
import type { ImportReport } from "./types";

export interface UploadCallbacks {
  /** Bytes sent so far of `total`. */
  onProgress: (loaded: number, total: number) => void;
  /** Every byte is sent; the server is now reading the file (a big zip takes a while). */
  onSent: () => void;
}

export interface UploadHandle {
  done: Promise<ImportReport>;
  cancel: () => void;
}

/**
 * Sends one file's raw bytes to the client's training uploads. XMLHttpRequest rather than fetch,
 * because only XHR reports upload progress. Rejects with an ApiError, as the fetch client does.
 */
export function uploadTrainingFile(clientId: string, file: File, callbacks: UploadCallbacks): UploadHandle {
  const path = `/api/clients/${encodeURIComponent(clientId)}/training/uploads`;
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportReport>((resolve, reject) => {
    xhr.open("POST", `${path}?${new URLSearchParams({ name: file.name }).toString()}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (event) => callbacks.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => callbacks.onSent();
    xhr.onload = () => {
      try {
        resolve(readResponse<ImportReport>(xhr.status, xhr.responseText, path));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "Could not reach the server. Check your connection and try again."));
    xhr.onabort = () => reject(new ApiError(0, "cancelled", "Upload cancelled."));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

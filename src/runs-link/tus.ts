import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import type { Upload } from "@tus/utils";
import { makePrivateDirSync } from "../platform/storage/private-files.js";
import { formatSize } from "./limits.js";
import {
  failUpload,
  importReceivedFile,
  removeTempFile,
  startUpload,
  UploadRefusedError,
  type OpenLink,
  type RunsLinkDeps,
} from "./service.js";
import { RUNS_LINK_LIMITS } from "./limits.js";

/** A refusal in the form @tus/server sends back (status_code and body): the body is the sentence the page shows. */
class TusRefusal extends Error {
  override readonly name = "TusRefusal";
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

function refusal(status: number, body: string): TusRefusal {
  return new TusRefusal(status, body);
}

/** How long an unfinished upload may wait to be resumed before its partial file is removed. */
const UNFINISHED_UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface RunsTus {
  /** Handles one tus request for an open link (POST create, HEAD offset, PATCH bytes). */
  handle(request: Request, open: OpenLink, token: string): Promise<Response>;
  /** Whether an upload id belongs to this link (so one link cannot touch another's upload). */
  belongsTo(uploadId: string, open: OpenLink): Promise<boolean>;
  /** Removes partial files of uploads nobody resumed within a day. */
  cleanUpExpired(): Promise<number>;
}

/**
 * Resumable uploads (tus 1.0, @tus/server with its file store) for the runs link. Bytes go to a
 * private folder of the data dir; an interrupted upload resumes from its last byte. When the last
 * byte arrives the file goes through the practice's import pipeline and is then deleted.
 */
export function runsTus(deps: RunsLinkDeps, dataDir: string): RunsTus {
  const limits = deps.limits ?? RUNS_LINK_LIMITS;
  // Outside tmp/ (emptied at start), so an upload interrupted by a restart still resumes.
  const directory = path.join(dataDir, "resumable-uploads");
  makePrivateDirSync(directory);
  const store = new FileStore({ directory, expirationPeriodInMilliseconds: UNFINISHED_UPLOAD_LIFETIME_MS });
  const contexts = new WeakMap<Request, { open: OpenLink; token: string }>();
  const contextOf = (req: unknown) => {
    const found = contexts.get(req as Request);
    if (!found) throw refusal(404, "This link can't be used.");
    return found;
  };

  const server = new Server({
    path: "/r/tus",
    datastore: store,
    maxSize: limits.maxUploadBytes,
    // The Location of an upload is under the link's own path, so every later request carries the token.
    generateUrl: (req, { id }) => `/r/${contextOf(req).token}/tus/${id}`,
    disableTerminationForFinishedUploads: true,
    onResponseError: (_req, error) => {
      if (error instanceof TusRefusal) return { status_code: error.status_code, body: error.body };
      if (!("status_code" in error)) return { status_code: 500, body: "Something went wrong on our side. Please try again later." };
      // The library's own size refusals, in the page's words.
      if (/size exceeded/i.test(error.body)) {
        return {
          status_code: 413,
          body: `That is more than ${formatSize(limits.maxUploadBytes)}, the most one upload can hold. Send it in parts.`,
        };
      }
      return undefined;
    },
    onUploadCreate: async (req, upload: Upload) => {
      const { open } = contextOf(req);
      if (upload.size === undefined) throw refusal(400, "The file's size must be sent first.");
      const name = path.basename(upload.metadata?.filename ?? "").slice(0, 255) || "upload";
      if (!/\.zip$/i.test(name) && upload.size > limits.maxFileBytes) {
        throw refusal(
          413,
          `${name} is larger than ${formatSize(limits.maxFileBytes)}, the most one activity file can be. If it is an export, send the .zip.`,
        );
      }
      if (upload.size === 0) throw refusal(400, `${name} is empty.`);
      let runsUploadId: string;
      try {
        runsUploadId = await startUpload(deps, open, name, upload.size);
      } catch (error) {
        if (error instanceof UploadRefusedError) throw refusal(error.status, error.message);
        throw error;
      }
      return { metadata: { filename: name, linkId: open.link.id, runsUploadId } };
    },
    onUploadFinish: async (req, upload: Upload) => {
      const { open } = contextOf(req);
      const runsUploadId = upload.metadata?.runsUploadId;
      const name = upload.metadata?.filename ?? "upload";
      if (!runsUploadId) throw refusal(400, "This upload was not started through this link.");
      const file = path.join(directory, upload.id);
      try {
        await importReceivedFile(deps, open, runsUploadId, { path: file, name });
      } catch (error) {
        await failUpload(deps, open, runsUploadId, "Something went wrong while reading this file.");
        throw error;
      } finally {
        await store.remove(upload.id).catch(() => removeTempFile(file));
      }
      return {};
    },
  });

  return {
    async handle(request, open, token) {
      contexts.set(request, { open, token });
      return server.handleWeb(request);
    },
    async belongsTo(uploadId, open) {
      if (!/^[0-9a-f]{32}$/.test(uploadId)) return false;
      try {
        const upload = await store.getUpload(uploadId);
        return upload.metadata?.linkId === open.link.id;
      } catch {
        return false;
      }
    },
    cleanUpExpired: () => server.cleanUpExpiredUploads(),
  };
}

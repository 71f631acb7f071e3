import fs from "node:fs";
import { findClient } from "../clients/repository.js";
import { hashLinkToken, isWellFormedToken, newLinkToken } from "../platform/link-token.js";
import type { Database, Executor } from "../db/database.js";
import { findPractice } from "../practices/repository.js";
import { notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { DEFAULT_LOCALE } from "../shared/dates.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { unreferencedBlobs } from "../clients/erase-repository.js";
import type { RequestOrigin } from "../audit/events.js";
import { recordAuditEvent } from "../audit/repository.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { relinkSameRuns } from "../training/duplicates.js";
import { importUpload, type FileOutcome, type ImportReport } from "../training/import-upload.js";
import { REMOVE_WINDOW_MS, RUNS_LINK_LIMITS, formatSize, type RunsLinkLimits } from "./limits.js";
import { plainOutcome, type PlainOutcome } from "./plain-words.js";
import * as repo from "./repository.js";
import type { RunsLinkRow, RunsUploadRow } from "./repository.js";

export interface RunsLinkDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
  baseUrl: string;
  limits?: RunsLinkLimits | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function limitsOf(deps: RunsLinkDeps): RunsLinkLimits {
  return deps.limits ?? RUNS_LINK_LIMITS;
}

async function requireClient(deps: RunsLinkDeps, scope: PracticeScope, clientId: string) {
  const client = await findClient(deps.database.db, scope, clientId);
  if (!client) throw notFound("Client");
  return client;
}

/** Issues a new link for the client; the token is in the returned URL only (its hash is stored). */
export async function issueRunsLink(
  deps: RunsLinkDeps,
  scope: PracticeScope,
  clientId: string,
  createdBy: string | null,
): Promise<{ url: string; expiresAt: string }> {
  await requireClient(deps, scope, clientId);
  const token = newLinkToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + limitsOf(deps).linkLifetimeDays * DAY_MS).toISOString();
  await repo.insertLink(deps.database.db, scope, {
    id: newId(),
    client_id: clientId,
    token_sha256: hashLinkToken(token),
    created_by: createdBy,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  });
  return { url: runsLinkUrl(deps.baseUrl, token), expiresAt };
}

/**
 * A new link for a check-in e-mail ("add your runs since your last visit"), written in the
 * caller's transaction; returns the token (each e-mail carries its own, as only hashes are kept).
 */
export async function newRunsLinkForMail(tx: Executor, scope: PracticeScope, clientId: string, now: Date): Promise<string> {
  const token = newLinkToken();
  await repo.insertLink(tx, scope, {
    id: newId(),
    client_id: clientId,
    token_sha256: hashLinkToken(token),
    created_by: null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + RUNS_LINK_LIMITS.linkLifetimeDays * DAY_MS).toISOString(),
    revoked_at: null,
  });
  return token;
}

export function runsLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}

/** Revokes every working link of the client: their pages then say the link no longer works. */
export async function revokeRunsLinks(deps: RunsLinkDeps, scope: PracticeScope, clientId: string): Promise<{ revoked: number }> {
  await requireClient(deps, scope, clientId);
  return { revoked: await repo.revokeLinks(deps.database.db, scope, clientId, deps.clock.now().toISOString()) };
}

export interface RunsUploadSummary {
  id: string;
  receivedAt: string;
  fileName: string;
  sizeBytes: number;
  status: RunsUploadRow["status"];
  imported: number;
  duplicates: number;
  rejected: number;
  removedAt: string | null;
}

function summarise(row: RunsUploadRow): RunsUploadSummary {
  const results = JSON.parse(row.results_json) as StoredResult[];
  return {
    id: row.id,
    receivedAt: row.received_at,
    fileName: row.file_name,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    imported: results.filter((r) => r.status === "imported").length,
    duplicates: results.filter((r) => r.status === "duplicate").length,
    rejected: results.filter((r) => r.status === "rejected").length,
    removedAt: row.removed_at,
  };
}

/** For the client page: the working links (dates only) and what the client has sent lately. */
export async function runsLinkStatus(
  deps: RunsLinkDeps,
  scope: PracticeScope,
  clientId: string,
): Promise<{ activeLinks: { createdAt: string; expiresAt: string }[]; uploads: RunsUploadSummary[] }> {
  await requireClient(deps, scope, clientId);
  const now = deps.clock.now().toISOString();
  const links = await repo.listActiveLinks(deps.database.db, scope, clientId, now);
  const uploads = await repo.listUploadsOfClient(deps.database.db, scope, clientId, 20);
  return {
    activeLinks: links.map((l) => ({ createdAt: l.created_at, expiresAt: l.expires_at })),
    uploads: uploads.map(summarise),
  };
}

/** A usable link, as the client's pages see it. */
export interface OpenLink {
  link: RunsLinkRow;
  scope: PracticeScope;
  practiceName: string;
  /** How the pages write dates: the client's locale, else the practice's, in the client's time zone. */
  locale: string;
  timeZone: string;
  /** Where the request came from, for the audit log. */
  origin?: RequestOrigin;
}

/** Records what the client did through the link (the actor is "the client, by link"); counts only. */
async function audit(
  deps: RunsLinkDeps,
  open: OpenLink,
  action: "import" | "delete",
  uploadId: string,
  detail: Record<string, number>,
): Promise<void> {
  await recordAuditEvent(deps.database.db, {
    practiceId: open.scope.practiceId,
    occurredAt: deps.clock.now(),
    actor: { kind: "client", id: null },
    action,
    resourceType: "runs_upload",
    resourceId: uploadId,
    clientId: open.link.client_id,
    ip: open.origin?.ip ?? null,
    userAgent: open.origin?.userAgent ?? null,
    outcome: "success",
    detail,
  });
}

/**
 * The link a token names, if it still works. Nothing is written: mail scanners and link previews
 * open links, and opening must change nothing.
 */
export async function openRunsLink(deps: RunsLinkDeps, token: string): Promise<OpenLink | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const link = await repo.findLinkByTokenHashAcrossPractices(deps.database.db, hashLinkToken(token));
  if (!link || link.revoked_at !== null || link.expires_at <= deps.clock.now().toISOString()) return undefined;
  const scope = { practiceId: link.practice_id };
  // An archived or erased client's link stops working with the record.
  const client = await findClient(deps.database.db, scope, link.client_id);
  if (!client || client.archived_at !== null) return undefined;
  const practice = await findPractice(deps.database.db, scope);
  return {
    link,
    scope,
    practiceName: practice?.name ?? "",
    locale: client.locale ?? practice?.locale ?? DEFAULT_LOCALE,
    timeZone: client.time_zone,
  };
}

/** A refusal the runner reads on the page, in plain words. */
export class UploadRefusedError extends Error {
  override readonly name = "UploadRefusedError";
  constructor(
    readonly status: 413 | 429,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses an upload of `bytes` that would pass the per-upload limit or the client's daily quota. */
export async function checkUploadAllowed(deps: RunsLinkDeps, open: OpenLink, bytes: number): Promise<void> {
  const limits = limitsOf(deps);
  if (bytes > limits.maxUploadBytes) {
    throw new UploadRefusedError(
      413,
      `That is more than ${formatSize(limits.maxUploadBytes)}, the most one upload can hold. Send it in parts.`,
    );
  }
  const since = new Date(deps.clock.now().getTime() - DAY_MS).toISOString();
  const sent = await repo.bytesSentSince(deps.database.db, open.scope, open.link.client_id, since);
  if (sent + bytes > limits.dailyBytesPerClient) {
    const left = Math.max(0, limits.dailyBytesPerClient - sent);
    throw new UploadRefusedError(
      429,
      `You can send up to ${formatSize(limits.dailyBytesPerClient)} a day and have ${formatSize(left)} left today. Please send the rest tomorrow.`,
    );
  }
}

/** Records an upload that has begun (its bytes count against the quota from now on); returns its id. */
export async function startUpload(deps: RunsLinkDeps, open: OpenLink, fileName: string, sizeBytes: number): Promise<string> {
  await checkUploadAllowed(deps, open, sizeBytes);
  const id = newId();
  await repo.insertUpload(deps.database.db, open.scope, {
    id,
    client_id: open.link.client_id,
    link_id: open.link.id,
    file_name: fileName.slice(0, 500),
    size_bytes: sizeBytes,
    received_at: deps.clock.now().toISOString(),
    status: "receiving",
    results_json: "[]",
    removed_at: null,
  });
  return id;
}

type StoredResult = { file: string; status: FileOutcome["status"]; reason?: string; message?: string };

/**
 * Runs one received file (an activity file or an export zip) through the practitioner's import
 * pipeline, marking what it makes as sent by the client, and stores the outcome for the page.
 */
export async function importReceivedFile(
  deps: RunsLinkDeps,
  open: OpenLink,
  uploadId: string,
  file: { path: string; name: string },
): Promise<ImportReport> {
  const training = { database: deps.database, clock: deps.clock, blobs: deps.blobs };
  const report = await importUpload(training, open.scope, open.link.client_id, { ...file, runsUploadId: uploadId });
  const current = await repo.findUpload(deps.database.db, open.scope, uploadId);
  const earlier = current ? (JSON.parse(current.results_json) as StoredResult[]) : [];
  const results: StoredResult[] = [
    ...earlier,
    ...report.results.map((r) =>
      r.status === "rejected"
        ? { file: r.file, status: r.status, reason: r.reason, message: r.message }
        : { file: r.file, status: r.status },
    ),
  ];
  await repo.updateUpload(deps.database.db, open.scope, uploadId, {
    status: results.some((r) => r.status !== "rejected") ? "done" : "failed",
    results_json: JSON.stringify(results),
  });
  await audit(deps, open, "import", uploadId, { imported: report.imported, duplicates: report.duplicates, rejected: report.rejected });
  return report;
}

/** Records that an upload ended without a file to import (refused or interrupted). */
export async function failUpload(deps: RunsLinkDeps, open: OpenLink, uploadId: string, message: string): Promise<void> {
  await repo.updateUpload(deps.database.db, open.scope, uploadId, {
    status: "failed",
    results_json: JSON.stringify([{ file: "", status: "rejected", message } satisfies StoredResult]),
  });
}

/** The actual size of an upload once it has arrived (a form post's size is known only then). */
export async function setUploadSize(deps: RunsLinkDeps, open: OpenLink, uploadId: string, sizeBytes: number): Promise<void> {
  await repo.updateUpload(deps.database.db, open.scope, uploadId, { size_bytes: sizeBytes });
}

export interface ReceivedUpload {
  id: string;
  fileName: string;
  receivedAt: string;
  removable: boolean;
  removedAt: string | null;
  activities: { startTime: string; localOffsetMinutes: number | null; distanceM: number; sport: string; sportLabel: string | null }[];
  outcomes: PlainOutcome[];
}

/** What the runner sees on the link's page: every upload through this link, with its activities. */
export async function receivedThroughLink(deps: RunsLinkDeps, open: OpenLink): Promise<ReceivedUpload[]> {
  const uploads = (await repo.listUploadsOfLink(deps.database.db, open.scope, open.link.id)).filter((u) => u.status !== "receiving");
  const activities = await repo.listActivitiesOfUploads(
    deps.database.db,
    open.scope,
    uploads.map((u) => u.id),
  );
  const now = deps.clock.now().getTime();
  return uploads.map((u) => ({
    id: u.id,
    fileName: u.file_name,
    receivedAt: u.received_at,
    removedAt: u.removed_at,
    removable: u.removed_at === null && now - Date.parse(u.received_at) < REMOVE_WINDOW_MS,
    activities: activities
      .filter((a) => a.upload_id === u.id)
      .map((a) => ({
        startTime: a.start_time,
        localOffsetMinutes: a.local_offset_minutes,
        distanceM: Number(a.distance_m),
        sport: a.sport,
        sportLabel: a.sport_label,
      })),
    outcomes: (JSON.parse(u.results_json) as StoredResult[]).map((r) => plainOutcome(r)),
  }));
}

/**
 * Removes an upload through this link and the activities it made, within a day of its arrival.
 * The upload row stays (marked removed) so the practice can see that something was taken back.
 */
export async function removeUpload(deps: RunsLinkDeps, open: OpenLink, uploadId: string): Promise<"removed" | "too_late" | "not_found"> {
  const upload = await repo.findUpload(deps.database.db, open.scope, uploadId);
  if (!upload || upload.link_id !== open.link.id) return "not_found";
  if (upload.removed_at !== null) return "removed";
  if (deps.clock.now().getTime() - Date.parse(upload.received_at) >= REMOVE_WINDOW_MS) return "too_late";
  const shas = await deps.database.db.transaction().execute(async (tx) => {
    const removed = await repo.deleteUploadRecords(tx, open.scope, uploadId);
    await repo.updateUpload(tx, open.scope, uploadId, { removed_at: deps.clock.now().toISOString() });
    // A second recording of a removed run becomes the one that counts.
    if (removed.clientId !== null)
      await relinkSameRuns(tx, open.scope, removed.clientId, removed.startTimes, deps.clock.now().toISOString());
    return removed.shas;
  });
  for (const sha of await unreferencedBlobs(deps.database.db, open.scope, shas)) await deps.blobs.delete(open.scope, sha);
  await audit(deps, open, "delete", uploadId, { files: shas.length });
  return "removed";
}

/** Deletes a temporary file, ignoring one already gone. */
export async function removeTempFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

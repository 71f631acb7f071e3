import { z } from "zod";
import { recordAuditEvent } from "../audit/repository.js";
import type { RequestOrigin } from "../audit/events.js";
import { lockRow } from "../db/concurrency.js";
import type { Database } from "../db/database.js";
import { assertCan } from "../platform/authorize.js";
import { notFound, validationFailed } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { loggableError } from "../shared/loggable-error.js";
import type { Logger } from "../shared/logger.js";
import type { Actor } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { requiredText } from "../shared/validators.js";
import { deleteClientRows, listTrainingFileBlobs, unreferencedBlobs, type ErasedCounts } from "./erase-repository.js";
import { findClient } from "./repository.js";

/** `POST /api/clients/:id/erase`: the client's full name, typed to confirm. */
export const eraseClientRequest = z.strictObject({
  confirm: z.string({ message: "must be the client's full name" }).pipe(requiredText(400)),
});

export interface EraseDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
  logger: Logger;
}

export interface ErasureResult {
  clientId: string;
  /** Rows removed per table, and raw files removed from the blob store. */
  removed: ErasedCounts & { blobs: number };
}

/** The client's full name as the app shows it; typing it confirms an erasure. */
export function fullName(client: { first_name: string; last_name: string }): string {
  return `${client.first_name} ${client.last_name}`.trim();
}

/**
 * Erases a client: every row about them goes in one transaction, together with an "erase" audit
 * event that records how many rows went (never what they held). Their raw training files are
 * removed from the blob store after the commit, unless another of the practice's files has the same
 * bytes. Earlier audit events stay; they hold ids, never health data. Owners only. It runs once:
 * concurrent erasures of the same client wait for the first, then answer 404.
 */
export async function eraseClient(
  deps: EraseDeps,
  actor: Actor,
  clientId: string,
  confirm: string,
  origin: RequestOrigin,
): Promise<ErasureResult> {
  assertCan(actor, "client.erase");
  const { counts, blobs } = await deps.database.db.transaction().execute(async (tx) => {
    // Erasures of one client queue on its row; the first deletes it, and the rest find nothing (404).
    if (!(await lockRow(tx, "client", actor, clientId))) throw notFound("Client");
    const client = await findClient(tx, actor, clientId);
    if (!client) throw notFound("Client");
    if (confirm.trim() !== fullName(client)) {
      throw validationFailed({ confirm: "must be the client's full name, exactly as shown" });
    }
    const blobs = await listTrainingFileBlobs(tx, actor, clientId);
    const counts = await deleteClientRows(tx, actor, clientId);
    await recordAuditEvent(tx, {
      practiceId: actor.practiceId,
      occurredAt: deps.clock.now(),
      actor: { kind: "practitioner", id: actor.practitionerId },
      action: "erase",
      resourceType: "client",
      resourceId: clientId,
      clientId,
      ip: origin.ip,
      userAgent: origin.userAgent,
      outcome: "success",
      detail: counts,
    });
    return { counts, blobs };
  });
  // The rows are gone for good; a blob that fails to go is logged by its key (a hash, no content).
  let removedBlobs = 0;
  for (const sha256 of await unreferencedBlobs(deps.database.db, actor, blobs)) {
    try {
      await deps.blobs.delete(actor, sha256);
      removedBlobs += 1;
    } catch (error) {
      deps.logger.error({ sha256, err: loggableError(error) }, "erased client's file not removed");
    }
  }
  return { clientId, removed: { ...counts, blobs: removedBlobs } };
}

import { CUSTOM_TECHNIQUE_PREFIX } from "../shared/vocabulary/catalogue.js";
import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";
import { clientDocument, clientName, complaintDocument, protocolDocument, sessionDocument, type SearchDocument } from "./documents.js";
import * as repo from "./repository.js";

/**
 * Keeps the search index in step with the record. Services call these inside the transaction
 * that changed the record, so the index never shows what was rolled back; the migration calls
 * `rebuildSearchIndex` once for the records that existed before the index.
 */

function groupBy<T extends { session_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.session_id, [...(out.get(row.session_id) ?? []), row]);
  return out;
}

/** (Re)indexes the selected records, or every record of the practice when `selection` is empty. */
export async function indexRecords(db: Executor, scope: PracticeScope, selection: repo.IndexSelection, now: string): Promise<void> {
  const everything = Object.keys(selection).length === 0;
  const docs: SearchDocument[] = [];
  const wantClients = everything || selection.clientIds !== undefined;
  const clientIds = everything ? undefined : selection.clientIds;

  const complaints =
    everything || selection.complaintIds || selection.clientIds
      ? await repo.loadComplaints(db, scope, selection.complaintIds ? { ids: selection.complaintIds } : { clientIds })
      : [];
  const sessions =
    everything || selection.sessionIds || selection.clientIds
      ? await repo.loadSessions(db, scope, selection.sessionIds ? { ids: selection.sessionIds } : { clientIds })
      : [];
  const namesNeeded = new Set<string>([...complaints.map((c) => c.client_id), ...sessions.map((s) => s.client_id), ...(clientIds ?? [])]);
  const clients = await repo.loadClients(db, scope, everything ? undefined : [...namesNeeded]);
  const names = new Map(clients.map((c) => [c.id, clientName(c)]));
  const needTechniques = sessions.length > 0 || everything || selection.protocolIds !== undefined;
  const custom = new Map(
    needTechniques ? (await repo.loadCustomTechniques(db, scope)).map((t) => [`${CUSTOM_TECHNIQUE_PREFIX}${t.id}`, t.name] as const) : [],
  );

  if (wantClients) {
    const selected = everything ? clients : clients.filter((c) => clientIds?.includes(c.id));
    const injuries = await repo.loadInjuries(
      db,
      scope,
      selected.map((c) => c.id),
    );
    for (const client of selected) {
      const own = injuries.filter((i) => i.client_id === client.id).map((i) => [i.description, i.notes ?? ""].join(" "));
      docs.push(clientDocument(client, own, now));
    }
  }
  for (const complaint of complaints) docs.push(complaintDocument(complaint, names.get(complaint.client_id) ?? "", now));
  if (sessions.length > 0) {
    const ids = sessions.map((s) => s.id);
    const findings = groupBy(await repo.loadFindings(db, scope, ids));
    const steps = groupBy(await repo.loadSteps(db, scope, ids));
    for (const session of sessions) {
      docs.push(
        sessionDocument(
          session,
          findings.get(session.id) ?? [],
          steps.get(session.id) ?? [],
          names.get(session.client_id) ?? "",
          custom,
          now,
        ),
      );
    }
  }
  if (everything || selection.protocolIds) {
    for (const version of await repo.loadLatestProtocolVersions(db, scope, selection.protocolIds)) {
      docs.push(protocolDocument(version, custom, now));
    }
  }
  await repo.replaceDocuments(db, scope, docs);
}

/** A client and everything indexed under their name (complaints, session notes), after a change to the client. */
export function indexClient(db: Executor, scope: PracticeScope, clientId: string, now: string): Promise<void> {
  return indexRecords(db, scope, { clientIds: [clientId] }, now);
}

export function indexComplaint(db: Executor, scope: PracticeScope, complaintId: string, now: string): Promise<void> {
  return indexRecords(db, scope, { complaintIds: [complaintId] }, now);
}

export function indexSession(db: Executor, scope: PracticeScope, sessionId: string, now: string): Promise<void> {
  return indexRecords(db, scope, { sessionIds: [sessionId] }, now);
}

export function indexProtocol(db: Executor, scope: PracticeScope, protocolId: string, now: string): Promise<void> {
  return indexRecords(db, scope, { protocolIds: [protocolId] }, now);
}

/** Erasure: every document about the client goes with the client. */
export function dropClientDocuments(db: Executor, scope: PracticeScope, clientId: string): Promise<number> {
  return repo.deleteClientDocuments(db, scope, clientId);
}

/** Indexes every record of every practice (the migration that creates the index). */
export async function rebuildSearchIndex(db: Executor, now = new Date().toISOString()): Promise<void> {
  for (const practiceId of await repo.listEveryPracticeId(db)) await indexRecords(db, { practiceId }, {}, now);
}

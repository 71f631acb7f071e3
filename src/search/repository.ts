import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { SearchKind } from "../db/tables/search.js";
import type { PracticeScope } from "../shared/scope.js";
import type {
  ClientSource,
  ComplaintSource,
  FindingSource,
  ProtocolSource,
  SearchDocument,
  SessionSource,
  StepSource,
} from "./documents.js";

/** All SQL of the search index: what it reads to build documents, writing them, and the full-text query. */

/** Which records to (re)index; an absent list means all of the practice's. */
export interface IndexSelection {
  clientIds?: readonly string[];
  complaintIds?: readonly string[];
  sessionIds?: readonly string[];
  protocolIds?: readonly string[];
}

const SLICE = 500;

/** Runs `read` over `ids` in slices (bind-parameter limits), or once over everything when `ids` is absent. */
async function inSlices<T>(ids: readonly string[] | undefined, read: (slice: string[] | null) => Promise<T[]>): Promise<T[]> {
  if (ids === undefined) return read(null);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await read(ids.slice(i, i + SLICE))));
  return out;
}

export async function loadClients(db: Executor, scope: PracticeScope, ids: readonly string[] | undefined): Promise<ClientSource[]> {
  return inSlices(ids, async (slice) => {
    let q = db
      .selectFrom("client")
      .select(["id", "first_name", "last_name", "email", "phone", "notes", "goal_event_name"])
      .where("practice_id", "=", scope.practiceId);
    if (slice) q = q.where("id", "in", slice);
    return q.execute();
  });
}

export async function loadInjuries(db: Executor, scope: PracticeScope, clientIds: readonly string[] | undefined) {
  return inSlices(clientIds, async (slice) => {
    let q = db.selectFrom("client_injury").select(["client_id", "description", "notes"]).where("practice_id", "=", scope.practiceId);
    if (slice) q = q.where("client_id", "in", slice);
    return q.orderBy("position").execute();
  });
}

export async function loadComplaints(
  db: Executor,
  scope: PracticeScope,
  sel: { ids?: readonly string[] | undefined; clientIds?: readonly string[] | undefined },
): Promise<ComplaintSource[]> {
  const byClient = sel.clientIds !== undefined;
  return inSlices(byClient ? sel.clientIds : sel.ids, async (slice) => {
    let q = db
      .selectFrom("complaint")
      .select(["id", "client_id", "title", "side", "regions_json", "onset_on", "triggers_json", "notes"])
      .where("practice_id", "=", scope.practiceId);
    if (slice) q = q.where(byClient ? "client_id" : "id", "in", slice);
    return q.execute();
  });
}

export async function loadSessions(
  db: Executor,
  scope: PracticeScope,
  sel: { ids?: readonly string[] | undefined; clientIds?: readonly string[] | undefined },
): Promise<SessionSource[]> {
  const byClient = sel.clientIds !== undefined;
  return inSlices(byClient ? sel.clientIds : sel.ids, async (slice) => {
    let q = db
      .selectFrom("treatment_session")
      .select(["id", "client_id", "started_at", "soap_json", "advice", "entered_in_error_at"])
      .where("practice_id", "=", scope.practiceId);
    if (slice) q = q.where(byClient ? "client_id" : "id", "in", slice);
    return q.execute();
  });
}

export async function loadFindings(db: Executor, scope: PracticeScope, sessionIds: readonly string[]) {
  return inSlices(sessionIds, async (slice) =>
    db
      .selectFrom("session_finding")
      .select(["session_id", "region_code", "side", "texture_descriptor", "note"])
      .where("practice_id", "=", scope.practiceId)
      .where("session_id", "in", slice ?? [])
      .orderBy("position")
      .execute(),
  ) as Promise<(FindingSource & { session_id: string })[]>;
}

export async function loadSteps(db: Executor, scope: PracticeScope, sessionIds: readonly string[]) {
  return inSlices(sessionIds, async (slice) =>
    db
      .selectFrom("session_step")
      .select(["session_id", "technique", "region_code", "side", "note"])
      .where("practice_id", "=", scope.practiceId)
      .where("session_id", "in", slice ?? [])
      .orderBy("position")
      .execute(),
  ) as Promise<(StepSource & { session_id: string })[]>;
}

/** Each protocol's latest version. */
export async function loadLatestProtocolVersions(
  db: Executor,
  scope: PracticeScope,
  ids: readonly string[] | undefined,
): Promise<ProtocolSource[]> {
  const rows = await inSlices(ids, async (slice) => {
    let q = db
      .selectFrom("protocol_version")
      .select(["protocol_id", "version", "name", "description", "steps_json"])
      .where("practice_id", "=", scope.practiceId);
    if (slice) q = q.where("protocol_id", "in", slice);
    return q.execute();
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = latest.get(row.protocol_id);
    if (!seen || Number(row.version) > Number(seen.version)) latest.set(row.protocol_id, row);
  }
  return [...latest.values()];
}

export async function loadCustomTechniques(db: Executor, scope: PracticeScope): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("practice_technique").select(["id", "name"]).where("practice_id", "=", scope.practiceId).execute();
}

/** Every practice on this database (the index is rebuilt for each). */
export async function listEveryPracticeId(db: Executor): Promise<string[]> {
  return (await db.selectFrom("practice").select("id").execute()).map((r) => r.id);
}

/** Replaces the documents with these ids (deleting, then inserting, so the full-text index follows). */
export async function replaceDocuments(db: Executor, scope: PracticeScope, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += SLICE / 5) {
    const slice = docs.slice(i, i + SLICE / 5);
    await db
      .deleteFrom("search_document")
      .where("practice_id", "=", scope.practiceId)
      .where(
        "id",
        "in",
        slice.map((d) => d.id),
      )
      .execute();
    await db
      .insertInto("search_document")
      .values(slice.map((d) => ({ ...d, practice_id: scope.practiceId })))
      .execute();
  }
}

export async function deleteDocuments(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("search_document").where("practice_id", "=", scope.practiceId).where("id", "in", ids).execute();
}

/** Every document about a client (the client, their complaints and session notes): erasure. */
export async function deleteClientDocuments(db: Executor, scope: PracticeScope, clientId: string): Promise<number> {
  const result = await db
    .deleteFrom("search_document")
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SearchHit {
  kind: SearchKind;
  record_id: string;
  client_id: string | null;
  title: string;
  body: string;
  entered_in_error: number;
  occurred_at: string | null;
  first_name: string | null;
  last_name: string | null;
  archived_at: string | null;
}

/**
 * What the databases are asked: an FTS5 MATCH expression on SQLite; on PostgreSQL web-search
 * syntax (websearch_to_tsquery), and-ed with a to_tsquery text for the word matched as the start
 * of a word, when there is one.
 */
export type SearchExpression = { dialect: "sqlite"; fts5: string } | { dialect: "postgres"; websearch: string; prefix: string | null };

/** The practice's documents matching a query, best first, notes entered in error last. */
export async function searchDocuments(
  db: Executor,
  scope: PracticeScope,
  query: SearchExpression,
  kinds: readonly SearchKind[],
  limit: number,
): Promise<SearchHit[]> {
  const base = db
    .selectFrom("search_document as d")
    .leftJoin("client as c", (join) => join.onRef("c.id", "=", "d.client_id").onRef("c.practice_id", "=", "d.practice_id"))
    .select([
      "d.kind",
      "d.record_id",
      "d.client_id",
      "d.title",
      "d.body",
      "d.entered_in_error",
      "d.occurred_at",
      "c.first_name",
      "c.last_name",
      "c.archived_at",
    ])
    .where("d.practice_id", "=", scope.practiceId)
    .where("d.kind", "in", kinds);
  if (query.dialect === "sqlite") {
    return base
      .innerJoin(sql<{ rowid: number; rank: number }>`search_fts`.as("f"), (join) => join.onRef("f.rowid", "=", sql.ref("d.seq")))
      .where(sql<boolean>`search_fts match ${query.fts5}`)
      .orderBy("d.entered_in_error")
      .orderBy(sql`f.rank`)
      .orderBy("d.id")
      .limit(limit)
      .execute();
  }
  const words = sql`websearch_to_tsquery('english', ${query.websearch})`;
  // An empty web-search part (only the word being typed) leaves the start-of-word part alone.
  const tsquery = query.prefix === null ? words : sql`(${words} && to_tsquery('english', ${query.prefix}))`;
  return base
    .where(sql<boolean>`d.terms_tsv @@ ${tsquery}`)
    .orderBy("d.entered_in_error")
    .orderBy(sql`ts_rank(d.terms_tsv, ${tsquery})`, "desc")
    .orderBy("d.id")
    .limit(limit)
    .execute();
}

import { sql, type Insertable, type Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import type {
  ClientConsentEventTable,
  ClientInjuryTable,
  ClientProfileRevisionTable,
  ClientSelfCareTable,
  ClientTable,
  ConsentKind,
} from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type ClientRow = Selectable<ClientTable>;
export type InjuryRow = Selectable<ClientInjuryTable>;
export type SelfCareRow = Selectable<ClientSelfCareTable>;
export type ClientFields = Omit<ClientRow, "id" | "practice_id" | "created_at" | "archived_at" | "version" | "updated_by">;
export type ConsentEventRow = Selectable<ClientConsentEventTable> & { recorded_by_name: string | null };
export type ProfileRevisionRow = Selectable<ClientProfileRevisionTable>;

export async function insertClient(
  db: Executor,
  scope: PracticeScope,
  row: ClientFields & { id: string; created_at: string; updated_by: string | null },
): Promise<void> {
  await db
    .insertInto("client")
    .values({ ...row, practice_id: scope.practiceId, archived_at: null })
    .execute();
}

export async function updateClient(db: Executor, scope: PracticeScope, id: string, fields: Partial<ClientFields>): Promise<void> {
  await db.updateTable("client").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

export async function setClientArchived(
  db: Executor,
  scope: PracticeScope,
  id: string,
  archivedAt: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable("client")
    .set({ archived_at: archivedAt, updated_at: now })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .execute();
}

export async function findClient(db: Executor, scope: PracticeScope, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom("client").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

/** True when another client of the practice already uses this (lower-cased) email. */
export async function isClientEmailTaken(db: Executor, scope: PracticeScope, emailKey: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom("client").select("id").where("practice_id", "=", scope.practiceId).where("email_key", "=", emailKey);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface ClientSearch {
  q?: string | undefined;
  status: "active" | "archived" | "all";
  limit: number;
  offset: number;
}

/** Lists a practice's clients by name; every word of `q` must appear in the name or email. */
export async function listClients(db: Executor, scope: PracticeScope, search: ClientSearch): Promise<{ rows: ClientRow[]; total: number }> {
  let query = db.selectFrom("client").where("practice_id", "=", scope.practiceId);
  if (search.status === "active") query = query.where("archived_at", "is", null);
  if (search.status === "archived") query = query.where("archived_at", "is not", null);
  for (const word of searchWords(search.q)) {
    query = query.where(sql<boolean>`search_text like ${`%${escapeLike(word)}%`} escape '\\'`);
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("last_name").orderBy("first_name").orderBy("id").limit(search.limit).offset(search.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function searchText(fields: { first_name: string; last_name: string; email: string | null }): string {
  return normaliseForSearch([fields.first_name, fields.last_name, fields.email ?? ""].join(" "));
}

/** Lower-case and strip accents, so "Zoë" is found by "zoe". */
function normaliseForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return normaliseForSearch(q)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export async function listInjuries(db: Executor, scope: PracticeScope, clientId: string): Promise<InjuryRow[]> {
  return db
    .selectFrom("client_injury")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("position")
    .execute();
}

export async function replaceInjuries(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  rows: Omit<InjuryRow, "practice_id" | "client_id">[],
): Promise<void> {
  await db.deleteFrom("client_injury").where("practice_id", "=", scope.practiceId).where("client_id", "=", clientId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto("client_injury")
    .values(rows.map((r) => ({ ...r, practice_id: scope.practiceId, client_id: clientId })))
    .execute();
}

export async function listSelfCare(db: Executor, scope: PracticeScope, clientId: string): Promise<SelfCareRow[]> {
  return db
    .selectFrom("client_self_care")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("position")
    .execute();
}

export async function replaceSelfCare(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  rows: Omit<SelfCareRow, "practice_id" | "client_id">[],
): Promise<void> {
  await db.deleteFrom("client_self_care").where("practice_id", "=", scope.practiceId).where("client_id", "=", clientId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto("client_self_care")
    .values(rows.map((r) => ({ ...r, practice_id: scope.practiceId, client_id: clientId })))
    .execute();
}

export async function listConsentEvents(db: Executor, scope: PracticeScope, clientId: string): Promise<ConsentEventRow[]> {
  return db
    .selectFrom("client_consent_event")
    .leftJoin("practitioner", "practitioner.id", "client_consent_event.recorded_by")
    .leftJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("client_consent_event")
    .select("auth_user.name as recorded_by_name")
    .where("client_consent_event.practice_id", "=", scope.practiceId)
    .where("client_consent_event.client_id", "=", clientId)
    .orderBy("client_consent_event.seq")
    .execute();
}

export async function appendConsentEvent(
  db: Executor,
  scope: PracticeScope,
  event: {
    id: string;
    client_id: string;
    kind: ConsentKind;
    granted: number;
    effective_on: string;
    recorded_at: string;
    /** Null when the client recorded it themself through a link (`source` "client_link"). */
    recorded_by: string | null;
    source?: "practitioner" | "client_link";
  },
): Promise<void> {
  const last = await db
    .selectFrom("client_consent_event")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", event.client_id)
    .where("kind", "=", event.kind)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await db
    .insertInto("client_consent_event")
    .values({ ...event, practice_id: scope.practiceId, seq })
    .execute();
}

/**
 * Finds clients by email across practices. Only the command line uses this: whoever runs it
 * has the whole data directory already, and must say which practice when the email is in two.
 */
export async function findClientsByEmailAcrossPractices(
  db: Executor,
  emailKey: string,
): Promise<{ id: string; practice_id: string; practice_name: string }[]> {
  return db
    .selectFrom("client")
    .innerJoin("practice", "practice.id", "client.practice_id")
    .select(["client.id", "client.practice_id", "practice.name as practice_name"])
    .where("client.email_key", "=", emailKey)
    .execute();
}

// Profile revisions

export async function listProfileRevisionRows(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
): Promise<(ProfileRevisionRow & { changed_by_name: string | null })[]> {
  return db
    .selectFrom("client_profile_revision")
    .leftJoin("practitioner", "practitioner.id", "client_profile_revision.changed_by")
    .leftJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("client_profile_revision")
    .select("auth_user.name as changed_by_name")
    .where("client_profile_revision.practice_id", "=", scope.practiceId)
    .where("client_profile_revision.client_id", "=", clientId)
    .orderBy("client_profile_revision.seq")
    .execute();
}

export async function insertProfileRevision(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Insertable<ClientProfileRevisionTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("client_profile_revision")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

import type { Dialect, Executor } from "../db/database.js";
import type { PractitionerRole } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export interface PracticeRow {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
}

export interface PractitionerRow {
  id: string;
  userId: string;
  practiceId: string;
  role: PractitionerRole;
  name: string;
  email: string;
  twoFactorEnabled: boolean;
  createdAt: string;
  /** An assistant the owner lets read clinical notes. */
  clinicalNotesGranted: boolean;
}

export async function countPractices(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("practice")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPractice(db: Executor, practice: PracticeRow & { createdAt: string }): Promise<void> {
  await db
    .insertInto("practice")
    .values({ id: practice.id, name: practice.name, time_zone: practice.timeZone, locale: practice.locale, created_at: practice.createdAt })
    .execute();
}

export async function findPractice(db: Executor, scope: PracticeScope): Promise<PracticeRow | undefined> {
  const row = await db
    .selectFrom("practice")
    .select(["id", "name", "time_zone", "locale"])
    .where("id", "=", scope.practiceId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, timeZone: row.time_zone, locale: row.locale };
}

export async function updatePractice(
  db: Executor,
  scope: PracticeScope,
  fields: { name?: string | undefined; timeZone?: string | undefined; locale?: string | undefined },
): Promise<void> {
  await db
    .updateTable("practice")
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.timeZone !== undefined ? { time_zone: fields.timeZone } : {}),
      ...(fields.locale !== undefined ? { locale: fields.locale } : {}),
    })
    .where("id", "=", scope.practiceId)
    .execute();
}

/** Finds a practice by exact name; used by the CLI, which has no session to take the scope from. */
export async function findPracticeIdsByName(db: Executor, name: string): Promise<string[]> {
  const rows = await db.selectFrom("practice").select("id").where("name", "=", name).execute();
  return rows.map((r) => r.id);
}

export async function isEmailTaken(db: Executor, email: string): Promise<boolean> {
  const row = await db.selectFrom("auth_user").select("id").where("email", "=", email).executeTakeFirst();
  return row !== undefined;
}

/**
 * Writes a sign-in account the way better-auth stores it (user + credential account), so a
 * practitioner and their login are created in one transaction with their practice membership.
 */
export async function insertCredentialUser(
  db: Executor,
  dialect: Dialect,
  user: { id: string; accountId: string; name: string; email: string; passwordHash: string; now: Date },
): Promise<void> {
  const instant = dialect === "sqlite" ? user.now.toISOString() : user.now;
  const yes = dialect === "sqlite" ? 1 : true;
  const no = dialect === "sqlite" ? 0 : false;
  await db
    .insertInto("auth_user")
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      email_verified: yes,
      image: null,
      created_at: instant,
      updated_at: instant,
      two_factor_enabled: no,
    })
    .execute();
  await db
    .insertInto("auth_account")
    .values({
      id: user.accountId,
      account_id: user.id,
      provider_id: "credential",
      user_id: user.id,
      access_token: null,
      refresh_token: null,
      id_token: null,
      access_token_expires_at: null,
      refresh_token_expires_at: null,
      scope: null,
      password: user.passwordHash,
      created_at: instant,
      updated_at: instant,
    })
    .execute();
}

export async function insertPractitioner(
  db: Executor,
  scope: PracticeScope,
  practitioner: { id: string; userId: string; role: PractitionerRole; createdAt: string },
): Promise<void> {
  await db
    .insertInto("practitioner")
    .values({
      id: practitioner.id,
      practice_id: scope.practiceId,
      user_id: practitioner.userId,
      role: practitioner.role,
      created_at: practitioner.createdAt,
    })
    .execute();
}

function practitionerQuery(db: Executor, scope: PracticeScope) {
  return db
    .selectFrom("practitioner")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .select([
      "practitioner.id",
      "practitioner.user_id",
      "practitioner.practice_id",
      "practitioner.role",
      "practitioner.created_at",
      "practitioner.clinical_notes_granted",
      "auth_user.name",
      "auth_user.email",
      "auth_user.two_factor_enabled",
    ])
    .where("practitioner.practice_id", "=", scope.practiceId);
}

type PractitionerSelect = Awaited<ReturnType<ReturnType<typeof practitionerQuery>["executeTakeFirstOrThrow"]>>;

function toPractitioner(row: PractitionerSelect): PractitionerRow {
  return {
    id: row.id,
    userId: row.user_id,
    practiceId: row.practice_id,
    role: row.role,
    name: row.name,
    email: row.email,
    twoFactorEnabled: Boolean(row.two_factor_enabled),
    createdAt: row.created_at,
    clinicalNotesGranted: Number(row.clinical_notes_granted) === 1,
  };
}

export async function listPractitioners(db: Executor, scope: PracticeScope): Promise<PractitionerRow[]> {
  const rows = await practitionerQuery(db, scope).orderBy("auth_user.name").execute();
  return rows.map(toPractitioner);
}

export async function findPractitioner(db: Executor, scope: PracticeScope, id: string): Promise<PractitionerRow | undefined> {
  const row = await practitionerQuery(db, scope).where("practitioner.id", "=", id).executeTakeFirst();
  return row && toPractitioner(row);
}

/**
 * The one lookup that has no practice scope: it is how a signed-in user's scope is found.
 * It is given only the user id that better-auth took from a verified session cookie.
 */
export async function findPractitionerForSessionUser(db: Executor, userId: string): Promise<PractitionerRow | undefined> {
  const row = await db.selectFrom("practitioner").select("practice_id").where("user_id", "=", userId).executeTakeFirst();
  if (!row) return undefined;
  const full = await practitionerQuery(db, { practiceId: row.practice_id }).where("practitioner.user_id", "=", userId).executeTakeFirst();
  return full && toPractitioner(full);
}

export async function updatePractitionerRole(db: Executor, scope: PracticeScope, id: string, role: PractitionerRole): Promise<void> {
  await db.updateTable("practitioner").set({ role }).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

/** Lets an assistant read clinical notes, or takes it back (the owner's grant). */
export async function updateClinicalNotesGrant(db: Executor, scope: PracticeScope, id: string, granted: boolean): Promise<void> {
  await db
    .updateTable("practitioner")
    .set({ clinical_notes_granted: granted ? 1 : 0 })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .execute();
}

export async function countOwners(db: Executor, scope: PracticeScope): Promise<number> {
  const row = await db
    .selectFrom("practitioner")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("practice_id", "=", scope.practiceId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The practitioner an e-mail address signs in as, in any practice, in one query (the same work for
 * a known and an unknown address). Only the sign-in audit uses this: a failed sign-in has no
 * session, so the e-mail it tried is the only clue to its practice.
 */
export async function findPractitionerByEmailAcrossPractices(
  db: Executor,
  email: string,
): Promise<{ id: string; practiceId: string } | undefined> {
  const row = await db
    .selectFrom("auth_user as u")
    .innerJoin("practitioner as p", "p.user_id", "u.id")
    .select(["p.id", "p.practice_id"])
    .where("u.email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && { id: row.id, practiceId: row.practice_id };
}

/** The practitioner a better-auth user is, in any practice (the sign-in and sign-out audit). */
export async function findPractitionerByUserIdAcrossPractices(
  db: Executor,
  userId: string,
): Promise<{ id: string; practiceId: string } | undefined> {
  const row = await db.selectFrom("practitioner").select(["id", "practice_id"]).where("user_id", "=", userId).executeTakeFirst();
  return row && { id: row.id, practiceId: row.practice_id };
}

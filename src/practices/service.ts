import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { assertStrongPassword } from "../platform/password-strength.js";
import type { Database } from "../db/database.js";
import type { PractitionerRole } from "../db/schema.js";
import { assertCan } from "../platform/authorize.js";
import { conflict, notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import type { PractitionerView } from "./schema.js";
import { DEFAULT_LOCALE } from "../shared/dates.js";

export interface NewPractitioner {
  name: string;
  email: string;
  role: PractitionerRole;
  password: string;
}

const DEFAULT_TIME_ZONE = "UTC";

export async function isSetupNeeded(database: Database): Promise<boolean> {
  return (await repo.countPractices(database.db)) === 0;
}

/**
 * Creates a practice and its first practitioner. `onlyIfFirst` is the web setup page's rule:
 * it may create the first practice only, so a stranger cannot add one later.
 */
export async function createPracticeWithOwner(
  database: Database,
  clock: Clock,
  input: { practiceName: string; timeZone?: string | undefined; locale?: string | undefined; owner: NewPractitioner; onlyIfFirst: boolean },
): Promise<{ practiceId: string; practitionerId: string }> {
  await assertStrongPassword(input.owner.password, input.owner);
  const passwordHash = await hashPassword(input.owner.password);
  const now = clock.now();
  const practiceId = newId();
  return database.db.transaction().execute(async (tx) => {
    if (input.onlyIfFirst && (await repo.countPractices(tx)) > 0) {
      throw conflict("already_set_up", "Palpable is already set up; sign in instead");
    }
    await repo.insertPractice(tx, {
      id: practiceId,
      name: input.practiceName,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
      locale: input.locale ?? DEFAULT_LOCALE,
      createdAt: now.toISOString(),
    });
    const practitionerId = await insertPractitionerWithLogin(tx, database, { practiceId }, input.owner, passwordHash, now);
    return { practiceId, practitionerId };
  });
}

/** Adds a practitioner with a sign-in account to an existing practice. */
export async function addPractitioner(
  database: Database,
  clock: Clock,
  scope: PracticeScope,
  input: NewPractitioner,
): Promise<PractitionerView> {
  await assertStrongPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  const id = await database.db.transaction().execute(async (tx) => {
    return insertPractitionerWithLogin(tx, database, scope, input, passwordHash, now);
  });
  const created = await repo.findPractitioner(database.db, scope, id);
  if (!created) throw new Error("practitioner vanished right after it was created");
  return toView(created);
}

export async function insertPractitionerWithLogin(
  tx: Parameters<typeof repo.insertPractice>[0],
  database: Database,
  scope: PracticeScope,
  input: NewPractitioner,
  passwordHash: string,
  now: Date,
): Promise<string> {
  if (await repo.isEmailTaken(tx, input.email)) {
    throw conflict("email_taken", "A practitioner with this email already exists", { email: "is already in use" });
  }
  const userId = newId();
  const practitionerId = newId();
  await repo.insertCredentialUser(tx, database.dialect, {
    id: userId,
    accountId: newId(),
    name: input.name,
    email: input.email,
    passwordHash,
    now,
  });
  await repo.insertPractitioner(tx, scope, { id: practitionerId, userId, role: input.role, createdAt: now.toISOString() });
  return practitionerId;
}

export async function listTeam(database: Database, scope: PracticeScope): Promise<PractitionerView[]> {
  return (await repo.listPractitioners(database.db, scope)).map(toView);
}

export async function changeRole(
  database: Database,
  actor: Actor,
  practitionerId: string,
  change: { role?: PractitionerRole | undefined; clinicalNotesGranted?: boolean | undefined },
): Promise<PractitionerView> {
  requireOwner(actor);
  return database.db.transaction().execute(async (tx) => {
    const target = await repo.findPractitioner(tx, actor, practitionerId);
    if (!target) throw notFound("Practitioner");
    const role = change.role ?? target.role;
    if (target.role === "owner" && role !== "owner" && (await repo.countOwners(tx, actor)) <= 1) {
      throw conflict("last_owner", "A practice needs at least one owner; make someone else owner first", { role: "would leave no owner" });
    }
    if (role !== target.role) await repo.updatePractitionerRole(tx, actor, practitionerId, role);
    const granted = change.clinicalNotesGranted ?? target.clinicalNotesGranted;
    if (granted !== target.clinicalNotesGranted) await repo.updateClinicalNotesGrant(tx, actor, practitionerId, granted);
    return toView({ ...target, role, clinicalNotesGranted: granted });
  });
}

export function requireOwner(actor: Actor): void {
  assertCan(actor, "team.manage");
}

/** A random password handed to a new practitioner once: 20 characters of a 32-letter alphabet (100 bits). */
export function generateTemporaryPassword(): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = randomBytes(20);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
}

function toView(row: repo.PractitionerRow): PractitionerView {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    twoFactorEnabled: row.twoFactorEnabled,
    createdAt: row.createdAt,
    clinicalNotesGranted: row.clinicalNotesGranted,
  };
}

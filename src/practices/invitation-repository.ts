import type { Executor } from "../db/database.js";
import type { TeamInvitationTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

/** Invitations' SQL. Every function is scoped to a practice, except the link lookup, whose token is the credential. */

export type InvitationRow = TeamInvitationTable;

export async function insertInvitation(db: Executor, scope: PracticeScope, row: Omit<InvitationRow, "practice_id">): Promise<void> {
  await db
    .insertInto("team_invitation")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** Invitations not yet accepted and not expired, newest first. */
export async function listOpenInvitations(db: Executor, scope: PracticeScope, now: string): Promise<InvitationRow[]> {
  return db
    .selectFrom("team_invitation")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

export async function findOpenInvitationByEmail(
  db: Executor,
  scope: PracticeScope,
  email: string,
  now: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("team_invitation")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** The invitation a link opens, in whichever practice: the token is the credential. */
export async function findInvitationByTokenHashAcrossPractices(db: Executor, tokenSha256: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("team_invitation").selectAll().where("token_sha256", "=", tokenSha256).executeTakeFirst();
}

/** Marks an invitation used; false when another request used it first. */
export async function claimInvitation(db: Executor, scope: PracticeScope, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("team_invitation")
    .set({ accepted_at: at })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the address is a member of this practice already (the owner can see that anyway). */
export async function isMemberEmail(db: Executor, scope: PracticeScope, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("practitioner")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .select("practitioner.id")
    .where("practitioner.practice_id", "=", scope.practiceId)
    .where("auth_user.email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

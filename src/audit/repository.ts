import type { Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import { preparedStatement } from "../db/prepared.js";
import type { AuditActorKind, AuditEventTable } from "../db/schema.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";

/*
 * The audit log's SQL. Rows are only ever inserted and listed: there is deliberately no update or
 * delete here, and triggers in the database refuse both (migration 0016).
 */

export type AuditEventRow = Selectable<AuditEventTable>;

/** One thing that happened, as a caller describes it. No health content, names or free text. */
export interface AuditEventInput {
  /** The practice it happened in; null only for a failed sign-in with an unknown e-mail. */
  practiceId: string | null;
  occurredAt: Date;
  actor: { kind: AuditActorKind; id: string | null };
  action: string;
  resourceType: string;
  resourceId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  outcome: string;
  /** Small non-health facts: counts, a consent kind, a reason code. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends one event to the log. Export and erasure call this for their own explicit events. */
/** The columns of an event, in the order `auditEventParameters` gives their values. */
export const AUDIT_EVENT_COLUMNS =
  "id, practice_id, occurred_at, actor_kind, actor_id, action, resource_type, resource_id, client_id, ip, user_agent, outcome, detail_json";

/** Every event is one row of the same columns: written without building the insert each time. */
const insertEvent = preparedStatement(
  `insert into audit_events (${AUDIT_EVENT_COLUMNS}) values (${AUDIT_EVENT_COLUMNS.split(", ")
    .map(() => "?")
    .join(", ")})`,
);

/** A new event's row, as values for AUDIT_EVENT_COLUMNS (for a statement that writes it alongside another). */
export function auditEventParameters(event: AuditEventInput): unknown[] {
  return [
    newId(),
    event.practiceId,
    event.occurredAt.toISOString(),
    event.actor.kind,
    event.actor.id,
    event.action,
    event.resourceType,
    event.resourceId ?? null,
    event.clientId ?? null,
    event.ip ?? null,
    event.userAgent ?? null,
    event.outcome,
    event.detail && Object.keys(event.detail).length > 0 ? JSON.stringify(event.detail) : null,
  ];
}

export async function recordAuditEvent(db: Executor, event: AuditEventInput): Promise<void> {
  await insertEvent(db, auditEventParameters(event));
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  clientId?: string | undefined;
  resourceType?: string | undefined;
  /** Events strictly older than this (occurred_at, id) position, for the next page. */
  before?: { occurredAt: string; id: string } | undefined;
  limit: number;
}

export type AuditListRow = AuditEventRow & {
  actor_name: string | null;
  client_first_name: string | null;
  client_last_name: string | null;
};

/**
 * A practice's events, newest first, with the practitioner's name and (while the client exists)
 * the client's name joined in for the owner's view. `from` is inclusive, `to` exclusive.
 */
export async function listAuditEvents(db: Executor, scope: PracticeScope, filter: AuditFilter): Promise<AuditListRow[]> {
  let query = db
    .selectFrom("audit_events as e")
    .leftJoin("practitioner as p", (join) => join.onRef("p.id", "=", "e.actor_id").onRef("p.practice_id", "=", "e.practice_id"))
    .leftJoin("auth_user as u", "u.id", "p.user_id")
    .leftJoin("client as c", (join) => join.onRef("c.id", "=", "e.client_id").onRef("c.practice_id", "=", "e.practice_id"))
    .selectAll("e")
    .select(["u.name as actor_name", "c.first_name as client_first_name", "c.last_name as client_last_name"])
    .where("e.practice_id", "=", scope.practiceId);
  if (filter.from) query = query.where("e.occurred_at", ">=", filter.from);
  if (filter.to) query = query.where("e.occurred_at", "<", filter.to);
  if (filter.actorId) query = query.where("e.actor_id", "=", filter.actorId);
  if (filter.action) query = query.where("e.action", "=", filter.action);
  if (filter.clientId) query = query.where("e.client_id", "=", filter.clientId);
  if (filter.resourceType) query = query.where("e.resource_type", "=", filter.resourceType);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("e.occurred_at", "<", before.occurredAt),
        eb.and([eb("e.occurred_at", "=", before.occurredAt), eb("e.id", "<", before.id)]),
      ]),
    );
  }
  return query.orderBy("e.occurred_at", "desc").orderBy("e.id", "desc").limit(filter.limit).execute();
}

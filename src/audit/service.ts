import { instantOfWallTime } from "../shared/zoned-time.js";
import type { Database } from "../db/database.js";
import { findPractice } from "../practices/repository.js";
import { assertCan } from "../platform/authorize.js";
import { validationFailed } from "../platform/errors.js";
import type { Actor } from "../shared/scope.js";
import * as repo from "./repository.js";
import type { AuditEventView, AuditPage, ListAuditQuery } from "./schema.js";

export interface AuditDeps {
  database: Database;
}

/** The practice's audit log, newest first, one page at a time. Owners only. */
export async function listAuditEvents(deps: AuditDeps, actor: Actor, query: ListAuditQuery): Promise<AuditPage> {
  assertCan(actor, "audit.read");
  const db = deps.database.db;
  const timeZone = (await findPractice(db, actor))?.timeZone ?? "UTC";
  if (query.from && query.to && query.from > query.to) throw validationFailed({ to: "must be on or after from" });
  const rows = await repo.listAuditEvents(db, actor, {
    from: query.from ? startOfLocalDay(query.from, 0, timeZone) : undefined,
    to: query.to ? startOfLocalDay(query.to, 1, timeZone) : undefined,
    actorId: query.actor,
    action: query.action,
    clientId: query.client,
    resourceType: query.resourceType,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map(toView),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurred_at, last.id) : null,
  };
}

function startOfLocalDay(date: string, plusDays: number, timeZone: string): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + plusDays));
  return instantOfWallTime(
    { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  ).toISOString();
}

function encodeCursor(occurredAt: string, id: string): string {
  return Buffer.from(`${occurredAt}|${id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  const [occurredAt, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!occurredAt || !id || extra !== undefined || Number.isNaN(Date.parse(occurredAt))) {
    throw validationFailed({ cursor: "is not a cursor from a previous page" });
  }
  return { occurredAt, id };
}

function toView(row: repo.AuditListRow): AuditEventView {
  const clientName = row.client_first_name !== null ? `${row.client_first_name} ${row.client_last_name ?? ""}`.trim() : null;
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    resource: { type: row.resource_type, id: row.resource_id },
    client: row.client_id ? { id: row.client_id, name: clientName } : null,
    ip: row.ip,
    userAgent: row.user_agent,
    outcome: row.outcome,
    detail: row.detail_json ? (JSON.parse(row.detail_json) as Record<string, unknown>) : null,
  };
}

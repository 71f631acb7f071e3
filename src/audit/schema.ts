import { z } from "zod";
import { calendarDate } from "../shared/validators.js";

const id = (what: string) => z.string().trim().min(1, `must be a ${what} id`).max(100, `must be a ${what} id`);

/** `GET /api/audit` filters. Dates are the practice's local days, `to` included. */
export const listAuditQuery = z.strictObject({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  actor: id("practitioner").optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, "must be an action such as read, update or erase")
    .optional(),
  client: id("client").optional(),
  resourceType: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, "must be a resource type such as client or session")
    .optional(),
  limit: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
  cursor: z
    .string()
    .max(200, "is not a cursor from a previous page")
    .regex(/^[A-Za-z0-9_-]+$/, "is not a cursor from a previous page")
    .optional(),
});
export type ListAuditQuery = z.output<typeof listAuditQuery>;

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actor: { kind: "practitioner" | "client" | "unknown"; id: string | null; name: string | null };
  action: string;
  resource: { type: string; id: string | null };
  /** The client's name while the client exists; null after erasure (the id stays). */
  client: { id: string; name: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

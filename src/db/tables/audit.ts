/** The audit log (append-only). */

export type AuditActorKind = "practitioner" | "client" | "unknown";

export interface AuditEventTable {
  id: string;
  /** Null only for a failed sign-in with an e-mail that matches no practitioner. */
  practice_id: string | null;
  occurred_at: string;
  actor_kind: AuditActorKind;
  /** Practitioner id for practitioners; null for clients (the link is the credential) and unknown actors. */
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  /** The client the resource belongs to, when there is one: kept after erasure so the log stays whole. */
  client_id: string | null;
  ip: string | null;
  /** Truncated user agent. */
  user_agent: string | null;
  outcome: string;
  /** Small JSON object of non-health facts (counts, a status code); never names, answers or free text. */
  detail_json: string | null;
}

import type { Context } from "hono";
import type { AppEnv } from "../platform/context.js";

/*
 * Audit by declaration. A handler states what its request touched; the capture middleware
 * (capture.ts) records exactly that after the handler, with the request's outcome. What a route
 * does (its action and resource type) is its line in `events.ts`; what it touched is known only
 * to the handler and its service, so they say it here. Nothing is inferred from answers or
 * looked up in other modules' tables.
 */

/** Small non-health facts kept with an event: counts, a consent kind, a format. */
export type AuditDetail = Record<string, string | number>;

/** What a request touched, as its handler declares it. */
export interface AuditTouched {
  /** The row read or changed (a new row's id for a create); omitted for lists and practice-wide reads. */
  resourceId?: string | null;
  /** The client whose record it is; null when the request is about no one client. */
  clientId: string | null;
  detail?: AuditDetail;
}

/** On a client's link page there is no signed-in practice: the token opened this one. */
export interface LinkAuditTouched extends AuditTouched {
  practiceId: string;
}

/** The service wrote this request's event itself, inside its own transaction (erasure, intake review). */
export const RECORDED_BY_SERVICE = "recorded_by_service";

export type AuditDeclaration = AuditTouched | LinkAuditTouched | typeof RECORDED_BY_SERVICE;

/** Each request's declaration, kept by the audit module itself (the request context is platform's). */
const declarations = new WeakMap<Context<AppEnv>, AuditDeclaration>();

/**
 * Declares what this signed-in API request touched. Recorded only if the request succeeds; a
 * refused or failed request is recorded from its route alone (and never linked to a client).
 */
export function audit(c: Context<AppEnv>, touched: AuditTouched): void {
  declarations.set(c, touched);
}

/** Declares that the service has recorded this request's event itself, so nothing more is written. */
export function auditRecordedByService(c: Context<AppEnv>): void {
  declarations.set(c, RECORDED_BY_SERVICE);
}

/** Declares what a client's link-page request touched, in the practice its token opened. */
export function auditLinkPage(c: Context<AppEnv>, touched: LinkAuditTouched): void {
  declarations.set(c, touched);
}

/** The declaration a handler made for this request, if any. */
export function declaredAudit(c: Context<AppEnv>): AuditDeclaration | undefined {
  return declarations.get(c);
}

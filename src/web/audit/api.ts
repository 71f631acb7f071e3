import type { AuditPage } from "../../audit/schema";
import { request } from "../api";

const enc = encodeURIComponent;

export type { AuditEventView as AuditEvent } from "../../audit/schema";

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  client?: string;
  resourceType?: string;
}

export const AUDIT_FILTER_KEYS = [
  "from",
  "to",
  "actor",
  "action",
  "client",
  "resourceType",
] as const satisfies readonly (keyof AuditFilters)[];

export interface ErasureResult {
  clientId: string;
  removed: Record<string, number>;
}

/** The audit log (owners) and client erasure. */
export const auditApi = {
  events: (filters: AuditFilters, cursor?: string) => {
    const params = new URLSearchParams();
    for (const key of AUDIT_FILTER_KEYS) {
      const value = filters[key];
      if (value) params.set(key, value);
    }
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    return request<AuditPage>("GET", `/api/audit${query ? `?${query}` : ""}`);
  },
  eraseClient: (clientId: string, confirm: string) =>
    request<{ erased: ErasureResult }>("POST", `/api/clients/${enc(clientId)}/erase`, { confirm }),
};

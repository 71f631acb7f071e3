import { request } from "../api";
import type {
  Complaint,
  ComplaintInput,
  Protocol,
  ProtocolInput,
  ProtocolVersion,
  Revision,
  Session,
  SessionInput,
  Step,
  TimelineItem,
  Vocabulary,
} from "./types";

const enc = encodeURIComponent;

/** The clinical record endpoints (vocabulary, complaints, protocols, sessions, timeline). */
export const clinicalApi = {
  vocabulary: () => request<Vocabulary>("GET", "/api/vocabulary"),
  addTechnique: (name: string) => request<{ technique: Vocabulary["techniques"][number] }>("POST", "/api/techniques", { name }),

  complaints: (clientId: string) => request<{ complaints: Complaint[] }>("GET", `/api/clients/${enc(clientId)}/complaints`),
  createComplaint: (clientId: string, input: ComplaintInput) =>
    request<{ complaint: Complaint }>("POST", `/api/clients/${enc(clientId)}/complaints`, input),
  updateComplaint: (id: string, version: number, input: Partial<ComplaintInput>) =>
    request<{ complaint: Complaint }>("PATCH", `/api/complaints/${enc(id)}`, { ...input, version }),

  protocols: () => request<{ protocols: Protocol[] }>("GET", "/api/protocols"),
  protocol: (id: string) => request<{ protocol: Protocol; versions: ProtocolVersion[] }>("GET", `/api/protocols/${enc(id)}`),
  createProtocol: (input: ProtocolInput) => request<{ protocol: Protocol }>("POST", "/api/protocols", input),
  /** `basedOn`: the protocol version the edit started from; a stale one is refused with 409. */
  newProtocolVersion: (id: string, basedOn: number, input: ProtocolInput) =>
    request<{ protocol: Protocol }>("PUT", `/api/protocols/${enc(id)}`, { ...input, version: basedOn }),

  sessions: (clientId: string) => request<{ sessions: Session[] }>("GET", `/api/clients/${enc(clientId)}/sessions`),
  session: (id: string) => request<{ session: Session }>("GET", `/api/sessions/${enc(id)}`),
  createSession: (clientId: string, input: SessionInput) =>
    request<{ session: Session }>("POST", `/api/clients/${enc(clientId)}/sessions`, input),
  /** Every write names the session's version it was based on; a stale one is refused with 409 stale_version. */
  updateSession: (id: string, version: number, input: Partial<SessionInput>) =>
    request<{ session: Session }>("PATCH", `/api/sessions/${enc(id)}`, { ...input, version }),
  signSession: (id: string, version: number, reason?: string) =>
    request<{ session: Session }>("POST", `/api/sessions/${enc(id)}/sign`, { version, ...(reason ? { reason } : {}) }),
  amendSession: (id: string, version: number, reason: string, changes: Partial<SessionInput>) =>
    request<{ session: Session }>("POST", `/api/sessions/${enc(id)}/amendments`, { reason, changes, version }),
  markEnteredInError: (id: string, reason: string) =>
    request<{ session: Session }>("POST", `/api/sessions/${enc(id)}/entered-in-error`, { reason }),
  /** The practice's recent technique steps (from its latest signed sessions), each once. */
  recentSteps: () => request<{ steps: Step[] }>("GET", "/api/recent-steps"),
  sessionHistory: (id: string) => request<{ revisions: Revision[] }>("GET", `/api/sessions/${enc(id)}/history`),

  /** One page of the timeline, newest first; pass the previous page's `nextCursor` for older items. */
  timeline: (clientId: string, complaintId?: string, cursor?: string) => {
    const query = new URLSearchParams();
    if (complaintId) query.set("complaintId", complaintId);
    if (cursor) query.set("cursor", cursor);
    const suffix = query.size > 0 ? `?${query.toString()}` : "";
    return request<{ items: TimelineItem[]; nextCursor: string | null }>("GET", `/api/clients/${enc(clientId)}/timeline${suffix}`);
  },
};

import { request } from "../api";

/** What GET /api/clients/:id/runs-link answers (runs-link/service.ts runsLinkStatus). */
export interface RunsLinkStatus {
  activeLinks: { createdAt: string; expiresAt: string }[];
  uploads: {
    id: string;
    receivedAt: string;
    fileName: string;
    sizeBytes: number;
    status: "receiving" | "done" | "failed";
    imported: number;
    duplicates: number;
    rejected: number;
    removedAt: string | null;
  }[];
}

const base = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/runs-link`;

export const runsLinkApi = {
  status: (clientId: string) => request<RunsLinkStatus>("GET", base(clientId)),
  /** A new link; its address is shown now only (the server keeps its hash). */
  create: (clientId: string) => request<{ url: string; expiresAt: string }>("POST", base(clientId), {}),
  revoke: (clientId: string) => request<{ revoked: number }>("DELETE", base(clientId)),
};

/** How many recent activities the client sent themselves, and when the latest arrived (last 14 days, not removed). */
export function recentClientSends(status: RunsLinkStatus, now: number): { activities: number; latest: string } | null {
  const since = now - 14 * 24 * 60 * 60 * 1000;
  const recent = status.uploads.filter((u) => u.removedAt === null && u.imported > 0 && Date.parse(u.receivedAt) >= since);
  if (recent.length === 0) return null;
  return { activities: recent.reduce((sum, u) => sum + u.imported, 0), latest: recent[0]?.receivedAt ?? "" };
}

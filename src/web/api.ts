import type { ActivityDetail, ActivityListItem, WeekLoad } from "./training/types";
import type {
  Client,
  ClientInput,
  ClientStatus,
  ClientSummary,
  ConsentKind,
  InvitationResult,
  InvitationView,
  Me,
  Role,
  TeamMember,
} from "./types";

/** Field path (e.g. `running.weeklyKm`, `injuries.0.description`) → message. */
export type FieldErrors = Record<string, string>;

/** Every failed API call throws one of these, whatever shape the server's error body had. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** The rest of the error body, e.g. `current` and `record` of a 409 stale_version. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What a 409 stale_version carries: the record's current version, who changed it, and the record itself. */
export interface StaleVersion<T> {
  version: number;
  updatedBy: { id: string; name: string } | null;
  record: T | undefined;
}

/** The current state of the record when `error` is a 409 stale_version (someone changed it since it was read). */
export function staleVersionOf<T>(error: unknown): StaleVersion<T> | undefined {
  if (!(error instanceof ApiError) || error.code !== "stale_version") return undefined;
  const current = error.details.current;
  if (!isRecord(current) || typeof current.version !== "number") return undefined;
  const by = current.updatedBy;
  return {
    version: current.version,
    updatedBy: isRecord(by) && typeof by.id === "string" && typeof by.name === "string" ? { id: by.id, name: by.name } : null,
    record: error.details.record as T | undefined,
  };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let onUnauthorized: (() => void) | null = null;

/** Called when a signed-in request comes back 401 (the session expired or was revoked). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readFields(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const fields: FieldErrors = {};
  for (const [path, message] of Object.entries(value)) {
    if (typeof message === "string") fields[path] = message;
  }
  return fields;
}

/** Turns our `{ error: {...} }` envelope, better-auth's `{ code, message }` or anything else into an ApiError. */
function toApiError(status: number, body: unknown, path: string): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  if (status === 429) {
    const said = typeof envelope.message === "string" && envelope.message ? envelope.message : "Too many attempts, wait a minute.";
    return new ApiError(status, "rate_limited", said);
  }
  const code = typeof envelope.code === "string" ? envelope.code : `http_${status}`;
  let message = typeof envelope.message === "string" && envelope.message ? envelope.message : "";
  if (path === "/api/auth/sign-in/email" && status === 401) message = "Email or password is incorrect.";
  if (!message) message = status >= 500 ? "The server had a problem. Try again." : `Request failed (${status}).`;
  const fields = readFields(envelope.fields);
  // The API names fields by their path ("running.yearsRunning"); people see the field's words.
  if (code === "validation_failed" && Object.keys(fields).length > 0) message = describeFieldErrors(fields);
  return new ApiError(status, code, message, fields, envelope);
}

/** "Years running: must be at most 90 years", from `{ "running.yearsRunning": "must be at most 90 years" }`. */
export function describeFieldErrors(fields: FieldErrors): string {
  const entries = Object.entries(fields);
  const [path, problem] = entries[0] ?? ["", ""];
  const more = entries.length > 1 ? ` (and ${entries.length - 1} more marked below)` : "";
  // Some modules already name the field in words ("MCID source: must not be empty"): not twice.
  const named = /^[A-Z][^:]*: /.test(problem);
  return `${named ? problem : `${fieldLabel(path)}: ${problem}`}${more}`;
}

/** A field's words from its API path: the last named part, spelled out; a list position as "(item N)". */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const named = parts.filter((part) => !/^\d+$/.test(part));
  const positions = parts.filter((part) => /^\d+$/.test(part)).map((part) => Number(part) + 1);
  const last = named.at(-1) ?? path;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return positions.length > 0 ? `${label} (item ${positions.join(", ")})` : label;
}

/** One JSON API call; throws an ApiError for any failure. Shared by the clinical API module. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers = { Accept: "application/json", "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
  return readResponse<T>(response.status, await response.text(), path);
}

/**
 * Parses an API answer's text: the JSON body when the status is 2xx, else throws an ApiError (and
 * reports a lost session). Shared by fetch and by the XMLHttpRequest file upload.
 */
export function readResponse<T>(status: number, text: string, path: string): T {
  let parsed: unknown = null;
  let unreadable = false;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      unreadable = true;
    }
  }
  if (status < 200 || status > 299) {
    const error = toApiError(status, parsed, path);
    const isAuthRoute = path.startsWith("/api/auth/") || path === "/api/me";
    if (status === 401 && !isAuthRoute) onUnauthorized?.();
    throw error;
  }
  // An HTML page where JSON was expected means a proxy or an old server answered, not the API.
  if (unreadable) throw new ApiError(status, "bad_response", "The server sent an unexpected answer. Try again.");
  return parsed as T;
}

export interface SignInResult {
  twoFactorRedirect?: boolean;
}

/** The client list asks for this many clients at a time; "Show more" asks for the next ones. */
export const CLIENT_PAGE_SIZE = 50;

export interface ClientQuery {
  q: string;
  status: ClientStatus;
}

export const api = {
  setupStatus: () => request<{ needed: boolean }>("GET", "/api/setup"),
  setup: (input: { practiceName: string; timeZone: string; locale: string; name: string; email: string; password: string }) =>
    request<{ practice: { id: string; name: string } }>("POST", "/api/setup", input),

  sessionStatus: () => request<{ signedIn: boolean; setupNeeded: boolean }>("GET", "/api/session"),
  me: () => request<Me>("GET", "/api/me"),
  signIn: (email: string, password: string) => request<SignInResult>("POST", "/api/auth/sign-in/email", { email, password }),
  verifyTotp: (code: string) => request<unknown>("POST", "/api/auth/two-factor/verify-totp", { code }),
  verifyBackupCode: (code: string) => request<unknown>("POST", "/api/auth/two-factor/verify-backup-code", { code }),
  signOut: () => request<unknown>("POST", "/api/auth/sign-out", {}),
  enableTwoFactor: (password: string) =>
    request<{ totpURI: string; backupCodes: string[] }>("POST", "/api/auth/two-factor/enable", { password }),
  disableTwoFactor: (password: string) => request<unknown>("POST", "/api/auth/two-factor/disable", { password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<unknown>("POST", "/api/auth/change-password", {
      currentPassword,
      newPassword,
      revokeOtherSessions: true,
    }),

  team: () => request<{ members: TeamMember[]; invitations: InvitationView[] }>("GET", "/api/team"),
  addMember: (input: { name: string; email: string; role: Role }) => request<InvitationResult>("POST", "/api/team", input),
  setRole: (id: string, role: Role) => request<{ member: TeamMember }>("PATCH", `/api/team/${encodeURIComponent(id)}`, { role }),
  setClinicalNotesGrant: (id: string, clinicalNotesGranted: boolean) =>
    request<{ member: TeamMember }>("PATCH", `/api/team/${encodeURIComponent(id)}`, { clinicalNotesGranted }),

  clients: ({ q, status }: ClientQuery, page: { limit: number; offset: number } = { limit: CLIENT_PAGE_SIZE, offset: 0 }) => {
    const params = new URLSearchParams({ status, limit: String(page.limit), offset: String(page.offset) });
    if (q.trim()) params.set("q", q.trim());
    return request<{ clients: ClientSummary[]; total: number }>("GET", `/api/clients?${params.toString()}`);
  },
  client: (id: string) => request<{ client: Client }>("GET", `/api/clients/${encodeURIComponent(id)}`),
  createClient: (input: ClientInput) => request<{ client: Client }>("POST", "/api/clients", input),
  /** `version`: the client's version when the form was opened; a stale one is refused with 409. */
  updateClient: (id: string, version: number, input: Partial<ClientInput>) =>
    request<{ client: Client }>("PATCH", `/api/clients/${encodeURIComponent(id)}`, { ...input, version }),
  archiveClient: (id: string) => request<{ client: Client }>("POST", `/api/clients/${encodeURIComponent(id)}/archive`, {}),
  restoreClient: (id: string) => request<{ client: Client }>("POST", `/api/clients/${encodeURIComponent(id)}/restore`, {}),
  setConsent: (id: string, kind: ConsentKind, granted: boolean, on?: string) =>
    request<{ client: Client }>("PUT", `/api/clients/${encodeURIComponent(id)}/consents/${kind}`, {
      granted,
      ...(on ? { on } : {}),
    }),

  /** Newest first. Uploads go through training/upload.ts, which reports progress. */
  activities: (clientId: string, limit = ACTIVITY_LIST_LIMIT) =>
    request<{ activities: ActivityListItem[] }>("GET", `/api/clients/${encodeURIComponent(clientId)}/activities?limit=${limit}`),
  /** Oldest first. */
  trainingWeeks: (clientId: string, weeks: number | "all" = "all") =>
    request<{ weeks: WeekLoad[] }>("GET", `/api/clients/${encodeURIComponent(clientId)}/training/weeks?weeks=${weeks}`),
  activity: (id: string) => request<{ activity: ActivityDetail }>("GET", `/api/activities/${encodeURIComponent(id)}`),
  /** A practitioner's correction of the sport; the activity comes back recomputed as that sport. */
  correctSport: (id: string, sport: string) =>
    request<{ activity: ActivityDetail }>("PUT", `/api/activities/${encodeURIComponent(id)}/sport`, { sport }),
};

/** How many activities the training tab lists (the newest). */
export const ACTIVITY_LIST_LIMIT = 500;

/** A readable message for anything a promise rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/** Field errors of an ApiError, or none. */
export function fieldErrors(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}

/**
 * Whether loading a record by id failed because there is no such record for us: unknown ids and
 * other practices' ids both come back as 404, and a malformed id in the path may come back as 400.
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}
